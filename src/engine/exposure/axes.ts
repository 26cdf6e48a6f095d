/**
 * The attacker's moves: each a named axis, a sentence for a reviewer, and a job built through the
 * issuer model (so every witness is a token the issuer could mint). Values come from the axis's
 * own plausible names and from the configuration's patterns (a `*` filled with an attacker-chosen
 * segment), so a witness is found wherever the configuration really leaves a gap.
 */
import { type GitHubRun, type GitLabJob, isPlausiblePath, isPlausibleRef, isPlausibleSegment, namespaceOf, otherId } from '../claims/models';
import type { Constraints } from '../constraints';
import { valuesFor } from './values';

export interface Move<Job> {
  axis: string;
  label: string;
  job: Job;
}

/** Axis ids, in the order a report lists them, with the severity they give the grade. */
export const AXES: Record<string, { grade: 'open' | 'broad' | 'narrow' | 'same-identity'; title: string }> = {
  'any-project': { grade: 'open', title: 'any project on the instance' },
  'any-repository': { grade: 'open', title: 'any repository on the issuer' },
  'other-issuer': { grade: 'open', title: 'another issuer instance' },
  'sibling-group': { grade: 'broad', title: 'a group whose name starts the same' },
  'sibling-owner': { grade: 'broad', title: 'an owner whose name starts the same' },
  subgroup: { grade: 'broad', title: 'a project in a subgroup' },
  'other-project': { grade: 'broad', title: 'another project in the group' },
  'other-repository': { grade: 'broad', title: 'another repository of the owner' },
  'tag-as-branch': { grade: 'narrow', title: 'a tag instead of a branch' },
  'branch-as-tag': { grade: 'narrow', title: 'a branch instead of a tag' },
  'other-branch': { grade: 'narrow', title: 'another branch' },
  'unprotected-ref': { grade: 'narrow', title: 'an unprotected ref' },
  'pull-request': { grade: 'narrow', title: 'a merge request / pull request run' },
  'pull-request-target': { grade: 'narrow', title: 'a pull_request_target run' },
  'other-environment': { grade: 'narrow', title: 'another environment' },
  'recreated-project': { grade: 'same-identity', title: 'a project re-created at the same path' },
  'recreated-repository': { grade: 'same-identity', title: 'a repository re-created with the same name' },
  'self-hosted-runner': { grade: 'same-identity', title: 'a self-hosted runner' },
};

