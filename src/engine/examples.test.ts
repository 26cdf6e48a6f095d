/**
 * The gallery as a whole: docs link to `#example=<id>`, so ids must be unique and stable, every
 * example must keep its promised decision, and the configuration must be recognisable without
 * naming the provider (the app detects it the same way).
 */
import { describe, expect, it } from 'vitest';
import { detectProvider, evaluate } from './evaluate';
import { DEFAULT_EXAMPLE_ID, EXAMPLES, exampleById } from './examples';
import { claimsToken } from './token';

describe('gallery', () => {
  it('has unique kebab-case ids and covers every provider with GitLab and GitHub tokens', () => {
    const ids = EXAMPLES.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    const providers = new Set(EXAMPLES.map((e) => e.provider));
    expect([...providers].sort()).toEqual(['aws', 'azure', 'gcp', 'vault']);
    expect(EXAMPLES.some((e) => e.ci === 'gitlab')).toBe(true);
    expect(EXAMPLES.some((e) => e.ci === 'github')).toBe(true);
    expect(EXAMPLES.some((e) => e.expect.decision === 'allow')).toBe(true);
    expect(EXAMPLES.some((e) => e.expect.decision === 'deny')).toBe(true);
  });

  it('opens on the GitLab → AWS example, which is allowed', () => {
    const example = exampleById(DEFAULT_EXAMPLE_ID);
    expect(example?.provider).toBe('aws');
    expect(example?.ci).toBe('gitlab');
    expect(example?.expect.decision).toBe('allow');
  });

  for (const example of EXAMPLES) {
    it(`${example.id} is detected as ${example.provider} and evaluates to ${example.expect.decision}`, () => {
      const detection = detectProvider(example.policy);
      expect(detection).toEqual({ ok: true, provider: example.provider });
      const result = evaluate({ policyText: example.policy, token: { ok: true, token: claimsToken(example.claims) }, at: example.at, options: example.options });
      expect(result.decision, result.message).toBe(example.expect.decision);
      if (example.expect.message) expect(result.message).toContain(example.expect.message);
      // A refusal always names the check the service reports.
      if (result.decision === 'deny') expect(result.checks.filter((check) => check.decisive)).toHaveLength(1);
    });
  }
});
