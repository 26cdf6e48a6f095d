import fc from 'fast-check';
import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { GITLAB_DOCS_EXAMPLE_CLAIMS } from '../claims/examples';
import { decodeToken } from '../token';
import { REDACTABLE_CLAIMS, REDACTED, redactClaims, redactedClaimsMentioned, stripSignature } from './redact';
import { containsSignature } from './signatures';

const segment = (value: object) => base64url.encode(JSON.stringify(value));
const header = { alg: 'RS256', kid: 'k1', typ: 'JWT' };
// GitLab id_token claims (https://docs.gitlab.com/ci/secrets/id_token_authentication/#token-payload).
const gitlabClaims = GITLAB_DOCS_EXAMPLE_CLAIMS;
const compact = `${segment(header)}.${segment(gitlabClaims)}.c2lnbmF0dXJlLWJ5dGVz`;

// Optional masking of jti, run ids, sha and actor fields before sharing
// (README, "Privacy": share links carry no signature unless asked).
describe('redactClaims', () => {
  it('masks identifying claims and keeps the ones policies bind', () => {
    const { claims, redacted } = redactClaims(gitlabClaims);
    expect(redacted.sort()).toEqual(['job_id', 'jti', 'pipeline_id', 'sha', 'user_email', 'user_id', 'user_identities', 'user_login']);
    expect(claims.user_email).toBe(REDACTED);
    expect(claims.user_identities).toEqual([]);
    for (const kept of ['project_id', 'namespace_id', 'runner_id', 'sub', 'ref', 'aud', 'iss']) expect(claims[kept]).toEqual(gitlabClaims[kept]);
  });

  it('masks GitHub Actions run and actor claims', () => {
    // https://docs.github.com/en/actions/reference/security/oidc#oidc-token-claims
    const { claims, redacted } = redactClaims({ actor: 'octocat', actor_id: '12', run_id: '99', repository_id: '74', repository_owner_id: '65' });
    expect(redacted.sort()).toEqual(['actor', 'actor_id', 'run_id']);
    expect(claims).toEqual({ actor: REDACTED, actor_id: REDACTED, run_id: REDACTED, repository_id: '74', repository_owner_id: '65' });
  });

  it('keeps each masked value of the same JSON type', () => {
    const { claims } = redactClaims({ job_id: 302, user_identities: { a: 1 }, jti: null, sha: true });
    expect(claims).toEqual({ job_id: 0, user_identities: {}, jti: null, sha: true });
  });

  it('never mutates its input, and treats a claim named __proto__ as a claim', () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "jti": "x"}') as Record<string, unknown>;
    const { claims } = redactClaims(input);
    expect(input.jti).toBe('x');
    expect(Object.getPrototypeOf(claims)).toBe(Object.prototype);
    expect(Object.keys(claims)).toEqual(['__proto__', 'jti']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('changes only redactable claims and reports exactly the changed ones (property)', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.oneof(fc.constantFrom(...REDACTABLE_CLAIMS), fc.string({ maxLength: 8 })), fc.jsonValue({ maxDepth: 2 }), { noNullPrototype: true }),
        (input) => {
          const { claims, redacted } = redactClaims(input);
          expect(Object.keys(claims)).toEqual(Object.keys(input));
          for (const [name, value] of Object.entries(input)) {
            if (!REDACTABLE_CLAIMS.includes(name)) expect(claims[name]).toBe(value);
            const changed = JSON.stringify(claims[name]) !== JSON.stringify(value);
            expect(redacted.includes(name)).toBe(changed);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

// "remove the signature by default (header.payload.)" (README, "Privacy").
describe('stripSignature', () => {
  it('keeps a decodable JWS with the same header and claims and an empty signature', () => {
    const stripped = stripSignature(compact);
    expect(stripped).toBe(`${compact.split('.').slice(0, 2).join('.')}.`);
    expect(stripped).not.toContain('c2lnbmF0dXJlLWJ5dGVz');
    const decoded = decodeToken(stripped);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.token.header).toEqual(header);
    expect(decoded.token.claims).toEqual(gitlabClaims);
    expect(decoded.token.warnings.some((w) => w.includes('signature segment is empty'))).toBe(true);
  });

  it('cleans pasted input the way the decoder does', () => {
    const pasted = `  Bearer ${compact.slice(0, 40)}\n${compact.slice(40)}  `;
    expect(stripSignature(pasted)).toBe(stripSignature(compact));
  });

  it('completes header.payload and leaves anything else as it is', () => {
    expect(stripSignature('aaa.bbb')).toBe('aaa.bbb.');
    expect(stripSignature('a.b.c.d.e')).toBe('a.b.c.d.e');
    expect(stripSignature('not a token')).toBe('notatoken');
  });

  it('never leaves a non-empty third segment of a compact input, nor a JWS-shaped run anywhere (property)', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const stripped = stripSignature(text);
        expect(containsSignature(stripped)).toBe(false);
        // JSON input (a token endpoint's reply, say) is scrubbed, not cut at dots: "{.. " stays.
        if (text.trim().startsWith('{')) return;
        const segments = stripped.split('.');
        if (segments.length === 3) expect(segments[2]).toBe('');
      }),
      { numRuns: 2000 },
    );
    expect(stripSignature('{.. ')).toBe('{.. ');
  });
});

describe('redactedClaimsMentioned', () => {
  it('finds claim names the configuration binds, as whole words', () => {
    const policy = '{"Condition":{"StringEquals":{"token.actions.githubusercontent.com:actor":"octocat","x:job_workflow_sha":"1"}}}';
    expect(redactedClaimsMentioned(policy, ['actor', 'sha', 'jti'])).toEqual(['actor']);
  });
});
