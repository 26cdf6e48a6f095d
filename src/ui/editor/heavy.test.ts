import { describe, expect, it } from 'vitest';
import { HEAVY_NESTING, HEAVY_TEXT_LENGTH, isHeavyText } from './heavy';

describe('heavy texts for the editor', () => {
  it('is heavy past the length or the nesting, and only then', () => {
    expect(isHeavyText('x'.repeat(HEAVY_TEXT_LENGTH))).toBe(false);
    expect(isHeavyText('x'.repeat(HEAVY_TEXT_LENGTH + 1))).toBe(true);
    expect(isHeavyText(`${'['.repeat(HEAVY_NESTING)}${']'.repeat(HEAVY_NESTING)}`)).toBe(false);
    expect(isHeavyText(`${'['.repeat(HEAVY_NESTING + 1)}${']'.repeat(HEAVY_NESTING + 1)}`)).toBe(true);
    expect(isHeavyText(`x: ${'{a: '.repeat(10_000)}`)).toBe(true);
    // Brackets in strings are text, and closing brackets end levels.
    expect(isHeavyText(JSON.stringify({ a: '['.repeat(10_000) }))).toBe(false);
    expect(isHeavyText('[]'.repeat(10_000))).toBe(false);
  });
});
