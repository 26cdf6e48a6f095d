import { describe, expect, it } from 'vitest';
import { provider } from './index';
import { githubPolicy, GITHUB_PROVIDER } from '../../../../test/support/aws';

function lint(document: unknown) {
  const parsed = provider.parse(JSON.stringify(document, null, 2));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return provider.lint(parsed.policy);
}
const ids = (document: unknown) => lint(document).map((finding) => finding.id);
const SUB = 'token.actions.githubusercontent.com:sub';
const gitlab = (condition: Record<string, unknown>, host = 'gitlab.com') => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${host}` }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition }],
});

describe('identity-provider controls (id_roles_providers_oidc_secure-by-default)', () => {
  it('a GitHub or gitlab.com role without :sub is a critical finding, with a reference', () => {
    const findings = lint(githubPolicy({ StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } }));
    const finding = findings.find((f) => f.id === 'aws.idp-control.missing');
    expect(finding?.severity).toBe('critical');
    expect(finding?.reference).toBe('https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_oidc_secure-by-default.html');
    expect(finding?.source?.line).toBeGreaterThan(1);
    expect(ids(gitlab({ StringEquals: { 'gitlab.com:aud': 'https://gitlab.com' } }))).toContain('aws.idp-control.missing');
  });
  it('a :sub that is only a wildcard is refused too', () => {
    expect(ids(githubPolicy({ StringLike: { [SUB]: '*' } }))).toContain('aws.idp-control.wildcard');
    expect(ids(githubPolicy({ StringLike: { [SUB]: 'repo:octo-org/*' } }))).not.toContain('aws.idp-control.wildcard');
  });
  it('self-managed GitLab is a private issuer: no control', () => {
    expect(ids(gitlab({ StringEquals: { 'gitlab.example.com:aud': 'x' } }, 'gitlab.example.com'))).not.toContain('aws.idp-control.missing');
  });
});

describe('Access Analyzer checks (access-analyzer-reference-policy-checks)', () => {
  it('Missing condition key for oidc principal', () => {
    expect(ids(githubPolicy())).toContain('aws.oidc.no-condition');
  });
  it('Wildcard without like operator, but not for ${*}', () => {
    expect(ids(githubPolicy({ StringEquals: { [SUB]: 'repo:octo-org/*' } }))).toContain('aws.condition.wildcard-without-like');
    expect(ids(githubPolicy({ StringEquals: { [SUB]: 'repo:octo-org/${*}' } }))).not.toContain('aws.condition.wildcard-without-like');
  });
  it('ForAllValues with single valued key, not for amr', () => {
    expect(ids(githubPolicy({ 'ForAllValues:StringEquals': { [SUB]: 'x' } }))).toContain('aws.forallvalues.single-valued');
    expect(ids(githubPolicy({ StringEquals: { [SUB]: 'x' }, 'ForAllValues:StringEquals': { 'token.actions.githubusercontent.com:amr': 'x' } }))).not.toContain('aws.forallvalues.single-valued');
  });
  it('Missing version and Variable unsupported in version', () => {
    const found = ids(githubPolicy({ StringEquals: { [SUB]: 'repo:${token.actions.githubusercontent.com:repository}:*' } }, {}, null));
    expect(found).toContain('aws.missing-version');
    expect(found).toContain('aws.variable.version');
  });
  it('Duplicate keys with different case', () => {
    expect(ids(githubPolicy({ StringEquals: { [SUB]: 'x', [SUB.toUpperCase()]: 'y' } }))).toContain('aws.condition.duplicate-key-case');
  });
  it('Type mismatches', () => {
    const found = ids(githubPolicy({ StringEquals: { [SUB]: 'x' }, DateGreaterThan: { 'aws:CurrentTime': 'soon' }, Bool: { 'aws:SecureTransport': 'yes' }, IpAddress: { 'aws:SourceIp': '1.2.3.4/99' } }));
    expect(found).toEqual(expect.arrayContaining(['aws.condition.type-date', 'aws.condition.type-bool', 'aws.condition.type-ip']));
  });
  it('Mismatched action for principal', () => {
    expect(ids(githubPolicy({ StringEquals: { [SUB]: 'x' } }, { Action: 'sts:AssumeRole' }))).toContain('aws.action.mismatched');
  });
  it('Principal "*" is critical', () => {
    expect(lint(githubPolicy({ StringEquals: { [SUB]: 'x' } }, { Principal: '*' })).find((f) => f.id === 'aws.principal.everyone')?.severity).toBe('critical');
  });
});

describe('keys AWS does not populate (reference_policies_iam-condition-keys)', () => {
  it('a claim without a key for this issuer', () => {
    const findings = lint(githubPolicy({ StringEquals: { [SUB]: 'x', 'token.actions.githubusercontent.com:repository_owner': 'octo-org' } }));
    const finding = findings.find((f) => f.id === 'aws.key.not-populated');
    expect(finding?.message).toContain('always false');
    expect(ids(gitlab({ StringEquals: { 'gitlab.example.com:sub': 'x', 'gitlab.example.com:project_id': '20' } }, 'gitlab.example.com'))).toContain('aws.key.not-populated');
    expect(ids(gitlab({ StringEquals: { 'gitlab.com:sub': 'x', 'gitlab.com:project_id': '20' } }))).not.toContain('aws.key.not-populated');
  });
  it('negated and ForAllValues tests on such keys enforce nothing', () => {
    const finding = lint(githubPolicy({ StringEquals: { [SUB]: 'x' }, 'ForAllValues:StringEquals': { 'token.actions.githubusercontent.com:iss': 'x' } })).find((f) => f.id === 'aws.key.not-populated');
    expect(finding?.message).toContain('true (it enforces nothing)');
  });
  it('https:// in a key prefix', () => {
    expect(ids(githubPolicy({ StringEquals: { [SUB]: 'x', 'https://token.actions.githubusercontent.com:sub': 'x' } }))).toContain('aws.key.https-prefix');
  });
  it('a key of another issuer', () => {
    expect(ids(githubPolicy({ StringEquals: { [SUB]: 'x', 'gitlab.com:sub': 'x' } }))).toContain('aws.key.other-issuer');
  });
});

describe('risky sub patterns (Datadog Security Labs; Dashtid/subvectors; GitHub and GitLab docs)', () => {
  it('broad wildcards', () => {
    const messages = (value: string, document = githubPolicy({ StringLike: { [SUB]: value } })) => lint(document).filter((f) => f.id === 'aws.sub.broad-wildcard').map((f) => f.message);
    expect(messages('repo:octo-org/*')[0]).toContain('every repository of the organisation');
    expect(messages('repo:octo-org/octo-repo:*')[0]).toContain('pull_request');
    expect(messages('repo:octo-org/octo-repo:ref:refs/heads/main*')[0]).toContain('main-hotfix');
    expect(lint(gitlab({ StringLike: { 'gitlab.com:sub': 'project_path:mygroup/*' } })).find((f) => f.id === 'aws.sub.broad-wildcard')?.message).toContain('any depth');
    expect(lint(gitlab({ StringLike: { 'gitlab.com:sub': 'project_path:g/p:ref_type:*:ref:main' } })).find((f) => f.id === 'aws.sub.broad-wildcard')?.message).toContain('tag named like the branch');
  });
  it('name-based GitHub sub', () => {
    expect(ids(githubPolicy({ StringEquals: { [SUB]: 'repo:octo-org/octo-repo:ref:refs/heads/main' } }))).toContain('aws.sub.github-name-based');
    expect(ids(githubPolicy({ StringEquals: { [SUB]: 'repo:octo-org@65/octo-repo@74:ref:refs/heads/main' } }))).not.toContain('aws.sub.github-name-based');
  });
  it('sub restricted only by a negated operator', () => {
    expect(ids(githubPolicy({ StringNotLike: { [SUB]: 'repo:evil-org/*' } }))).toContain('aws.sub.negated-only');
  });
  it('a missing aud on a private issuer', () => {
    expect(ids(gitlab({ StringEquals: { 'gitlab.example.com:sub': 'x' } }, 'gitlab.example.com'))).toContain('aws.aud.missing');
  });
  it('a clean policy has no high or critical findings', () => {
    const clean = {
      Version: '2012-10-17',
      Statement: [{ Sid: 'GitHubMain', Effect: 'Allow', Principal: { Federated: GITHUB_PROVIDER }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', [SUB]: 'repo:octo-org@65/octo-repo@74:ref:refs/heads/main' } } }],
    };
    expect(lint(clean)).toEqual([]);
  });
});
