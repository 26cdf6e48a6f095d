/**
 * Gallery scenarios for AWS. Ids are stable (docs link to `#example=<id>`); every example is a test
 * (examples.test.ts asserts its decision and message).
 */
import {
  BITBUCKET_REPOSITORY_UUID,
  BITBUCKET_WORKSPACE_UUID,
  bitbucketClaims,
  buildkiteClaims,
  CIRCLECI_ORG_ID,
  CIRCLECI_PROJECT_ID,
  circleciClaims,
  type ClaimOverrides,
  eksServiceAccountClaims,
  GITHUB_NO_ENVIRONMENT_OR_ENTERPRISE,
  GITLAB_NO_ENVIRONMENT,
  GOOGLE_SERVICE_ACCOUNT_ID,
  githubClaims,
  githubEnterpriseServerClaims,
  gitlabClaims,
  googleServiceAccountClaims,
  terraformClaims,
} from '../../claims/examples';
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

// ---------------------------------------------------------------------------------------------
// Other issuers, each with the trust policy its own AWS guide documents.

const EKS_ISSUER = 'oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const EKS_DOCS = 'https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html';
const TERRAFORM_AWS_DOCS = 'https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/aws-configuration';
const CIRCLECI_DOCS = 'https://circleci.com/docs/guides/permissions-authentication/openid-connect-tokens/';
const BUILDKITE_AWS_DOCS = 'https://buildkite.com/docs/pipelines/security/oidc/aws';
const BITBUCKET_AWS_DOCS = 'https://support.atlassian.com/bitbucket-cloud/docs/deploy-on-aws-using-bitbucket-pipelines-openid-connect/';
const BITBUCKET_ISSUER = 'api.bitbucket.org/2.0/workspaces/my-workspace/pipelines-config/identity/oidc';
const GHES_ISSUER = 'github.example.com/_services/token';
const AWS_CONDITION_KEYS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html';

/** The EKS guide's trust policy: the cluster's provider, `:sub` = the service account, `:aud` = sts.amazonaws.com. */
const eksIrsaPolicy = trustPolicy(EKS_ISSUER, {
  StringEquals: {
    [`${EKS_ISSUER}:sub`]: 'system:serviceaccount:default:my-service-account',
    [`${EKS_ISSUER}:aud`]: 'sts.amazonaws.com',
  },
});

/** HashiCorp's AWS page: default audience, any run phase of one workspace. */
const terraformAnyPhasePolicy = trustPolicy('app.terraform.io', {
  StringEquals: { 'app.terraform.io:aud': 'aws.workload.identity' },
  StringLike: { 'app.terraform.io:sub': 'organization:my-org-name:project:my-project-name:workspace:my-workspace-name:run_phase:*' },
});

/** The same page's split roles (TFC_AWS_PLAN_ROLE_ARN / TFC_AWS_APPLY_ROLE_ARN): this one trusts the apply phase only. */
const terraformApplyPolicy = trustPolicy('app.terraform.io', {
  StringEquals: {
    'app.terraform.io:aud': 'aws.workload.identity',
    'app.terraform.io:sub': 'organization:my-org-name:project:my-project-name:workspace:my-workspace-name:run_phase:apply',
  },
});

/** CircleCI's AWS example: the organization ID as audience, every user of one project. */
const circleciPolicy = trustPolicy(`oidc.circleci.com/org/${CIRCLECI_ORG_ID}`, {
  StringEquals: { [`oidc.circleci.com/org/${CIRCLECI_ORG_ID}:aud`]: CIRCLECI_ORG_ID },
  StringLike: { [`oidc.circleci.com/org/${CIRCLECI_ORG_ID}:sub`]: `org/${CIRCLECI_ORG_ID}/project/${CIRCLECI_PROJECT_ID}/user/*` },
});

/** Buildkite's AWS guide: audience sts.amazonaws.com, one pipeline's main branch, any commit and step. */
const buildkitePolicy = trustPolicy('agent.buildkite.com', {
  StringEquals: { 'agent.buildkite.com:aud': 'sts.amazonaws.com' },
  StringLike: { 'agent.buildkite.com:sub': 'organization:acme-inc:pipeline:deploy:ref:refs/heads/main:commit:*:step:*' },
});

/** Bitbucket's AWS page: the workspace audience, and `sub` narrowed to one repository (the step UUID varies). */
const bitbucketPolicy = trustPolicy(BITBUCKET_ISSUER, {
  StringEquals: { [`${BITBUCKET_ISSUER}:aud`]: `ari:cloud:bitbucket::workspace/${BITBUCKET_WORKSPACE_UUID.slice(1, -1)}` },
  StringLike: { [`${BITBUCKET_ISSUER}:sub`]: `${BITBUCKET_REPOSITORY_UUID}:*` },
});

