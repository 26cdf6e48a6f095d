/**
 * The attacker axes reviewers worry about, each on a configuration that leaves it open and one
 * that closes it. Sub formats: GitLab id_token_authentication.md; GitHub reference/security/oidc.md.
 */
import { describe, expect, it } from 'vitest';
import { analyseExposure } from './index';

const AT = 1_700_000_000;

function aws(host: string, condition: Record<string, unknown>): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${host}` }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition }] });
}

function axesOf(policyText: string, provider: 'aws' | 'vault' = 'aws') {
  const report = analyseExposure({ policyText, provider, at: AT });
  expect(report.error).toBeUndefined();
  return { report, axes: report.witnesses.map((witness) => witness.axis), byAxis: (axis: string) => report.witnesses.find((witness) => witness.axis === axis) };
}

describe('attacker axes', () => {
  it('a pattern ending in main* admits main-evil; the intended token is main itself', () => {
    const { report, byAxis } = axesOf(aws('gitlab.com', { StringLike: { 'gitlab.com:sub': 'project_path:mygroup/myproject:ref_type:branch:ref:main*' } }));
    expect(report.intended?.ref).toBe('main');
    expect(byAxis('other-branch')?.claims.ref).toBe('main-evil');
    expect(byAxis('other-project')).toBeUndefined();
  });

  it('mygroup* admits a sibling group whose name starts the same (mygroup-evil)', () => {
    const { byAxis, report } = axesOf(aws('gitlab.com', { StringLike: { 'gitlab.com:sub': 'project_path:mygroup*' } }));
    const sibling = byAxis('sibling-group')!;
    expect(sibling.claims.project_path).toBe('mygroup-evil/my-project');
    expect(sibling.claims.namespace_path).toBe('mygroup-evil');
    // A top-level group is any account's to create: mygroup-evil is a stranger's (open, anyone).
    expect(sibling.reach).toBe('anyone');
    expect(report.grade).toBe('open');
  });

  it('a branch-only sub refuses tags, including a tag named like the branch', () => {
    const { axes } = axesOf(aws('gitlab.com', { StringEquals: { 'gitlab.com:sub': 'project_path:mygroup/myproject:ref_type:branch:ref:main' } }));
    expect(axes).not.toContain('tag-as-branch');
    expect(axes).toContain('unprotected-ref');
    const open = axesOf(aws('gitlab.com', { StringLike: { 'gitlab.com:sub': 'project_path:mygroup/myproject:ref_type:*:ref:main' } }));
    expect(open.byAxis('tag-as-branch')?.label).toBe('a tag named main instead of the branch');
  });

  it('GitHub: ref-pinned subs refuse pull_request runs, repo:…:* admits them', () => {
    const pinned = axesOf(aws('token.actions.githubusercontent.com', { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:ref:refs/heads/main' } }));
    expect(pinned.axes).not.toContain('pull-request');
    expect(pinned.axes).toContain('pull-request-target');
    const open = axesOf(aws('token.actions.githubusercontent.com', { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:*' } }));
    expect(open.byAxis('pull-request')?.claims.sub).toBe('repo:octo-org/octo-repo:pull_request');
    expect(open.axes).toContain('other-environment');
  });

  it('an organisation wildcard with a trailing * admits a sibling owner only when the slash is inside the star', () => {
    const slash = axesOf(aws('token.actions.githubusercontent.com', { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/*' } }));
    expect(slash.axes).toContain('other-repository');
    expect(slash.axes).not.toContain('sibling-owner');
    const noSlash = axesOf(aws('token.actions.githubusercontent.com', { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org*' } }));
    expect(noSlash.byAxis('sibling-owner')?.claims.repository_owner).toBe('octo-org-evil');
  });

  it('Vault: a role without ref_protected admits an unprotected ref; ref_protected closes it', () => {
    const role = (config: Record<string, unknown>, claims: Record<string, unknown>) =>
      JSON.stringify({ config: { oidc_discovery_url: 'https://gitlab.com', ...config }, role: { role_type: 'jwt', user_claim: 'user_email', bound_audiences: ['https://vault.example.com'], bound_claims: claims } });
    const open = axesOf(role({}, { project_path: 'mygroup/myproject', ref: 'main' }), 'vault');
    expect(open.axes).toEqual(expect.arrayContaining(['unprotected-ref', 'pull-request']));
    const pinnedIssuer = axesOf(role({ bound_issuer: 'https://gitlab.com' }, { project_path: 'mygroup/myproject', ref: 'main', ref_protected: 'true' }), 'vault');
    expect(pinnedIssuer.axes).not.toContain('unprotected-ref');
    expect(pinnedIssuer.axes).not.toContain('other-issuer');
  });

  it('pinning project_id closes the re-created project; pinning runner_environment closes self-hosted runners', () => {
    const open = axesOf(aws('gitlab.com', { StringEquals: { 'gitlab.com:sub': 'project_path:mygroup/myproject:ref_type:branch:ref:main' } }));
    expect(open.axes).toEqual(expect.arrayContaining(['recreated-project', 'self-hosted-runner']));
    const role = JSON.stringify({ config: { oidc_discovery_url: 'https://gitlab.com', bound_issuer: 'https://gitlab.com' }, role: { role_type: 'jwt', user_claim: 'user_email', bound_audiences: ['https://vault.example.com'], bound_claims: { project_id: '22', runner_environment: 'gitlab-hosted', ref_protected: 'true', ref: 'main', pipeline_source: 'push' } } });
    const closed = axesOf(role, 'vault');
    expect(closed.axes).not.toContain('recreated-project');
    expect(closed.axes).not.toContain('self-hosted-runner');
    expect(closed.axes).not.toContain('pull-request');
  });
});
