/**
 * GitLab's token model: the job a token describes, and the claims GitLab derives from it.
 * A claim set is built from a job only through `mintGitLab`, so what it produces agrees with
 * itself by construction; `gitlabProblems` states the same rules as checks.
 *
 * Sources: doc/ci/secrets/id_token_authentication.md (claims, types, "sub" and its
 * `ci_id_token_sub_claim_components`), lib/gitlab/ci/jwt.rb and jwt_v2.rb (how each claim is
 * derived: namespace from the project, `ref_path`, `ref_protected` as a string, `sub` components
 * joined as `name:value`), doc/ci/cloud_services/aws (CI_JOB_JWT_V2 carries the same claim set with
 * `aud` the instance URL).
 */
import { GITLAB_LEGACY_SUB } from '../issuer';
import { isPlausiblePath, isPlausibleRef } from './names';

type Claims = Record<string, unknown>;

/** `ci_id_token_sub_claim_components` GitLab accepts; `project_path` or `project_id` leads. */
export const GITLAB_SUB_COMPONENTS = ['project_path', 'project_id', 'ref_type', 'ref', 'ref_protected', 'environment_protected', 'deployment_tier'] as const;

export const GITLAB_REF_TYPES = ['branch', 'tag'] as const;
/** `CI_PIPELINE_SOURCE` values (doc/ci/jobs/job_rules.md, "CI_PIPELINE_SOURCE predefined variable"). */
export const GITLAB_PIPELINE_SOURCES = [
  'api', 'chat', 'external', 'external_pull_request_event', 'merge_request_event', 'ondemand_dast_scan',
  'ondemand_dast_validation', 'parent_pipeline', 'pipeline', 'push', 'schedule', 'security_orchestration_policy',
  'trigger', 'web', 'webide',
] as const;
export const GITLAB_DEPLOYMENT_TIERS = ['production', 'staging', 'testing', 'development', 'other'] as const;
export const GITLAB_RUNNER_ENVIRONMENTS = ['gitlab-hosted', 'self-hosted'] as const;
export const GITLAB_VISIBILITIES = ['public', 'internal', 'private'] as const;

export interface GitLabJob {
  issuer: string;
  aud: unknown;
  projectPath: string;
  projectId: string;
  namespaceId: string;
  ref: string;
  refType: 'branch' | 'tag';
  refProtected: boolean;
  pipelineSource: string;
  /** Null: the job names no environment. */
  environment: string | null;
  environmentProtected: boolean;
  deploymentTier: string;
  runnerEnvironment: string;
  /** The project's sub components, in order (default project_path, ref_type, ref). */
  subComponents: string[];
  /** Legacy CI_JOB_JWT (v1): `sub` is `job_<id>`. */
  legacyJobId?: string;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

export function namespaceOf(projectPath: string): string {
  const cut = projectPath.lastIndexOf('/');
  return cut < 0 ? '' : projectPath.slice(0, cut);
}

function subComponentsOf(sub: unknown): string[] {
  if (typeof sub !== 'string') return ['project_path', 'ref_type', 'ref'];
  const parts = sub.split(':');
  const keys: string[] = [];
  for (let index = 0; index + 1 < parts.length; index += 2) {
    if (!(GITLAB_SUB_COMPONENTS as readonly string[]).includes(parts[index])) return ['project_path', 'ref_type', 'ref'];
    keys.push(parts[index]);
  }
  if (keys.length === 0 || parts.length % 2 !== 0 || (keys[0] !== 'project_path' && keys[0] !== 'project_id')) return ['project_path', 'ref_type', 'ref'];
  return keys;
}

function hostOf(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/+$/, '');
}

