/**
 * GitHub Actions' token model: the workflow run a token describes, and the claims GitHub derives
 * from it. Claim sets are built only through `mintGitHub`; `githubProblems` states the same rules.
 *
 * Sources: docs.github.com reference/security/oidc.md (claims; sub precedence environment >
 * pull_request > ref; `%3A` escaping; `include_claim_keys` custom subjects; immutable
 * `OWNER@ID/REPO@ID` subjects), concepts/security/openid-connect.md (example token: every custom
 * claim a string, `repository_owner` the part of `repository` before `/`, `workflow_ref` is
 * `{repository}/{path}@{ref}`), and the GHES issuer `https://HOST/_services/token`.
 */
import { escapeGitHubSubjectValue } from '../subject';
import { isPlausibleRef, isPlausibleSegment } from './names';

type Claims = Record<string, unknown>;

export const GITHUB_REF_TYPES = ['branch', 'tag'] as const;
export const GITHUB_VISIBILITIES = ['public', 'private', 'internal'] as const;
export const GITHUB_RUNNER_ENVIRONMENTS = ['github-hosted', 'self-hosted'] as const;
/** Workflow trigger events (docs.github.com actions/reference/events-that-trigger-workflows). */
export const GITHUB_EVENTS = [
  'branch_protection_rule', 'check_run', 'check_suite', 'create', 'delete', 'deployment', 'deployment_status', 'discussion',
  'discussion_comment', 'fork', 'gollum', 'issue_comment', 'issues', 'label', 'merge_group', 'milestone', 'page_build',
  'public', 'pull_request', 'pull_request_review', 'pull_request_review_comment', 'pull_request_target', 'push',
  'registry_package', 'release', 'repository_dispatch', 'schedule', 'status', 'watch', 'workflow_call', 'workflow_dispatch',
  'workflow_run', 'dynamic',
] as const;

/** `default` (repo + context), `immutable` (repo with IDs + context), or an `include_claim_keys` list. */
export type GitHubSubjectTemplate = { kind: 'default' } | { kind: 'immutable' } | { kind: 'custom'; keys: string[] };

export interface GitHubRun {
  issuer: string;
  aud: unknown;
  owner: string;
  repo: string;
  ownerId: string;
  repoId: string;
  /** e.g. refs/heads/main, refs/tags/v1, refs/pull/1/merge */
  ref: string;
  eventName: string;
  /** Null: the job references no environment. */
  environment: string | null;
  runnerEnvironment: string;
  visibility: string;
  /** The repository whose workflow file the job runs (reusable workflows: another one). */
  workflowRepository: string;
  workflowPath: string;
  subject: GitHubSubjectTemplate;
}

const QUALIFIED_REF = /^refs\/(heads|tags|pull)\//;
const PULL_REQUEST_REF = /^refs\/pull\/\d+\/merge$/;
/** GitHub's first Actions issuer, retired for `token.actions.githubusercontent.com` (GitHub changelog, 2021-11). */
export const RETIRED_ISSUERS = /^https:\/\/vstoken\.actions\.githubusercontent\.com(\/|$)/;

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

const IMMUTABLE_REPO = /^repo:[^@/:]+@\d+\/[^@/:]+@\d+:/;

function templateOf(claims: Claims): GitHubSubjectTemplate {
  const sub = text(claims.sub);
  if (sub === undefined) return { kind: 'default' };
  if (IMMUTABLE_REPO.test(sub)) return { kind: 'immutable' };
  const rest = sub.startsWith(`repo:${text(claims.repository)}:`) ? sub.slice(`repo:${text(claims.repository)}:`.length) : undefined;
  if (rest !== undefined && (/^(ref|environment):[^:]*$/.test(rest) || rest === 'pull_request')) return { kind: 'default' };
  // A custom include_claim_keys subject: `key:value` pairs in the template's order.
  const parts = sub.split(':');
  const keys: string[] = [];
  for (let index = 0; index < parts.length; ) {
    const key = parts[index];
    if (key === 'pull_request') {
      keys.push('context');
      index += 1;
      continue;
    }
    if (key === 'repo') keys.push('repo');
    else if ((key === 'ref' || key === 'environment') && !keys.includes('context') && index === 2) keys.push('context');
    else keys.push(key);
    index += 2;
  }
  return keys.length > 0 ? { kind: 'custom', keys } : { kind: 'default' };
}

function workflowParts(value: unknown, repository: string): { repository: string; path: string } {
  const match = typeof value === 'string' ? /^([^/]+\/[^/]+)\/([^@]+)@/.exec(value) : null;
  if (match) return { repository: match[1], path: match[2] };
  return { repository, path: '.github/workflows/deploy.yml' };
}

