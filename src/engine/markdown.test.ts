import fc from 'fast-check';
// The Markdown renderer Monaco's hovers use (a dependency of monaco-editor), as the oracle.
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from './markdown';

function render(text: string): string {
  return marked.parseInline(text, { async: false, gfm: true }) as string;
}

function decodeEntities(html: string): string {
  return html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

describe('escapeMarkdown', () => {
  it('renders a hostile sub as text: no link, image or autolink', () => {
    const hostile = ['x` [verify](http://attacker.example/login) `', '![](data:image/png;base64,AAAA)', 'see https://attacker.example and www.attacker.example or a@attacker.example', '<img src=x onerror=alert(1)>', '[a]: http://x'];
    for (const value of hostile) {
      const html = render(escapeMarkdown(`sub is ${value}`));
      expect(html).not.toMatch(/<a |<img|<code/);
      expect(decodeEntities(html)).toBe(`sub is ${value}`);
    }
  });

  it('property: any text without line breaks renders as exactly itself, with no markup', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii' }).filter((text) => !/[\r\n]/.test(text) && text.trim() === text && !/\s{2}/.test(text) && !text.includes('\0')), (text) => {
        const html = render(escapeMarkdown(text));
        expect(html).not.toMatch(/<(a|img|code|em|strong|del|br)\b/);
        expect(decodeEntities(html)).toBe(text);
      }),
    );
  });
});
