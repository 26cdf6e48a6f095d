/**
 * `sub` explained: which documented format a subject follows, its labelled parts, and where it
 * disagrees with the token's other claims. Formats: GitLab id_token_authentication.md and
 * jwt_v2.rb (sub components), GitHub reference/security/oidc.md (default, `%3A`, immutable and
 * `include_claim_keys` subjects), and the CircleCI, Buildkite, Bitbucket and HCP Terraform docs
 * named in catalogue.ts `SOURCES`.
 */
import { ISSUER_NOTES, SOURCES } from './catalogue';
import { GITLAB_LEGACY_SUB, issuerFamily, KUBERNETES_SUB, type IssuerFamily } from './issuer';

export interface SubjectSegment {
  /** The claim this part mirrors where there is one (`project_path`, `ref`, `repository_id`, …). */
  key: string;
  label: string;
  /** The value with the issuer's escaping undone. */
  value: string;
  /** The text exactly as it appears in `sub`, when it differs from `value`. */
  raw?: string;
}

export interface SubjectExplanation {
  family: IssuerFamily;
  format: string;
  description: string;
  segments: SubjectSegment[];
  notes: string[];
}

type Claims = Record<string, unknown>;

interface Pair {
  key: string;
  /** Absent for bare tokens (GitHub's `pull_request` context). */
  raw?: string;
}

/** Splits `k1:v1:k2:v2…`; `bare` names tokens that stand alone. Null when a key has no value. */
function splitPairs(sub: string, bare: readonly string[] = []): Pair[] | null {
  const tokens = sub.split(':');
  const pairs: Pair[] = [];
  for (let index = 0; index < tokens.length; ) {
    const key = tokens[index];
    if (key === '') return null;
    if (bare.includes(key)) {
      pairs.push({ key });
      index += 1;
      continue;
    }
    if (index + 1 >= tokens.length) return null;
    pairs.push({ key, raw: tokens[index + 1] });
    index += 2;
  }
  return pairs;
}

