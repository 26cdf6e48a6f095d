// Each example's decision and message are asserted with the whole gallery (src/engine/examples.test.ts).
import { describe, expect, it } from 'vitest';
import { examples } from './examples';

describe('azure gallery examples', () => {
  it('has ids prefixed azure- and the required scenarios', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const example of examples) {
      expect(example.id).toMatch(/^azure-[a-z0-9-]+$/);
      expect(example.provider).toBe('azure');
      expect(example.source).toMatch(/^https:\/\//);
    }
    expect(new Set(examples.map((e) => e.id)).size).toBe(examples.length);
  });
});
