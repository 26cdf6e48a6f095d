/**
 * Without a given token: a token the configuration admits, built through the issuer model from the
 * values the configuration itself names (issuer, audience, sub parts, bound claims), and proved by
 * the evaluator. The analysis then varies it like a given token.
 */
import { buildGitHubClaims, buildGitLabClaims, GITHUB_DEFAULTS, GITLAB_DEFAULTS } from '../claims/builder';
import { consistencyProblems, githubRunFromClaims, gitlabJobFromClaims, mintGitHub, mintGitLab, namespaceOf } from '../claims/models';
import { samplesOf } from './constraints/samples';
import type { Constraints } from '../constraints';
import { subjectSamples, valuesFor, type Family } from './values';

type Claims = Record<string, unknown>;

const GITHUB_ISSUER_SHAPE = /token\.actions\.|\/_services\/token/;
const GITLAB_MODELLED = new Set(['iss', 'sub', 'aud', 'project_path', 'namespace_path', 'project_id', 'namespace_id', 'ref', 'ref_type', 'ref_protected', 'ref_path', 'environment', 'environment_protected', 'deployment_tier', 'pipeline_source', 'runner_environment', 'job_project_path', 'job_namespace_path', 'job_project_id', 'job_namespace_id', 'ci_config_ref_uri']);
const GITHUB_MODELLED = new Set(['iss', 'sub', 'aud', 'repository', 'repository_owner', 'repository_id', 'repository_owner_id', 'ref', 'ref_type', 'event_name', 'environment', 'runner_environment', 'repository_visibility', 'workflow_ref', 'job_workflow_ref', 'head_ref', 'base_ref']);

/** The issuer family the configuration names: by issuer, else by the claims it conditions. */
export function familyOf(constraints: Constraints): Family {
  if (constraints.issuers.some((issuer) => GITHUB_ISSUER_SHAPE.test(issuer))) return 'github';
  if (constraints.issuers.length > 0) return 'gitlab';
  const claims = new Set(constraints.hints.map((hint) => hint.claim));
  if (['repository', 'repository_owner', 'job_workflow_ref', 'workflow_ref', 'repository_id'].some((claim) => claims.has(claim))) return 'github';
  if (constraints.hints.some((hint) => hint.claim === 'sub' && hint.values.some((value) => value.startsWith('repo:')))) return 'github';
  return 'gitlab';
}

function first(values: string[]): string | undefined {
  return values[0];
}

function audiences(constraints: Constraints, fallback: string): unknown[] {
  const values = constraints.hints.filter((hint) => hint.claim === 'aud' && !hint.negated).flatMap((hint) => samplesOf(hint, 'sts.amazonaws.com'));
  return values.length > 0 ? [...new Set(values)].slice(0, 3) : [fallback];
}

/** Claims the model does not own but the configuration names: its own values, or a placeholder for presence. */
function extraClaims(constraints: Constraints, modelled: Set<string>): Claims {
  const extra: Claims = {};
  for (const hint of constraints.hints) {
    if (hint.negated || modelled.has(hint.claim) || hint.claim in extra) continue;
    const value = hint.kind === 'present' ? undefined : first(samplesOf(hint, 'main'));
    if (value !== undefined) extra[hint.claim] = value;
    else if (hint.kind === 'present') extra[hint.claim] = `${hint.claim}-value`;
  }
  return extra;
}

/** Candidates in order of preference, built one at a time: the caller stops at the first admitted one. */
export function* intendedCandidates(constraints: Constraints, at: number): Generator<Claims> {
  const family = familyOf(constraints);
  const issuers = constraints.issuers.length > 0 ? [...new Set(constraints.issuers)].slice(0, 3) : [family === 'github' ? 'https://token.actions.githubusercontent.com' : 'https://gitlab.com'];
  let count = 0;
  const subjects = subjectSamples(constraints, family);
  const partsList = subjects.length > 0 ? [...subjects.slice(0, 24), {}] : [{}];
  for (const issuer of issuers) {
    for (const parts of partsList) {
      for (const aud of audiences(constraints, family === 'github' ? 'sts.amazonaws.com' : issuer)) {
        const candidate = family === 'github' ? githubIntended(constraints, issuer, aud, parts, at) : gitlabIntended(constraints, issuer, aud, parts, at);
        // Only tokens the issuer could mint: a filled pattern may give an impossible path or ref.
        if (consistencyProblems(candidate).length > 0) continue;
        yield candidate;
        if (++count >= 60) return;
      }
    }
  }
}

