import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectProvider, evaluate } from './evaluate';
import { EXAMPLES } from './examples';
import { claimsToken, parseClaims } from './token';
import { PROVIDER_IDS } from './result';

const token = { ok: true as const, token: claimsToken({ iss: 'https://gitlab.com', sub: 'x', aud: 'y', exp: 2000, iat: 1000 }) };

describe('detectProvider', () => {
  it('reports unknown and located errors instead of guessing', () => {
    const unknown = detectProvider('{"hello": "world"}');
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.message).toContain('unknown provider');
    const broken = detectProvider('{"Statement": [');
    expect(broken.ok).toBe(false);
  });
});

describe('evaluate', () => {
  it('never throws, whatever the configuration text and provider (random input)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v))),
        fc.constantFrom(null, ...PROVIDER_IDS),
        (policyText, provider) => {
          const result = evaluate({ policyText, provider, token, at: 1500 });
          expect(['allow', 'deny', 'error']).toContain(result.decision);
          expect(typeof result.message).toBe('string');
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('answers every gallery configuration in the service\'s terms, whatever JSON the pasted claims hold (random claims)', () => {
    // Pasted claims are parsed into objects without a prototype; a claim of the wrong type (an
    // object where a string belongs) must reach the service's refusal, not an internal error.
    const registered = ['iss', 'aud', 'azp', 'sub', 'iat', 'exp', 'nbf'];
    fc.assert(
      fc.property(
        fc.constantFrom(...EXAMPLES),
        fc.dictionary(fc.constantFrom(...registered, 'project_path', 'ref', 'repository', 'namespace_path', 'groups', 'environment'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
        (example, changes) => {
          const claimsText = JSON.stringify({ ...example.claims, ...changes });
          const result = evaluate({ policyText: example.policy, provider: example.provider, token: parseClaims(claimsText), at: example.at, options: example.options });
          expect(['allow', 'deny', 'error']).toContain(result.decision);
          expect(result.message, claimsText).not.toMatch(/internal error/);
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('always reports the signature check first, as skipped without key material', () => {
    const result = evaluate({ policyText: '{"hello": 1}', provider: 'aws', token, at: 1500 });
    expect(result.checks[0]).toMatchObject({ id: 'token.signature', result: 'skip' });
  });

  it('turns a bad token into an error result that says the token is at fault', () => {
    const policyText = JSON.stringify(JSON.parse(readFileSync(resolve(import.meta.dirname, '../../fixtures/cases/aws/A01.json'), 'utf8')).policy);
    const result = evaluate({ policyText, provider: 'aws', token: { ok: false, error: { message: 'broken', source: { line: 1, column: 1, endLine: 1, endColumn: 2 } } }, at: 0 });
    expect(result.decision).toBe('error');
    expect(result.details.inputError).toBe('token');
  });
});
