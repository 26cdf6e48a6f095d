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

/** The same pipeline on a self-managed instance at gitlab.example.com, as GitLab's AWS page sets it up (aud = the instance URL). */
function selfManagedGitlabToken(ref: string, refType: 'branch' | 'tag') {
  const refPath = `refs/${refType === 'branch' ? 'heads' : 'tags'}/${ref}`;
  return gitlabToken(ref, refType, {
    runner_environment: 'self-hosted',
    ci_config_ref_uri: `gitlab.example.com/mygroup/myproject//.gitlab-ci.yml@${refPath}`,
    iss: 'https://gitlab.example.com',
    aud: 'https://gitlab.example.com',
  });
}

/** Overrides for a main-branch gitlab.com pipeline of another project than mygroup/myproject. */
function otherGitlabProject(projectPath: string, namespaceId: string, projectId: string): ClaimOverrides {
  return {
    namespace_id: namespaceId,
    namespace_path: projectPath.slice(0, projectPath.lastIndexOf('/')),
    project_id: projectId,
    project_path: projectPath,
    ci_config_ref_uri: `gitlab.com/${projectPath}//.gitlab-ci.yml@refs/heads/main`,
    sub: `project_path:${projectPath}:ref_type:branch:ref:main`,
  };
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

/** GitLab's AWS page verbatim apart from the account: a self-managed instance at gitlab.example.com. */
const gitlabSelfManagedPolicy = trustPolicy('gitlab.example.com', {
  StringEquals: { 'gitlab.example.com:sub': 'project_path:mygroup/myproject:ref_type:branch:ref:main' },
});

const gitlabProjectIdPolicy = trustPolicy('gitlab.com', {
  StringEquals: {
    'gitlab.com:sub': 'project_path:mygroup/myproject:ref_type:branch:ref:main',
    'gitlab.com:namespace_id': '72',
    'gitlab.com:project_id': '20',
  },
});

const gitlabGroupWildcardPolicy = trustPolicy('gitlab.com', { StringLike: { 'gitlab.com:sub': 'project_path:mygroup/*' } });

const githubEnvironmentPolicy = trustPolicy('token.actions.githubusercontent.com', {
  StringEquals: {
    'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
    'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:environment:prod',
  },
});

/** The shape of GitHub's full StringLike policy, with the organization-wide subject of GitHub's OIDC reference. */
const githubOrgWildcardPolicy = trustPolicy('token.actions.githubusercontent.com', {
  StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/*' },
  StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
});

const GITHUB_OIDC_REFERENCE = 'https://docs.github.com/en/actions/reference/security/oidc';

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
    id: 'gitlab-aws-self-managed',
    provider: 'aws',
    title: 'Self-managed GitLab main branch → AWS role',
    story: "A gitlab.example.com pipeline on main assumes the role of GitLab's AWS page, keyed on `gitlab.example.com:sub`.",
    ci: 'gitlab',
    policy: gitlabSelfManagedPolicy,
    claims: selfManagedGitlabToken('main', 'branch'),
    at: AT,
    expect: { decision: 'allow', message: 'allowed by statement 0' },
    source: GITLAB_DOCS,
  },
  {
    id: 'gitlab-aws-self-managed-denied',
    provider: 'aws',
    title: 'Self-managed GitLab: a tag named main',
    story: 'A pipeline for a tag called main is refused: its sub says `ref_type:tag`, the role wants `ref_type:branch`.',
    ci: 'gitlab',
    policy: gitlabSelfManagedPolicy,
    claims: selfManagedGitlabToken('main', 'tag'),
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
    policy: gitlabProjectIdPolicy,
    claims: gitlabToken('main', 'branch'),
    at: AT,
    expect: { decision: 'allow', message: 'allowed by statement 0' },
    source: GITLAB_DOCS,
  },
  {
    id: 'gitlab-aws-project-id-denied',
    provider: 'aws',
    title: 'gitlab.com: a new project at the same path',
    story: 'The original project moved away and a new one took over mygroup/myproject: sub still matches, `project_id` does not.',
    ci: 'gitlab',
    policy: gitlabProjectIdPolicy,
    claims: gitlabToken('main', 'branch', { project_id: '98' }),
    at: AT,
    expect: { decision: 'deny', message: DENIED },
    source: GITLAB_DOCS,
  },
  {
    id: 'gitlab-aws-group-wildcard',
    provider: 'aws',
    title: 'GitLab group wildcard admits a subgroup project',
    story: 'project_path:mygroup/* lets any project in any subgroup in, on any branch.',
    ci: 'gitlab',
    policy: gitlabGroupWildcardPolicy,
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
    id: 'gitlab-aws-group-wildcard-denied',
    provider: 'aws',
    title: 'GitLab group wildcard refuses another group',
    story: 'A main-branch pipeline of othergroup/myproject is refused: `project_path:mygroup/*` needs the path to start with `mygroup/`.',
    ci: 'gitlab',
    policy: gitlabGroupWildcardPolicy,
    claims: gitlabToken('main', 'branch', otherGitlabProject('othergroup/myproject', '73', '21')),
    at: AT,
    expect: { decision: 'deny', message: DENIED },
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
    policy: githubEnvironmentPolicy,
    claims: githubToken('repo:octo-org/octo-repo:environment:prod', { environment: 'prod' }),
    at: AT,
    expect: { decision: 'allow', message: 'allowed by statement 0' },
    source: GITHUB_DOCS,
  },
  {
    id: 'github-aws-environment-denied',
    provider: 'aws',
    title: 'GitHub staging environment vs a prod-only role',
    story: 'A job bound to the staging environment is refused: the role trusts only `environment:prod`.',
    ci: 'github',
    policy: githubEnvironmentPolicy,
    claims: githubToken('repo:octo-org/octo-repo:environment:staging', { environment: 'staging' }),
    at: AT,
    expect: { decision: 'deny', message: DENIED },
    source: GITHUB_DOCS,
  },
  {
    id: 'github-aws-org-wildcard',
    provider: 'aws',
    title: 'GitHub organization wildcard admits any repository',
    story: '`repo:octo-org/*` under StringLike lets a feature-branch workflow of any octo-org repository in.',
    ci: 'github',
    policy: githubOrgWildcardPolicy,
    claims: githubToken('repo:octo-org/octo-website:ref:refs/heads/feature', {
      ref: 'refs/heads/feature',
      repository: 'octo-org/octo-website',
      repository_id: '75',
    }),
    at: AT,
    expect: { decision: 'allow', message: 'allowed by statement 0' },
    source: GITHUB_OIDC_REFERENCE,
  },
  {
    id: 'github-aws-org-wildcard-denied',
    provider: 'aws',
    title: 'GitHub organization wildcard refuses a look-alike owner',
    story: 'A workflow of octo-org-forks/octo-repo is refused: `repo:octo-org/*` needs the owner to be exactly octo-org.',
    ci: 'github',
    policy: githubOrgWildcardPolicy,
    claims: githubToken('repo:octo-org-forks/octo-repo:ref:refs/heads/main', {
      repository: 'octo-org-forks/octo-repo',
      repository_owner: 'octo-org-forks',
      repository_id: '812',
      repository_owner_id: '811',
      job_workflow_ref: 'octo-org-forks/octo-repo/.github/workflows/oidc.yml@refs/heads/main',
    }),
    at: AT,
    expect: { decision: 'deny', message: DENIED },
    source: GITHUB_OIDC_REFERENCE,
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