/** The job a GitLab claim set describes; missing claims take GitLab's common values. */
export function gitlabJobFromClaims(claims: Claims): GitLabJob {
  const projectPath = text(claims.project_path) ?? (text(claims.namespace_path) ? `${text(claims.namespace_path)}/project` : 'my-group/my-project');
  const refType = claims.ref_type === 'tag' ? 'tag' : 'branch';
  const sub = text(claims.sub);
  return {
    issuer: text(claims.iss) ?? 'https://gitlab.com',
    aud: claims.aud,
    projectPath,
    projectId: text(claims.project_id) ?? '20',
    namespaceId: text(claims.namespace_id) ?? '72',
    ref: text(claims.ref) ?? 'main',
    refType,
    refProtected: claims.ref_protected === 'true' || claims.ref_protected === true,
    pipelineSource: text(claims.pipeline_source) ?? 'push',
    environment: text(claims.environment) ?? null,
    environmentProtected: claims.environment_protected === 'true' || claims.environment_protected === true,
    deploymentTier: text(claims.deployment_tier) ?? 'other',
    runnerEnvironment: text(claims.runner_environment) ?? 'gitlab-hosted',
    subComponents: subComponentsOf(sub),
    legacyJobId: sub !== undefined && GITLAB_LEGACY_SUB.test(sub) ? sub.slice(4) : undefined,
  };
}

function componentValue(job: GitLabJob, key: string): string {
  switch (key) {
    case 'project_path': return job.projectPath;
    case 'project_id': return job.projectId;
    case 'ref_type': return job.refType;
    case 'ref': return job.ref;
    case 'ref_protected': return String(job.refProtected);
    case 'environment_protected': return String(job.environmentProtected);
    case 'deployment_tier': return job.deploymentTier;
    default: return '';
  }
}

/** `sub` as GitLab joins its components (jwt_v2.rb: `name:value` pairs, no escaping). */
export function gitlabSubjectOf(job: GitLabJob): string {
  if (job.legacyJobId !== undefined) return `job_${job.legacyJobId}`;
  return job.subComponents.map((key) => `${key}:${componentValue(job, key)}`).join(':');
}

/**
 * The claims GitLab would issue for `job`, laid over `base` (a real token's other claims: user,
 * pipeline, times). Every claim the model knows is recomputed, so nothing in `base` can contradict
 * the job; claims absent from `base` are added only when the job needs them.
 */
export function mintGitLab(job: GitLabJob, base: Claims = {}): Claims {
  const claims: Claims = { ...base };
  const namespacePath = namespaceOf(job.projectPath);
  const refPath = `${job.refType === 'tag' ? 'refs/tags/' : 'refs/heads/'}${job.ref}`;
  const set = (name: string, value: unknown, always = true) => {
    if (always || name in base) claims[name] = value;
  };
  set('namespace_id', job.namespaceId, 'namespace_id' in base || 'project_id' in base);
  set('namespace_path', namespacePath, 'namespace_path' in base || 'project_path' in base);
  set('project_id', job.projectId, 'project_id' in base);
  set('project_path', job.projectPath);
  set('pipeline_source', job.pipelineSource);
  set('ref', job.ref);
  set('ref_type', job.refType);
  set('ref_path', refPath, false);
  // GitLab sends protection flags as the strings "true"/"false" (id_token_authentication.md).
  set('ref_protected', String(job.refProtected));
  if (job.environment === null) {
    delete claims.environment;
    delete claims.environment_protected;
    delete claims.deployment_tier;
    delete claims.environment_action;
  } else {
    claims.environment = job.environment;
    claims.environment_protected = String(job.environmentProtected);
    claims.deployment_tier = job.deploymentTier;
  }
  set('runner_environment', job.runnerEnvironment, 'runner_environment' in base || job.runnerEnvironment !== 'gitlab-hosted');
  // The job runs in the project whose token it is, except for merge requests from forks, where
  // project_* names the fork and job_project_* too (the job runs in the fork's context).
  set('job_project_id', job.projectId, false);
  set('job_project_path', job.projectPath, false);
  set('job_namespace_id', job.namespaceId, false);
  set('job_namespace_path', namespacePath, false);
  set('ci_config_ref_uri', `${hostOf(job.issuer)}/${job.projectPath}//.gitlab-ci.yml@${refPath}`, false);
  claims.iss = job.issuer;
  claims.sub = gitlabSubjectOf(job);
  claims.aud = job.aud === undefined ? job.issuer : job.aud;
  return claims;
}

