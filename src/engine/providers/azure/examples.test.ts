// Every gallery example is evaluated through the engine's entry point and must give its stated outcome.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../evaluate';
import { claimsToken } from '../../token';
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

  for (const example of examples) {
    it(`${example.id}: ${example.expect.decision}`, () => {
      // Detected from the configuration's shape, as the web app does.
      const result = evaluate({ policyText: example.policy, token: { ok: true, token: claimsToken(example.claims) }, at: example.at, options: example.options });
      expect(result.provider).toBe('azure');
      expect(result.decision, result.message).toBe(example.expect.decision);
      if (example.expect.message) expect(result.message).toContain(example.expect.message);
    });
  }
});
