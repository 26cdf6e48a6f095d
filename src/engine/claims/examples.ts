/**
 * The issuers' own example payloads, verbatim apart from JSON syntax, for tests and for the UI's
 * "load an example token" actions.
 */

/** GitLab id_token_authentication.md, "Token payload" (GitLab 16.0 era). */
export const GITLAB_DOCS_EXAMPLE_CLAIMS: Readonly<Record<string, unknown>> = {
  namespace_id: '72',
  namespace_path: 'my-group',
  project_id: '20',
  project_path: 'my-group/my-project',
  user_id: '1',
  user_login: 'sample-user',
  user_email: 'sample-user@example.com',
  user_identities: [
    { provider: 'github', extern_uid: '2435223452345' },
    { provider: 'bitbucket', extern_uid: 'john.smith' },
  ],
  pipeline_id: '574',
  pipeline_source: 'push',
  job_id: '302',
  ref: 'feature-branch-1',
  ref_type: 'branch',
  ref_path: 'refs/heads/feature-branch-1',
  ref_protected: 'false',
  environment: 'test-environment2',
  environment_protected: 'false',
  deployment_tier: 'testing',
  runner_id: 1,
  runner_environment: 'self-hosted',
  sha: '714a629c0b401fdce83e847fc9589983fc6f46bc',
  jti: '235b3a54-b797-45c7-ae9a-f72d7bc6ef5b',
  iss: 'https://gitlab.example.com',
  iat: 1681395193,
  nbf: 1681395188,
  exp: 1681398793,
  sub: 'project_path:my-group/my-project:ref_type:branch:ref:feature-branch-1',
  aud: 'https://vault.example.com',
};

/** GitHub concepts/security/openid-connect.md, "Understanding the OIDC token" (github.com rendering). */
export const GITHUB_DOCS_EXAMPLE_CLAIMS: Readonly<Record<string, unknown>> = {
  jti: 'example-id',
  sub: 'repo:octo-org/octo-repo:environment:prod',
  environment: 'prod',
  aud: 'https://github.com/octo-org',
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
  enterprise: 'avocado-corp',
  enterprise_id: '2',
  ref_type: 'branch',
  job_workflow_ref: 'octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main',
  iss: 'https://token.actions.githubusercontent.com',
  nbf: 1632492967,
  exp: 1632493867,
  iat: 1632493567,
};

/** Changes to an example payload: a value replaces the claim (or adds it), `undefined` removes it. */
export type ClaimOverrides = Readonly<Record<string, unknown>>;

/**
 * Where each GitLab claim stands in a built token: the documented payload's order, with the claims
 * that payload lacks next to their kin, so a built token reads like one GitLab issues.
 */
const GITLAB_CLAIM_ORDER: readonly string[] = [
  'namespace_id', 'namespace_path', 'project_id', 'project_path',
  'user_id', 'user_login', 'user_email', 'user_access_level', 'user_identities',
  'pipeline_id', 'pipeline_source', 'job_id',
  'ref', 'ref_type', 'ref_path', 'ref_protected',
  'environment', 'environment_protected', 'deployment_tier',
  'runner_id', 'runner_environment', 'sha', 'project_visibility', 'ci_config_ref_uri', 'ci_config_sha',
  'jti', 'iss', 'iat', 'nbf', 'exp', 'sub', 'aud',
];

/** The same for GitHub: the documented token's order, `workflow_ref` before `job_workflow_ref`. */
const GITHUB_CLAIM_ORDER: readonly string[] = [
  'jti', 'sub', 'environment', 'aud', 'ref', 'sha', 'repository', 'repository_owner', 'actor_id',
  'repository_visibility', 'repository_id', 'repository_owner_id', 'run_id', 'run_number', 'run_attempt',
  'runner_environment', 'actor', 'workflow', 'head_ref', 'base_ref', 'event_name', 'enterprise', 'enterprise_id',
  'ref_type', 'workflow_ref', 'job_workflow_ref', 'iss', 'nbf', 'exp', 'iat',
];

function overlay(base: ClaimOverrides, order: readonly string[], overrides: ClaimOverrides): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base, ...overrides };
  const names = [...order.filter((name) => Object.hasOwn(merged, name)), ...Object.keys(merged).filter((name) => !order.includes(name))];
  return Object.fromEntries(names.filter((name) => merged[name] !== undefined).map((name) => [name, merged[name]]));
}

/** GitLab's documented payload with `overrides` laid over it. */
export function gitlabClaims(overrides: ClaimOverrides = {}): Record<string, unknown> {
  return overlay(GITLAB_DOCS_EXAMPLE_CLAIMS, GITLAB_CLAIM_ORDER, overrides);
}