function oneOf(claims: Claims, name: string, allowed: readonly string[], problems: string[]): void {
  if (!(name in claims)) return;
  if (typeof claims[name] !== 'string' || !allowed.includes(claims[name] as string)) {
    problems.push(`${name} is ${JSON.stringify(claims[name])}; GitLab issues one of ${allowed.join(', ')}`);
  }
}

/** Where a GitLab claim set breaks the issuer's rules; empty when GitLab could mint it. */
export function gitlabProblems(claims: Claims): string[] {
  const problems: string[] = [];
  const sub = text(claims.sub);
  const projectPath = text(claims.project_path);
  if (typeof claims.iss !== 'string' || !/^https?:\/\/[^/\s]+/.test(claims.iss)) problems.push('iss is not the instance URL');
  oneOf(claims, 'ref_type', GITLAB_REF_TYPES, problems);
  oneOf(claims, 'ref_protected', ['true', 'false'], problems);
  oneOf(claims, 'environment_protected', ['true', 'false'], problems);
  oneOf(claims, 'pipeline_source', GITLAB_PIPELINE_SOURCES, problems);
  oneOf(claims, 'deployment_tier', GITLAB_DEPLOYMENT_TIERS, problems);
  oneOf(claims, 'runner_environment', GITLAB_RUNNER_ENVIRONMENTS, problems);
  oneOf(claims, 'project_visibility', GITLAB_VISIBILITIES, problems);
  if (projectPath !== undefined && !isPlausiblePath(projectPath)) problems.push(`project_path ${JSON.stringify(projectPath)} is not a GitLab project path`);
  if (projectPath !== undefined && 'namespace_path' in claims && claims.namespace_path !== namespaceOf(projectPath)) {
    problems.push(`namespace_path ${JSON.stringify(claims.namespace_path)} is not project_path less its last segment`);
  }
  const ref = text(claims.ref);
  if (ref !== undefined && !isPlausibleRef(ref)) problems.push(`ref ${JSON.stringify(ref)} is not a git ref name`);
  if (ref !== undefined && 'ref_path' in claims) {
    const expected = `${claims.ref_type === 'tag' ? 'refs/tags/' : 'refs/heads/'}${ref}`;
    if (claims.ref_path !== expected) problems.push(`ref_path is not ${expected}`);
  }
  if ('environment_protected' in claims && !('environment' in claims)) problems.push('environment_protected without environment');
  // Merge request pipelines run for the source branch (doc/ci/pipelines/merge_request_pipelines.md).
  if (claims.pipeline_source === 'merge_request_event' && 'ref_type' in claims && claims.ref_type !== 'branch') problems.push('a merge request pipeline runs for a branch, not a tag');
  if (sub === undefined) {
    problems.push('sub is missing');
  } else if (GITLAB_LEGACY_SUB.test(sub)) {
    if ('job_id' in claims && `job_${text(claims.job_id)}` !== sub) problems.push('sub is not job_<job_id>');
  } else {
    const parts = sub.split(':');
    if (parts.length % 2 !== 0) problems.push('sub is not name:value pairs');
    for (let index = 0; index + 1 < parts.length; index += 2) {
      const key = parts[index];
      if (!(GITLAB_SUB_COMPONENTS as readonly string[]).includes(key)) {
        problems.push(`sub has a component ${key} GitLab does not offer`);
        continue;
      }
      if (key in claims && text(claims[key]) !== parts[index + 1]) problems.push(`sub says ${key} ${parts[index + 1]} but the claim is ${JSON.stringify(claims[key])}`);
    }
    if (parts[0] !== 'project_path' && parts[0] !== 'project_id') problems.push('sub does not start with project_path or project_id');
  }
  return problems;
}
