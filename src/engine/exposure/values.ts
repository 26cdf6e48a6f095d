/**
 * Candidate values per claim, read from the configuration's hints: direct conditions on the claim
 * and the parts of `sub` patterns (GitLab `project_path:…:ref_type:…:ref:…`, GitHub
 * `repo:…:ref:…` / `:environment:…` / `:pull_request`).
 */
import type { ClaimHint, Constraints } from '../constraints';
import { samplesOf } from './constraints/samples';

export type Family = 'gitlab' | 'github';

const GITLAB_KEYS = new Set(['project_path', 'project_id', 'ref_type', 'ref', 'ref_protected', 'environment_protected', 'deployment_tier']);

/** The claim values a `sub` names, by family; partial when the sub is partial. */
export function subjectParts(sub: string, family: Family): Record<string, string> {
  const parts = sub.split(':');
  const out: Record<string, string> = {};
  if (family === 'gitlab') {
    for (let index = 0; index + 1 < parts.length; index += 2) {
      if (!GITLAB_KEYS.has(parts[index])) break;
      out[parts[index]] = parts[index + 1];
    }
    return out;
  }
  for (let index = 0; index < parts.length; ) {
    const key = parts[index];
    if (key === 'pull_request') {
      out.event_name = 'pull_request';
      index += 1;
      continue;
    }
    if (index + 1 >= parts.length) break;
    const value = parts[index + 1].split('%3A').join(':');
    if (key === 'repo') {
      const immutable = /^([^@/]+)@(\d+)\/([^@/]+)@(\d+)$/.exec(value);
      if (immutable) {
        out.repository = `${immutable[1]}/${immutable[3]}`;
        out.repository_owner_id = immutable[2];
        out.repository_id = immutable[4];
      } else {
        out.repository = value;
      }
    } else {
      out[key] = value;
    }
    index += 2;
  }
  return out;
}

const VALUES = new WeakMap<Constraints, Map<string, string[]>>();

/** Values for `claim` that the configuration's positive hints suggest, with `fill` for the free parts. */
export function valuesFor(constraints: Constraints, family: Family, claim: string, fills: readonly string[]): string[] {
  // Asked many times per analysis with the same arguments; the hints do not change.
  let memo = VALUES.get(constraints);
  if (!memo) VALUES.set(constraints, (memo = new Map()));
  const key = JSON.stringify([family, claim, fills]);
  const known = memo.get(key);
  if (known) return known;
  const values = computeValues(constraints, family, claim, fills);
  memo.set(key, values);
  return values;
}

function computeValues(constraints: Constraints, family: Family, claim: string, fills: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const hint of constraints.hints) {
    if (hint.negated) continue;
    for (const fill of fills) {
      if (hint.claim === claim) for (const value of samplesOf(hint, fill)) seen.add(value);
      if (hint.claim === 'sub') {
        for (const sub of samplesOf(hint, fill)) {
          const value = subjectParts(sub, family)[claim];
          if (value !== undefined) seen.add(value);
        }
      }
    }
  }
  // Enough to find a gap the patterns leave; a policy with hundreds of values need not try them all.
  return [...seen].slice(0, MAX_VALUES);
}

const MAX_VALUES = 8;

const PLACEHOLDER = '\u0001';
/** What an intended token's free parts are called, per claim. */
const INTENDED_FILL: Record<string, string> = { project_path: 'my-project', repository: 'octo-repo', ref: 'main', environment: 'production', ref_type: 'branch' };

/**
 * Whole `sub` samples, decomposed, for building an intended token. Each `*` is tried empty first (so
 * `main*` gives `main`), then filled as its claim suggests, and as a new path segment (so `mygroup*`
 * gives `mygroup/my-project`); the caller keeps the ones the issuer could mint.
 */
export function subjectSamples(constraints: Constraints, family: Family): Array<Record<string, string>> {
  const out: Array<Record<string, string>> = [];
  const seen = new Set<string>();
  for (const hint of constraints.hints) {
    if (hint.negated || hint.claim !== 'sub') continue;
    for (const sub of samplesOf(hint, PLACEHOLDER)) {
      const parts = subjectParts(sub, family);
      for (const variant of [() => '', (claim: string) => INTENDED_FILL[claim] ?? 'main', (claim: string) => `/${INTENDED_FILL[claim] ?? 'main'}`]) {
        const filled: Record<string, string> = Object.fromEntries(Object.entries(parts).map(([claim, value]) => [claim, value.split(PLACEHOLDER).join(variant(claim))]));
        // The whole subject too: its shape tells which subject template the issuer used.
        if (family === 'github' && !sub.includes(PLACEHOLDER)) filled.sub = sub;
        // A pattern that starts with a wildcard (`*group-4/*`) lets the wildcard hold the
        // `project_path:` key and a group of one's own: the sub of a stranger's project.
        if (family === 'gitlab' && sub.startsWith(PLACEHOLDER) && !filled.project_path) {
          const stranger = subjectParts(`project_path:evil${sub.slice(PLACEHOLDER.length).split(PLACEHOLDER).join('my-project:ref_type:branch:ref:main')}`, family);
          if (stranger.project_path) Object.assign(filled, stranger);
        }
        const key = JSON.stringify(filled);
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(filled);
      }
    }
  }
  return out;
}
