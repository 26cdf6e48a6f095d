/**
 * The claims builder: a complete, consistent claim set for a GitLab or GitHub Actions job, with
 * the `sub` each issuer would derive and every claim in its real JSON type. Values the form does
 * not ask for (pipeline/job/run IDs, SHAs, `jti`) are derived from the inputs so the same form
 * always yields the same claims (shareable URLs, stable tests).
 */
import { SOURCES } from './catalogue';
import {
  aksServiceAccountClaims,
  azureDevOpsClaims,
  bitbucketClaims,
  buildkiteClaims,
  circleciClaims,
  eksServiceAccountClaims,
  GITHUB_NO_ENVIRONMENT_OR_ENTERPRISE,
  githubClaims,
  githubEnterpriseServerClaims,
  googleServiceAccountClaims,
  terraformClaims,
} from './examples';
import type { IssuerFamily } from './issuer';
import { escapeGitHubSubjectValue } from './subject';

export interface GitLabClaimsInput {
  instanceUrl: string;
  namespacePath: string;
  namespaceId: string;
  projectPath: string;
  projectId: string;
  ref: string;
  refType: 'branch' | 'tag';
  refProtected: boolean;
  /** '' = the job has no environment. */
  environment: string;
  environmentProtected: boolean;
  deploymentTier: string;
  pipelineSource: string;
  userLogin: string;
  userId: string;
  userEmail: string;
  runnerId: number;
  runnerEnvironment: 'gitlab-hosted' | 'self-hosted';
  /** '' = the default audience (the instance URL). */
  aud: string;
  subFormat: 'default' | 'project-id';
}

export const GITLAB_DEFAULTS: GitLabClaimsInput = {
  instanceUrl: 'https://gitlab.com',
  namespacePath: 'my-group',
  namespaceId: '72',
  projectPath: 'my-group/my-project',
  projectId: '20',
  ref: 'main',
  refType: 'branch',
  refProtected: true,
  environment: '',
  environmentProtected: false,
  deploymentTier: 'production',
  pipelineSource: 'push',
  userLogin: 'sample-user',
  userId: '1',
  userEmail: 'sample-user@example.com',
  runnerId: 1,
  runnerEnvironment: 'gitlab-hosted',
  aud: 'https://gitlab.com',
  subFormat: 'default',
};

export interface GitHubClaimsInput {
  owner: string;
  ownerId: string;
  repo: string;
  repoId: string;
  /** e.g. refs/heads/main, refs/tags/v1, refs/pull/42/merge */
  ref: string;
  /** '' = the job references no environment. */
  environment: string;
  eventName: string;
  /** e.g. .github/workflows/deploy.yml */
  workflowPath: string;
  actor: string;
  actorId: string;
  /** '' = default https://github.com/<owner> */
  aud: string;
  immutableSub: boolean;
  /** '' = the repository is not in an enterprise. */
  enterprise: string;
}

export const GITHUB_DEFAULTS: GitHubClaimsInput = {
  owner: 'octo-org',
  ownerId: '65',
  repo: 'octo-repo',
  repoId: '74',
  ref: 'refs/heads/main',
  environment: '',
  eventName: 'push',
  workflowPath: '.github/workflows/deploy.yml',
  actor: 'octocat',
  actorId: '12',
  aud: '',
  immutableSub: false,
  enterprise: '',
};

// ---------------------------------------------------------------------------------------------
// Deterministic filler values

