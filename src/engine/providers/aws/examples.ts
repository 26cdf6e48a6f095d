/**
 * Gallery scenarios for AWS. Ids are stable (docs link to `#example=<id>`); every example is a test
 * (examples.test.ts asserts its decision and message).
 */
import { type ClaimOverrides, GITHUB_NO_ENVIRONMENT_OR_ENTERPRISE, GITLAB_NO_ENVIRONMENT, githubClaims, gitlabClaims } from '../../claims/examples';
import type { Example } from '../../example';

/** 2026-05-28T20:26:40Z: the tokens below were issued then; examples evaluate ten seconds later. */
const ISSUED = 1_780_000_000;
const AT = ISSUED + 10;

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function trustPolicy(provider: string, condition: Record<string, unknown>, sid?: string) {
  return json({
    Version: '2012-10-17',
    Statement: [
      {
        ...(sid ? { Sid: sid } : {}),
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${provider}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: condition,
      },
    ],
  });
}

/** A gitlab.com `id_tokens` token for mygroup/myproject, GitLab's documented payload otherwise (doc/ci/secrets/id_token_authentication.md). */
function gitlabToken(ref: string, refType: 'branch' | 'tag', extra: ClaimOverrides = {}) {
  const refPath = `refs/${refType === 'branch' ? 'heads' : 'tags'}/${ref}`;
  return gitlabClaims({
    ...GITLAB_NO_ENVIRONMENT,
    namespace_path: 'mygroup',
    project_path: 'mygroup/myproject',
    user_access_level: 'developer',
    user_identities: [{ provider: 'github', extern_uid: '2435223452345' }],
    ref,
    ref_type: refType,
    ref_path: refPath,
    ref_protected: 'true',
    runner_environment: 'gitlab-hosted',
    project_visibility: 'private',
    ci_config_ref_uri: `gitlab.com/mygroup/myproject//.gitlab-ci.yml@${refPath}`,
    ci_config_sha: '714a629c0b401fdce83e847fc9589983fc6f46bc',
    iss: 'https://gitlab.com',
    iat: ISSUED,
    nbf: ISSUED - 5,
    exp: ISSUED + 300,
    sub: `project_path:mygroup/myproject:ref_type:${refType}:ref:${ref}`,
    aud: 'https://gitlab.com',
    ...extra,
  });
}

/**
 * A GitHub Actions token as GitHub documents it (content/actions/concepts/security/openid-connect.md),
 * requested for STS; `extra` claims the documented token lacks come last.
 */
function githubToken(sub: string, extra: ClaimOverrides = {}) {
  const token = githubClaims({ ...GITHUB_NO_ENVIRONMENT_OR_ENTERPRISE, sub, aud: 'sts.amazonaws.com', nbf: ISSUED - 600, exp: ISSUED + 300, iat: ISSUED });
  return { ...token, ...extra };
}

const GITLAB_DOCS = 'https://docs.gitlab.com/ci/cloud_services/aws/';
const GITHUB_DOCS = 'https://docs.github.com/en/actions/how-tos/secure-your-work/security-harden-deployments/oidc-in-aws';
const DENIED = 'Not authorized to perform sts:AssumeRoleWithWebIdentity';

const gitlabBranchPolicy = trustPolicy('gitlab.com', {
  StringEquals: { 'gitlab.com:sub': 'project_path:mygroup/myproject:ref_type:branch:ref:main' },
});

const githubBranchPolicy = trustPolicy('token.actions.githubusercontent.com', {
  StringEquals: {
    'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
    'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:ref:refs/heads/main',
  },
});

