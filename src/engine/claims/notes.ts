/**
 * Per-claim remarks for the claims table: JSON type surprises (GitLab's string booleans, its one
 * numeric ID, GitHub's string IDs), values whose type differs from what the issuer sends, missing
 * registered claims, the legacy GitLab token shape and non-default audiences.
 */
import { claimInfo, jsonTypeOf, valueMatchesType } from './catalogue';
import { ISSUER_FAMILY_LABELS, issuerFamily, type IssuerFamily } from './issuer';

export interface ClaimNote {
  claim: string;
  severity: 'info' | 'warning';
  message: string;
}

type Claims = Record<string, unknown>;

const GITLAB_STRING_BOOLEANS = ['ref_protected', 'environment_protected'];
const GITLAB_STRING_IDS = ['namespace_id', 'project_id', 'user_id', 'pipeline_id', 'job_id', 'job_project_id', 'job_namespace_id'];
const GITHUB_STRING_NUMBERS = ['actor_id', 'repository_id', 'repository_owner_id', 'run_id', 'run_number', 'run_attempt', 'enterprise_id', 'check_run_id'];
const GITLAB_ENVIRONMENT_CLAIMS = ['environment_protected', 'deployment_tier', 'environment_action'];

function has(claims: Claims, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(claims, name);
}

function describe(value: unknown): string {
  const type = jsonTypeOf(value);
  if (type === 'string' || type === 'number' || type === 'boolean' || type === 'null') return `the JSON ${type} ${JSON.stringify(value)}`;
  return `a JSON ${type}`;
}