/** GitHub's documented token with `overrides` laid over it. */
export function githubClaims(overrides: ClaimOverrides = {}): Record<string, unknown> {
  return overlay(GITHUB_DOCS_EXAMPLE_CLAIMS, GITHUB_CLAIM_ORDER, overrides);
}

/** Overrides that remove the named claims. */
export function withoutClaims(...names: string[]): ClaimOverrides {
  return Object.fromEntries(names.map((name) => [name, undefined]));
}

/** The documented GitLab job deploys to an environment; a job that names none has no environment claims. */
export const GITLAB_NO_ENVIRONMENT: ClaimOverrides = withoutClaims('environment', 'environment_protected', 'deployment_tier');

/** The documented GitHub job references an environment in an enterprise repository; most jobs do neither. */
export const GITHUB_NO_ENVIRONMENT_OR_ENTERPRISE: ClaimOverrides = withoutClaims('environment', 'enterprise', 'enterprise_id');

/**
 * The namespace, project, user (who has no external identities), pipeline and job of the example
 * payload in GitLab's Vault tutorial (https://docs.gitlab.com/ci/secrets/hashicorp_vault_tutorial/),
 * to lay over the payload above.
 */
export const GITLAB_VAULT_TUTORIAL_JOB: ClaimOverrides = {
  jti: 'c82eeb0c-5c6f-4a33-abf5-4c474b92b558',
  namespace_id: '1',
  namespace_path: 'mygroup',
  project_id: '22',
  project_path: 'mygroup/myproject',
  user_id: '42',
  user_login: 'myuser',
  user_email: 'myuser@example.com',
  user_identities: undefined,
  pipeline_id: '1212',
  job_id: '1212',
};

// ---------------------------------------------------------------------------------------------
// Other issuers: one documented sample claim set each, with the documents' placeholders filled in
// consistently. `at` is the issue time; every factory lays `overrides` over its sample.

function ordered(sample: Record<string, unknown>, overrides: ClaimOverrides): Record<string, unknown> {
  return overlay(sample, Object.keys(sample), overrides);
}

/**
 * A projected service-account token as EKS mounts it for IAM roles for service accounts: audience
 * `sts.amazonaws.com` as an array, the cluster issuer of the EKS guide, the bound pod under
 * `kubernetes.io`, and the webhook's default lifetime of 86 400 s
 * (https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html,
 * https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/).
 */
export function eksServiceAccountClaims(at: number, overrides: ClaimOverrides = {}): Record<string, unknown> {
  const namespace = typeof overrides.namespace === 'string' ? overrides.namespace : 'default';
  const account = typeof overrides.serviceAccount === 'string' ? overrides.serviceAccount : 'my-service-account';
  const { namespace: _n, serviceAccount: _s, ...rest } = overrides;
  return ordered(
    {
      aud: ['sts.amazonaws.com'],
      exp: at + 86_400,
      iat: at,
      iss: 'https://oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
      jti: '6f2b9a9e-1d4c-4d7e-9a51-3c8e0b6f2a10',
      'kubernetes.io': {
        namespace,
        node: { name: 'ip-192-168-42-7.us-west-2.compute.internal', uid: '2f1c3d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f' },
        pod: { name: 'my-app-6d8f7c9b5-x2x7k', uid: '8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d' },
        serviceaccount: { name: account, uid: '3c2d1e0f-9a8b-4c7d-8e6f-5a4b3c2d1e0f' },
      },
      nbf: at,
      sub: `system:serviceaccount:${namespace}:${account}`,
    },
    rest,
  );
}

/**
 * The same token from an AKS cluster with the OIDC issuer and workload identity enabled: issuer
 * `https://<region>.oic.prod-aks.azure.com/<tenant>/<guid>/` (trailing slash), audience
 * `api://AzureADTokenExchange`, one hour (https://learn.microsoft.com/en-us/azure/aks/workload-identity-deploy-cluster).
 */
