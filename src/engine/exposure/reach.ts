/**
 * Who can mint a witness, read from what the configuration names. A stranger can register any
 * owner or group the configuration does not name (GitHub: a user or organization of their own;
 * GitLab: a top-level group), so a witness outside every named owner is `anyone`. Inside a named
 * owner, a member can create a repository or subgroup (`organization`); inside a named repository
 * or project, anyone who can push a branch, open a pull/merge request or run a job
 * (`repository`); on a protected ref or environment, only those allowed there (`protected`).
 * Sources: docs.github.com/actions/reference/security/oidc (subject formats, `repository_owner`),
 * docs.gitlab.com/ci/secrets/id_token_authentication ("ref_protected", "environment_protected",
 * namespace and project claims), docs.gitlab.com/user/project/repository/branches/protected.
 */
import { samplesOf } from './constraints/samples';
import type { ClaimHint, Constraints } from '../constraints';
import { subjectParts, type Family } from './values';
import type { Claims, ExposureGrade, Reach } from './types';

export const REACH_ORDER: readonly Reach[] = ['protected', 'repository', 'organization', 'anyone'];

export function widest(reaches: Iterable<Reach>): Reach | 'none' {
  let best = -1;
  for (const reach of reaches) best = Math.max(best, REACH_ORDER.indexOf(reach));
  return best < 0 ? 'none' : REACH_ORDER[best];
}

export function narrower(a: Reach, b: Reach): Reach {
  return REACH_ORDER.indexOf(a) <= REACH_ORDER.indexOf(b) ? a : b;
}

export function gradeOfReach(reach: Reach | 'none'): ExposureGrade {
  switch (reach) {
    case 'anyone': return 'open';
    case 'organization': return 'broad';
    case 'repository': return 'narrow';
    default: return 'pinned';
  }
}

/** What the configuration names literally (never through a wildcard). */
export interface NamedScopes {
  owners: Set<string>;
  ownerIds: Set<string>;
  repositories: Set<string>;
  repositoryIds: Set<string>;
  /** GitLab groups (full namespace paths) whose contents a member controls. */
  groups: Set<string>;
  groupIds: Set<string>;
  projects: Set<string>;
  projectIds: Set<string>;
  refs: Set<string>;
  environments: Set<string>;
  /** Claims naming one person (user_login, actor, …) and the values named. */
  people: Map<string, Set<string>>;
}

const PEOPLE_CLAIMS = ['user_login', 'user_email', 'user_id', 'actor', 'actor_id', 'triggering_actor'];
const WILD = /[*?]/;

/** The literal text before the first wildcard of a glob-like value. */
function literalPrefix(value: string, hint: ClaimHint): string {
  if (hint.kind === 'equals') return value;
  if (hint.kind === 'prefix') return value;
  if (hint.kind === 'glob') {
    const cut = value.search(WILD);
    return cut < 0 ? value : value.slice(0, cut);
  }
  return '';
}

/** Values a hint pins exactly (equals, or a glob without a wildcard). */
function exactValues(hint: ClaimHint): string[] {
  if (hint.kind === 'equals') return hint.values;
  if (hint.kind === 'glob') return hint.values.filter((value) => !WILD.test(value));
  return [];
}

function add(set: Set<string>, value: string | undefined) {
  if (value !== undefined && value !== '') set.add(value);
}

/** Full paths whose every segment is literal, from the start of a value up to a `/` boundary. */
function namedGroupsOf(prefix: string): string[] {
  // `mygroup/sub/` names mygroup and mygroup/sub; `mygroup` (no slash after) names nothing a
  // stranger could not also start a group name with.
  const cut = prefix.lastIndexOf('/');
  if (cut <= 0) return [];
  const segments = prefix.slice(0, cut).split('/');
  return segments.map((_, index) => segments.slice(0, index + 1).join('/'));
}