export function githubRunFromClaims(claims: Claims): GitHubRun {
  const repository = text(claims.repository) ?? 'octo-org/octo-repo';
  const [owner, repo = 'repo'] = repository.split('/');
  const workflow = workflowParts(claims.job_workflow_ref ?? claims.workflow_ref, repository);
  return {
    issuer: text(claims.iss) ?? 'https://token.actions.githubusercontent.com',
    aud: claims.aud,
    owner: text(claims.repository_owner) ?? owner,
    repo,
    ownerId: text(claims.repository_owner_id) ?? '65',
    repoId: text(claims.repository_id) ?? '74',
    ref: text(claims.ref) ?? 'refs/heads/main',
    eventName: text(claims.event_name) ?? 'push',
    environment: text(claims.environment) ?? null,
    runnerEnvironment: text(claims.runner_environment) ?? 'github-hosted',
    visibility: text(claims.repository_visibility) ?? 'private',
    workflowRepository: workflow.repository,
    workflowPath: workflow.path,
    subject: templateOf(claims),
  };
}

/** The default subject's last part: environment > pull_request > ref. */
function context(run: GitHubRun): string {
  if (run.environment !== null) return `environment:${escapeGitHubSubjectValue(run.environment)}`;
  if (run.eventName === 'pull_request') return 'pull_request';
  return `ref:${escapeGitHubSubjectValue(run.ref)}`;
}

function refType(ref: string): string {
  if (ref.startsWith('refs/tags/')) return 'tag';
  return 'branch';
}

export function githubSubjectOf(run: GitHubRun, claims: Claims): string {
  const repository = `${run.owner}/${run.repo}`;
  if (run.subject.kind === 'immutable') return `repo:${run.owner}@${run.ownerId}/${run.repo}@${run.repoId}:${context(run)}`;
  if (run.subject.kind === 'default') return `repo:${repository}:${context(run)}`;
  return run.subject.keys
    .map((key) => {
      if (key === 'repo') return `repo:${repository}`;
      if (key === 'context') return context(run);
      return `${key}:${escapeGitHubSubjectValue(text(claims[key]) ?? '')}`;
    })
    .join(':');
}

/** The claims GitHub would issue for `run`, laid over `base`; see mintGitLab for the rules. */
export function mintGitHub(run: GitHubRun, base: Claims = {}): Claims {
  const claims: Claims = { ...base };
  const repository = `${run.owner}/${run.repo}`;
  const set = (name: string, value: unknown, always = true) => {
    if (always || name in base) claims[name] = value;
  };
  if (run.environment === null) delete claims.environment;
  else claims.environment = run.environment;
  set('ref', run.ref);
  set('repository', repository);
  set('repository_owner', run.owner);
  set('repository_id', run.repoId, 'repository_id' in base);
  set('repository_owner_id', run.ownerId, 'repository_owner_id' in base);
  set('repository_visibility', run.visibility, false);
  set('runner_environment', run.runnerEnvironment, 'runner_environment' in base || run.runnerEnvironment !== 'github-hosted');
  set('event_name', run.eventName);
  set('ref_type', refType(run.ref), 'ref_type' in base);
  const isPullRequest = run.eventName === 'pull_request' || run.eventName === 'pull_request_target';
  if ('head_ref' in base || isPullRequest) claims.head_ref = isPullRequest ? (text(base.head_ref) || 'feature') : '';
  if ('base_ref' in base || isPullRequest) claims.base_ref = isPullRequest ? (text(base.base_ref) || 'main') : '';
  set('workflow_ref', `${repository}/${run.workflowPath}@${run.ref}`, 'workflow_ref' in base);
  // A reusable workflow from another repository keeps its own ref; the caller's own file follows the run's ref.
  const ownWorkflow = run.workflowRepository === repository || run.workflowRepository === text(base.repository);
  const jobWorkflowRef = ownWorkflow ? `${repository}/${run.workflowPath}@${run.ref}` : text(base.job_workflow_ref) ?? `${run.workflowRepository}/${run.workflowPath}@refs/heads/main`;
  set('job_workflow_ref', jobWorkflowRef, 'job_workflow_ref' in base);
  claims.iss = run.issuer;
  claims.sub = githubSubjectOf(run, claims);
  claims.aud = run.aud === undefined ? `https://github.com/${run.owner}` : run.aud;
  return claims;
}

function oneOf(claims: Claims, name: string, allowed: readonly string[], problems: string[]): void {
  if (!(name in claims)) return;
  if (typeof claims[name] !== 'string' || !allowed.includes(claims[name] as string)) {
    problems.push(`${name} is ${JSON.stringify(claims[name])}; GitHub issues one of ${allowed.join(', ')}`);
  }
}

