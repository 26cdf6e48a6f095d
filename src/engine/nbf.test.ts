import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate';
import { exampleById } from './examples';
import { claimsToken } from './token';

function run(id: string, nbfOffset: number) {
  const example = exampleById(id)!;
  return evaluate({ provider: example.provider, policyText: example.policy, token: { ok: true, token: claimsToken({ ...example.claims, nbf: example.at + nbfOffset }) }, at: example.at });
}

// RFC 7519 §4.1.5: "the current date/time MUST be after or equal to the not-before date/time".
// Neither AWS nor Google documents nbf handling of its own (semantics aws.md, gcp.md say nothing);
// AWS documents five minutes of clock skew for exp and is taken to allow the same before nbf.
describe('a token whose nbf is in the future', () => {
  it('AWS refuses it an hour early, with the checked nbf in the trace', () => {
    const result = run('github-aws-branch', 3600);
    expect(result.decision).toBe('deny');
    expect(result.message).toMatch(/^InvalidIdentityToken:/);
    expect(result.checks.find((check) => check.decisive)?.id).toBe('token.nbf');
  });

  it('AWS allows it within its five minutes of clock skew', () => {
    expect(run('github-aws-branch', 240).decision).toBe('allow');
  });

  it('Google refuses it an hour early, and a second early', () => {
    for (const offset of [3600, 1]) {
      const result = run('gcp-github-recommended', offset);
      expect(result.decision).toBe('deny');
      expect(result.checks.find((check) => check.decisive)?.id).toBe('token.nbf');
    }
    expect(run('gcp-github-recommended', 0).decision).toBe('allow');
  });
});

describe('nbf property', () => {
  it('AWS refuses exactly when nbf is more than five minutes away; Google when it is in the future', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(fc.integer({ min: -7200, max: 7200 }), (offset) => {
        expect(run('github-aws-branch', offset).decision).toBe(offset > 300 ? 'deny' : 'allow');
        expect(run('gcp-github-recommended', offset).decision).toBe(offset > 0 ? 'deny' : 'allow');
      }),
      { numRuns: 60 },
    );
  });
});