export function namedScopes(constraints: Constraints, family: Family): NamedScopes {
  const scopes: NamedScopes = {
    owners: new Set(), ownerIds: new Set(), repositories: new Set(), repositoryIds: new Set(),
    groups: new Set(), groupIds: new Set(), projects: new Set(), projectIds: new Set(),
    refs: new Set(), environments: new Set(), people: new Map(),
  };
  const hints = [...constraints.hints, ...constraints.paths.flatMap((path) => path.hints)].filter((hint) => !hint.negated && !hint.ignoreCase);
  for (const hint of hints) {
    for (const exact of exactValues(hint)) {
      switch (hint.claim) {
        case 'repository_owner': add(scopes.owners, exact); break;
        case 'repository_owner_id': add(scopes.ownerIds, exact); break;
        case 'repository': add(scopes.repositories, exact); add(scopes.owners, exact.split('/')[0]); break;
        case 'repository_id': add(scopes.repositoryIds, exact); break;
        case 'namespace_path': add(scopes.groups, exact); for (const group of namedGroupsOf(`${exact}/`)) add(scopes.groups, group); break;
        case 'namespace_id': add(scopes.groupIds, exact); break;
        case 'project_path': add(scopes.projects, exact); for (const group of namedGroupsOf(exact)) add(scopes.groups, group); break;
        case 'project_id': add(scopes.projectIds, exact); break;
        case 'ref': add(scopes.refs, exact); break;
        case 'environment': add(scopes.environments, exact); break;
      }
      if (PEOPLE_CLAIMS.includes(hint.claim)) {
        if (!scopes.people.has(hint.claim)) scopes.people.set(hint.claim, new Set());
        scopes.people.get(hint.claim)!.add(exact);
      }
    }
    // Patterns: the literal part names owners and groups up to the first wildcard.
    for (const value of hint.values) {
      const prefix = literalPrefix(value, hint);
      if (hint.claim === 'repository' && prefix.includes('/')) add(scopes.owners, prefix.split('/')[0]);
      if (hint.claim === 'project_path' || hint.claim === 'namespace_path' || hint.claim === 'ci_config_ref_uri') {
        const path = hint.claim === 'ci_config_ref_uri' ? prefix.replace(/^[^/]+\//, '') : hint.claim === 'namespace_path' && hint.kind === 'equals' ? `${prefix}/` : prefix;
        for (const group of namedGroupsOf(path)) add(scopes.groups, group);
      }
      if (hint.claim === 'sub') subjectScopes(value, hint, family, scopes);
    }
  }
  return scopes;
}

function subjectScopes(value: string, hint: ClaimHint, family: Family, scopes: NamedScopes) {
  const sample = samplesOf({ ...hint, values: [value] }, '\u0001')[0];
  if (sample === undefined) return;
  const parts = subjectParts(sample, family);
  const literal = (text: string | undefined) => (text !== undefined && !text.includes('\u0001') ? text : undefined);
  if (family === 'github') {
    const repository = parts.repository;
    if (repository !== undefined) {
      const [owner, repo] = repository.split('/');
      add(scopes.owners, literal(owner));
      if (literal(owner) !== undefined && literal(repo) !== undefined) add(scopes.repositories, repository);
    }
    add(scopes.ownerIds, literal(parts.repository_owner_id));
    add(scopes.repositoryIds, literal(parts.repository_id));
    add(scopes.refs, literal(parts.ref));
    add(scopes.environments, literal(parts.environment));
    return;
  }
  const path = parts.project_path;
  if (path !== undefined) {
    const cut = path.indexOf('\u0001');
    const prefix = cut < 0 ? path : path.slice(0, cut);
    if (cut < 0) {
      add(scopes.projects, path);
      for (const group of namedGroupsOf(path)) add(scopes.groups, group);
    } else {
      for (const group of namedGroupsOf(prefix)) add(scopes.groups, group);
    }
  }
  add(scopes.projectIds, literal(parts.project_id));
  add(scopes.refs, literal(parts.ref));
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** The reach of one admitted token of the GitHub or GitLab model. */
export function reachOf(claims: Claims, family: Family, scopes: NamedScopes, axis: string): Reach {
  let reach: Reach = family === 'github' ? githubReach(claims, scopes, axis) : gitlabReach(claims, scopes, axis);
  // A token that must carry one named person's login can be minted only by that person.
  for (const [claim, values] of scopes.people) {
    const value = text(claims[claim]);
    if (value !== undefined && values.has(value)) reach = narrower(reach, 'organization');
  }
  return reach;
}

function githubReach(claims: Claims, scopes: NamedScopes, axis: string): Reach {
  const repository = text(claims.repository) ?? '';
  const owner = text(claims.repository_owner) ?? repository.split('/')[0];
  // A re-created repository keeps the name the configuration trusts: its reach is the original's
  // (it takes the original going away first, which no attacker decides).
  const sameIdentity = axis === 'recreated-repository';
  const repositoryNamed = scopes.repositories.has(repository) || scopes.repositoryIds.has(text(claims.repository_id) ?? '\u0000') || (sameIdentity && scopes.repositoryIds.size === 0);
  const ownerNamed = repositoryNamed || scopes.owners.has(owner) || scopes.ownerIds.has(text(claims.repository_owner_id) ?? '\u0000');
  if (!ownerNamed) return 'anyone';
  if (!repositoryNamed) return 'organization';
  const event = text(claims.event_name);
  if (event === 'pull_request' || event === 'pull_request_target' || event === 'merge_group') return 'repository';
  const environment = text(claims.environment);
  if (environment !== undefined) return scopes.environments.has(environment) ? 'protected' : 'repository';
  const ref = text(claims.ref) ?? '';
  return scopes.refs.has(ref) || [...scopes.refs].some((named) => `refs/heads/${named}` === ref) ? 'protected' : 'repository';
}

function gitlabReach(claims: Claims, scopes: NamedScopes, _axis: string): Reach {
  const path = text(claims.project_path) ?? '';
  const namespace = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  const inNamedGroup =
    [...scopes.groups].some((group) => path.startsWith(`${group}/`)) ||
    scopes.groupIds.has(text(claims.namespace_id) ?? '\u0000') ||
    scopes.groups.has(namespace);
  const projectNamed = scopes.projects.has(path) || scopes.projectIds.has(text(claims.project_id) ?? '\u0000');
  if (!inNamedGroup && !projectNamed) return 'anyone';
  if (!projectNamed) return 'organization';
  if (claims.pipeline_source === 'merge_request_event') return 'repository';
  if (claims.environment !== undefined) return claims.environment_protected === 'true' ? 'protected' : 'repository';
  return claims.ref_protected === 'true' ? 'protected' : 'repository';
}
