/**
 * Which CI system issued a token, decided from `iss` first and from the claim set second, because
 * crafted claims and self-managed GitLab instances carry issuers nobody can list in advance.
 */
export type IssuerFamily =
  | 'gitlab'
  | 'gitlab-legacy'
  | 'github'
  | 'circleci'
  | 'buildkite'
  | 'bitbucket'
  | 'terraform'
  | 'kubernetes'
  | 'azure-devops'
  | 'google'
  | 'unknown';

export const ISSUER_FAMILY_LABELS: Readonly<Record<IssuerFamily, string>> = {
  gitlab: 'GitLab CI (id_tokens)',
  'gitlab-legacy': 'GitLab CI (legacy CI_JOB_JWT v1)',
  github: 'GitHub Actions',
  circleci: 'CircleCI',
  buildkite: 'Buildkite',
  bitbucket: 'Bitbucket Pipelines',
  terraform: 'HCP Terraform',
  kubernetes: 'Kubernetes service account (EKS, AKS, GKE, …)',
  'azure-devops': 'Azure DevOps service connection',
  google: 'Google service account ID token',
  unknown: 'unknown issuer',
};

/** GitHub.com, GHEC with the enterprise slug, GHE.com data residency, and GHES `/_services/token`. */
const GITHUB_ISSUERS = [
  /^https:\/\/token\.actions\.githubusercontent\.com(\/[^/]+)?\/?$/,
  /^https:\/\/token\.actions\.[a-z0-9-]+\.ghe\.com(\/[^/]+)?\/?$/,
  /^https?:\/\/[^/]+\/_services\/token\/?$/,
];
const CIRCLECI_ISSUER = /^https:\/\/oidc\.circleci\.com\/org\/[^/]+\/?$/;
const BUILDKITE_ISSUER = /^https:\/\/agent\.buildkite\.com\/?$/;
const BITBUCKET_ISSUER = /^https:\/\/api\.bitbucket\.org\/2\.0\/workspaces\/[^/]+\/pipelines-config\/identity\/oidc\/?$/;
const TERRAFORM_ISSUER = /^https:\/\/app\.terraform\.io\/?$/;
/**
 * Cluster issuers of the managed Kubernetes services: EKS `oidc.eks.<region>.amazonaws.com/id/<id>`,
 * AKS `<region>.oic.prod-aks.azure.com/<tenant>/<guid>/`, GKE `container.googleapis.com/v1/projects/…`.
 */
const KUBERNETES_ISSUERS = [
  /^https:\/\/oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/id\/[^/]+\/?$/,
  /^https:\/\/[a-z0-9-]+\.oic\.prod-aks\.azure\.com\/[^/]+\/[^/]+\/?$/,
  /^https:\/\/container\.googleapis\.com\/v1\/projects\/[^/]+\/locations\/[^/]+\/clusters\/[^/]+\/?$/,
];
/** Azure DevOps issuer of workload identity federation service connections: `vstoken.dev.azure.com/<organization id>`. */
const AZURE_DEVOPS_ISSUER = /^https:\/\/vstoken\.dev\.azure\.com\/[^/]+\/?$/;
/** Google's ID tokens name the issuer with or without the scheme (OpenID Connect discovery of accounts.google.com). */
const GOOGLE_ISSUER = /^(https:\/\/)?accounts\.google\.com\/?$/;
/** Kubernetes service-account subjects: `system:serviceaccount:<namespace>:<name>`. */
export const KUBERNETES_SUB = /^system:serviceaccount:[^:]+:[^:]+$/;

/** `sub` of the legacy `CI_JOB_JWT` (v1): `job_<job id>` (lib/gitlab/ci/jwt.rb). */
export const GITLAB_LEGACY_SUB = /^job_\d+$/;
/** Leading components GitLab's `sub` can start with (default `project_path`, or `project_id`). */
export const GITLAB_SUB_SHAPE = /^project_(path|id):[^:]*(:[a-z_]+:[^:]*)*$/;

/** Claims that only GitLab puts into its CI tokens, all present in every job (id_token_authentication.md). */
const GITLAB_MARKERS = ['namespace_id', 'namespace_path', 'project_id', 'project_path', 'pipeline_id', 'pipeline_source', 'job_id', 'ref_protected', 'user_login'];
/** GitHub Actions custom claims present in every job (reference/security/oidc.md). */
const GITHUB_MARKERS = ['repository', 'repository_owner', 'repository_id', 'repository_owner_id', 'run_id', 'run_attempt', 'workflow', 'workflow_ref', 'job_workflow_ref', 'event_name', 'actor'];

function countPresent(claims: Record<string, unknown>, keys: readonly string[]): number {
  let count = 0;
  for (const key of keys) if (Object.prototype.hasOwnProperty.call(claims, key)) count++;
  return count;
}

/** True when `iss` carries a scheme; the legacy GitLab token used the bare host (`gitlab.com`). */
export function hasScheme(iss: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(iss);
}

export function issuerFamily(claims: Record<string, unknown>): IssuerFamily {
  if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) return 'unknown';
  const iss = typeof claims.iss === 'string' ? claims.iss.trim() : undefined;
  const sub = typeof claims.sub === 'string' ? claims.sub : undefined;

  if (iss !== undefined) {
    if (GITHUB_ISSUERS.some((pattern) => pattern.test(iss))) return 'github';
    if (CIRCLECI_ISSUER.test(iss)) return 'circleci';
    if (BUILDKITE_ISSUER.test(iss)) return 'buildkite';
    if (BITBUCKET_ISSUER.test(iss)) return 'bitbucket';
    if (TERRAFORM_ISSUER.test(iss)) return 'terraform';
    if (KUBERNETES_ISSUERS.some((pattern) => pattern.test(iss))) return 'kubernetes';
    if (AZURE_DEVOPS_ISSUER.test(iss)) return 'azure-devops';
    if (GOOGLE_ISSUER.test(iss)) return 'google';
  }
  // Self-managed clusters and Azure DevOps on the Entra issuer carry issuers nobody can list.
  if (sub !== undefined && KUBERNETES_SUB.test(sub)) return 'kubernetes';
  if (sub !== undefined && sub.startsWith('sc://')) return 'azure-devops';

  const gitlabMarkers = countPresent(claims, GITLAB_MARKERS);
  const githubMarkers = countPresent(claims, GITHUB_MARKERS);

  if (sub !== undefined && GITLAB_LEGACY_SUB.test(sub) && (iss === undefined || !hasScheme(iss))) {
    // A bare host with a job sub is the v1 shape; without an iss at all we need GitLab's claims too.
    if (iss !== undefined || gitlabMarkers >= 3) return 'gitlab-legacy';
  }
  if (sub !== undefined && GITLAB_SUB_SHAPE.test(sub)) return 'gitlab';
  if (gitlabMarkers >= 3 && gitlabMarkers > githubMarkers) return 'gitlab';
  if (githubMarkers >= 3) return 'github';
  if (sub !== undefined && /^repo:[^:/]+\/[^:]+(:|$)/.test(sub)) return 'github';

  if (typeof claims.terraform_run_phase === 'string' || typeof claims.terraform_workspace_id === 'string') return 'terraform';
  if (Object.prototype.hasOwnProperty.call(claims, 'oidc.circleci.com/project-id')) return 'circleci';
  if (typeof claims.organization_slug === 'string' && typeof claims.pipeline_slug === 'string') return 'buildkite';
  if (typeof claims.workspaceUuid === 'string' && typeof claims.pipelineUuid === 'string') return 'bitbucket';
  return 'unknown';
}
