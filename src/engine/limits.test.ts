import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonBytesBound, tokenLimitProblem } from './limits';
import { PROVIDER_FACES } from './providers/faces';
import { claimsToken, type Token } from './token';

const utf8Length = (text: string) => new TextEncoder().encode(text).length;
const { aws, vault } = PROVIDER_FACES;
// The AWS query protocol's validation error for WebIdentityToken's length constraint.
const AWS_TOKEN_TOO_LONG = "1 validation error detected: Value at 'webIdentityToken' failed to satisfy constraint: Member must have length less than or equal to 20000";

describe('token limits', () => {
  // AWS STS AssumeRoleWithWebIdentity, WebIdentityToken "Maximum length of 20000"
  // (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html).
  it('refuses crafted AWS claims whose payload alone is longer than the WebIdentityToken limit', () => {
    const long = claimsToken({ iss: 'https://gitlab.com', sub: 'x'.repeat(15_100) });
    expect(tokenLimitProblem(aws, long)?.message).toBe(AWS_TOKEN_TOO_LONG);
    const fits = claimsToken({ iss: 'https://gitlab.com', sub: 'x'.repeat(14_000) });
    expect(tokenLimitProblem(aws, fits)).toBeNull();
  });

  it('counts UTF-8 bytes: 5,100 three-byte characters exceed it, as many ASCII ones do not', () => {
    expect(tokenLimitProblem(aws, claimsToken({ sub: '€'.repeat(5_100) }))?.message).toBe(AWS_TOKEN_TOO_LONG);
    expect(tokenLimitProblem(aws, claimsToken({ sub: 'e'.repeat(5_100) }))).toBeNull();
  });

  it('counts a plain ASCII claim at its length, so a long sub under the limit needs no serialisation', () => {
    const claims = { iss: 'https://gitlab.com', sub: `project_path:g/${'p'.repeat(10_000)}:ref_type:branch:ref:main` };
    expect(jsonBytesBound(claims)).toBeLessThanOrEqual(utf8Length(JSON.stringify(claims)) + 8);
    // One quote inside makes the string count as possibly wide: the bound stays safe, not tight.
    expect(jsonBytesBound({ sub: `"${'p'.repeat(100)}` })).toBeGreaterThan(600);
  });

  it('measures a decoded token by its compact form, as STS receives it', () => {
    const jws = (length: number): Token => ({ kind: 'jws', header: { alg: 'RS256' }, claims: { sub: 'x' }, compact: 'a'.repeat(length), warnings: [] });
    expect(tokenLimitProblem(aws, jws(20_001))?.message).toBe(AWS_TOKEN_TOO_LONG);
    expect(tokenLimitProblem(aws, jws(20_000))).toBeNull();
  });

  it('applies the AWS length only to AWS', () => {
    expect(tokenLimitProblem(vault, claimsToken({ sub: 'x'.repeat(30_000) }))).toBeNull();
  });

  it('the cheap size bound never undercounts the serialised claims (so no long token slips through)', () => {
    expect(jsonBytesBound([[], {}])).toBeGreaterThanOrEqual(utf8Length('[[],{}]'));
    expect(jsonBytesBound([[[[]]], [], {}, { a: [] }])).toBeGreaterThanOrEqual(utf8Length(JSON.stringify([[[[]]], [], {}, { a: [] }])));
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(jsonBytesBound(value)).toBeGreaterThanOrEqual(utf8Length(JSON.stringify(value) ?? ''));
      }),
      { numRuns: 20_000 },
    );
  });
});