export const examples: Example[] = [
  {
    id: 'gitlab-aws-branch',
    provider: 'aws',
    title: 'GitLab main branch → AWS role',
    story: "A gitlab.com pipeline on main assumes a role whose trust policy is GitLab's documented one.",
    ci: 'gitlab',
    policy: gitlabBranchPolicy,
    claims: gitlabToken('main', 'branch'),
    at: AT,
    expect: { decision: 'allow', message: 'allowed by statement 0' },
    source: GITLAB_DOCS,
  },
  {
    id: 'gitlab-aws-tag-denied',
    provider: 'aws',
    title: 'GitLab tag pipeline vs a branch-only role',
    story: 'A release tag pipeline is refused: the role trusts only the main branch.',
    ci: 'gitlab',
    policy: gitlabBranchPolicy,
    claims: gitlabToken('v1.0', 'tag'),
    at: AT,
    expect: { decision: 'deny', message: DENIED },
    source: GITLAB_DOCS,
  },
  {
    id: 'gitlab-aws-project-id',
    provider: 'aws',
    title: 'gitlab.com: pin sub, namespace_id and project_id',
    story: 'GitLab\'s 2026 policy also pins the immutable project and namespace IDs, which AWS exposes for gitlab.com only.',
    ci: 'gitlab',
    policy: trustPolicy('gitlab.com', {
      StringEquals: {
        'gitlab.com:sub': 'project_path:mygroup/myproject:ref_type:branch:ref:main',
        'gitlab.com:namespace_id': '72',
        'gitlab.com:project_id': '20',
      },
    }),
    claims: gitlabToken('main', 'branch'),
    at: AT,
    expect: { decision: 'allow', message: 'allowed by statement 0' },
    source: GITLAB_DOCS,
  },
  {
    id: 'gitlab-aws-group-wildcard',
    provider: 'aws',
    title: 'GitLab group wildcard admits a subgroup project',
    story: 'project_path:mygroup/* lets any project in any subgroup in, on any branch.',
    ci: 'gitlab',
    policy: trustPolicy('gitlab.com', { StringLike: { 'gitlab.com:sub': 'project_path:mygroup/*' } }),
    claims: gitlabToken('feature', 'branch', {
      project_path: 'mygroup/tools/deep-project',
      sub: 'project_path:mygroup/tools/deep-project:ref_type:branch:ref:feature',
      ref_protected: 'false',
    }),
    at: AT,
    expect: { decision: 'allow', message: 'allowed by statement 0' },
    source: 'https://docs.gitlab.com/ci/cloud_services/',
  },
  {
    id: 'github-aws-branch',
    provider: 'aws',
    title: 'GitHub Actions main branch → AWS role',
    story: "A workflow on main assumes a role with GitHub's documented aud + sub trust policy.",
    ci: 'github',
    policy: githubBranchPolicy,
    claims: githubToken('repo:octo-org/octo-repo:ref:refs/heads/main'),
    at: AT,
    expect: { decision: 'allow', message: 'allowed by statement 0' },
    source: GITHUB_DOCS,
  },
  {
    id: 'github-aws-pull-request-denied',
    provider: 'aws',
    title: 'GitHub pull request vs a main-only role',
    story: 'A pull_request workflow is refused: its sub names the event, not the branch.',
    ci: 'github',
    policy: githubBranchPolicy,
    claims: githubToken('repo:octo-org/octo-repo:pull_request', { event_name: 'pull_request', ref: 'refs/pull/7/merge', head_ref: 'feature', base_ref: 'main' }),
    at: AT,
    expect: { decision: 'deny', message: DENIED },
    source: GITHUB_DOCS,
  },
  {
    id: 'github-aws-environment',
    provider: 'aws',
    title: 'GitHub environment job → AWS role',
    story: 'A job bound to the prod environment: the environment replaces the ref in sub.',
    ci: 'github',
    policy: trustPolicy('token.actions.githubusercontent.com', {
      StringEquals: {
        'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
        'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:environment:prod',
      },
    }),
    claims: githubToken('repo:octo-org/octo-repo:environment:prod', { environment: 'prod' }),
    at: AT,
    expect: { decision: 'allow', message: 'allowed by statement 0' },
    source: GITHUB_DOCS,
  },
  {
    id: 'github-aws-no-sub',
    provider: 'aws',
    title: 'GitHub role without a sub condition admits strangers',
    story: "An old aud-only role lets any repository's workflow in; AWS would refuse to save it today.",
    ci: 'github',
    policy: trustPolicy('token.actions.githubusercontent.com', {
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
    }),
    claims: githubToken('repo:stranger/anything:ref:refs/heads/main', {
      repository: 'stranger/anything',
      repository_owner: 'stranger',
      repository_id: '999',
      repository_owner_id: '998',
    }),
    at: AT,
    expect: { decision: 'allow', message: 'allowed by statement 0' },
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_oidc_secure-by-default.html',
  },
  {
    id: 'github-aws-expired',
    provider: 'aws',
    title: 'Expired GitHub token',
    story: 'The token expired more than AWS\'s five minutes of clock skew ago.',
    ci: 'github',
    policy: githubBranchPolicy,
    claims: githubToken('repo:octo-org/octo-repo:ref:refs/heads/main'),
    at: ISSUED + 300 + 301,
    expect: { decision: 'deny', message: 'ExpiredToken' },
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_oidc.html',
  },
];
