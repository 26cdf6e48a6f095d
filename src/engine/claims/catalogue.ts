/**
 * What each claim of a CI OIDC token means, its JSON type and since when it exists. This file is
 * data: the claims table renders it and `notes.ts` compares values against `type`.
 */
import type { IssuerFamily } from './issuer';

export interface ClaimInfo {
  name: string;
  family: 'registered' | 'gitlab' | 'github' | 'other';
  /** One of the type texts in `CLAIM_TYPES`, e.g. 'string', 'number', 'string "true"/"false"'. */
  type: string;
  meaning: string;
  since?: string;
  present?: string;
  /** Doc URL or upstream source file. */
  source: string;
  /**
   * Issuers this entry describes when it is narrower than its family (legacy GitLab `sub`, the
   * other CI systems). Absent: `gitlab` entries apply to both GitLab token generations.
   */
  issuers?: readonly IssuerFamily[];
}

/** The type texts the catalogue uses; `valueMatchesType` understands exactly these. */
export const CLAIM_TYPES = [
  'string',
  'number',
  'string "true"/"false"',
  'array of string',
  'array of object',
  'string or null',
  'string or array of string',
  'boolean',
  'object',
] as const;

export const SOURCES = {
  rfc7519: 'https://www.rfc-editor.org/rfc/rfc7519.html#section-4.1',
  rfcIss: 'https://www.rfc-editor.org/rfc/rfc7519.html#section-4.1.1',
  rfcSub: 'https://www.rfc-editor.org/rfc/rfc7519.html#section-4.1.2',
  rfcAud: 'https://www.rfc-editor.org/rfc/rfc7519.html#section-4.1.3',
  rfcExp: 'https://www.rfc-editor.org/rfc/rfc7519.html#section-4.1.4',
  rfcNbf: 'https://www.rfc-editor.org/rfc/rfc7519.html#section-4.1.5',
  rfcIat: 'https://www.rfc-editor.org/rfc/rfc7519.html#section-4.1.6',
  rfcJti: 'https://www.rfc-editor.org/rfc/rfc7519.html#section-4.1.7',
  gitlabIdTokens: 'https://docs.gitlab.com/ci/secrets/id_token_authentication/',
  gitlabCloudServices: 'https://docs.gitlab.com/ci/cloud_services/',
  gitlabPredefinedVariables: 'https://gitlab.com/gitlab-org/gitlab/-/blob/master/doc/ci/variables/predefined_variables.md',
  gitlabJwt: 'https://gitlab.com/gitlab-org/gitlab/-/blob/master/lib/gitlab/ci/jwt.rb',
  gitlabJwtV2: 'https://gitlab.com/gitlab-org/gitlab/-/blob/master/lib/gitlab/ci/jwt_v2.rb',
  gitlabUserProjectClaims: 'https://gitlab.com/gitlab-org/gitlab/-/blob/master/lib/json_web_token/user_project_token_claims.rb',
  gitlabSubComponents: 'https://gitlab.com/gitlab-org/gitlab/-/blob/master/app/models/project_ci_cd_setting.rb',
  entraMutableSubjects: 'https://learn.microsoft.com/en-us/entra/workload-id/workload-identities-federated-credential-mutable-subjects',
  githubOidcReference: 'https://docs.github.com/en/actions/reference/security/oidc',
  githubOidcConcepts: 'https://docs.github.com/en/actions/concepts/security/openid-connect',
  circleci: 'https://circleci.com/docs/guides/permissions-authentication/openid-connect-tokens/',
  buildkite: 'https://buildkite.com/docs/apis/workload-identity-federation/buildkite-agents',
  bitbucket: 'https://support.atlassian.com/bitbucket-cloud/docs/deploy-on-aws-using-bitbucket-pipelines-openid-connect/',
  terraform: 'https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/workload-identity-tokens',
  terraformAws: 'https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/aws-configuration',
  buildkiteOidc: 'https://buildkite.com/docs/pipelines/security/oidc',
  buildkiteAws: 'https://buildkite.com/docs/pipelines/security/oidc/aws',
  bitbucketOidc: 'https://support.atlassian.com/bitbucket-cloud/docs/integrate-pipelines-with-resource-servers-using-oidc/',
  kubernetesTokens: 'https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/',
  eksIrsa: 'https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html',
  eksPodIdentity: 'https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html',
  aksWorkloadIdentity: 'https://learn.microsoft.com/en-us/azure/aks/workload-identity-deploy-cluster',
  gcpKubernetes: 'https://cloud.google.com/iam/docs/workload-identity-federation-with-kubernetes',
  gkeWorkloadIdentity: 'https://cloud.google.com/kubernetes-engine/docs/concepts/workload-identity',
  azureDevOps: 'https://learn.microsoft.com/en-us/azure/devops/pipelines/release/configure-workload-identity',
  azureDevOpsConvert: 'https://learn.microsoft.com/en-us/azure/devops/pipelines/release/convert-service-connections',
  githubEnterpriseServer: 'https://docs.github.com/en/enterprise-server@latest/actions/reference/security/oidc',
  googleIdToken: 'https://cloud.google.com/compute/docs/instances/verifying-instance-identity',
  awsConditionKeys: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html',
} as const;

