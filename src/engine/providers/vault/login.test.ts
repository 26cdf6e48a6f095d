import { describe, expect, it } from 'vitest';
import { evaluate } from '../../evaluate';
import { claimsToken, type Token } from '../../token';
import { AT, decisive, gitlabClaims, role, run } from '../../../../test/support/vault';

const CONFIG = { oidc_discovery_url: 'https://gitlab.example.com', bound_issuer: 'https://gitlab.example.com' };
const withConfig = (fields: Record<string, unknown>, config: Record<string, unknown> = CONFIG) =>
  JSON.stringify({ config, role: JSON.parse(role(fields)) });

// path_login_test.go TestLoginBoundAudiences (role with bound_subject and config bound_issuer).
describe('audiences (path_login.go L168–180, cap validateAudience)', () => {
  const subjectRole = (extra: Record<string, unknown>) =>
    JSON.stringify({ config: CONFIG, role: { role_type: 'jwt', user_claim: 'sub', bound_subject: 'subject', ...extra } });
  const claims = (aud: unknown) => gitlabClaims({ sub: 'subject', aud });
  it.each([
    ['string aud, no bound_audiences', {}, 'https://vault.example.com', 'deny'],
    ['array aud, none bound', {}, ['a'], 'deny'],
    ['array aud matching', { bound_audiences: ['a', 'b'] }, ['b'], 'allow'],
    ['string aud not in list', { bound_audiences: ['a', 'b'] }, 'c', 'deny'],
    ['string aud matching', { bound_audiences: ['a', 'b'] }, 'a', 'allow'],
    ['no aud, none bound', {}, undefined, 'allow'],
  ] as const)('%s', (_name, extra, aud, decision) => {
    expect(run(subjectRole(extra), claims(aud)).decision).toBe(decision);
  });
  it('uses the exact messages and prefixes', () => {
    expect(run(subjectRole({}), claims('x')).message).toBe('audience claim found in JWT but no audiences bound to the role');
    expect(run(subjectRole({ bound_audiences: 'a' }), claims('c')).message).toBe(
      'error validating token: invalid audience (aud) claim: audience claim does not match any expected audience',
    );
  });
  it('accepts a string aud without bound_audiences before Vault 1.17 (plugin < v0.20.3), but not a list', () => {
    expect(run(subjectRole({}), claims('x'), { vault_version: '1.16' }).decision).toBe('allow');
    expect(run(subjectRole({}), claims(['x']), { vault_version: '1.16' }).decision).toBe('deny');
  });
  it('refuses aud "" in OpenBao only', () => {
    expect(run(subjectRole({}), claims(''), { flavour: 'vault' }).decision).toBe('allow');
    expect(run(subjectRole({}), claims(''), { flavour: 'openbao' }).message).toBe('audience claim found in JWT but no audiences bound to the role');
  });
  it('splits a comma string of bound_audiences and trims it (TypeCommaStringSlice)', () => {
    expect(run(subjectRole({ bound_audiences: 'a, https://vault.example.com' }), claims('https://vault.example.com')).decision).toBe('allow');
  });
});

describe('login order (path_login.go pathLogin)', () => {
  it('reports only the first failure, marks it decisive, and still lists every failing check', () => {
    const result = run(withConfig({ bound_subject: 'nope', bound_claims: { ref: 'main' } }), gitlabClaims({ iss: 'https://other', ref: 'dev' }));
    expect(result.message).toBe('error validating token: invalid issuer (iss) claim');
    expect(decisive(result)?.id).toBe('config.bound_issuer');
    const failing = result.checks.filter((c) => c.result === 'fail').map((c) => c.id);
    expect(failing).toEqual(['config.bound_issuer', 'role.bound_subject', 'role.bound_claims.ref']);
    expect(result.checks.filter((c) => c.decisive)).toHaveLength(1);
    expect(String(result.details.onlyOneReported)).toContain('3 checks fail');
  });
  it('checks user_claim before bound_claims', () => {
    const result = run(role({ user_claim: 'nope', bound_claims: { ref: 'x' } }), gitlabClaims());
    expect(result.message).toBe('claim "nope" not found in token');
  });
  it('refuses oidc roles before looking at the token', () => {
    const result = run(JSON.stringify({ role_type: 'oidc', user_claim: 'u', allowed_redirect_uris: 'https://x/cb' }), gitlabClaims({ exp: AT - 1000 }));
    expect(result.message).toBe('role with oidc role_type is not allowed');
  });
  it('fails every jwt login on an OIDC-flow config in Vault, not in OpenBao (backend.go jwtValidator)', () => {
    const flow = withConfig({}, { ...CONFIG, oidc_client_id: 'id', oidc_client_secret: 'secret' });
    expect(run(flow, gitlabClaims()).message).toBe('error configuring token validator: unsupported config type');
    expect(run(flow, gitlabClaims(), { flavour: 'openbao' }).decision).toBe('allow');
  });
  it('reads a config that shows no key source field as an excerpt: the key source is assumed, bound_issuer still checked (path_config.go saves no config without one)', () => {
    const excerpt = run(withConfig({}, { bound_issuer: gitlabClaims().iss }), gitlabClaims());
    expect(excerpt.checks.find((c) => c.id === 'config.key_source')?.result).toBe('skip');
    expect(excerpt.checks.find((c) => c.id === 'config.bound_issuer')?.result).toBe('pass');
    expect(run(withConfig({}, { bound_issuer: 'https://other.example' }), gitlabClaims()).decision).toBe('deny');
  });
  it('refuses a config write without exactly one key source', () => {
    const result = run(withConfig({}, { bound_issuer: 'x', jwks_url: '' }), gitlabClaims());
    expect(result.decision).toBe('error');
    expect(result.message).toBe("exactly one of 'jwt_validation_pubkeys', 'jwks_url', 'jwks_pairs' or 'oidc_discovery_url' must be set");
  });
  it('checks the alg header against jwt_supported_algs, all ten when empty (TestLogin_JWTSupportedAlgs)', () => {
    const jws = (alg: string): Token => ({ kind: 'jws', header: { alg }, claims: gitlabClaims(), compact: 'x.y.z', warnings: [] });
    const at = (algs: string[], alg: string) =>
      evaluate({ policyText: withConfig({}, { ...CONFIG, jwt_supported_algs: algs }), provider: 'vault', token: { ok: true, token: jws(alg) }, at: AT }).decision;
    expect(at([], 'ES256')).toBe('allow');
    expect(at(['ES256'], 'ES256')).toBe('allow');
    expect(at(['RS256', 'ES256', 'EdDSA'], 'ES256')).toBe('allow');
    expect(at(['RS256'], 'ES256')).toBe('deny');
    expect(at(['RS256', 'ES512', 'EdDSA'], 'ES256')).toBe('deny');
  });
  it('reports a malformed registered claim as an input error with the validator prefix', () => {
    const result = run(role({}), gitlabClaims({ aud: 42 }));
    expect(result.decision).toBe('error');
    expect(result.message).toBe('error validating token: go-jose/go-jose/jwt: expected string or array value to unmarshal to Audience');
  });
  it('does not evaluate token_bound_cidrs (403 before the token) and does not let it decide', () => {
    const result = run(role({ token_bound_cidrs: '127.0.0.42/32' }), gitlabClaims());
    expect(result.checks.find((c) => c.id === 'role.token_bound_cidrs')?.result).toBe('skip');
    expect(result.decision).toBe('allow');
  });
});

