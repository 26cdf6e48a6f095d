/**
 * Lines of the entries of a large export without building a syntax tree of it: each entry's
 * name is searched for in order from where the previous one was found, so a 5,000-role export is
 * read once by JSON.parse and walked once more here.
 */
import { LineIndex } from '../json';

export class Locator {
  private readonly lines: LineIndex;
  private cursor = 0;

  constructor(private readonly text: string) {
    this.lines = new LineIndex(text);
  }

  /** Searches from the start again. */
  rewind(): void {
    this.cursor = 0;
  }

  /** The line of the next `"key":` (an object member named key) after the previous one found (1 when it is not found). */
  find(key: string): number {
    const pattern = new RegExp(`"${escape(key)}"\\s*:`, 'g');
    pattern.lastIndex = this.cursor;
    const match = pattern.exec(this.text);
    if (!match) return 1;
    this.cursor = match.index + match[0].length;
    return this.lines.position(match.index).line;
  }

  /** The line of the next `"key": "value"` pair after the previous one found (1 when it is not found). */
  next(key: string, value: string): number {
    const found = this.search(key, value, this.cursor) ?? this.search(key, value, 0);
    if (found === null) return 1;
    this.cursor = found + 1;
    return this.lines.position(found).line;
  }

  /** Where `"key"` starts before an occurrence of the value from `from` on (plain searches: a large export has thousands). */
  private search(key: string, value: string, from: number): number | null {
    const needle = JSON.stringify(value);
    const member = new RegExp(`"${escape(key)}"\\s*:\\s*$`);
    for (let at = this.text.indexOf(needle, from); at >= 0; at = this.text.indexOf(needle, at + 1)) {
      const before = this.text.slice(Math.max(0, at - key.length - 64), at);
      const match = member.exec(before);
      if (match) return at - before.length + match.index;
    }
    return null;
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `JSON.stringify` as the CLI's configuration files are written: two spaces, a final newline. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