/**
 * A role for the production deployment environment: a deployment step's sub is
 * `{repositoryUuid}:{environmentUuid}:{stepUuid}` (Bitbucket's example payload), so the pattern pins both UUIDs.
 */
const BITBUCKET_PRODUCTION = '{b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e}';
const bitbucketProductionPolicy = trustPolicy(BITBUCKET_ISSUER, {
  StringEquals: { [`${BITBUCKET_ISSUER}:aud`]: `ari:cloud:bitbucket::workspace/${BITBUCKET_WORKSPACE_UUID.slice(1, -1)}` },
  StringLike: { [`${BITBUCKET_ISSUER}:sub`]: `${BITBUCKET_REPOSITORY_UUID}:${BITBUCKET_PRODUCTION}:*` },
});

/** GitHub's AWS guide for GitHub Enterprise Server: keys prefixed with `HOSTNAME/_services/token`. */
const ghesPolicy = trustPolicy(GHES_ISSUER, {
  StringEquals: {
    [`${GHES_ISSUER}:aud`]: 'sts.amazonaws.com',
    [`${GHES_ISSUER}:sub`]: 'repo:octo-org/octo-repo:ref:refs/heads/main',
  },
});

/** Google is a built-in web identity provider: `Federated: accounts.google.com`, keys without a provider ARN. */
function googlePolicy(condition: Record<string, unknown>) {
  return json({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: 'accounts.google.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: condition,
      },
    ],
  });
}

/** `accounts.google.com:aud` holds `azp` (the service account's unique ID) whenever the token carries one. */
const googleServiceAccountPolicy = googlePolicy({
  StringEquals: {
    'accounts.google.com:aud': GOOGLE_SERVICE_ACCOUNT_ID,
    'accounts.google.com:oaud': 'sts.amazonaws.com',
    'accounts.google.com:sub': GOOGLE_SERVICE_ACCOUNT_ID,
  },
});

/**
 * GHE.com (data residency) issues from `token.actions.<subdomain>.ghe.com`; AWS's GitHub tab keys
 * exist for that prefix too (Service Authorization Reference: `token.actions.${Domain}.ghe.com`), so
 * the role can pin the immutable repository ID beside `sub`.
 */
const GHE_COM_ISSUER = 'token.actions.octocorp.ghe.com';
const gheComPolicy = trustPolicy(GHE_COM_ISSUER, {
  StringEquals: {
    [`${GHE_COM_ISSUER}:aud`]: 'sts.amazonaws.com',
    [`${GHE_COM_ISSUER}:sub`]: 'repo:octo-org/octo-repo:ref:refs/heads/main',
    [`${GHE_COM_ISSUER}:repository_id`]: '74',
  },
});

function gheComToken(overrides: ClaimOverrides = {}) {
  return githubEnterpriseServerClaims(ISSUED, { iss: `https://${GHE_COM_ISSUER}`, ...overrides });
}