function gitlabIntended(constraints: Constraints, issuer: string, aud: unknown, parts: Record<string, string>, at: number): Claims {
  const built = buildGitLabClaims({ ...GITLAB_DEFAULTS, instanceUrl: issuer }, at);
  const job = gitlabJobFromClaims(built);
  const value = (claim: string, fills: string[]) => parts[claim] ?? first(valuesFor(constraints, 'gitlab', claim, fills));
  const namespacePath = value('namespace_path', ['my-group']);
  const projectPath = value('project_path', ['my-project']) ?? (namespacePath ? `${namespacePath}/my-project` : job.projectPath);
  const refType = value('ref_type', ['branch']);
  const protection = value('ref_protected', ['true']);
  const environment = value('environment', ['production']);
  const claims = mintGitLab(
    {
      ...job,
      aud,
      projectPath: namespaceOf(projectPath) === '' ? `my-group/${projectPath}` : projectPath,
      projectId: value('project_id', ['20']) ?? job.projectId,
      namespaceId: value('namespace_id', ['72']) ?? job.namespaceId,
      ref: value('ref', ['main']) ?? 'main',
      refType: refType === 'tag' ? 'tag' : 'branch',
      refProtected: protection !== 'false',
      pipelineSource: value('pipeline_source', ['push']) ?? 'push',
      environment: environment ?? null,
      environmentProtected: value('environment_protected', ['true']) === 'true',
      deploymentTier: value('deployment_tier', ['production']) ?? job.deploymentTier,
      runnerEnvironment: value('runner_environment', ['gitlab-hosted']) ?? job.runnerEnvironment,
      subComponents: parts.project_id !== undefined && parts.project_path === undefined ? ['project_id', 'ref_type', 'ref'] : job.subComponents,
    },
    { ...built, ...extraClaims(constraints, GITLAB_MODELLED) },
  );
  return claims;
}

function githubIntended(constraints: Constraints, issuer: string, aud: unknown, parts: Record<string, string>, at: number): Claims {
  const built = buildGitHubClaims(GITHUB_DEFAULTS, at);
  const run = githubRunFromClaims({ ...built, iss: issuer });
  const value = (claim: string, fills: string[]) => parts[claim] ?? first(valuesFor(constraints, 'github', claim, fills));
  const owner = value('repository_owner', ['octo-org']);
  const repository = value('repository', ['octo-repo']) ?? (owner ? `${owner}/octo-repo` : `${run.owner}/${run.repo}`);
  const [repoOwner, repo = 'octo-repo'] = repository.split('/');
  const event = parts.event_name ?? value('event_name', ['push']) ?? 'push';
  // GitHub always qualifies ref; a pull_request run's is refs/pull/<n>/merge (oidc.md, events docs).
  const named = value('ref', ['main']);
  const qualified = named === undefined ? run.ref : named.startsWith('refs/') ? named : `refs/heads/${named}`;
  const ref = event === 'pull_request' ? 'refs/pull/1/merge' : qualified;
  // A reusable workflow the configuration pins (job_workflow_ref) is called from the repository.
  const workflowRef = value('job_workflow_ref', ['main']);
  const workflow = workflowRef !== undefined ? /^([^/]+\/[^/]+)\/([^@]+)@/.exec(workflowRef) : null;
  return mintGitHub(
    {
      ...run,
      aud,
      owner: repoOwner,
      repo,
      ownerId: value('repository_owner_id', ['65']) ?? run.ownerId,
      repoId: value('repository_id', ['74']) ?? run.repoId,
      ref,
      eventName: event,
      environment: value('environment', ['production']) ?? null,
      runnerEnvironment: value('runner_environment', ['github-hosted']) ?? run.runnerEnvironment,
      visibility: value('repository_visibility', ['private']) ?? run.visibility,
      workflowRepository: workflow ? workflow[1] : `${repoOwner}/${repo}`,
      workflowPath: workflow ? workflow[2] : run.workflowPath,
      // A subject the configuration writes out names its template (include_claim_keys, immutable).
      subject: parts.sub !== undefined ? githubRunFromClaims({ sub: parts.sub, repository: `${repoOwner}/${repo}` }).subject : parts.repository_id !== undefined ? { kind: 'immutable' } : run.subject,
    },
    { ...built, ...extraClaims(constraints, GITHUB_MODELLED), ...(workflow ? { job_workflow_ref: workflowRef } : {}) },
  );
}
