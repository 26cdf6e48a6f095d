// Findings: GitHub subject shapes (github/docs content/actions/reference/security/oidc.md: `pull_request`,
// environment replaces ref), Entra's `pull-request` spelling (entra-docs workload-identity-federation-create-trust.md),
// immutable subjects (entra-docs workload-identities-github-immutable-subjects.md), wildcards and issuer
// rules (federated-credential-configuration-considerations.md, workload-identity-federation-considerations.md).
import { describe, expect, it } from 'vitest';
import { parseAzure } from './parse';
import { provider } from './index';
import { credential, githubToken, run } from '../../../../test/support/azure';

function lint(policy: unknown) {
  const parsed = parseAzure(JSON.stringify(policy, null, 2));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return provider.lint(parsed.policy);
}

const ids = (findings: Array<{ id: string }>) => findings.map((f) => f.id);

describe('lint', () => {
  it('flags `pull-request` for GitHub, with a reference and a location', () => {
    const findings = lint(credential({ subject: 'repo:octo-org/octo-repo:pull-request' }));
    const finding = findings.find((f) => f.id === 'azure.github-pull-request-hyphen');
    expect(finding?.severity).toBe('high');
    expect(finding?.reference).toMatch(/^https:\/\//);
    expect(finding?.source?.line).toBe(4);
    expect(ids(lint(credential({ subject: 'repo:octo-org/octo-repo:pull_request' })))).not.toContain('azure.github-pull-request-hyphen');
  });

  it('flags wildcards in classic fields, not in flexible expressions', () => {
    expect(ids(lint(credential({ subject: 'repo:octo-org/*:ref:refs/heads/main' })))).toContain('azure.wildcard-is-literal');
    expect(
      ids(lint(credential({ subject: null, claimsMatchingExpression: { value: "claims['sub'] matches 'repo:octo-org/*'", languageVersion: 1 } }))),
    ).not.toContain('azure.wildcard-is-literal');
  });

  it('flags a trailing slash, surrounding whitespace and Entra issuers', () => {
    expect(ids(lint(credential({ issuer: 'https://gitlab.com/' })))).toContain('azure.issuer-trailing-slash');
    expect(ids(lint(credential({ issuer: ' https://gitlab.com' })))).toContain('azure.issuer-whitespace');
    expect(ids(lint(credential({ issuer: 'https://sts.windows.net/tenant/' })))).toContain('azure.entra-issuer');
    expect(ids(lint(credential()))).toEqual([]);
  });

  it('notes a non-default audience and a missing name', () => {
    const fields = credential({ audiences: ['https://gitlab.com'] });
    delete fields.name;
    expect(ids(lint(fields))).toEqual(['azure.audience-not-default', 'azure.name-missing']);
  });

  it('every finding carries a reference', () => {
    const findings = lint([
      credential({ subject: 'repo:o/r:pull-request', issuer: 'https://token.actions.githubusercontent.com' }),
      credential({ name: 'x-1', issuer: 'https://login.microsoftonline.com/t/v2.0/', subject: '*', audiences: ['a?'] }),
    ]);
    expect(findings.length).toBeGreaterThan(3);
    for (const finding of findings) expect(finding.reference).toMatch(/^https:\/\//);
  });
});

describe('token-aware findings', () => {
  it('explains a name-based subject when the repository emits immutable subjects', () => {
    const result = run(
      credential({ subject: 'repo:octo-org/octo-repo:ref:refs/heads/main' }),
      githubToken('repo:octo-org@65/octo-repo@74:ref:refs/heads/main'),
    );
    expect(result.message).toMatch(/^AADSTS700213/);
    const finding = result.findings.find((f) => f.id === 'azure.github-immutable-subject');
    expect(finding?.message).toContain('Add a credential with subject `repo:octo-org@65/octo-repo@74:ref:refs/heads/main`');
    expect(finding?.reference).toMatch(/immutable-subjects/);
  });

  it('explains an immutable-shaped credential when the repository still emits name-based subjects', () => {
    // Azure/login #617: portal-made `repo:org@id/repo@id:…` credentials failed for a repository not opted in.
    const result = run(credential({ subject: 'repo:octo-org@65/octo-repo@74:environment:Production' }), githubToken('repo:octo-org/octo-repo:environment:Production'));
    expect(ids(result.findings)).toContain('azure.github-name-subject-token');
  });

  it('explains a branch subject for a job that uses an environment', () => {
    const result = run(
      credential({ subject: 'repo:octo-org/octo-repo:ref:refs/heads/main' }),
      githubToken('repo:octo-org/octo-repo:environment:Production', { environment: 'Production', ref: 'refs/heads/main' }),
    );
    const finding = result.findings.find((f) => f.id === 'azure.github-environment-replaces-ref');
    expect(finding?.message).toContain('Trust `repo:octo-org/octo-repo:environment:Production` instead');
    expect(finding?.source).toBeDefined();
  });

  it('says nothing when the credential matched or concerns another repository', () => {
    expect(run(credential(), githubToken('repo:octo-org/octo-repo:environment:Production', { environment: 'Production' })).findings).toEqual([]);
    const other = run(credential({ subject: 'repo:octo-org/other:ref:refs/heads/main' }), githubToken('repo:octo-org/octo-repo:environment:Production', { environment: 'Production' }));
    expect(ids(other.findings)).toEqual([]);
  });
});
