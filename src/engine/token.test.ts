import fc from 'fast-check';
import { SignJWT, generateKeyPair, base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { decodeToken, parseClaims, readTokenInput } from './token';

// A GitLab id_tokens payload shape (docs.gitlab.com/ci/secrets/id_token_authentication/).
const payload = { iss: 'https://gitlab.com', sub: 'project_path:mygroup/myproject:ref_type:branch:ref:main', aud: 'https://gitlab.com', ref_protected: 'true', runner_id: 7 };

function segment(value: unknown): string {
  return base64url.encode(new TextEncoder().encode(JSON.stringify(value)));
}

const compact = `${segment({ alg: 'RS256', kid: 'k1', typ: 'JWT' })}.${segment(payload)}.c2lnbmF0dXJl`;

describe('decodeToken', () => {
  it('decodes header and claims through jose, keeping JSON types', () => {
    const outcome = decodeToken(compact);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.token.header).toEqual({ alg: 'RS256', kid: 'k1', typ: 'JWT' });
    expect(outcome.token.claims.ref_protected).toBe('true');
    expect(outcome.token.claims.runner_id).toBe(7);
    expect(outcome.token.kind).toBe('jws');
  });

  it('tolerates surrounding whitespace, wrapped lines and a Bearer prefix (jwt.io#737)', () => {
    const wrapped = `  Bearer ${compact.slice(0, 20)}\n${compact.slice(20)}\n`;
    const outcome = decodeToken(wrapped);
    expect(outcome.ok).toBe(true);
    if (outcome.ok) {
      expect(outcome.token.compact).toBe(compact);
      expect(outcome.token.warnings.join(' ')).toContain('Bearer');
    }
  });

  // GitLab CI exposed the token as the CI_JOB_JWT_V2 variable (docs.gitlab.com/ci/secrets/id_token_authentication/),
  // so `env` and job logs print `CI_JOB_JWT_V2=eyJ…`; an HTTP request carries `Authorization: Bearer eyJ…` (RFC 6750 §2.1).
  it.each([
    ['CI_JOB_JWT_V2=', `CI_JOB_JWT_V2=${compact}`],
    ['export ID_TOKEN=', `export ID_TOKEN="${compact}"`],
    ['GITLAB_OIDC_TOKEN=', `GITLAB_OIDC_TOKEN='${compact}'`],
    ['Authorization: Bearer', `Authorization: Bearer ${compact}`],
    ['authorization:bearer', `authorization:bearer ${compact}`],
  ])('reads a token behind %s and says what was removed', (prefix, text) => {
    const outcome = readTokenInput(text);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.token.compact).toBe(compact);
    expect(outcome.token.claims.runner_id).toBe(7);
    expect(outcome.token.warnings.join(' ')).toContain(`A leading "${prefix}`);
  });

  it('says how many segments a wrong token has', () => {
    const outcome = decodeToken('abc.def');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.message).toContain('this input has 2');
  });

  it('recognises and explains a 5-segment JWE (RFC 7516 compact serialization)', () => {
    // The protected header of RFC 7516 appendix A.1 names its content encryption in "enc".
    const outcome = decodeToken(`${segment({ alg: 'RSA-OAEP', enc: 'A256GCM' })}.b.c.d.e`);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.message).toMatch(/encrypted token \(JWE/);
    // Five segments without "enc" are not a JWE.
    const glued = decodeToken(`${segment({ alg: 'RS256' })}.b.c.d.e`);
    expect(!glued.ok && glued.error.message).toContain('more than one token');
  });

  it('names the segment that is not base64url', () => {
    const outcome = decodeToken(`${segment({ alg: 'RS256' })}.pay*load.sig`);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.message).toContain('payload segment is not valid base64url');
  });

  it('names the segment that is not JSON', () => {
    const notJson = base64url.encode(new TextEncoder().encode('not json'));
    const outcome = decodeToken(`${notJson}.${segment(payload)}.sig`);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.message).toContain('header segment is not JSON');
  });

  it('flags alg none as unsigned', () => {
    const outcome = decodeToken(`${segment({ alg: 'none' })}.${segment(payload)}.`);
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(outcome.token.warnings.join(' ')).toContain('"alg": "none"');
  });

  it('decodes a real signed token', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const jwt = await new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: 'gitlab' }).sign(privateKey);
    const outcome = decodeToken(jwt);
    expect(outcome.ok && outcome.token.claims.sub).toBe(payload.sub);
  });

  it('never throws on random input and always explains a failure (10,000 runs)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.array(fc.string(), { maxLength: 6 }).map((parts) => parts.join('.'))), (input) => {
        const outcome = decodeToken(input);
        if (!outcome.ok) {
          expect(outcome.error.message.length).toBeGreaterThan(0);
          expect(outcome.error.source.line).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 10_000 },
    );
  });

  it('round-trips any JSON object payload (oracle: JSON.stringify/parse)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (claims) => {
        const outcome = decodeToken(`${segment({ alg: 'RS256' })}.${segment(claims)}.`);
        expect(outcome.ok).toBe(true);
        if (outcome.ok) expect(outcome.token.claims).toEqual(JSON.parse(JSON.stringify(claims)));
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('parseClaims', () => {
  it('accepts a JSON object of claims as an unsigned token', () => {
    const outcome = parseClaims(JSON.stringify(payload));
    expect(outcome.ok && outcome.token.kind).toBe('claims');
  });

  it('locates a JSON error at line and column', () => {
    const outcome = parseClaims('{\n  "iss": "x",\n  "sub" "y"\n}');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error.message).toContain('line 3, column 9');
      expect(outcome.error.source.line).toBe(3);
    }
  });

  it('refuses arrays and scalars', () => {
    expect(parseClaims('[1,2]').ok).toBe(false);
    expect(parseClaims('"x"').ok).toBe(false);
  });

  it('handles deeply nested JSON without throwing', () => {
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    expect(() => parseClaims(deep)).not.toThrow();
  });

  it('never throws on random text or random JSON (10,000 runs each)', () => {
    fc.assert(fc.property(fc.string(), (text) => void parseClaims(text)), { numRuns: 10_000 });
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const outcome = parseClaims(JSON.stringify(value));
        const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
        expect(outcome.ok).toBe(isObject);
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('readTokenInput', () => {
  it('routes JSON objects to claims and everything else to the JWS decoder', () => {
    expect(readTokenInput('  {"sub":"x"}').ok && 'claims').toBe('claims');
    const jws = readTokenInput(compact);
    expect(jws.ok && jws.token.kind).toBe('jws');
  });
});