const S = SOURCES;
const V2_ONLY = 'id_tokens and CI_JOB_JWT_V2 only (not in the legacy CI_JOB_JWT v1)';
const GITLAB_ENV = 'only when the job specifies an environment';

function gitlab(name: string, type: string, meaning: string, extra: Partial<ClaimInfo> = {}): ClaimInfo {
  return { name, family: 'gitlab', type, meaning, present: 'always', source: S.gitlabIdTokens, ...extra };
}

function github(name: string, meaning: string, extra: Partial<ClaimInfo> = {}): ClaimInfo {
  // Every GitHub custom claim is a string, IDs and counters included (example token in openid-connect.md).
  return { name, family: 'github', type: 'string', meaning, present: 'always', source: S.githubOidcReference, ...extra };
}

function other(issuer: IssuerFamily, name: string, type: string, meaning: string, source: string): ClaimInfo {
  return { name, family: 'other', type, meaning, source, issuers: [issuer] };
}

export const CLAIM_CATALOGUE: readonly ClaimInfo[] = [
  // Registered claims (RFC 7519 §4.1)
  { name: 'iss', family: 'registered', type: 'string', meaning: 'Issuer: who created and signed the token.', source: S.rfcIss },
  { name: 'sub', family: 'registered', type: 'string', meaning: 'Subject: the principal the token is about, unique within the issuer.', source: S.rfcSub },
  { name: 'aud', family: 'registered', type: 'string or array of string', meaning: 'Audience: the recipients the token is intended for; a recipient must reject a token that does not name it.', source: S.rfcAud },
  { name: 'exp', family: 'registered', type: 'number', meaning: 'Expiration time (seconds since the Unix epoch) on or after which the token must be rejected.', source: S.rfcExp },
  { name: 'nbf', family: 'registered', type: 'number', meaning: 'Not before: time (seconds since the Unix epoch) before which the token must be rejected.', source: S.rfcNbf },
  { name: 'iat', family: 'registered', type: 'number', meaning: 'Issued at: when the token was issued (seconds since the Unix epoch).', source: S.rfcIat },
  { name: 'jti', family: 'registered', type: 'string', meaning: 'JWT ID: a unique identifier for this token.', source: S.rfcJti },

  // GitLab: registered claims as GitLab fills them
  gitlab('iss', 'string', 'Issuer: the GitLab instance URL, e.g. `https://gitlab.com` (no trailing slash).', { issuers: ['gitlab'] }),
  gitlab('iss', 'string', 'Issuer of the legacy CI_JOB_JWT (v1): the bare host of the instance, e.g. `gitlab.com`, without `https://`.', {
    issuers: ['gitlab-legacy'],
    since: '12.10',
    source: S.gitlabJwt,
  }),
  gitlab('sub', 'string', 'Subject: `project_path:{group}/{project}:ref_type:{branch|tag}:ref:{name}` by default; projects can choose other leading components such as `project_id`.', {
    issuers: ['gitlab'],
    source: S.gitlabIdTokens,
  }),
  gitlab('sub', 'string', 'Subject of the legacy CI_JOB_JWT (v1): `job_<job id>`, which changes on every job.', {
    issuers: ['gitlab-legacy'],
    since: '12.10',
    source: S.gitlabJwt,
  }),
  gitlab('aud', 'string or array of string', 'Audience: the `aud` given for this token in the `id_tokens` keyword of the job; the instance URL by default.', { issuers: ['gitlab'] }),
  gitlab('aud', 'string or array of string', 'The legacy CI_JOB_JWT (v1) carries no audience; CI_JOB_JWT_V2 added `aud`.', {
    issuers: ['gitlab-legacy'],
    present: 'never in CI_JOB_JWT v1',
    source: S.gitlabPredefinedVariables,
  }),
  gitlab('exp', 'number', 'Expiry: issue time plus the job timeout, or plus 5 minutes when the job has no timeout.'),
  gitlab('nbf', 'number', 'Not before: issue time minus 5 seconds.', { source: S.gitlabJwt }),
  gitlab('iat', 'number', 'Issued at: when the job requested the token.'),
  gitlab('jti', 'string', 'Random UUID identifying this token.', { source: S.gitlabJwt }),

  // GitLab custom claims
  gitlab('namespace_id', 'string', 'ID of the group or user namespace of the project (the source project for fork merge request pipelines).'),
  gitlab('namespace_path', 'string', 'Full path of the group or user namespace of the project, e.g. `my-group`.'),
  gitlab('project_id', 'string', 'ID of the project (the source project for fork merge request pipelines).'),
  gitlab('project_path', 'string', 'Full path of the project, e.g. `my-group/my-project` (the fork for fork merge request pipelines).'),
  gitlab('user_id', 'string', 'ID of the user running the job.'),
  gitlab('user_login', 'string', 'Username of the user running the job.'),
  gitlab('user_email', 'string', 'Email of the user running the job.'),
  gitlab('user_access_level', 'string', "The user's maximum access level in the project, lower-cased, e.g. `developer`, `maintainer`.", {
    since: '16.9',
    source: S.gitlabUserProjectClaims,
  }),
  gitlab('user_identities', 'array of object', "The user's external identities as `{provider, extern_uid}` objects.", {
    since: '16.0',
    present: 'only when the user enabled it in their preferences; ' + V2_ONLY,
  }),
  gitlab('pipeline_id', 'string', 'ID of the pipeline.'),
  gitlab('pipeline_source', 'string', 'What started the pipeline: `push`, `merge_request_event`, `schedule`, `web`, `trigger`, …'),
  gitlab('job_id', 'string', 'ID of the job.'),
  gitlab('ref', 'string', 'Branch or tag name the job runs for (merge request pipelines: the source branch).'),
  gitlab('ref_type', 'string', 'Kind of ref: `branch` or `tag`.'),
  gitlab('ref_path', 'string', 'Fully qualified ref, e.g. `refs/heads/main` or `refs/tags/v1.0`.', { since: '16.0' }),
  gitlab('ref_protected', 'string "true"/"false"', 'Whether the ref is protected: the string `"true"` or `"false"`, not a JSON boolean.'),
  gitlab('groups_direct', 'array of string', 'Paths of the groups the user is a direct member of.', {
    since: '16.11',
    present: 'only when the user is a direct member of 0–200 groups (omitted above 200); behind the `ci_jwt_groups_direct` feature flag since 17.3',
    source: S.gitlabJwt,
  }),
  gitlab('environment', 'string', 'Name of the environment the job deploys to.', { since: '13.9', present: GITLAB_ENV }),
  gitlab('environment_protected', 'string "true"/"false"', 'Whether that environment is protected: the string `"true"` or `"false"` (always `"false"` on GitLab Free).', {
    since: '13.9',
    present: GITLAB_ENV,
  }),
  gitlab('deployment_tier', 'string', 'Deployment tier of the environment: `production`, `staging`, `testing`, `development` or `other`.', {
    since: '15.2',
    present: GITLAB_ENV,
  }),
  gitlab('environment_action', 'string', 'What the job does to the environment: `start`, `prepare`, `stop`, `verify` or `access`.', {
    since: '16.5',
    present: GITLAB_ENV,
    source: S.gitlabJwt,
  }),
  gitlab('runner_id', 'number', 'ID of the runner executing the job: a JSON number, unlike every other GitLab ID.', { since: '16.0', present: V2_ONLY }),
  gitlab('runner_environment', 'string', 'Kind of runner: `gitlab-hosted` or `self-hosted`.', { since: '16.0', present: V2_ONLY }),
  gitlab('sha', 'string', 'Commit SHA the job runs for.', { since: '16.0', present: V2_ONLY }),
  gitlab('ci_config_ref_uri', 'string or null', 'Where the pipeline configuration came from, e.g. `gitlab.example.com/my-group/my-project//.gitlab-ci.yml@refs/heads/main`; null unless the configuration is in the same project.', {
    since: '16.2',
    present: V2_ONLY,
    source: S.gitlabJwtV2,
  }),
  gitlab('ci_config_sha', 'string or null', 'Commit SHA of the configuration named by `ci_config_ref_uri`; null when that is null.', {
    since: '16.2',
    present: V2_ONLY,
    source: S.gitlabJwtV2,
  }),
  gitlab('project_visibility', 'string', 'Visibility of the project: `internal`, `private` or `public`.', { since: '16.3', present: V2_ONLY, source: S.gitlabJwtV2 }),
  gitlab('job_project_id', 'string', 'ID of the project running the job; differs from `project_id` only in merge request pipelines from forks.', { source: S.gitlabJwt }),
  gitlab('job_project_path', 'string', 'Path of the project running the job; differs from `project_path` only in merge request pipelines from forks.', { source: S.gitlabJwt }),
  gitlab('job_namespace_id', 'string', 'Namespace ID of the project running the job (see `job_project_id`).', { source: S.gitlabJwt }),
  gitlab('job_namespace_path', 'string', 'Namespace path of the project running the job (see `job_project_path`).', { source: S.gitlabJwt }),

  // GitHub Actions: registered claims as GitHub fills them
  github('iss', 'Issuer: `https://token.actions.githubusercontent.com`, `…/<enterprise slug>` when the enterprise opted in to a unique issuer, or `https://HOSTNAME/_services/token` on GitHub Enterprise Server.'),
  github('sub', 'Subject: `repo:ORG/REPO:` followed by `environment:NAME`, `pull_request` or `ref:REF` (in that precedence), or a custom `include_claim_keys` template; immutable form `repo:OWNER@OWNER_ID/REPO@REPO_ID:…`.'),
  { ...github('aud', 'Audience: the URL of the repository owner, e.g. `https://github.com/octo-org`, unless the job requests another with `core.getIDToken(audience)`.'), type: 'string or array of string' },
  { ...github('exp', 'Expiry: 5 minutes after `iat` in the documented example token.', { source: S.githubOidcConcepts }), type: 'number' },
  { ...github('nbf', 'Not before: 10 minutes before `iat` in the documented example token.', { source: S.githubOidcConcepts }), type: 'number' },
  { ...github('iat', 'Issued at: when the job requested the token.'), type: 'number' },
  github('jti', 'Unique identifier of the token.'),

  // GitHub Actions custom claims
  github('actor', 'The personal account that initiated the workflow run.'),
  github('actor_id', 'ID of the personal account that initiated the workflow run (a string).'),
  github('base_ref', 'Target branch of the pull request; empty string outside pull request runs.'),
  github('head_ref', 'Source branch of the pull request; empty string outside pull request runs.'),
  github('check_run_id', 'Check run ID of the current job (a string).'),
  github('enterprise', 'Name of the enterprise that contains the repository.', { present: 'only for repositories in an enterprise' }),
  github('enterprise_id', 'ID of the enterprise that contains the repository (a string).', { present: 'only for repositories in an enterprise' }),
  github('environment', 'Name of the environment the job references.', { present: 'only when the job references an environment' }),
  github('event_name', 'Name of the event that triggered the workflow run, e.g. `push`, `pull_request`, `workflow_dispatch`.'),
  github('job_workflow_ref', 'Ref path of the workflow file defining this job, e.g. `octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main`; names the reusable workflow for jobs that call one.'),
  github('job_workflow_sha', 'Commit SHA of the workflow file defining this job (the reusable workflow for jobs that call one).'),
  github('ref', 'The git ref that triggered the workflow run, e.g. `refs/heads/main`, `refs/tags/v1`, `refs/pull/42/merge`.'),
  github('ref_type', 'Kind of `ref`: `branch` or `tag`.'),
  github('repository', 'The repository the workflow runs in, `OWNER/REPO`.'),
  github('repository_id', 'ID of that repository (a string); survives renames.'),
  github('repository_owner', 'Name of the organization or user owning the repository.'),
  github('repository_owner_id', 'ID of that organization or user (a string); survives renames.'),
  github('repository_visibility', 'Visibility of the repository: `internal`, `private` or `public`.'),
  github('repo_property_*', 'Repository custom property selected by the organization or enterprise: multi-select values joined with commas, booleans as `"true"`/`"false"`.', {
    present: 'only for custom properties configured for OIDC and set on the repository',
  }),
  github('run_id', 'ID of the workflow run (a string).'),
  github('run_number', 'How many times this workflow has run (a string).'),
  github('run_attempt', 'How many times this workflow run has been retried (a string).'),
  github('runner_environment', 'Kind of runner: `github-hosted` or `self-hosted`.'),
  github('sha', 'Commit SHA that triggered the workflow run.'),
  github('workflow', 'Name of the workflow.'),
  github('workflow_ref', 'Ref path of the top-level workflow file, e.g. `octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main`.'),
  github('workflow_sha', 'Commit SHA of the top-level workflow file.'),

  // Other CI systems (brief)
  other('circleci', 'iss', 'string', 'Issuer: `https://oidc.circleci.com/org/<organization id>`.', S.circleci),
  other('circleci', 'sub', 'string', '`org/<org id>/project/<project id>/user/<user id>`; CIRCLE_OIDC_TOKEN_V2 appends `/vcs-origin/<origin>/vcs-ref/<ref>`.', S.circleci),
  other('circleci', 'aud', 'string', 'Audience: the CircleCI organization ID.', S.circleci),
  other('circleci', 'oidc.circleci.com/project-id', 'string', 'ID (UUID) of the CircleCI project running the job.', S.circleci),
  other('circleci', 'oidc.circleci.com/vcs-origin', 'string', 'Repository that triggered the pipeline, e.g. `github.com/organization-123/repo-1`.', S.circleci),
  other('circleci', 'oidc.circleci.com/vcs-ref', 'string', 'Git ref of the pipeline, e.g. `refs/heads/main`.', S.circleci),
  other('circleci', 'oidc.circleci.com/context-ids', 'array of string', 'IDs of the contexts the job uses.', S.circleci),
  other('circleci', 'oidc.circleci.com/ssh-rerun', 'boolean', 'Whether the job is an SSH rerun: a JSON boolean, not a string.', S.circleci),
  other('buildkite', 'iss', 'string', 'Issuer: `https://agent.buildkite.com`, shared by every Buildkite organization.', S.buildkite),
  other('buildkite', 'sub', 'string', '`organization:<org>:pipeline:<pipeline>:ref:<ref>:commit:<sha>:step:<step>`.', S.buildkite),
  other('buildkite', 'organization_slug', 'string', 'Slug of the Buildkite organization; pin it, the issuer is shared.', S.buildkite),
  other('buildkite', 'organization_id', 'string', 'ID of the Buildkite organization.', S.buildkite),
  other('buildkite', 'pipeline_slug', 'string', 'Slug of the pipeline.', S.buildkite),
  other('bitbucket', 'sub', 'string', '`{repositoryUuid}:{stepUuid}`, or `{repositoryUuid}:{deploymentEnvironmentUuid}:{stepUuid}` for a deployment step: the step UUID changes on every run, so match it with a wildcard.', S.bitbucketOidc),
  other('bitbucket', 'aud', 'string', 'Audience: `ari:cloud:bitbucket::workspace/<workspace uuid>`.', S.bitbucket),
  other('bitbucket', 'workspaceUuid', 'string', 'UUID of the workspace, in `{braces}`.', S.bitbucket),
  other('bitbucket', 'repositoryUuid', 'string', 'UUID of the repository, in `{braces}`.', S.bitbucket),
  other('bitbucket', 'pipelineUuid', 'string', 'UUID of the pipeline run, in `{braces}`.', S.bitbucket),
  other('bitbucket', 'stepUuid', 'string', 'UUID of the step, in `{braces}`.', S.bitbucket),
  other('bitbucket', 'deploymentEnvironmentUuid', 'string', 'UUID of the deployment environment, in `{braces}`.', S.bitbucket),
  other('bitbucket', 'branchName', 'string', 'Branch the pipeline runs for.', S.bitbucket),
  other('terraform', 'iss', 'string', 'Issuer: `https://app.terraform.io` (or the Terraform Enterprise hostname).', S.terraform),
  other('terraform', 'sub', 'string', '`organization:<org>:project:<project>:workspace:<workspace>:run_phase:<plan|apply>` (older tokens lack `project:`).', S.terraform),
  other('terraform', 'terraform_run_phase', 'string', 'Phase of the run: `plan` or `apply`.', S.terraform),
  other('terraform', 'terraform_workspace_id', 'string', 'ID of the workspace.', S.terraform),
  other('terraform', 'terraform_organization_id', 'string', 'ID of the organization.', S.terraform),
  other('terraform', 'aud', 'string', 'Audience: `TFC_WORKLOAD_IDENTITY_AUDIENCE` or the provider-specific variable; `aws.workload.identity` by default for AWS.', S.terraformAws),
  other('terraform', 'terraform_organization_name', 'string', 'Name of the organization (the `organization:` part of `sub`).', S.terraform),
  other('terraform', 'terraform_project_id', 'string', 'ID of the project, e.g. `prj-…`.', S.terraform),
  other('terraform', 'terraform_project_name', 'string', 'Name of the project (the `project:` part of `sub`); `Default Project` unless moved, spaces included.', S.terraform),
  other('terraform', 'terraform_workspace_name', 'string', 'Name of the workspace.', S.terraform),
  other('terraform', 'terraform_full_workspace', 'string', '`organization:<org>:project:<project>:workspace:<workspace>`: `sub` without the run phase.', S.terraform),
  other('terraform', 'terraform_run_id', 'string', 'ID of the run, e.g. `run-…`.', S.terraform),

  // Buildkite: the rest of the agent token (https://buildkite.com/docs/pipelines/security/oidc)
  other('buildkite', 'aud', 'string', 'Audience: the `--audience` of `buildkite-agent oidc request-token` (e.g. `sts.amazonaws.com`), else `https://buildkite.com/<org slug>`.', S.buildkiteOidc),
  other('buildkite', 'build_number', 'number', 'Number of the build: a JSON number, unlike the slugs.', S.buildkiteOidc),
  other('buildkite', 'build_branch', 'string', 'Branch of the build.', S.buildkiteOidc),
  other('buildkite', 'build_tag', 'string', 'Tag of the build.', S.buildkiteOidc),
  other('buildkite', 'build_commit', 'string', 'Commit SHA of the build.', S.buildkiteOidc),
  other('buildkite', 'step_key', 'string or null', 'Key of the step; null (and an empty `step:` in `sub`) when the step has none.', S.buildkiteOidc),
  other('buildkite', 'job_id', 'string', 'UUID of the job.', S.buildkiteOidc),
  other('buildkite', 'agent_id', 'string', 'UUID of the agent running the job.', S.buildkiteOidc),
  other('buildkite', 'pipeline_id', 'string', 'UUID of the pipeline.', S.buildkiteOidc),

  // Bitbucket Pipelines: the rest of the step token
  other('bitbucket', 'iss', 'string', 'Issuer: `https://api.bitbucket.org/2.0/workspaces/<workspace>/pipelines-config/identity/oidc`, one per workspace.', S.bitbucketOidc),

  // Kubernetes service-account tokens (projected, bound): EKS IRSA, AKS and GKE workload identity
  other('kubernetes', 'iss', 'string', "Issuer: the cluster's OIDC issuer, e.g. EKS `https://oidc.eks.<region>.amazonaws.com/id/<id>`, AKS `https://<region>.oic.prod-aks.azure.com/<tenant>/<guid>/` (trailing slash).", S.kubernetesTokens),
  other('kubernetes', 'sub', 'string', '`system:serviceaccount:<namespace>:<service account>`.', S.kubernetesTokens),
  other('kubernetes', 'aud', 'string or array of string', 'Audience of the projected token: an array, e.g. `["sts.amazonaws.com"]` (EKS IRSA) or `["api://AzureADTokenExchange"]` (AKS workload identity).', S.kubernetesTokens),
  other('kubernetes', 'kubernetes.io', 'object', 'The pod the token is bound to: `namespace`, `serviceaccount` `{name, uid}`, `pod` `{name, uid}`, and (1.30+) `node`. AWS and Entra ID cannot test it; Google Cloud reads it with `assertion[\'kubernetes.io\']`.', S.kubernetesTokens),
  other('kubernetes', 'jti', 'string', 'Unique token ID (Kubernetes 1.29+).', S.kubernetesTokens),

  // Azure DevOps workload identity federation service connections
  other('azure-devops', 'iss', 'string', 'Issuer: `https://vstoken.dev.azure.com/<organization id>`; newer connections use the Microsoft Entra issuer `https://login.microsoftonline.com/<tenant>/v2.0` (the Azure DevOps issuer retires on 2027-07-01 for eligible connections).', S.azureDevOpsConvert),
  other('azure-devops', 'sub', 'string', '`sc://<organization>/<project>/<service connection name>`: names the connection, not the pipeline or branch.', S.azureDevOps),
  other('azure-devops', 'aud', 'string', 'Audience: `api://AzureADTokenExchange`.', S.azureDevOps),

  // Google-signed ID tokens of a service account (Cloud Build, Compute Engine, Cloud Run …)
  other('google', 'iss', 'string', 'Issuer: `https://accounts.google.com` (AWS: the built-in provider `accounts.google.com`).', S.googleIdToken),
  other('google', 'sub', 'string', 'Unique numeric ID of the service account, as a string (AWS key `accounts.google.com:sub`).', S.googleIdToken),
  other('google', 'aud', 'string', 'Audience the caller asked for. AWS reads it as `accounts.google.com:oaud` whenever `azp` is set.', S.awsConditionKeys),
  other('google', 'azp', 'string', 'Authorized party: the service account\'s unique ID. AWS reads it as `accounts.google.com:aud`.', S.awsConditionKeys),
  other('google', 'email', 'string', 'Email of the service account (only with `format=full` or `includeEmail`).', S.googleIdToken),
  other('google', 'email_verified', 'boolean', 'Always true for service accounts: a JSON boolean.', S.googleIdToken),
  other('google', 'google', 'object', 'With `format=full` on Compute Engine: `compute_engine` `{project_id, project_number, zone, instance_id, instance_name, …}`.', S.googleIdToken),
];

