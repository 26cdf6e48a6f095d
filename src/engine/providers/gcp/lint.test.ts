import { describe, expect, it } from 'vitest';
import type { Finding } from '../../result';
import { lintPolicy } from './lint';
import { parseGcpPolicy } from './parse';

const POOL = 'iam.googleapis.com/projects/123456789/locations/global/workloadIdentityPools/gh';

function lint(provider: Record<string, unknown>, members?: string[]): Finding[] {
  const body = {
    name: 'projects/123456789/locations/global/workloadIdentityPools/gh/providers/gh',
    attributeMapping: { 'google.subject': 'assertion.sub', 'attribute.repository': 'assertion.repository' },
    oidc: { issuerUri: 'https://token.actions.githubusercontent.com' },
    ...provider,
  };
  const text = JSON.stringify(members ? { provider: body, iamPolicy: { bindings: [{ role: 'roles/iam.workloadIdentityUser', members }] } } : body);
  const parsed = parseGcpPolicy(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return lintPolicy(parsed.policy);
}

const ids = (findings: Finding[]) => findings.map((f) => f.id);

describe('lint', () => {
  // https://cloud.google.com/iam/docs/workload-identity-federation-with-deployment-pipelines#conditions; magic-modules#11936.
  it('flags shared issuers without a condition as critical, with Google\'s text', () => {
    for (const issuerUri of ['https://token.actions.githubusercontent.com', 'https://gitlab.com/', 'https://app.terraform.io']) {
      const findings = lint({ oidc: { issuerUri } });
      const finding = findings.find((f) => f.id === 'lint.condition.required');
      expect(finding?.severity, issuerUri).toBe('critical');
      expect(finding?.message).toContain("The attribute condition must reference one of the provider's claims.");
      expect(finding?.reference).toContain('workload-identity-federation-with-deployment-pipelines');
    }
    expect(ids(lint({ attributeCondition: 'true' }))).toContain('lint.condition.required');
    expect(ids(lint({ attributeCondition: "assertion.repository_owner_id == '65'" }))).not.toContain('lint.condition.required');
    expect(ids(lint({ oidc: { issuerUri: 'https://gitlab.example.com' } }))).not.toContain('lint.condition.required');
  });

  // google-github-actions/auth TROUBLESHOOTING.md: bindings need mapped attributes.
  it('flags bindings on unmapped attributes and groups', () => {
    const findings = lint({ attributeCondition: "assertion.repository_owner_id == '65'" }, [`principalSet://${POOL}/attribute.ref/refs/heads/main`, `principalSet://${POOL}/group/admins`, `principalSet://${POOL}/attribute.repository/o/r`]);
    expect(ids(findings).filter((id) => id === 'lint.binding.unmapped-attribute')).toHaveLength(2);
    expect(findings.every((f) => f.reference)).toBe(true);
  });

  // google-github-actions/auth README: never use "*" in an IAM binding.
  it('flags pool-wide bindings and project ids', () => {
    expect(ids(lint({ attributeCondition: "assertion.repository_owner_id == '65'" }, [`principalSet://${POOL}/*`]))).toContain('lint.binding.wildcard');
    expect(ids(lint({ attributeCondition: "assertion.repository_owner_id == '65'" }, ['principalSet://iam.googleapis.com/projects/my-proj/locations/global/workloadIdentityPools/gh/*']))).toContain('lint.binding.project-id');
  });

  // google-github-actions/auth SECURITY_CONSIDERATIONS.md; GitLab guide (namespace ids).
  it('flags name-based conditions unless the immutable id is checked too', () => {
    expect(ids(lint({ attributeCondition: "assertion.repository_owner == 'octo-org'" }))).toContain('lint.condition.name-based');
    expect(ids(lint({ attributeCondition: "assertion.repository_owner == 'octo-org' && assertion.repository_owner_id == '65'" }))).not.toContain('lint.condition.name-based');
    expect(ids(lint({ attributeCondition: "assertion.namespace_path.startsWith('my-group')", oidc: { issuerUri: 'https://gitlab.com' } }))).toContain('lint.condition.name-based');
  });

  // GitLab ID token claims: ref_protected is the string "true"/"false".
  it('flags comparisons of string claims with booleans and numeric ids', () => {
    const bool = lint({ attributeCondition: "assertion.ref_protected == true && assertion.namespace_id == '72'", oidc: { issuerUri: 'https://gitlab.com' } });
    expect(bool.find((f) => f.id === 'lint.condition.boolean-literal')?.message).toContain("Compare with 'true'");
    expect(ids(lint({ attributeCondition: 'assertion.repository_id == 74' }))).toContain('lint.condition.number-literal');
    // runner_id is GitLab's one numeric claim.
    expect(ids(lint({ attributeCondition: "assertion.runner_id == 1 && assertion.repository_id == '74'" }))).not.toContain('lint.condition.number-literal');
  });

  it('says nothing about a well-formed provider', () => {
    expect(lint({ attributeCondition: "assertion.repository_owner_id == '65' && assertion.repository_id == '74'" }, [`principalSet://${POOL}/attribute.repository/o/r`])).toEqual([]);
  });
});
