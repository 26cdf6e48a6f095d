// `matches`: "single-character (denoted by ?) and multi-character (denoted by *) wildcard matching"
// — MicrosoftDocs/entra-docs docs/workload-id/workload-identities-flexible-federated-identity-credentials.md
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainPatternMismatch, matchesPattern } from './matching';

function oracle(pattern: string, text: string): boolean {
  const source = [...pattern]
    .map((char) => (char === '*' ? '[\\s\\S]*' : char === '?' ? '[\\s\\S]' : char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'u').test(text);
}

describe('matchesPattern', () => {
  it('lets * cross / so refs/heads/* covers nested branches (doc example, case A6)', () => {
    expect(matchesPattern('repo:contoso/contoso-repo:ref:refs/heads/*', 'repo:contoso/contoso-repo:ref:refs/heads/feature/x').matched).toBe(true);
  });

  it('makes ? exactly one character: ???? refuses master (doc example, case A8b)', () => {
    const pattern = 'repo:contoso/contoso-repo-*:ref:refs/heads/????';
    expect(matchesPattern(pattern, 'repo:contoso/contoso-repo-api:ref:refs/heads/main').matched).toBe(true);
    expect(matchesPattern(pattern, 'repo:contoso/contoso-repo-api:ref:refs/heads/master').matched).toBe(false);
  });

  it('is case-sensitive and anchored', () => {
    expect(matchesPattern('repo:a/b:*', 'repo:A/b:x').matched).toBe(false);
    expect(matchesPattern('repo:a/b:*', 'repo:A/b:x', { ignoreCase: true }).matched).toBe(true);
    expect(matchesPattern('a', 'ba').matched).toBe(false);
    expect(matchesPattern('a', 'ab').matched).toBe(false);
  });

  it('agrees with a regular-expression oracle', () => {
    const chars = fc.constantFrom('a', 'b', '/', ':', '*', '?', '.', 'é', '😀');
    const text = fc.array(fc.constantFrom('a', 'b', '/', ':', '.', 'é', '😀', '*', '?'), { maxLength: 14 }).map((c) => c.join(''));
    const pattern = fc.array(chars, { maxLength: 10 }).map((c) => c.join(''));
    fc.assert(
      fc.property(pattern, text, (p, t) => {
        expect(matchesPattern(p, t).matched).toBe(oracle(p, t));
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees with the oracle on arbitrary strings too', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 16 }), (p, t) => {
        expect(matchesPattern(p, t).matched).toBe(oracle(p, t));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('explainPatternMismatch', () => {
  it('points at the fixed start, the fixed end or a missing middle', () => {
    expect(explainPatternMismatch('repo:a/b:ref:refs/heads/*', 'repo:a/b:pull_request')).toBe(
      'differs at character 10: the pattern starts with `repo:a/b:ref:refs/heads/`, the token has `pull_request` from there',
    );
    expect(explainPatternMismatch('o/r/.github/workflows/*@refs/heads/main', 'o/r/.github/workflows/x.yml@refs/heads/dev')).toMatch(
      /^the pattern must end with `@refs\/heads\/main`/,
    );
    expect(explainPatternMismatch('a*-prod-*z', 'a-dev-z')).toMatch(/middle part `-prod-` must appear/);
    expect(explainPatternMismatch('????', 'master')).toMatch(/exactly 4 characters long; the token's has 6/);
  });

  it('never throws on a non-matching pair', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), (p, t) => {
        if (!matchesPattern(p, t).matched) expect(explainPatternMismatch(p, t).length).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  });
});