function claimText(claims: Claims, name: string): string | undefined {
  const value = claims[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function disagreement(segment: SubjectSegment, claims: Claims, claimName = segment.key): string | undefined {
  const actual = claimText(claims, claimName);
  if (actual === undefined || actual === segment.value) return undefined;
  return `The sub says ${segment.label} "${segment.value}" but the \`${claimName}\` claim is "${actual}".`;
}

// ---------------------------------------------------------------------------------------------
// GitLab

const GITLAB_COMPONENTS: Readonly<Record<string, string>> = {
  project_path: 'project path',
  project_id: 'project ID',
  ref_type: 'ref type',
  ref: 'ref',
  // Reported by third parties as newer sub components (not confirmed upstream); recognised so such subjects still read well.
  ref_protected: 'ref protected',
  environment_protected: 'environment protected',
  deployment_tier: 'deployment tier',
};

function explainGitLabLegacy(sub: string, claims: Claims, family: IssuerFamily): SubjectExplanation {
  const segment: SubjectSegment = { key: 'job_id', label: 'job ID', value: sub.slice('job_'.length), raw: sub };
  const notes = [
    'Legacy CI_JOB_JWT (v1) subject `job_<job id>`: it changes with every job, so it cannot identify a project or branch. CI_JOB_JWT was deprecated in GitLab 15.9 and removed in 17.0; use `id_tokens`.',
  ];
  const mismatch = disagreement(segment, claims);
  if (mismatch) notes.push(mismatch);
  return {
    family,
    format: 'gitlab-legacy-job',
    description: 'GitLab legacy CI_JOB_JWT (v1): `job_` followed by the job ID.',
    segments: [segment],
    notes,
  };
}

function explainGitLab(sub: string, claims: Claims, family: IssuerFamily): SubjectExplanation | undefined {
  const pairs = splitPairs(sub);
  if (!pairs || pairs.length === 0) return undefined;
  if (!pairs.every((pair) => pair.key in GITLAB_COMPONENTS)) return undefined;
  const keys = pairs.map((pair) => pair.key);
  if (keys[0] !== 'project_path' && keys[0] !== 'project_id') return undefined;
  if (new Set(keys).size !== keys.length) return undefined;

  const segments: SubjectSegment[] = pairs.map((pair) => ({ key: pair.key, label: GITLAB_COMPONENTS[pair.key], value: pair.raw ?? '' }));
  const notes: string[] = [];
  let format: string;
  let description: string;
  if (keys.join(',') === 'project_path,ref_type,ref') {
    format = 'gitlab-default';
    description = 'GitLab default subject: `project_path:{group}/{project}:ref_type:{branch|tag}:ref:{name}`. The environment and the pipeline source are not part of it.';
  } else if (keys[0] === 'project_id') {
    format = 'gitlab-project-id';
    description = 'GitLab subject led by the project ID (`ci_id_token_sub_claim_components` starting with `project_id`): survives renames and transfers of the project.';
  } else {
    format = 'gitlab-custom';
    description = `GitLab subject built from the project's \`ci_id_token_sub_claim_components\`: ${keys.join(', ')}.`;
  }

  const refType = segments.find((segment) => segment.key === 'ref_type');
  if (refType && refType.value !== 'branch' && refType.value !== 'tag') {
    notes.push(`GitLab's ref type is \`branch\` or \`tag\`; this sub has "${refType.value}".`);
  }
  for (const segment of segments) {
    const mismatch = disagreement(segment, claims);
    if (mismatch) notes.push(mismatch);
  }
  if (claims.pipeline_source === 'merge_request_event') {
    notes.push(
      'Merge request pipeline: the sub carries no marker for it; `ref` is the source branch, and for merge requests from forks `project_path` is the fork (compare `job_project_path`).',
    );
  }
  return { family, format, description, segments, notes };
}

// ---------------------------------------------------------------------------------------------
// GitHub Actions

/** GitHub replaces `:` inside subject values with `%3A` (reference/security/oidc.md). */
export function escapeGitHubSubjectValue(value: string): string {
  return value.split(':').join('%3A');
}

function unescapeGitHub(raw: string, claim: string | undefined): string {
  // `%3A` may also be literal text in a value; the claim itself settles which one it was.
  if (claim !== undefined && escapeGitHubSubjectValue(claim) === raw) return claim;
  return raw.split('%3A').join(':');
}

const GITHUB_LABELS: Readonly<Record<string, string>> = {
  repository: 'repository',
  repository_owner: 'owner',
  repository_owner_id: 'owner ID',
  repository_id: 'repository ID',
  environment: 'environment',
  event_name: 'event',
  ref: 'ref',
  job_workflow_ref: 'job workflow ref',
  repository_visibility: 'visibility',
};

const IMMUTABLE_REPO = /^([^@/]+)@(\d+)\/([^@/]+)@(\d+)$/;
const PLAIN_REPO = /^([^@/]+)\/([^@/]+)$/;

function repoSegments(raw: string, notes: string[]): { segments: SubjectSegment[]; immutable: boolean } {
  const immutable = IMMUTABLE_REPO.exec(raw);
  if (immutable) {
    const [, owner, ownerId, repo, repoId] = immutable;
    return {
      immutable: true,
      segments: [
        { key: 'repository', label: 'repository', value: `${owner}/${repo}`, raw },
        { key: 'repository_owner_id', label: 'owner ID', value: ownerId },
        { key: 'repository_id', label: 'repository ID', value: repoId },
      ],
    };
  }
  if (!PLAIN_REPO.test(raw)) notes.push(`The repo part "${raw}" is neither \`OWNER/REPO\` nor the immutable \`OWNER@OWNER_ID/REPO@REPO_ID\`.`);
  return { immutable: false, segments: [{ key: 'repository', label: 'repository', value: raw }] };
}

function explainGitHub(sub: string, claims: Claims, family: IssuerFamily): SubjectExplanation | undefined {
  const pairs = splitPairs(sub, ['pull_request']);
  if (!pairs || pairs.length === 0) return undefined;

  const notes: string[] = [];
  const segments: SubjectSegment[] = [];
  let immutable = false;
  for (const pair of pairs) {
    if (pair.raw === undefined) {
      segments.push({ key: 'event_name', label: 'event', value: pair.key });
      continue;
    }
    if (pair.key === 'repo') {
      const repo = repoSegments(pair.raw, notes);
      immutable ||= repo.immutable;
      segments.push(...repo.segments);
      continue;
    }
    const value = unescapeGitHub(pair.raw, claimText(claims, pair.key));
    const segment: SubjectSegment = { key: pair.key, label: GITHUB_LABELS[pair.key] ?? pair.key, value };
    if (value !== pair.raw) segment.raw = pair.raw;
    segments.push(segment);
  }

  const contextKeys = pairs.slice(1).map((pair) => pair.key);
  const isDefaultShape =
    pairs[0].key === 'repo' &&
    pairs.length === 2 &&
    (contextKeys[0] === 'environment' || contextKeys[0] === 'pull_request' || contextKeys[0] === 'ref');

  let format: string;
  let description: string;
  const context = isDefaultShape ? segments[segments.length - 1] : undefined;
  const contextText = !context
    ? ''
    : context.key === 'environment'
      ? 'the environment the job references'
      : context.key === 'event_name'
        ? 'the pull_request event'
        : 'the ref';
  if (isDefaultShape && immutable) {
    format = 'github-immutable';
    description = `GitHub immutable subject: \`repo:OWNER@OWNER_ID/REPO@REPO_ID:\` then ${contextText}. Used by repositories created, renamed or transferred after 2026-07-15, or opted in (not on GitHub Enterprise Server).`;
  } else if (isDefaultShape && context?.key === 'environment') {
    format = 'github-environment';
    description = 'GitHub subject for a job that references an environment: `repo:ORG/REPO:environment:NAME` (takes precedence over pull_request and ref).';
  } else if (isDefaultShape && context?.key === 'event_name') {
    format = 'github-pull-request';
    description = 'GitHub subject for a `pull_request` run without an environment: `repo:ORG/REPO:pull_request` (names no branch).';
  } else if (isDefaultShape && context?.value.startsWith('refs/heads/')) {
    format = 'github-branch';
    description = 'GitHub subject for a branch run without an environment: `repo:ORG/REPO:ref:refs/heads/BRANCH`.';
  } else if (isDefaultShape && context?.value.startsWith('refs/tags/')) {
    format = 'github-tag';
    description = 'GitHub subject for a tag run without an environment: `repo:ORG/REPO:ref:refs/tags/TAG`.';
  } else if (isDefaultShape) {
    format = 'github-ref';
    description = 'GitHub subject `repo:ORG/REPO:ref:REF` for a ref that is neither a branch nor a tag.';
  } else {
    format = 'github-custom';
    description = `GitHub custom subject (an \`include_claim_keys\` template replaces the whole format): ${pairs.map((pair) => pair.key).join(', ')}.`;
  }

  if (immutable) {
    notes.push('Immutable subject: the owner and repository IDs are part of the sub, so conditions written for `repo:ORG/REPO:…` no longer match it.');
  }
  if (format === 'github-custom' && pairs.some((pair) => pair.key === 'repo')) {
    notes.push('In custom subjects `repo` stands for the `repository` claim and `context` expands to the default format\'s `environment:…`, `pull_request` or `ref:…` part.');
  }
  if (segments.some((segment) => segment.raw !== undefined && segment.raw.includes('%3A'))) {
    notes.push('`%3A` in the sub stands for `:` inside a value: GitHub escapes colons so the parts stay separable.');
  }

  for (const segment of segments) {
    if (segment.key === 'event_name') {
      const event = claimText(claims, 'event_name');
      if (event !== undefined && !event.startsWith('pull_request')) {
        notes.push(`The sub says pull_request but the \`event_name\` claim is "${event}".`);
      }
      continue;
    }
    const mismatch = disagreement(segment, claims);
    if (mismatch) notes.push(mismatch);
  }

  // Precedence check (environment > pull_request > ref) only means something for the default shape.
  const environment = claimText(claims, 'environment');
  if (isDefaultShape && context && context.key !== 'environment' && environment) {
    notes.push(
      `The job references environment "${environment}", so GitHub's default sub would end in \`:environment:${escapeGitHubSubjectValue(environment)}\` (environment takes precedence); this sub comes from a custom template or edited claims.`,
    );
  } else if (isDefaultShape && context?.key === 'ref' && claims.event_name === 'pull_request') {
    notes.push("The `event_name` is pull_request, so GitHub's default sub would end in `:pull_request` rather than the ref.");
  }
  return { family, format, description, segments, notes };
}

// ---------------------------------------------------------------------------------------------
// Other CI systems (sources in catalogue.ts SOURCES)

const CIRCLECI_SUB = /^org\/([^/]+)\/project\/([^/]+)\/user\/([^/]+)(?:\/vcs-origin\/(.+)\/vcs-ref\/(.+))?$/;

function explainCircleCi(sub: string, family: IssuerFamily): SubjectExplanation | undefined {
  const match = CIRCLECI_SUB.exec(sub);
  if (!match) return undefined;
  const [, org, project, user, origin, ref] = match;
  const segments: SubjectSegment[] = [
    { key: 'org', label: 'organization ID', value: org },
    { key: 'oidc.circleci.com/project-id', label: 'project ID', value: project },
    { key: 'user', label: 'user ID', value: user },
  ];
  if (origin !== undefined) {
    segments.push({ key: 'oidc.circleci.com/vcs-origin', label: 'VCS origin', value: origin });
    segments.push({ key: 'oidc.circleci.com/vcs-ref', label: 'VCS ref', value: ref });
  }
  return {
    family,
    format: origin !== undefined ? 'circleci-v2' : 'circleci',
    description:
      origin !== undefined
        ? 'CircleCI `$CIRCLE_OIDC_TOKEN_V2` subject: organization, project, user, VCS origin and ref.'
        : 'CircleCI subject: `org/<org id>/project/<project id>/user/<user id>`.',
    segments,
    notes: [],
  };
}

function explainKeyed(
  sub: string,
  family: IssuerFamily,
  format: string,
  labels: Readonly<Record<string, string>>,
  description: string,
): SubjectExplanation | undefined {
  const pairs = splitPairs(sub);
  if (!pairs || pairs.length === 0 || !pairs.every((pair) => pair.key in labels)) return undefined;
  return {
    family,
    format,
    description,
    segments: pairs.map((pair) => ({ key: pair.key, label: labels[pair.key], value: pair.raw ?? '' })),
    notes: [],
  };
}

function explainBuildkite(sub: string, family: IssuerFamily): SubjectExplanation | undefined {
  const explanation = explainKeyed(
    sub,
    family,
    'buildkite',
    { organization: 'organization', pipeline: 'pipeline', ref: 'ref', commit: 'commit', step: 'step' },
    'Buildkite subject: `organization:<org>:pipeline:<pipeline>:ref:<ref>:commit:<sha>:step:<step>`.',
  );
  explanation?.notes.push('Every Buildkite organization shares the issuer `https://agent.buildkite.com`: pin the organization too.');
  return explanation;
}

function explainTerraform(sub: string, family: IssuerFamily): SubjectExplanation | undefined {
  const explanation = explainKeyed(
    sub,
    family,
    'terraform',
    { organization: 'organization', project: 'project', workspace: 'workspace', run_phase: 'run phase' },
    'HCP Terraform subject: `organization:<org>:project:<project>:workspace:<workspace>:run_phase:<plan|apply>`.',
  );
  if (explanation && !explanation.segments.some((segment) => segment.key === 'project')) {
    explanation.notes.push('No `project:` part: the older format from before HCP Terraform projects.');
  }
  explanation?.notes.push(...(ISSUER_NOTES.terraform ?? []).map((note) => note.text));
  return explanation;
}

/**
 * Bitbucket Pipelines: `{repositoryUuid}:{stepUuid}`, with the deployment environment's UUID in the
 * middle for deployment steps (the example payload on Repository settings → Pipelines → OpenID
 * Connect; https://support.atlassian.com/bitbucket-cloud/docs/deploy-on-aws-using-bitbucket-pipelines-openid-connect/).
 */
const BITBUCKET_SUB = /^(\{[^{}:]+\}):(?:(\{[^{}:]+\}):)?(\{[^{}:]+\})$/;

function explainBitbucket(sub: string, claims: Claims, family: IssuerFamily): SubjectExplanation | undefined {
  const match = BITBUCKET_SUB.exec(sub);
  if (!match) return undefined;
  const [, repository, environment, step] = match;
  const segments: SubjectSegment[] = [{ key: 'repositoryUuid', label: 'repository UUID', value: repository }];
  if (environment !== undefined) segments.push({ key: 'deploymentEnvironmentUuid', label: 'deployment environment UUID', value: environment });
  segments.push({ key: 'stepUuid', label: 'step UUID', value: step });
  const notes = ['The step UUID changes on every run: match the sub with `{repositoryUuid}:*` (or with the environment UUID) rather than exactly.'];
  for (const segment of segments) {
    const mismatch = disagreement(segment, claims);
    if (mismatch) notes.push(mismatch);
  }
  if (environment === undefined && typeof claims.deploymentEnvironmentUuid === 'string') {
    notes.push('The token names a deployment environment, but this sub has no environment part; Bitbucket puts it between the repository and the step.');
  }
  return {
    family,
    format: environment !== undefined ? 'bitbucket-deployment' : 'bitbucket',
    description:
      environment !== undefined
        ? 'Bitbucket Pipelines subject of a deployment step: `{repositoryUuid}:{deploymentEnvironmentUuid}:{stepUuid}`.'
        : 'Bitbucket Pipelines subject: `{repositoryUuid}:{stepUuid}`.',
    segments,
    notes,
  };
}

/** `system:serviceaccount:<namespace>:<name>` (https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/). */
function explainKubernetes(sub: string, claims: Claims, family: IssuerFamily): SubjectExplanation | undefined {
  if (!KUBERNETES_SUB.test(sub)) return undefined;
  const [, , namespace, name] = sub.split(':');
  const segments: SubjectSegment[] = [
    { key: 'kubernetes.io.namespace', label: 'namespace', value: namespace },
    { key: 'kubernetes.io.serviceaccount.name', label: 'service account', value: name },
  ];
  const notes: string[] = [];
  const bound = claims['kubernetes.io'];
  if (bound !== null && typeof bound === 'object' && !Array.isArray(bound)) {
    const info = bound as Record<string, unknown>;
    if (typeof info.namespace === 'string' && info.namespace !== namespace) {
      notes.push(`The sub says namespace "${namespace}" but \`kubernetes.io.namespace\` is "${info.namespace}".`);
    }
    const account = info.serviceaccount as Record<string, unknown> | undefined;
    if (account && typeof account.name === 'string' && account.name !== name) {
      notes.push(`The sub says service account "${name}" but \`kubernetes.io.serviceaccount.name\` is "${account.name}".`);
    }
  }
  notes.push(...kubernetesNotes(claims.iss));
  return {
    family,
    format: 'kubernetes-service-account',
    description: 'Kubernetes service-account subject: `system:serviceaccount:<namespace>:<service account>`. Every pod running as that service account in that namespace gets it.',
    segments,
    notes,
  };
}

/** The notes for the cluster's own cloud; all of them for a cluster trustlens cannot place. */
function kubernetesNotes(iss: unknown): string[] {
  const notes = ISSUER_NOTES.kubernetes ?? [];
  const issuer = typeof iss === 'string' ? iss : '';
  let sources: string[] | undefined;
  if (/^https:\/\/oidc\.eks\./.test(issuer)) sources = [SOURCES.eksIrsa, SOURCES.eksPodIdentity];
  else if (/\.oic\.prod-aks\.azure\.com\//.test(issuer)) sources = [SOURCES.aksWorkloadIdentity];
  else if (/^https:\/\/container\.googleapis\.com\//.test(issuer)) sources = [SOURCES.gkeWorkloadIdentity];
  return notes.filter((note) => !sources || sources.includes(note.source)).map((note) => note.text);
}

/** `sc://<organization>/<project>/<service connection>` (https://learn.microsoft.com/en-us/azure/devops/pipelines/release/configure-workload-identity). */
const AZURE_DEVOPS_SUB = /^sc:\/\/([^/]+)\/([^/]+)\/(.+)$/;

function explainAzureDevOps(sub: string, family: IssuerFamily): SubjectExplanation | undefined {
  const match = AZURE_DEVOPS_SUB.exec(sub);
  if (!match) return undefined;
  const [, organization, project, connection] = match;
  return {
    family,
    format: 'azure-devops-service-connection',
    description: 'Azure DevOps service connection subject: `sc://<organization>/<project>/<service connection name>`.',
    segments: [
      { key: 'organization', label: 'organization', value: organization },
      { key: 'project', label: 'project', value: project },
      { key: 'service_connection', label: 'service connection', value: connection },
    ],
    notes: (ISSUER_NOTES['azure-devops'] ?? []).map((note) => note.text),
  };
}

function explainGoogle(sub: string, claims: Claims, family: IssuerFamily): SubjectExplanation {
  const notes = (ISSUER_NOTES.google ?? []).map((note) => note.text);
  if (typeof claims.azp === 'string' && claims.azp !== sub) notes.push(`\`azp\` ("${claims.azp}") differs from sub: on AWS \`accounts.google.com:aud\` holds azp.`);
  return {
    family,
    format: /^\d+$/.test(sub) ? 'google-service-account' : 'unknown',
    description: 'Google ID token subject: the unique numeric ID of the service account (not its email).',
    segments: [{ key: 'sub', label: 'service account unique ID', value: sub }],
    notes,
  };
}

// ---------------------------------------------------------------------------------------------

function unknownSubject(family: IssuerFamily, sub: string, why: string): SubjectExplanation {
  return { family, format: 'unknown', description: why, segments: [{ key: 'sub', label: 'subject', value: sub }], notes: [] };
}

export function explainSubject(claims: Record<string, unknown>): SubjectExplanation | null {
  if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) return null;
  const sub = claims.sub;
  if (typeof sub !== 'string') return null;
  const family = issuerFamily(claims);

  const gitlabLike = family === 'gitlab' || family === 'gitlab-legacy' || family === 'unknown';
  if (gitlabLike && GITLAB_LEGACY_SUB.test(sub)) return explainGitLabLegacy(sub, claims, family === 'unknown' ? 'gitlab-legacy' : family);
  if (gitlabLike) {
    const explained = explainGitLab(sub, claims, family === 'unknown' ? 'gitlab' : family);
    if (explained) return explained;
  }
  if (family === 'github' || (family === 'unknown' && sub.startsWith('repo:'))) {
    const explained = explainGitHub(sub, claims, 'github');
    if (explained) return explained;
  }
  if (family === 'circleci') return explainCircleCi(sub, family) ?? unknownSubject(family, sub, 'Not one of the documented CircleCI subject formats.');
  if (family === 'buildkite') return explainBuildkite(sub, family) ?? unknownSubject(family, sub, 'Not the documented Buildkite subject format.');
  if (family === 'terraform') return explainTerraform(sub, family) ?? unknownSubject(family, sub, 'Not the documented HCP Terraform subject format.');
  if (family === 'bitbucket') {
    const explained = explainBitbucket(sub, claims, family);
    if (explained) return explained;
    const explanation = unknownSubject(family, sub, 'Bitbucket Pipelines subject: it contains the step UUID.');
    explanation.notes.push('The step UUID changes on every run: bind `repositoryUuid` or `workspaceUuid` instead of the sub.');
    return explanation;
  }
  if (family === 'kubernetes') return explainKubernetes(sub, claims, family) ?? unknownSubject(family, sub, 'Not the Kubernetes service-account subject format.');
  if (family === 'azure-devops') return explainAzureDevOps(sub, family) ?? unknownSubject(family, sub, 'Not the `sc://` subject of an Azure DevOps service connection (connections on the Microsoft Entra issuer carry an opaque subject shown in the connection).');
  if (family === 'google') return explainGoogle(sub, claims, family);
  return unknownSubject(family, sub, family === 'unknown' ? 'A subject from an unrecognised issuer.' : 'Not one of the documented subject formats of this issuer.');
}
