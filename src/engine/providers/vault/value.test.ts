import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareGoStrings } from './value';

/** Go's order for strings: bytewise over UTF-8, which is code point order. */
function utf8Order(a: string, b: string): number {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return Buffer.compare(x, y);
}

describe('compareGoStrings', () => {
  it('orders as Go compares UTF-8 bytes, surrogate pairs and U+E000–U+FFFF included', () => {
    const unit = fc.constantFrom('a', 'z', 'é', '\u{e000}', '\u{ffff}', '\u{fffd}', '😀', '\u{10000}', 'iss', 'ISS');
    const text = fc.array(unit, { maxLength: 4 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(Math.sign(compareGoStrings(a, b))).toBe(Math.sign(utf8Order(a, b)));
      }),
      { numRuns: 2_000 },
    );
    expect(compareGoStrings('\u{ffff}', '😀')).toBeLessThan(0);
    expect(compareGoStrings('aud', 'AUD')).toBeGreaterThan(0);
  });
});