export function aksServiceAccountClaims(at: number, overrides: ClaimOverrides = {}): Record<string, unknown> {
  const namespace = typeof overrides.namespace === 'string' ? overrides.namespace : 'default';
  const account = typeof overrides.serviceAccount === 'string' ? overrides.serviceAccount : 'workload-identity-sa';
  const { namespace: _n, serviceAccount: _s, ...rest } = overrides;
  return eksServiceAccountClaims(at, {
    namespace,
    serviceAccount: account,
    aud: ['api://AzureADTokenExchange'],
    exp: at + 3600,
    iss: 'https://eastus.oic.prod-aks.azure.com/72f988bf-86f1-41af-91ab-2d7cd011db47/3b8e0c6a-1f2d-4e5a-9b7c-6d4e2f1a0b9c/',
    'kubernetes.io': {
      namespace,
      pod: { name: 'my-app-5c9d8b7f6-k4m2p', uid: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' },
      serviceaccount: { name: account, uid: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a' },
    },
    ...rest,
  });
}

/**
 * HCP Terraform's workload identity token for an apply run, as its documentation decodes one, with
 * the organization, project and workspace names of its AWS configuration page
 * (https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/workload-identity-tokens).
 */
export function terraformClaims(at: number, overrides: ClaimOverrides = {}): Record<string, unknown> {
  const phase = typeof overrides.terraform_run_phase === 'string' ? overrides.terraform_run_phase : 'apply';
  const workspace = typeof overrides.terraform_workspace_name === 'string' ? overrides.terraform_workspace_name : 'my-workspace-name';
  const full = `organization:my-org-name:project:my-project-name:workspace:${workspace}`;
  return ordered(
    {
      jti: '1192426d-b525-4fde-9d42-f238be437bbd',
      iss: 'https://app.terraform.io',
      aud: 'aws.workload.identity',
      iat: at,
      nbf: at,
      exp: at + 300,
      sub: `${full}:run_phase:${phase}`,
      terraform_organization_id: 'org-GRNbCjYNpBB6NEH9',
      terraform_organization_name: 'my-org-name',
      terraform_project_id: 'prj-vegSA59s1XPwMr2t',
      terraform_project_name: 'my-project-name',
      terraform_workspace_id: 'ws-mbsd5E3Ktt5Rg2Xm',
      terraform_workspace_name: workspace,
      terraform_full_workspace: full,
      terraform_run_id: 'run-X3n1AUXNGWbfECsJ',
      terraform_run_phase: phase,
    },
    overrides,
  );
}

export const CIRCLECI_ORG_ID = 'c8e7a1b2-3d4f-4a5b-9c6d-7e8f9a0b1c2d';
export const CIRCLECI_PROJECT_ID = 'e1d2c3b4-a596-4877-8695-a4b3c2d1e0f9';

/**
 * A CircleCI job's `$CIRCLE_OIDC_TOKEN`: per-organization issuer, the organization ID as audience,
 * one hour (https://circleci.com/docs/guides/permissions-authentication/openid-connect-tokens/).
 */
export function circleciClaims(at: number, overrides: ClaimOverrides = {}): Record<string, unknown> {
  const project = typeof overrides['oidc.circleci.com/project-id'] === 'string' ? overrides['oidc.circleci.com/project-id'] : CIRCLECI_PROJECT_ID;
  return ordered(
    {
      iss: `https://oidc.circleci.com/org/${CIRCLECI_ORG_ID}`,
      sub: `org/${CIRCLECI_ORG_ID}/project/${project}/user/5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d`,
      aud: CIRCLECI_ORG_ID,
      iat: at,
      exp: at + 3600,
      'oidc.circleci.com/project-id': project,
      'oidc.circleci.com/context-ids': ['2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e'],
      'oidc.circleci.com/vcs-origin': 'github.com/organization-123/repo-1',
      'oidc.circleci.com/vcs-ref': 'refs/heads/main',
      'oidc.circleci.com/ssh-rerun': false,
    },
    overrides,
  );
}

/**
 * A Buildkite job's token from `buildkite-agent oidc request-token --audience sts.amazonaws.com`:
 * `build_number` is a number, `step_key` may be null (https://buildkite.com/docs/pipelines/security/oidc).
 */
export function buildkiteClaims(at: number, overrides: ClaimOverrides = {}): Record<string, unknown> {
  const branch = typeof overrides.build_branch === 'string' ? overrides.build_branch : 'main';
  const pipeline = typeof overrides.pipeline_slug === 'string' ? overrides.pipeline_slug : 'deploy';
  const commit = '750339bffa630404607f73dd8ed2f2c4de3670c7';
  return ordered(
    {
      iss: 'https://agent.buildkite.com',
      sub: `organization:acme-inc:pipeline:${pipeline}:ref:refs/heads/${branch}:commit:${commit}:step:deploy-prod`,
      aud: 'sts.amazonaws.com',
      iat: at,
      nbf: at,
      exp: at + 300,
      organization_slug: 'acme-inc',
      organization_id: '0184a6c2-1d3e-4f5a-8b6c-7d8e9f0a1b2c',
      pipeline_slug: pipeline,
      pipeline_id: '0184a6c2-7e8f-4a9b-8c0d-1e2f3a4b5c6d',
      build_number: 175,
      build_branch: branch,
      build_commit: commit,
      step_key: 'deploy-prod',
      job_id: '018485f6-1f53-4f18-9b53-72428db4d239',
      agent_id: '018485f6-eec2-4b61-a7be-0e35ef563df0',
    },
    overrides,
  );
}

export const BITBUCKET_WORKSPACE_UUID = '{7baee083-4f25-4a97-8a9a-0fde1b623b45}';
export const BITBUCKET_REPOSITORY_UUID = '{2e9e429c-7b8b-404f-8648-8c40c27c9ebd}';

/**
 * A Bitbucket Pipelines step token (`$BITBUCKET_STEP_OIDC_TOKEN`) in the shape of the example
 * payload Bitbucket shows under Repository settings → Pipelines → OpenID Connect: UUIDs in braces,
 * `sub` = `{repositoryUuid}:{stepUuid}` (deployment steps: `{repositoryUuid}:{environmentUuid}:{stepUuid}`)
 * (https://support.atlassian.com/bitbucket-cloud/docs/integrate-pipelines-with-resource-servers-using-oidc/).
 */
export function bitbucketClaims(at: number, overrides: ClaimOverrides = {}): Record<string, unknown> {
  const repository = typeof overrides.repositoryUuid === 'string' ? overrides.repositoryUuid : BITBUCKET_REPOSITORY_UUID;
  const environment = typeof overrides.deploymentEnvironmentUuid === 'string' ? overrides.deploymentEnvironmentUuid : undefined;
  const step = '{9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f}';
  return ordered(
    {
      sub: environment ? `${repository}:${environment}:${step}` : `${repository}:${step}`,
      aud: `ari:cloud:bitbucket::workspace/${BITBUCKET_WORKSPACE_UUID.slice(1, -1)}`,
      stepUuid: step,
      ...(environment ? { deploymentEnvironmentUuid: environment } : {}),
      iss: 'https://api.bitbucket.org/2.0/workspaces/my-workspace/pipelines-config/identity/oidc',
      repositoryUuid: repository,
      branchName: 'main',
      exp: at + 3600,
      iat: at,
      pipelineUuid: '{4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a}',
      workspaceUuid: BITBUCKET_WORKSPACE_UUID,
    },
    overrides,
  );
}

export const AZURE_DEVOPS_ORGANIZATION_ID = 'f66a4bc2-08ad-4ec0-a25e-e769dab3b294';

/**
 * The token Azure DevOps presents for a workload identity federation service connection: issuer
 * `https://vstoken.dev.azure.com/<organization id>`, subject `sc://<organization>/<project>/<connection>`,
 * audience `api://AzureADTokenExchange` (https://learn.microsoft.com/en-us/azure/devops/pipelines/release/configure-workload-identity).
 */
export function azureDevOpsClaims(at: number, overrides: ClaimOverrides = {}): Record<string, unknown> {
  return ordered(
    {
      iss: `https://vstoken.dev.azure.com/${AZURE_DEVOPS_ORGANIZATION_ID}`,
      sub: 'sc://my-organization/my-project/my-service-connection',
      aud: 'api://AzureADTokenExchange',
      iat: at,
      nbf: at,
      exp: at + 600,
    },
    overrides,
  );
}

/**
 * A GitHub Actions token from GitHub Enterprise Server at github.example.com: issuer
 * `https://HOSTNAME/_services/token`, no immutable subjects
 * (https://docs.github.com/en/enterprise-server@latest/actions/reference/security/oidc).
 */
export function githubEnterpriseServerClaims(at: number, overrides: ClaimOverrides = {}): Record<string, unknown> {
  return githubClaims({
    ...GITHUB_NO_ENVIRONMENT_OR_ENTERPRISE,
    sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
    aud: 'sts.amazonaws.com',
    iss: 'https://github.example.com/_services/token',
    iat: at,
    nbf: at - 600,
    exp: at + 300,
    ...overrides,
  });
}

export const GOOGLE_SERVICE_ACCOUNT_ID = '112233445566778899001';

/**
 * A Google-signed ID token of a service account (Cloud Build's build service account, or any
 * workload on Google Cloud, asking the metadata server for `audience=…&format=full`): `sub` and `azp`
 * are the service account's unique ID, `email_verified` a boolean, one hour
 * (https://cloud.google.com/compute/docs/instances/verifying-instance-identity).
 */
export function googleServiceAccountClaims(at: number, overrides: ClaimOverrides = {}): Record<string, unknown> {
  return ordered(
    {
      aud: 'sts.amazonaws.com',
      azp: GOOGLE_SERVICE_ACCOUNT_ID,
      email: 'deployer@my-project.iam.gserviceaccount.com',
      email_verified: true,
      exp: at + 3600,
      iat: at,
      iss: 'https://accounts.google.com',
      sub: GOOGLE_SERVICE_ACCOUNT_ID,
    },
    overrides,
  );
}