/** Where a GitHub Actions claim set breaks the issuer's rules; empty when GitHub could mint it. */
export function githubProblems(claims: Claims): string[] {
  const problems: string[] = [];
  const repository = text(claims.repository);
  const sub = text(claims.sub);
  if (typeof claims.iss !== 'string' || !/^https:\/\/[^/\s]+/.test(claims.iss)) problems.push('iss is not an Actions issuer URL');
  if (repository === undefined) {
    problems.push('repository is missing');
  } else {
    const [owner, repo, ...more] = repository.split('/');
    if (more.length > 0 || !repo || !isPlausibleSegment(owner) || !isPlausibleSegment(repo)) problems.push(`repository ${JSON.stringify(repository)} is not OWNER/REPO`);
    if ('repository_owner' in claims && claims.repository_owner !== owner) problems.push('repository_owner is not the part of repository before /');
  }
  oneOf(claims, 'ref_type', GITHUB_REF_TYPES, problems);
  oneOf(claims, 'repository_visibility', GITHUB_VISIBILITIES, problems);
  oneOf(claims, 'runner_environment', GITHUB_RUNNER_ENVIRONMENTS, problems);
  oneOf(claims, 'event_name', GITHUB_EVENTS, problems);
  const ref = text(claims.ref);
  if (ref !== undefined && ref !== '' && !isPlausibleRef(ref)) problems.push(`ref ${JSON.stringify(ref)} is not a git ref`);
  // GitHub always sends the fully qualified ref (oidc.md: "ref": "refs/heads/main").
  if (ref !== undefined && ref !== '' && !QUALIFIED_REF.test(ref)) problems.push(`ref ${JSON.stringify(ref)} is not qualified (refs/heads/…, refs/tags/… or refs/pull/…)`);
  const event = text(claims.event_name);
  // events-that-trigger-workflows: pull_request's GITHUB_REF is refs/pull/<n>/merge; pull_request_target
  // and merge_group run on the base branch (merge_group: refs/heads/gh-readonly-queue/…).
  if (ref !== undefined && event === 'pull_request' && !PULL_REQUEST_REF.test(ref)) problems.push(`a pull_request run has ref refs/pull/<number>/merge, not ${JSON.stringify(ref)}`);
  if (ref !== undefined && (event === 'pull_request_target' || event === 'merge_group') && !ref.startsWith('refs/heads/')) problems.push(`a ${event} run has a branch ref, not ${JSON.stringify(ref)}`);
  if (typeof claims.iss === 'string' && RETIRED_ISSUERS.test(claims.iss)) problems.push(`${claims.iss} is a retired issuer: GitHub no longer mints tokens from it`);
  if (ref !== undefined && 'ref_type' in claims && ref.startsWith('refs/tags/') !== (claims.ref_type === 'tag')) problems.push('ref_type does not agree with ref');
  if (repository !== undefined && typeof claims.workflow_ref === 'string' && !claims.workflow_ref.startsWith(`${repository}/`)) {
    problems.push('workflow_ref is not in the repository');
  }
  if (ref !== undefined && typeof claims.workflow_ref === 'string' && !claims.workflow_ref.endsWith(`@${ref}`)) problems.push('workflow_ref does not end with the ref');
  if (sub === undefined) {
    problems.push('sub is missing');
  } else if (repository !== undefined) {
    const [owner, repo] = repository.split('/');
    const immutable = `repo:${owner}@${text(claims.repository_owner_id)}/${repo}@${text(claims.repository_id)}:`;
    // include_claim_keys: [repo] gives a sub of `repo:OWNER/REPO` alone.
    if (sub.startsWith('repo:') && sub !== `repo:${repository}` && !sub.startsWith(`repo:${repository}:`) && !sub.startsWith(immutable)) problems.push('sub names another repository');
    const rest = sub.startsWith(`repo:${repository}:`) ? sub.slice(`repo:${repository}:`.length) : sub.startsWith(immutable) ? sub.slice(immutable.length) : undefined;
    if (rest !== undefined && (/^(ref|environment):[^:]*$/.test(rest) || rest === 'pull_request')) {
      const environment = text(claims.environment);
      const expected = environment !== undefined
        ? `environment:${escapeGitHubSubjectValue(environment)}`
        : claims.event_name === 'pull_request' ? 'pull_request' : `ref:${escapeGitHubSubjectValue(ref ?? '')}`;
      if (rest !== expected) problems.push(`sub ends in ${rest} but the claims give ${expected}`);
    }
  }
  return problems;
}
