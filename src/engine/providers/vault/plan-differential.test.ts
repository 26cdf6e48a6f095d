/**
 * Temporary: the plan against the two evaluators it replaces, on the gallery, every acceptance case
 * and random roles, configs and tokens, under both servers and both audience rules.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../examples';
import type { EvaluationContext } from '../../provider';
import { claimsToken, type Token } from '../../token';
import { SIGNATURE_NOT_CHECKED, type SignatureStatus } from '../../verify';
import { compileVaultDecider } from './decide';
import { provider } from './index';
import { parseVaultPolicy } from './parse';
import { planVault } from './plan';

const OPTIONS = [
  { flavour: 'vault', vault_version: '1.17' },
  { flavour: 'openbao', vault_version: '1.17' },
  { flavour: 'vault', vault_version: '1.16' },
  { flavour: 'openbao', vault_version: '1.16' },
];
const INVALID: SignatureStatus = { state: 'invalid', reason: 'signature mismatch', keySource: 'pasted JWKS' };

function expectSame(policyText: string, tokens: Token[], ats: number[], optionSets: Array<Record<string, string>> = OPTIONS) {
  const parsed = parseVaultPolicy(policyText);
  if (!parsed.ok) return 'unparsed';
  const policy = parsed.policy;
  const plan = planVault(policy);
  const decider = compileVaultDecider(policy);
  const decisions = new Set<string>();
  for (const options of optionSets) {
    for (const token of tokens) {
      for (const at of ats) {
        for (const signature of [SIGNATURE_NOT_CHECKED, INVALID]) {
          const context: EvaluationContext = { at, signature, options };
          const before = provider.evaluate(policy, token, context);
          const after = plan.explain(token, context);
          expect(after).toEqual(before);
          // Key order and absent-versus-undefined too: JSON output must not change.
          expect(JSON.stringify(after)).toBe(JSON.stringify(before));
        }
        const decided = plan.decide(token, at, options);
        expect(decided).toEqual(decider(token, at, options));
        decisions.add(decided.decision);
      }
    }
  }
  return [...decisions].sort().join(',');
}

const jws = (claims: Record<string, unknown>, alg: string): Token => ({ kind: 'jws', header: { alg, kid: 'k' }, claims, compact: 'e30.e30.c2ln', warnings: [] });

describe('plan = today\'s traced and compiled Vault evaluators', () => {
  it('the gallery', () => {
    const vault = EXAMPLES.filter((example) => example.provider === 'vault');
    expect(vault.length).toBeGreaterThan(5);
    for (const example of vault) {
      expectSame(example.policy, [claimsToken(example.claims), jws(example.claims, 'RS256'), jws(example.claims, 'HS256')], [example.at, example.at + 3600], [example.options ?? {}, ...OPTIONS]);
    }
  });

  it('every acceptance case', () => {
    const root = resolve(__dirname, '../../../..');
    let count = 0;
    for (const folder of ['fixtures/cases/vault', 'fixtures/own/vault', '../shared/cases/vault']) {
      const dir = join(root, folder);
      if (!existsSync(dir)) continue;
      for (const name of readdirSync(dir).filter((file) => file.endsWith('.json'))) {
        const entry = JSON.parse(readFileSync(join(dir, name), 'utf8'));
        const policyText = typeof entry.policy === 'string' ? entry.policy : JSON.stringify(entry.policy);
        const at = typeof entry.at === 'number' ? entry.at : Date.parse(entry.at) / 1000;
        expectSame(policyText, [claimsToken(entry.claims), jws(entry.claims, 'ES256')], [at]);
        count++;
      }
    }
    expect(count).toBeGreaterThan(300);
  });

  // The random roles, configs and tokens of compile.test.ts's Vault properties.
  const optional = <T,>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 2 });
  const usually = (good: unknown, ...others: unknown[]) => fc.oneof({ arbitrary: fc.constant(good), weight: 6 }, { arbitrary: fc.constantFrom(...others), weight: 1 });
  const role = fc.record(
    {
      role_type: optional(usually('jwt', 'oidc')),
      user_claim: usually('sub', 'user_email', '/nested/name', 'missing', 'project_id'),
      user_claim_json_pointer: optional(fc.boolean()),
      bound_audiences: optional(fc.oneof(usually('https://vault.example.com', 'x'), fc.array(usually('https://vault.example.com', 'y'), { maxLength: 2 }))),
      bound_subject: optional(usually('project_path:g/p:ref_type:branch:ref:main', 'other')),
      bound_claims_type: optional(fc.constantFrom('string', 'glob')),
      bound_claims: optional(fc.dictionary(fc.constantFrom('ref', 'project_id', '/nested/name', 'groups', 'missing', 'nested', 'a.b'), fc.oneof(fc.constantFrom('main', 'm*', '22', 'a', '*', 'n', 'ma?n', 'MAIN'), fc.constantFrom(22, true, 7.0, null), fc.array(fc.constantFrom('main', 'a', 'b*', 22), { maxLength: 2 }), fc.constant({ x: 1 })), { maxKeys: 3 })),
      claim_mappings: optional(fc.dictionary(fc.constantFrom('ref', 'project_id', 'groups', '/nested/name', 'missing'), fc.constantFrom('m1', 'm2', 'role'), { maxKeys: 2 })),
      groups_claim: optional(usually('groups', 'missing', 'nested', 'project_id')),
      clock_skew_leeway: optional(fc.constantFrom(-1, 0, 30)),
      expiration_leeway: optional(fc.constantFrom(-1, 0, 30)),
      not_before_leeway: optional(fc.constantFrom(-1, 0, 30)),
      token_policies: optional(fc.constantFrom(['dev'], [], ['a', 'b'])),
      token_bound_cidrs: optional(fc.constantFrom(['10.0.0.0/8'])),
      allowed_redirect_uris: optional(fc.constantFrom(['https://vault.example.com/ui/vault/auth/jwt/oidc/callback'])),
      token_ttl: optional(fc.constantFrom(60, -5, 'x')),
    },
    { requiredKeys: ['user_claim'] },
  );
  const config = usually(
    { oidc_discovery_url: 'https://gitlab.example.com', bound_issuer: 'https://gitlab.example.com' },
    undefined,
    { bound_issuer: 'https://gitlab.example.com/' },
    { oidc_discovery_url: 'https://gitlab.example.com', oidc_client_id: 'id', oidc_client_secret: 'secret' },
    { jwks_url: 'https://gitlab.example.com/oauth/discovery/keys', jwt_supported_algs: ['ES256'] },
    { jwks_url: 'https://gitlab.example.com/oauth/discovery/keys', oidc_discovery_url: 'https://gitlab.example.com' },
  );
  const claims = fc.record(
    {
      iss: usually('https://gitlab.example.com', 'https://gitlab.example.com/', 7),
      ISS: fc.constantFrom('https://gitlab.example.com'),
      aud: fc.oneof(usually('https://vault.example.com', '', 'x', 3, 'https://VAULT.example.com'), fc.array(usually('https://vault.example.com', 'y', 'https://vault.example.com/'), { maxLength: 2 })),
      sub: usually('project_path:g/p:ref_type:branch:ref:main', 'other'),
      ref: fc.constantFrom('main', 'mx', 'feature', 'MAIN', 'ma?n'),
      project_id: fc.constantFrom('22', 22, 22.5, [22]),
      user_email: fc.constantFrom('a@example.com'),
      nested: usually({ name: 'n' }, { name: 4 }, ['n']),
      'a.b': fc.constantFrom('main'),
      groups: fc.oneof(fc.constantFrom('a', 7, true), fc.array(usually('a', 'b', '', 5), { maxLength: 3 }), fc.constant({ g: 1 })),
      iat: usually(1700000000, 0, 1700000100, null),
      nbf: usually(1700000000, 1700000200),
      exp: usually(1700000300, 1699999000, 'soon'),
    },
    { requiredKeys: ['sub'] },
  );
  const token = fc.tuple(claims, usually(null, 'RS256', 'ES256', 'HS256')).map(([payload, alg]): Token => (alg === null ? claimsToken(payload) : jws(payload, alg as string)));

  it('random roles, configs and tokens', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(role, config, fc.array(token, { minLength: 1, maxLength: 3 }), (roleFields, configFields, tokens) => {
        const policyText = JSON.stringify(configFields ? { config: configFields, role: roleFields } : roleFields);
        const decisions = expectSame(policyText, tokens, [1700000030, 1700000500, 1699990000]);
        for (const decision of decisions.split(',')) seen.add(decision);
      }),
      { numRuns: 600 },
    );
    expect([...seen].sort()).toEqual(['allow', 'deny', 'error']);
  });

  it('arbitrary JSON where role fields and claims belong', () => {
    const roleJson = fc.dictionary(fc.constantFrom('role_type', 'user_claim', 'bound_audiences', 'bound_subject', 'bound_claims', 'bound_claims_type', 'groups_claim', 'claim_mappings', 'user_claim_json_pointer'), fc.jsonValue({ maxDepth: 2 }));
    const anyClaims = fc.dictionary(fc.constantFrom('iss', 'aud', 'sub', 'exp', 'nbf', 'iat', 'jti', 'groups', 'user_email', 'nested', 'Exp'), fc.jsonValue({ maxDepth: 2 }));
    fc.assert(
      fc.property(roleJson, fc.array(anyClaims.map((payload) => claimsToken(payload)), { minLength: 1, maxLength: 2 }), (fields, tokens) => {
        expectSame(JSON.stringify({ user_claim: 'sub', ...fields }), tokens, [1700000030]);
      }),
      { numRuns: 300 },
    );
  });
});
