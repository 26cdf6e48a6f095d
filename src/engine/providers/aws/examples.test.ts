import { describe, expect, it } from 'vitest';
import { evaluate } from '../../evaluate';
import { claimsToken } from '../../token';
import { examples } from './examples';

describe('aws gallery examples', () => {
  it('has the default example and unique ids', () => {
    const ids = examples.map((example) => example.id);
    expect(ids).toContain('gitlab-aws-branch');
    expect(new Set(ids).size).toBe(ids.length);
  });

  for (const example of examples) {
    // Each example cites its own source (example.source); the expectation is what that source says.
    it(`${example.id} evaluates to ${example.expect.decision}`, () => {
      const result = evaluate({ policyText: example.policy, token: { ok: true, token: claimsToken(example.claims) }, at: example.at, options: example.options });
      expect(result.provider).toBe('aws');
      expect(result.decision).toBe(example.expect.decision);
      if (example.expect.message) expect(result.message).toContain(example.expect.message);
      expect(example.source).toMatch(/^https:\/\//);
    });
  }
});