/**
 * Facts about an issuer as a whole (not one claim) that decide how a trust configuration must be
 * written; shown beside the subject.
 */
export const ISSUER_NOTES: Readonly<Partial<Record<IssuerFamily, ReadonlyArray<{ text: string; source: string }>>>> = {
  kubernetes: [
    {
      text: 'EKS IRSA: the role trusts `arn:aws:iam::<account>:oidc-provider/oidc.eks.<region>.amazonaws.com/id/<id>` with `<issuer>:sub` = `system:serviceaccount:<namespace>:<service account>` and `<issuer>:aud` = `sts.amazonaws.com`.',
      source: SOURCES.eksIrsa,
    },
    {
      text: 'EKS Pod Identity is not this token: the EKS Auth service assumes the role with sts:AssumeRole and sts:TagSession as the service principal `pods.eks.amazonaws.com`, and a trust policy narrows it with session tags such as `aws:RequestTag/kubernetes-namespace`, not with `<issuer>:sub`.',
      source: SOURCES.eksPodIdentity,
    },
    {
      text: 'AKS workload identity: the federated credential names the cluster\'s OIDC issuer URL (with its trailing slash), subject `system:serviceaccount:<namespace>:<service account>` and audience `api://AzureADTokenExchange`.',
      source: SOURCES.aksWorkloadIdentity,
    },
    {
      text: 'Google Cloud: other clusters federate through a workload identity pool provider (`principal://…/subject/system:serviceaccount:<namespace>:<service account>`); GKE\'s built-in Workload Identity Federation uses the pool `<project>.svc.id.goog` and principals `…/subject/ns/<namespace>/sa/<service account>` instead.',
      source: SOURCES.gkeWorkloadIdentity,
    },
  ],
  terraform: [
    {
      text: 'AWS STS refuses HCP Terraform tokens unless the trust policy evaluates `app.terraform.io:sub`; only the Default keys (`sub`, `aud`, `oaud`) exist for this issuer.',
      source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_oidc_secure-by-default.html',
    },
  ],
  'azure-devops': [
    {
      text: 'The subject names the service connection; anyone who may use the connection in the project gets the token. Restrict the connection (pipeline permissions, approvals and checks) rather than the credential.',
      source: SOURCES.azureDevOps,
    },
  ],
  google: [
    {
      text: 'AWS maps Google tokens with the Default tab: `accounts.google.com:aud` reads `azp` (the service account ID) when the token has one, `accounts.google.com:oaud` reads `aud`, `accounts.google.com:sub` reads `sub`.',
      source: SOURCES.awsConditionKeys,
    },
  ],
  bitbucket: [
    {
      text: 'One issuer per workspace and the step UUID inside `sub`: pin `aud` (the workspace) and test `sub` with a `{repositoryUuid}:*` or `{repositoryUuid}:{environmentUuid}:*` pattern.',
      source: SOURCES.bitbucket,
    },
  ],
};

