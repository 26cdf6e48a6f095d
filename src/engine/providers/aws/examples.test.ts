// Each example's decision and message are asserted with the whole gallery (src/engine/examples.test.ts).
import { describe, expect, it } from 'vitest';
import { examples } from './examples';

describe('aws gallery examples', () => {
  it('has the default example, unique ids, and cites a source for each', () => {
    const ids = examples.map((example) => example.id);
    expect(ids).toContain('gitlab-aws-branch');
    expect(new Set(ids).size).toBe(ids.length);
    for (const example of examples) expect(example.source, example.id).toMatch(/^https:\/\//);
  });
});