function otherIssuerExamples(): Example[] {
  const allowed = { decision: 'allow', message: 'allowed by statement 0' } as const;
  const denied = { decision: 'deny', message: DENIED } as const;
  return [
    {
      id: 'eks-irsa-aws',
      provider: 'aws',
      title: 'EKS pod (IRSA) → AWS role',
      story: "A pod running as default/my-service-account assumes the role of the EKS guide's trust policy.",
      ci: 'other',
      policy: eksIrsaPolicy,
      claims: eksServiceAccountClaims(ISSUED),
      at: AT,
      expect: allowed,
      source: EKS_DOCS,
    },
    {
      id: 'eks-irsa-aws-other-namespace-denied',
      provider: 'aws',
      title: 'EKS: same service account name, other namespace',
      story: 'A pod running as staging/my-service-account is refused: the namespace is part of `sub`.',
      ci: 'other',
      policy: eksIrsaPolicy,
      claims: eksServiceAccountClaims(ISSUED, { namespace: 'staging' }),
      at: AT,
      expect: denied,
      source: EKS_DOCS,
    },
    {
      id: 'terraform-cloud-aws-apply',
      provider: 'aws',
      title: 'HCP Terraform apply → AWS role',
      story: "The apply phase of my-workspace-name assumes a role that trusts every run phase of that workspace, as HashiCorp's AWS page writes it.",
      ci: 'other',
      policy: terraformAnyPhasePolicy,
      claims: terraformClaims(ISSUED),
      at: AT,
      expect: allowed,
      source: TERRAFORM_AWS_DOCS,
    },
    {
      id: 'terraform-cloud-aws-other-workspace-denied',
      provider: 'aws',
      title: 'HCP Terraform: another workspace of the project',
      story: 'A run of my-other-workspace is refused: the role names one workspace in `sub`.',
      ci: 'other',
      policy: terraformAnyPhasePolicy,
      claims: terraformClaims(ISSUED, { terraform_workspace_name: 'my-other-workspace', terraform_workspace_id: 'ws-7Gp2KxQv9LmT4cRz' }),
      at: AT,
      expect: denied,
      source: TERRAFORM_AWS_DOCS,
    },
    {
      id: 'terraform-cloud-aws-plan-denied',
      provider: 'aws',
      title: 'HCP Terraform plan vs an apply-only role',
      story: 'With separate plan and apply roles, the plan phase is refused by the apply role: `run_phase:plan`.',
      ci: 'other',
      policy: terraformApplyPolicy,
      claims: terraformClaims(ISSUED, { terraform_run_phase: 'plan' }),
      at: AT,
      expect: denied,
      source: TERRAFORM_AWS_DOCS,
    },
    {
      id: 'circleci-aws',
      provider: 'aws',
      title: 'CircleCI project → AWS role',
      story: "A job of the trusted project assumes the role of CircleCI's AWS example, any user.",
      ci: 'other',
      policy: circleciPolicy,
      claims: circleciClaims(ISSUED),
      at: AT,
      expect: allowed,
      source: CIRCLECI_DOCS,
    },
    {
      id: 'circleci-aws-other-project-denied',
      provider: 'aws',
      title: 'CircleCI: another project of the organization',
      story: 'A job of another project in the same organization is refused: its project ID differs in `sub`.',
      ci: 'other',
      policy: circleciPolicy,
      claims: circleciClaims(ISSUED, { 'oidc.circleci.com/project-id': '0f9e8d7c-6b5a-4493-8271-605f4e3d2c1b' }),
      at: AT,
      expect: denied,
      source: CIRCLECI_DOCS,
    },
    {
      id: 'buildkite-aws',
      provider: 'aws',
      title: 'Buildkite main-branch job → AWS role',
      story: "A job of acme-inc's deploy pipeline on main assumes the role of Buildkite's AWS guide.",
      ci: 'other',
      policy: buildkitePolicy,
      claims: buildkiteClaims(ISSUED),
      at: AT,
      expect: allowed,
      source: BUILDKITE_AWS_DOCS,
    },
    {
      id: 'buildkite-aws-branch-denied',
      provider: 'aws',
      title: 'Buildkite feature-branch job vs a main-only role',
      story: 'The same pipeline building a feature branch is refused: `ref:refs/heads/feature` in `sub`.',
      ci: 'other',
      policy: buildkitePolicy,
      claims: buildkiteClaims(ISSUED, { build_branch: 'feature' }),
      at: AT,
      expect: denied,
      source: BUILDKITE_AWS_DOCS,
    },
    {
      id: 'bitbucket-aws',
      provider: 'aws',
      title: 'Bitbucket Pipelines step → AWS role',
      story: 'A step of the trusted repository assumes the role: `{repositoryUuid}:*` admits whatever step UUID it has.',
      ci: 'other',
      policy: bitbucketPolicy,
      claims: bitbucketClaims(ISSUED),
      at: AT,
      expect: allowed,
      source: BITBUCKET_AWS_DOCS,
    },
    {
      id: 'bitbucket-aws-other-repository-denied',
      provider: 'aws',
      title: 'Bitbucket: another repository of the workspace',
      story: 'A step of another repository gets a token with the same issuer and audience; the repository UUID in `sub` refuses it.',
      ci: 'other',
      policy: bitbucketPolicy,
      claims: bitbucketClaims(ISSUED, { repositoryUuid: '{5f4e3d2c-1b0a-4998-8776-655443322110}' }),
      at: AT,
      expect: denied,
      source: BITBUCKET_AWS_DOCS,
    },
    {
      id: 'bitbucket-aws-production-environment',
      provider: 'aws',
      title: 'Bitbucket deployment step → production-only AWS role',
      story: 'A step with `deployment: production` assumes a role whose `sub` pattern names the repository and the production environment UUID.',
      ci: 'other',
      policy: bitbucketProductionPolicy,
      claims: bitbucketClaims(ISSUED, { deploymentEnvironmentUuid: BITBUCKET_PRODUCTION }),
      at: AT,
      expect: allowed,
      source: BITBUCKET_AWS_DOCS,
    },
    {
      id: 'bitbucket-aws-staging-environment-denied',
      provider: 'aws',
      title: 'Bitbucket: staging deployment vs the production role',
      story: 'A step deploying to staging carries the staging environment UUID in `sub` and is refused.',
      ci: 'other',
      policy: bitbucketProductionPolicy,
      claims: bitbucketClaims(ISSUED, { deploymentEnvironmentUuid: '{c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f}' }),
      at: AT,
      expect: denied,
      source: BITBUCKET_AWS_DOCS,
    },
    {
      id: 'github-enterprise-server-aws',
      provider: 'aws',
      title: 'GitHub Enterprise Server workflow → AWS role',
      story: 'A main-branch workflow on github.example.com assumes a role keyed on `github.example.com/_services/token:sub`.',
      ci: 'github',
      policy: ghesPolicy,
      claims: githubEnterpriseServerClaims(ISSUED),
      at: AT,
      expect: allowed,
      source: GITHUB_DOCS,
    },
    {
      id: 'github-enterprise-server-aws-other-repository-denied',
      provider: 'aws',
      title: 'GitHub Enterprise Server: another repository',
      story: 'A main-branch workflow of octo-org/other-repo on the same server is refused by the repository in `sub`.',
      ci: 'github',
      policy: ghesPolicy,
      claims: githubEnterpriseServerClaims(ISSUED, {
        sub: 'repo:octo-org/other-repo:ref:refs/heads/main',
        repository: 'octo-org/other-repo',
        repository_id: '81',
        job_workflow_ref: 'octo-org/other-repo/.github/workflows/oidc.yml@refs/heads/main',
      }),
      at: AT,
      expect: denied,
      source: GITHUB_DOCS,
    },
    {
      id: 'github-ghe-com-aws',
      provider: 'aws',
      title: 'GHE.com workflow → AWS role pinning the repository ID',
      story: 'A main-branch workflow on octocorp.ghe.com assumes a role that checks `sub` and the immutable `repository_id`.',
      ci: 'github',
      policy: gheComPolicy,
      claims: gheComToken(),
      at: AT,
      expect: allowed,
      source: GITHUB_OIDC_REFERENCE,
    },
    {
      id: 'github-ghe-com-aws-recreated-repository-denied',
      provider: 'aws',
      title: 'GHE.com: a new repository under the old name',
      story: 'octo-org/octo-repo was deleted and created again: `sub` still matches, `repository_id` does not.',
      ci: 'github',
      policy: gheComPolicy,
      claims: gheComToken({ repository_id: '912' }),
      at: AT,
      expect: denied,
      source: GITHUB_OIDC_REFERENCE,
    },
    {
      id: 'cloud-build-aws',
      provider: 'aws',
      title: 'Google service account (Cloud Build) → AWS role',
      story: 'A build running as deployer@my-project presents its Google ID token; the role pins the service account ID as AWS maps it.',
      ci: 'other',
      policy: googleServiceAccountPolicy,
      claims: googleServiceAccountClaims(ISSUED),
      at: AT,
      expect: allowed,
      source: AWS_CONDITION_KEYS,
    },
    {
      id: 'cloud-build-aws-other-service-account-denied',
      provider: 'aws',
      title: 'Google: another service account',
      story: 'A token of another service account asks for the same audience; `accounts.google.com:aud` (its azp) differs.',
      ci: 'other',
      policy: googleServiceAccountPolicy,
      claims: googleServiceAccountClaims(ISSUED, { azp: '998877665544332211009', sub: '998877665544332211009', email: 'builder@other-project.iam.gserviceaccount.com' }),
      at: AT,
      expect: denied,
      source: AWS_CONDITION_KEYS,
    },
    {
      id: 'cloud-build-aws-aud-is-azp-denied',
      provider: 'aws',
      title: 'Google: `:aud` is not the token audience',
      story: "A role testing `accounts.google.com:aud` for sts.amazonaws.com refuses every Google service account: with azp present, AWS's `:aud` is the azp and the audience is `:oaud`.",
      ci: 'other',
      policy: googlePolicy({ StringEquals: { 'accounts.google.com:aud': 'sts.amazonaws.com' } }),
      claims: googleServiceAccountClaims(ISSUED),
      at: AT,
      expect: denied,
      source: AWS_CONDITION_KEYS,
    },
  ];
}

examples.push(...otherIssuerExamples());
