import { describe, expect, it } from 'vitest';
import { lintVaultPolicy } from './lint';
import { parseVaultPolicy } from './parse';

function lint(text: string) {
  const outcome = parseVaultPolicy(text);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return lintVaultPolicy(outcome.policy);
}
const ids = (text: string) => lint(text).map((f) => f.id);
const role = (fields: Record<string, unknown>) => JSON.stringify({ role_type: 'jwt', user_claim: 'user_email', bound_audiences: 'https://vault.example.com', ...fields });

describe('lint', () => {
  it('flags a role without bound_audiences (path_login.go L168–180)', () => {
    expect(ids(JSON.stringify({ role_type: 'jwt', user_claim: 'u', bound_claims: { project_id: '22' } }))).toContain('vault.no-bound-audiences');
    expect(ids(role({ bound_claims: { project_id: '22' } }))).not.toContain('vault.no-bound-audiences');
  });
  it('flags unknown fields, naming the likely typo (sdk/framework backend.go ignores them)', () => {
    const finding = lint(role({ bound_claim: { ref: 'develop' }, bound_claims: { project_id: '22' } })).find((f) => f.id === 'vault.unknown-field')!;
    expect(finding.message).toContain('did you mean "bound_claims"');
    expect(finding.severity).toBe('high');
    expect(finding.reference).toMatch(/framework/);
  });
  it('flags bound claims only on mutable names', () => {
    expect(ids(role({ bound_claims: { project_path: 'g/p' } }))).toContain('vault.mutable-names-only');
    expect(ids(role({ bound_claims: { project_path: 'g/p', project_id: '22' } }))).not.toContain('vault.mutable-names-only');
  });
  it('flags glob `*` on project_path and ref, and a missing ref_protected', () => {
    const found = ids(role({ bound_claims_type: 'glob', bound_claims: { project_path: 'g/*', ref: 'release-*', project_id: '22' } }));
    expect(found).toContain('vault.glob-on-path');
    expect(found).toContain('vault.missing-ref-protected');
    expect(ids(role({ bound_claims: { project_id: '22', ref: 'main', ref_protected: 'true' } }))).not.toContain('vault.missing-ref-protected');
  });
  it('flags `*` in string mode and the bound_claims_type reset on later writes', () => {
    expect(ids(role({ bound_claims: { ref: 'auto-deploy-*', project_id: '22' } }))).toContain('vault.star-in-string-mode');
    expect(ids(role({ bound_claims_type: 'glob', bound_claims: { ref: 'a-*', project_id: '22' } }))).toContain('vault.bound-claims-type-reset');
  });
  it('flags an omitted role_type (path_role.go: defaults to oidc)', () => {
    expect(ids(JSON.stringify({ user_claim: 'u', bound_audiences: 'a' }))).toContain('vault.role-type-omitted');
  });
  it('flags typed values for string claims and non-integer number lexemes', () => {
    const found = ids(role({ bound_claims: { project_id: 22, ref_protected: true } }));
    expect(found).toContain('vault.typed-bound-claim');
    expect(ids('{"role_type": "jwt", "user_claim": "u", "bound_audiences": "a", "bound_claims": {"runner_id": 7.0}}')).toContain('vault.number-lexeme');
  });
  it('reports a refused write as critical, and every finding carries a reference', () => {
    const findings = lint(JSON.stringify({ role_type: 'jwt', bound_audiences: 'a' }));
    expect(findings.find((f) => f.id === 'vault.write-rejected')).toMatchObject({ severity: 'critical', message: 'Vault refuses to save this role: a user claim must be defined on the role' });
    for (const finding of lint(role({ bound_claims: { project_path: 'g/*' }, expiration_leeway: 10, bound_claim: {} }))) {
      expect(finding.reference, finding.id).toMatch(/^https:\/\//);
    }
  });
  it('flags an OIDC-flow config (backend.go jwtValidator)', () => {
    const text = JSON.stringify({ config: { oidc_discovery_url: 'https://x', oidc_client_id: 'a', oidc_client_secret: 'b' }, role: JSON.parse(role({ bound_subject: 's' })) });
    expect(ids(text)).toContain('vault.oidc-flow-config');
  });
});