describe('bound claims at login', () => {
  it('names one failing bound claim and says Vault picks at random (claims.go L117)', () => {
    const result = run(role({ bound_claims: { ref: 'main', ref_type: 'branch' } }), gitlabClaims({ ref: 'develop', ref_type: 'tag' }));
    expect(result.message).toBe('error validating claims: claim "ref" does not match any associated bound claim values');
    expect(String(result.details.boundClaimsOrder)).toMatch(/random/);
    expect(result.checks.find((c) => c.id === 'role.bound_claims.ref_type')?.reason).toMatch(/reports only one/);
  });
  it('explains the type mismatch of role 22 vs token "22"', () => {
    const result = run(role({ bound_claims: { project_id: 22 } }), gitlabClaims());
    const check = result.checks.find((c) => c.id === 'role.bound_claims.project_id')!;
    expect(check.reason).toContain('role has number 22, token has string "22": Vault never matches across types');
    expect(check.source).toBeDefined();
  });
  it('keeps the role lexeme from the policy text: 7.0 never matches token 7, 7 does', () => {
    const text = (lexeme: string) => `{"role_type": "jwt", "user_claim": "user_email", "bound_audiences": "https://vault.example.com", "bound_claims": {"runner_id": ${lexeme}}}`;
    expect(run(text('7'), gitlabClaims()).decision).toBe('allow');
    expect(run(text('7.0'), gitlabClaims()).decision).toBe('deny');
  });
});

describe('identity on success (testLogin_JWT "valid")', () => {
  it('builds the alias, metadata with the role name, and groups', () => {
    const text = `vault write auth/jwt/role/plugin-test - <<EOF
{"role_type": "jwt", "user_claim": "user_login", "bound_audiences": "https://vault.example.com", "groups_claim": "groups_direct",
 "claim_mappings": {"project_path": "project", "/nested/primary": "primary_org", "absent": "x"},
 "bound_claims": {"ref": "main", "runner_id": 7}, "token_policies": "a,b"}
EOF`;
    const result = run(text, gitlabClaims({ nested: { primary: 'org1' } }));
    expect(result.decision).toBe('allow');
    expect(result.details.alias).toEqual({ name: 'myuser', metadata: { project: 'mygroup/myproject', primary_org: 'org1', role: 'plugin-test' } });
    expect(result.details.groupAliases).toEqual(['mygroup/mysubgroup', 'myothergroup/myothersubgroup']);
    expect(result.message).toContain('policies: a, b');
  });
  it('gives the effective acceptance window in details', () => {
    const result = run(role({ bound_subject: 'project_path:mygroup/myproject:ref_type:branch:ref:main' }), gitlabClaims());
    expect(result.details.acceptanceWindow).toMatchObject({ from: AT - 10 - 60, to: AT + 290 + 60 });
  });
  it('GitLab production role: auto-deploy-2020-04-01 allowed, ref_protected "false" denied with the exact message', () => {
    const production = role({ bound_claims_type: 'glob', bound_claims: { project_id: '22', ref_protected: 'true', ref_type: 'branch', ref: 'auto-deploy-*' } });
    expect(run(production, gitlabClaims({ ref: 'auto-deploy-2020-04-01' })).decision).toBe('allow');
    const denied = run(production, gitlabClaims({ ref: 'auto-deploy-2020-04-01', ref_protected: 'false' }));
    expect(denied.message).toBe('error validating claims: claim "ref_protected" does not match any associated bound claim values');
  });
  it('signature failures use the Vault message (engine override), never a provider signature check', () => {
    const result = evaluate({
      policyText: role({ bound_subject: 'project_path:mygroup/myproject:ref_type:branch:ref:main' }),
      provider: 'vault',
      token: { ok: true, token: claimsToken(gitlabClaims()) },
      at: AT,
      signature: { state: 'invalid', reason: 'bad', keySource: 'jwks' },
    });
    expect(result.message).toBe('error validating token: error verifying token signature: failed to verify id token signature');
    expect(result.checks.filter((c) => c.id === 'token.signature')).toHaveLength(1);
  });
});
