/**
 * Gallery scenarios for AWS. Ids are stable (docs link to `#example=<id>`); every example is a test
 * (examples.test.ts asserts its decision and message).
 */
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

/** A gitlab.com `id_tokens` token as GitLab documents it (doc/ci/secrets/id_token_authentication.md). */
function gitlabClaims(ref: string, refType: 'branch' | 'tag', extra: Record<string, unknown> = {}) {
  return {
    namespace_id: '72',
    namespace_path: 'mygroup',
    project_id: '20',
    project_path: 'mygroup/myproject',
    user_id: '1',
    user_login: 'sample-user',
    user_email: 'sample-user@example.com',
    user_access_level: 'developer',
    user_identities: [{ provider: 'github', extern_uid: '2435223452345' }],
    pipeline_id: '574',
    pipeline_source: 'push',
    job_id: '302',
    ref,
    ref_type: refType,
    ref_path: refType === 'branch' ? `refs/heads/${ref}` : `refs/tags/${ref}`,
    ref_protected: 'true',
    runner_id: 1,
    runner_environment: 'gitlab-hosted',
    sha: '714a629c0b401fdce83e847fc9589983fc6f46bc',
    project_visibility: 'private',
    ci_config_ref_uri: `gitlab.com/mygroup/myproject//.gitlab-ci.yml@refs/${refType === 'branch' ? 'heads' : 'tags'}/${ref}`,
    ci_config_sha: '714a629c0b401fdce83e847fc9589983fc6f46bc',
    jti: '235b3a54-b797-45c7-ae9a-f72d7bc6ef5b',
    iss: 'https://gitlab.com',
    iat: ISSUED,
    nbf: ISSUED - 5,
    exp: ISSUED + 300,
    sub: `project_path:mygroup/myproject:ref_type:${refType}:ref:${ref}`,
    aud: 'https://gitlab.com',
    ...extra,
  };
}

/** A GitHub Actions token as GitHub documents it (content/actions/concepts/security/openid-connect.md). */
function githubClaims(sub: string, extra: Record<string, unknown> = {}) {
  return {
    jti: 'example-id',
    sub,
    aud: 'sts.amazonaws.com',
    ref: 'refs/heads/main',
    sha: 'example-sha',
    repository: 'octo-org/octo-repo',
    repository_owner: 'octo-org',
    actor_id: '12',
    repository_visibility: 'private',
    repository_id: '74',
    repository_owner_id: '65',
    run_id: 'example-run-id',
    run_number: '10',
    run_attempt: '2',
    runner_environment: 'github-hosted',
    actor: 'octocat',
    workflow: 'example-workflow',
    head_ref: '',
    base_ref: '',
    event_name: 'workflow_dispatch',
    ref_type: 'branch',
    job_workflow_ref: 'octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main',
    iss: 'https://token.actions.githubusercontent.com',
    nbf: ISSUED - 600,
    exp: ISSUED + 300,
    iat: ISSUED,
    ...extra,
  };
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
    claims: gitlabClaims('main', 'branch'),
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
    claims: gitlabClaims('v1.0', 'tag'),
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
    claims: gitlabClaims('main', 'branch'),
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
    claims: gitlabClaims('feature', 'branch', {
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
    claims: githubClaims('repo:octo-org/octo-repo:ref:refs/heads/main'),
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
    claims: githubClaims('repo:octo-org/octo-repo:pull_request', { event_name: 'pull_request', ref: 'refs/pull/7/merge', head_ref: 'feature', base_ref: 'main' }),
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
    claims: githubClaims('repo:octo-org/octo-repo:environment:prod', { environment: 'prod' }),
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
    claims: githubClaims('repo:stranger/anything:ref:refs/heads/main', {
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
    claims: githubClaims('repo:octo-org/octo-repo:ref:refs/heads/main'),
    at: ISSUED + 300 + 301,
    expect: { decision: 'deny', message: 'ExpiredToken' },
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_oidc.html',
  },
];