const ATTACKER_PROJECT = 'other-project';
const ATTACKER_GROUP = 'attacker-group';

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function hostLabel(issuer: string): string {
  return issuer.replace(/^https?:\/\//, '').replace(/\/+$/, '');
}

// ---------------------------------------------------------------------------------------------
// GitLab

function projectPaths(constraints: Constraints, job: GitLabJob): string[] {
  const name = job.projectPath.split('/').pop() ?? 'project';
  return valuesFor(constraints, 'gitlab', 'project_path', ['evil', ATTACKER_PROJECT, `subgroup/${ATTACKER_PROJECT}`, `-evil/${name}`, `${ATTACKER_GROUP}/${name}`]);
}

type PathRelation = 'same' | 'other-project' | 'subgroup' | 'sibling-group' | 'any-project';

function relation(base: string, candidate: string): PathRelation {
  if (candidate === base) return 'same';
  const namespace = namespaceOf(base);
  const candidateNamespace = namespaceOf(candidate);
  const top = base.split('/')[0];
  if (candidateNamespace === namespace) return 'other-project';
  if (candidateNamespace.startsWith(`${namespace}/`)) return 'subgroup';
  if (namespace !== '' && candidate.startsWith(namespace)) return 'sibling-group';
  // A project elsewhere in the same top-level group (a parent or cousin group).
  if (candidate.startsWith(`${top}/`)) return 'other-project';
  if (candidate.split('/')[0].startsWith(top)) return 'sibling-group';
  return 'any-project';
}

export function gitlabMoves(job: GitLabJob, constraints: Constraints): Move<GitLabJob>[] {
  const moves: Move<GitLabJob>[] = [];
  const namespace = namespaceOf(job.projectPath);
  const name = job.projectPath.split('/').pop() ?? 'project';
  const host = hostLabel(job.issuer);
  const newIds = (path: string, sameNamespace: boolean): Pick<GitLabJob, 'projectId' | 'namespaceId'> => ({
    projectId: otherId(job.projectId, path),
    namespaceId: sameNamespace ? job.namespaceId : otherId(job.namespaceId, namespaceOf(path)),
  });

  const paths = unique([
    `${namespace}/${ATTACKER_PROJECT}`,
    `${namespace}/subgroup/${name}`,
    `${namespace}/subgroup/${ATTACKER_PROJECT}`,
    `${namespace}-evil/${name}`,
    `${job.projectPath.split('/')[0]}/${ATTACKER_PROJECT}`,
    `${job.projectPath.split('/')[0]}-evil/${name}`,
    `${ATTACKER_GROUP}/${name}`,
    `${ATTACKER_GROUP}/${ATTACKER_PROJECT}`,
    ...projectPaths(constraints, job),
  ]).filter((path) => isPlausiblePath(path));
  for (const path of paths) {
    const kind = relation(job.projectPath, path);
    if (kind === 'same') continue;
    const group = namespaceOf(path) === namespace ? namespace : job.projectPath.split('/')[0];
    const label =
      kind === 'other-project' ? `another project in ${group} (${path})`
      : kind === 'subgroup' ? `a project in a subgroup of ${namespace} (${path})`
      : kind === 'sibling-group' ? `a group whose name starts the same as ${namespace} (${path})`
      : `any project on ${host} (${path})`;
    moves.push({ axis: kind, label, job: { ...job, projectPath: path, ...newIds(path, kind === 'other-project') } });
  }

  moves.push({
    axis: 'recreated-project',
    label: `a project re-created at ${job.projectPath} after the original moved or was deleted (new project and namespace IDs)`,
    job: { ...job, projectId: otherId(job.projectId), namespaceId: otherId(job.namespaceId) },
  });

  const refs = unique([`${job.ref}-evil`, 'feature/attacker', ...valuesFor(constraints, 'gitlab', 'ref', ['-evil', 'attacker', '/evil'])]).filter((ref) => ref !== job.ref && isPlausibleRef(ref));
  if (job.refType === 'branch') {
    moves.push({ axis: 'tag-as-branch', label: `a tag named ${job.ref} instead of the branch`, job: { ...job, refType: 'tag' } });
    for (const ref of ['v1.0', ...refs]) moves.push({ axis: 'tag-as-branch', label: `a tag (${ref}) instead of a branch`, job: { ...job, refType: 'tag', ref } });
  } else {
    moves.push({ axis: 'branch-as-tag', label: `a branch named ${job.ref} instead of the tag`, job: { ...job, refType: 'branch', refProtected: false } });
  }
  for (const ref of refs) {
    const word = job.refType === 'tag' ? 'tag' : 'branch';
    moves.push({ axis: 'other-branch', label: `any other ${word} (${ref}), unprotected`, job: { ...job, ref, refProtected: false } });
    moves.push({ axis: 'other-branch', label: `any other ${word} (${ref}), protected`, job: { ...job, ref, refProtected: true } });
  }
  if (job.refProtected) {
    moves.push({ axis: 'unprotected-ref', label: `an unprotected ${job.refType} named ${job.ref} (ref_protected "false")`, job: { ...job, refProtected: false } });
  }
  if (job.pipelineSource !== 'merge_request_event') {
    // Merge request pipelines run for the source branch (doc/ci/pipelines/merge_request_pipelines.md).
    const branch = job.refType === 'branch' ? job.ref : 'feature/attacker';
    const mr = { ...job, pipelineSource: 'merge_request_event', refType: 'branch' as const, ref: branch };
    moves.push({ axis: 'pull-request', label: `a merge request pipeline for ${branch} (pipeline_source merge_request_event, unprotected)`, job: { ...mr, refProtected: false } });
    moves.push({ axis: 'pull-request', label: `a merge request pipeline for ${branch} (pipeline_source merge_request_event)`, job: mr });
  }
  const environments = unique(['review/attacker', ...valuesFor(constraints, 'gitlab', 'environment', ['attacker'])]).filter((environment) => environment !== job.environment);
  for (const environment of environments) {
    moves.push({ axis: 'other-environment', label: `a job in another environment (${environment}), unprotected`, job: { ...job, environment, environmentProtected: false, deploymentTier: 'development' } });
  }
  if (job.runnerEnvironment !== 'self-hosted') {
    moves.push({ axis: 'self-hosted-runner', label: 'the same job on a self-hosted runner', job: { ...job, runnerEnvironment: 'self-hosted' } });
  }
  return moves;
}

// ---------------------------------------------------------------------------------------------
// GitHub Actions

type RepoRelation = 'same' | 'other-repository' | 'sibling-owner' | 'any-repository';

function repoRelation(owner: string, repository: string): RepoRelation {
  const candidateOwner = repository.split('/')[0];
  if (candidateOwner === owner) return 'other-repository';
  if (candidateOwner.startsWith(owner)) return 'sibling-owner';
  return 'any-repository';
}

export function githubMoves(run: GitHubRun, constraints: Constraints): Move<GitHubRun>[] {
  const moves: Move<GitHubRun>[] = [];
  const repository = `${run.owner}/${run.repo}`;
  const host = run.issuer.includes('token.actions.githubusercontent.com') ? 'GitHub' : hostLabel(run.issuer);
  const repositories = unique([
    `${run.owner}/other-repo`,
    `${run.owner}-evil/${run.repo}`,
    `attacker/${run.repo}`,
    'attacker/attacker-repo',
    ...valuesFor(constraints, 'github', 'repository', ['other-repo', `-evil/${run.repo}`, `attacker/${run.repo}`]),
  ]);
  for (const candidate of repositories) {
    const [owner, repo, ...rest] = candidate.split('/');
    if (candidate === repository || rest.length > 0 || !repo || !isPlausibleSegment(owner) || !isPlausibleSegment(repo)) continue;
    const kind = repoRelation(run.owner, candidate);
    if (kind === 'same') continue;
    const label =
      kind === 'other-repository' ? `another repository of ${run.owner} (${candidate})`
      : kind === 'sibling-owner' ? `an owner whose name starts the same as ${run.owner} (${candidate})`
      : `any repository on ${host} (${candidate})`;
    const workflowRepository = run.workflowRepository === repository ? candidate : run.workflowRepository;
    moves.push({
      axis: kind,
      label,
      job: { ...run, owner, repo, repoId: otherId(run.repoId, candidate), ownerId: kind === 'other-repository' ? run.ownerId : otherId(run.ownerId, owner), workflowRepository },
    });
  }
  moves.push({
    axis: 'recreated-repository',
    label: `a repository re-created as ${repository} after the original was renamed or deleted (new repository ID)`,
    job: { ...run, repoId: otherId(run.repoId) },
  });
  const branch = run.ref.startsWith('refs/heads/') ? run.ref.slice('refs/heads/'.length) : 'main';
  const refs = unique([
    `refs/heads/${branch}-evil`,
    'refs/heads/feature/attacker',
    ...valuesFor(constraints, 'github', 'ref', ['-evil', 'attacker', '/evil']),
  ]).filter((ref) => ref !== run.ref && /^refs\/(heads|tags)\//.test(ref) && isPlausibleRef(ref));
  if (!run.ref.startsWith('refs/tags/')) {
    moves.push({ axis: 'tag-as-branch', label: `a tag named ${branch} instead of the branch`, job: { ...run, ref: `refs/tags/${branch}` } });
    moves.push({ axis: 'tag-as-branch', label: 'a tag (v1.0) instead of a branch', job: { ...run, ref: 'refs/tags/v1.0' } });
  }
  for (const ref of refs) {
    const isTag = ref.startsWith('refs/tags/');
    moves.push({ axis: isTag && !run.ref.startsWith('refs/tags/') ? 'tag-as-branch' : 'other-branch', label: `${isTag ? 'a tag' : 'another branch'} (${ref})`, job: { ...run, ref } });
  }
  if (run.eventName !== 'pull_request') {
    moves.push({ axis: 'pull-request', label: 'a pull_request event (a pull request, possibly from a fork)', job: { ...run, eventName: 'pull_request', ref: 'refs/pull/1/merge', environment: null } });
    if (run.environment !== null) {
      moves.push({ axis: 'pull-request', label: `a pull_request event whose job references ${run.environment}`, job: { ...run, eventName: 'pull_request', ref: 'refs/pull/1/merge' } });
    }
  }
  if (run.eventName !== 'pull_request_target') {
    // pull_request_target runs on the base branch (events-that-trigger-workflows).
    const baseRef = run.ref.startsWith('refs/heads/') ? run.ref : 'refs/heads/main';
    moves.push({ axis: 'pull-request-target', label: `a pull_request_target run (triggered by any pull request, with the base branch's ref ${baseRef})`, job: { ...run, eventName: 'pull_request_target', ref: baseRef } });
  }
  const environments = unique(['attacker-env', ...valuesFor(constraints, 'github', 'environment', ['attacker'])]).filter((environment) => environment !== run.environment);
  for (const environment of environments) moves.push({ axis: 'other-environment', label: `a job in another environment (${environment})`, job: { ...run, environment } });
  if (run.runnerEnvironment !== 'self-hosted') {
    moves.push({ axis: 'self-hosted-runner', label: 'the same workflow on a self-hosted runner', job: { ...run, runnerEnvironment: 'self-hosted' } });
  }
  return moves;
}