function appliesTo(info: ClaimInfo, family: IssuerFamily): boolean {
  if (info.issuers) return info.issuers.includes(family);
  if (info.family === 'gitlab') return family === 'gitlab' || family === 'gitlab-legacy';
  if (info.family === 'github') return family === 'github';
  return false;
}

function nameMatches(pattern: string, name: string): boolean {
  // `repo_property_*` stands for a whole prefix of claim names.
  if (pattern.endsWith('*')) return name.startsWith(pattern.slice(0, -1)) && name.length > pattern.length - 1;
  return pattern === name;
}

export function claimInfo(family: IssuerFamily, name: string): ClaimInfo | undefined {
  const specific = CLAIM_CATALOGUE.find((info) => info.family !== 'registered' && appliesTo(info, family) && nameMatches(info.name, name));
  if (specific) return specific;
  return CLAIM_CATALOGUE.find((info) => info.family === 'registered' && info.name === name);
}

/** The JSON type of a value in the words the catalogue uses. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : typeof value;
}

/** Whether a JSON value has the catalogue type `type` (unknown type texts accept anything). */
export function valueMatchesType(type: string, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'string "true"/"false"':
      return value === 'true' || value === 'false';
    case 'array of string':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'array of object':
      return Array.isArray(value) && value.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item));
    case 'string or null':
      return typeof value === 'string' || value === null;
    case 'string or array of string':
      return typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'));
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    default:
      return true;
  }
}