function withArticle(type: string): string {
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

function missingRegisteredClaims(claims: Claims, family: IssuerFamily, notes: ClaimNote[]): void {
  const required: Array<[string, string]> = [
    ['iss', 'every CI issuer sets it, and services use it to find the keys that verify the token'],
    ['sub', 'every CI issuer sets it, and most trust configurations test it'],
    ['aud', 'GitLab id_tokens and GitHub Actions always set it, and services that check the audience reject a token without one'],
    ['exp', 'every CI issuer sets an expiry (a crafted token?)'],
  ];
  for (const [name, why] of required) {
    if (has(claims, name)) continue;
    if (name === 'aud' && family === 'gitlab-legacy') {
      notes.push({ claim: 'aud', severity: 'info', message: 'No `aud`: expected for the legacy CI_JOB_JWT (v1); CI_JOB_JWT_V2 and id_tokens carry one.' });
      continue;
    }
    notes.push({ claim: name, severity: 'warning', message: `Missing \`${name}\`: ${why}.` });
  }
}

function typeSurprises(claims: Claims, family: IssuerFamily, notes: ClaimNote[]): void {
  const issuer = ISSUER_FAMILY_LABELS[family];
  for (const [name, value] of Object.entries(claims)) {
    const info = claimInfo(family, name);
    const gitlab = family === 'gitlab' || family === 'gitlab-legacy';

    if (gitlab && GITLAB_STRING_BOOLEANS.includes(name)) {
      if (typeof value === 'boolean') {
        notes.push({
          claim: name,
          severity: 'warning',
          message: `\`${name}\` is the boolean ${value}; GitLab sends the string "${value}". A crafted token? Conditions written against GitLab's real tokens compare strings.`,
        });
      } else if (value === 'true' || value === 'false') {
        notes.push({ claim: name, severity: 'info', message: `\`${name}\` is the string "${value}", not a JSON boolean.` });
      } else {
        notes.push({ claim: name, severity: 'warning', message: `\`${name}\` is ${describe(value)}; GitLab sends only the strings "true" or "false".` });
      }
      continue;
    }
    if (gitlab && name === 'runner_id') {
      if (typeof value === 'number') {
        notes.push({ claim: name, severity: 'info', message: '`runner_id` is a JSON number, unlike every other GitLab ID (those are strings).' });
      } else {
        notes.push({ claim: name, severity: 'warning', message: `\`runner_id\` is ${describe(value)}; GitLab sends a JSON number.` });
      }
      continue;
    }
    if (info && !valueMatchesType(info.type, value)) {
      const expectation = info.family === 'registered' ? `RFC 7519 defines it as ${withArticle(info.type)}` : `${issuer} sends ${withArticle(info.type)}`;
      notes.push({ claim: name, severity: 'warning', message: `\`${name}\` is ${describe(value)}; ${expectation}.` });
      continue;
    }
    if (gitlab && GITLAB_STRING_IDS.includes(name) && typeof value === 'string') {
      notes.push({ claim: name, severity: 'info', message: `\`${name}\` is a string ("${value}"), not a number.` });
    }
    if (family === 'github' && GITHUB_STRING_NUMBERS.includes(name) && typeof value === 'string') {
      notes.push({ claim: name, severity: 'info', message: `\`${name}\` is a string ("${value}"): GitHub sends every custom claim as a string, IDs and counters included.` });
    }
  }
}

function gitlabOddities(claims: Claims, family: IssuerFamily, notes: ClaimNote[]): void {
  if (family === 'gitlab-legacy') {
    notes.push({
      claim: 'sub',
      severity: 'warning',
      message: 'Legacy CI_JOB_JWT (v1) shape (bare-host `iss`, `sub` `job_<id>`): deprecated in GitLab 15.9 and removed in 17.0. Use `id_tokens`.',
    });
  }
  if (family === 'gitlab' && typeof claims.sub === 'string' && /^job_\d+$/.test(claims.sub)) {
    notes.push({ claim: 'sub', severity: 'warning', message: '`sub` has the legacy `job_<id>` form but `iss` is a URL: no GitLab token generation combines the two.' });
  }
  if (family === 'gitlab' && typeof claims.iss === 'string' && claims.iss.endsWith('/')) {
    notes.push({ claim: 'iss', severity: 'info', message: 'GitLab issuers carry no trailing slash; this one ends in "/".' });
  }
  if (!has(claims, 'environment')) {
    for (const name of GITLAB_ENVIRONMENT_CLAIMS) {
      if (has(claims, name)) {
        notes.push({ claim: name, severity: 'warning', message: `\`${name}\` without \`environment\`: GitLab sends the environment claims together, only for jobs with an environment.` });
      }
    }
  }
  const ref = claims.ref;
  const refType = claims.ref_type;
  const refPath = claims.ref_path;
  if (typeof ref === 'string' && (refType === 'branch' || refType === 'tag') && typeof refPath === 'string') {
    const expected = `${refType === 'tag' ? 'refs/tags/' : 'refs/heads/'}${ref}`;
    if (refPath !== expected) {
      notes.push({ claim: 'ref_path', severity: 'warning', message: `\`ref_path\` is "${refPath}" but \`ref\` and \`ref_type\` make "${expected}".` });
    }
  }
  if (typeof claims.aud === 'string' && typeof claims.iss === 'string' && family === 'gitlab' && claims.aud !== claims.iss) {
    notes.push({ claim: 'aud', severity: 'info', message: `\`aud\` is "${claims.aud}", set by the job's \`id_tokens:…:aud\`; GitLab's default is the instance URL "${claims.iss}".` });
  }
}

function githubOddities(claims: Claims, notes: ClaimNote[]): void {
  const owner = claims.repository_owner;
  if (typeof owner === 'string' && typeof claims.aud === 'string') {
    const defaultAudience = `https://github.com/${owner}`;
    if (claims.aud !== defaultAudience) {
      notes.push({
        claim: 'aud',
        severity: 'info',
        message: `\`aud\` is "${claims.aud}", requested by the job (e.g. \`core.getIDToken(audience)\` or a login action); GitHub's default is "${defaultAudience}".`,
      });
    }
  }
  if (Array.isArray(claims.aud)) {
    notes.push({ claim: 'aud', severity: 'warning', message: '`aud` is an array; GitHub Actions sends a single audience string.' });
  }
  const ref = claims.ref;
  const refType = claims.ref_type;
  if (typeof ref === 'string' && typeof refType === 'string') {
    if ((ref.startsWith('refs/tags/') && refType !== 'tag') || (ref.startsWith('refs/heads/') && refType !== 'branch')) {
      notes.push({ claim: 'ref_type', severity: 'warning', message: `\`ref_type\` is "${refType}" but \`ref\` is "${ref}".` });
    }
  }
  if (typeof claims.repository === 'string' && typeof owner === 'string' && !claims.repository.startsWith(`${owner}/`)) {
    notes.push({ claim: 'repository', severity: 'warning', message: `\`repository\` "${claims.repository}" is not owned by \`repository_owner\` "${owner}".` });
  }
}

export function claimNotes(claims: Record<string, unknown>): ClaimNote[] {
  if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) return [];
  const family = issuerFamily(claims);
  const notes: ClaimNote[] = [];
  missingRegisteredClaims(claims, family, notes);
  typeSurprises(claims, family, notes);
  if (family === 'gitlab' || family === 'gitlab-legacy') gitlabOddities(claims, family, notes);
  if (family === 'github') githubOddities(claims, notes);
  return notes;
}