/** 32-bit FNV-1a; enough to spread form inputs over IDs, not a security property. */
function fnv1a(text: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

function hex(text: string, length: number): string {
  let out = '';
  for (let seed = 0; out.length < length; seed++) out += fnv1a(text, seed).toString(16).padStart(8, '0');
  return out.slice(0, length);
}

/** A UUID-shaped (version 4 layout) string derived from `text`. */
export function deterministicUuid(text: string): string {
  const digits = hex(`uuid:${text}`, 32).split('');
  digits[12] = '4';
  digits[16] = '89ab'[parseInt(digits[16], 16) % 4];
  const joined = digits.join('');
  return `${joined.slice(0, 8)}-${joined.slice(8, 12)}-${joined.slice(12, 16)}-${joined.slice(16, 20)}-${joined.slice(20)}`;
}

function numericId(text: string, min: number, span: number): string {
  return String(min + (fnv1a(text, 7) % span));
}

// ---------------------------------------------------------------------------------------------
// GitLab

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function hostOf(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
}

export function gitlabSubject(input: Pick<GitLabClaimsInput, 'projectPath' | 'projectId' | 'refType' | 'ref' | 'subFormat'>): string {
  // Sub components are joined as `name:value` pairs (lib/gitlab/ci/jwt_v2.rb); GitLab does not escape.
  const lead = input.subFormat === 'project-id' ? `project_id:${input.projectId}` : `project_path:${input.projectPath}`;
  return `${lead}:ref_type:${input.refType}:ref:${input.ref}`;
}

export function buildGitLabClaims(input: GitLabClaimsInput, at: number): Record<string, unknown> {
  const issuer = withoutTrailingSlash(input.instanceUrl.trim());
  const seed = JSON.stringify(input);
  const refPath = `${input.refType === 'tag' ? 'refs/tags/' : 'refs/heads/'}${input.ref}`;
  const sha = hex(`sha:${input.projectPath}:${refPath}`, 40);
  // iat a little before the chosen instant so the token is live there; nbf = iat − 5 s and a
  // 5-minute lifetime without a job timeout (id_token_authentication.md, lib/gitlab/ci/jwt.rb).
  const iat = Math.floor(at) - 10;

  const claims: Record<string, unknown> = {
    namespace_id: input.namespaceId,
    namespace_path: input.namespacePath,
    project_id: input.projectId,
    project_path: input.projectPath,
    user_id: input.userId,
    user_login: input.userLogin,
    user_email: input.userEmail,
    user_access_level: 'developer',
    pipeline_id: numericId(`pipeline:${seed}`, 1_000_000, 9_000_000),
    pipeline_source: input.pipelineSource,
    job_id: numericId(`job:${seed}`, 10_000_000, 90_000_000),
    ref: input.ref,
    ref_type: input.refType,
    ref_path: refPath,
    // GitLab sends protection flags as the strings "true"/"false" (id_token_authentication.md example).
    ref_protected: String(input.refProtected),
  };
  if (input.environment !== '') {
    claims.environment = input.environment;
    claims.environment_protected = String(input.environmentProtected);
    claims.deployment_tier = input.deploymentTier === '' ? 'other' : input.deploymentTier;
    claims.environment_action = 'start';
  }
  Object.assign(claims, {
    // runner_id is the one numeric ID (id_token_authentication.md example: "runner_id": 1).
    runner_id: input.runnerId,
    runner_environment: input.runnerEnvironment,
    sha,
    project_visibility: 'private',
    ci_config_ref_uri: `${hostOf(issuer)}/${input.projectPath}//.gitlab-ci.yml@${refPath}`,
    ci_config_sha: sha,
    job_project_id: input.projectId,
    job_project_path: input.projectPath,
    job_namespace_id: input.namespaceId,
    job_namespace_path: input.namespacePath,
    jti: deterministicUuid(`${seed}@${at}`),
    iss: issuer,
    iat,
    nbf: iat - 5,
    exp: iat + 300,
    sub: gitlabSubject(input),
    aud: input.aud === '' ? issuer : input.aud,
  });
  return claims;
}

// ---------------------------------------------------------------------------------------------
// GitHub Actions

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';

export function githubSubject(input: Pick<GitHubClaimsInput, 'owner' | 'ownerId' | 'repo' | 'repoId' | 'ref' | 'environment' | 'eventName' | 'immutableSub'>): string {
  const repo = input.immutableSub ? `${input.owner}@${input.ownerId}/${input.repo}@${input.repoId}` : `${input.owner}/${input.repo}`;
  // Precedence environment > pull_request > ref (reference/security/oidc.md, "Example subject claims").
  let context: string;
  if (input.environment !== '') context = `environment:${escapeGitHubSubjectValue(input.environment)}`;
  else if (input.eventName === 'pull_request') context = 'pull_request';
  else context = `ref:${escapeGitHubSubjectValue(input.ref)}`;
  return `repo:${repo}:${context}`;
}

function refTypeOf(ref: string): string {
  if (ref.startsWith('refs/tags/')) return 'tag';
  // Pull request merge refs are reported as branches too (inferred from GITHUB_REF_TYPE).
  if (ref.startsWith('refs/heads/') || ref.startsWith('refs/pull/')) return 'branch';
  return '';
}

function workflowName(path: string): string {
  const file = path.split('/').pop() ?? path;
  return file.replace(/\.ya?ml$/, '');
}

export function buildGitHubClaims(input: GitHubClaimsInput, at: number): Record<string, unknown> {
  const seed = JSON.stringify(input);
  const repository = `${input.owner}/${input.repo}`;
  const sha = hex(`sha:${repository}:${input.ref}`, 40);
  const workflowRef = `${repository}/${input.workflowPath}@${input.ref}`;
  const isPullRequest = input.eventName === 'pull_request' || input.eventName === 'pull_request_target';
  // Example token (concepts/security/openid-connect.md): exp − iat = 300 s, nbf = iat − 600 s.
  const iat = Math.floor(at) - 10;

  const claims: Record<string, unknown> = {
    jti: deterministicUuid(`${seed}@${at}`),
    sub: githubSubject(input),
  };
  if (input.environment !== '') claims.environment = input.environment;
  Object.assign(claims, {
    aud: input.aud === '' ? `https://github.com/${input.owner}` : input.aud,
    ref: input.ref,
    sha,
    // Every custom claim is a string, IDs and counters included.
    repository,
    repository_owner: input.owner,
    actor_id: input.actorId,
    repository_visibility: 'private',
    repository_id: input.repoId,
    repository_owner_id: input.ownerId,
    run_id: numericId(`run:${seed}`, 1_000_000_000, 9_000_000_000 - 1),
    run_number: numericId(`run_number:${seed}`, 1, 999),
    run_attempt: '1',
    runner_environment: 'github-hosted',
    actor: input.actor,
    workflow: workflowName(input.workflowPath),
    // Illustrative branch names for pull request runs; empty strings otherwise, as GitHub sends them.
    head_ref: isPullRequest ? 'feature' : '',
    base_ref: isPullRequest ? 'main' : '',
    event_name: input.eventName,
  });
  if (input.enterprise !== '') claims.enterprise = input.enterprise;
  Object.assign(claims, {
    ref_type: refTypeOf(input.ref),
    workflow_ref: workflowRef,
    workflow_sha: sha,
    job_workflow_ref: workflowRef,
    job_workflow_sha: sha,
    check_run_id: numericId(`check_run:${seed}`, 10_000_000_000, 80_000_000_000),
    iss: GITHUB_ISSUER,
    nbf: iat - 600,
    exp: iat + 300,
    iat,
  });
  return claims;
}

// ---------------------------------------------------------------------------------------------
// Templates: a documented sample claim set per issuer, issued just before the chosen instant, for
// the user to edit in place (the issuers below have too few knobs for a form of their own).

export interface ClaimTemplate {
  /** Stable id, used in the template picker. */
  id: string;
  family: IssuerFamily;
  label: string;
  /** Which job or workload the claims describe and what to edit. */
  description: string;
  /** Where the claim set comes from. */
  source: string;
  claims(at: number): Record<string, unknown>;
}

const issuedBefore = (at: number) => Math.floor(at) - 10;

export const CLAIM_TEMPLATES: readonly ClaimTemplate[] = [
  {
    id: 'eks-irsa',
    family: 'kubernetes',
    label: 'EKS service account (IRSA)',
    description: 'A pod running as default/my-service-account on an EKS cluster, token for sts.amazonaws.com. Edit the namespace and name in `sub` and `kubernetes.io` together.',
    source: SOURCES.eksIrsa,
    claims: (at) => eksServiceAccountClaims(issuedBefore(at)),
  },
  {
    id: 'aks-workload-identity',
    family: 'kubernetes',
    label: 'AKS service account (workload identity)',
    description: 'A pod running as default/workload-identity-sa on an AKS cluster, token for api://AzureADTokenExchange.',
    source: SOURCES.aksWorkloadIdentity,
    claims: (at) => aksServiceAccountClaims(issuedBefore(at)),
  },
  {
    id: 'terraform-cloud',
    family: 'terraform',
    label: 'HCP Terraform run (apply)',
    description: 'The apply phase of my-workspace-name in my-project-name of my-org-name, default AWS audience. Set `terraform_run_phase` and the `run_phase:` part of `sub` to plan for the plan phase.',
    source: SOURCES.terraform,
    claims: (at) => terraformClaims(issuedBefore(at)),
  },
  {
    id: 'circleci',
    family: 'circleci',
    label: 'CircleCI job',
    description: 'A job of one project, $CIRCLE_OIDC_TOKEN; the audience is the organization ID.',
    source: SOURCES.circleci,
    claims: (at) => circleciClaims(issuedBefore(at)),
  },
  {
    id: 'buildkite',
    family: 'buildkite',
    label: 'Buildkite job',
    description: 'Step deploy-prod of pipeline deploy in acme-inc on main, requested for sts.amazonaws.com.',
    source: SOURCES.buildkiteOidc,
    claims: (at) => buildkiteClaims(issuedBefore(at)),
  },
  {
    id: 'bitbucket',
    family: 'bitbucket',
    label: 'Bitbucket Pipelines step',
    description: 'A step with `oidc: true` and no deployment environment.',
    source: SOURCES.bitbucketOidc,
    claims: (at) => bitbucketClaims(issuedBefore(at)),
  },
  {
    id: 'bitbucket-deployment',
    family: 'bitbucket',
    label: 'Bitbucket Pipelines deployment step',
    description: 'A step with `deployment: production`: the environment UUID joins `sub`.',
    source: SOURCES.bitbucketOidc,
    claims: (at) => bitbucketClaims(issuedBefore(at), { deploymentEnvironmentUuid: '{b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e}' }),
  },
  {
    id: 'azure-devops',
    family: 'azure-devops',
    label: 'Azure DevOps service connection',
    description: 'The token behind a workload identity federation service connection (Azure DevOps issuer).',
    source: SOURCES.azureDevOps,
    claims: (at) => azureDevOpsClaims(issuedBefore(at)),
  },
  {
    id: 'github-enterprise-server',
    family: 'github',
    label: 'GitHub Enterprise Server job',
    description: 'A main-branch workflow on github.example.com; the issuer is https://HOSTNAME/_services/token.',
    source: SOURCES.githubEnterpriseServer,
    claims: (at) => githubEnterpriseServerClaims(issuedBefore(at)),
  },
  {
    id: 'github-enterprise-issuer',
    family: 'github',
    label: 'GitHub Enterprise Cloud, unique issuer',
    description: 'A workflow in an enterprise that opted in to its own issuer https://token.actions.githubusercontent.com/<enterprise slug>.',
    source: SOURCES.githubOidcReference,
    claims: (at) => {
      const iat = issuedBefore(at);
      return githubClaims({ ...GITHUB_NO_ENVIRONMENT_OR_ENTERPRISE, enterprise: 'octo-enterprise', enterprise_id: '2', sub: 'repo:octo-org/octo-repo:ref:refs/heads/main', aud: 'api://AzureADTokenExchange', iss: 'https://token.actions.githubusercontent.com/octo-enterprise', iat, nbf: iat - 600, exp: iat + 300 });
    },
  },
  {
    id: 'google-service-account',
    family: 'google',
    label: 'Google service account (Cloud Build, …)',
    description: 'An ID token of deployer@my-project for the audience sts.amazonaws.com, as Cloud Build or the metadata server mints it.',
    source: SOURCES.googleIdToken,
    claims: (at) => googleServiceAccountClaims(issuedBefore(at)),
  },
];
