/**
 * Redaction before sharing. A share link should let a colleague reproduce a decision without
 * handing over who ran the job or a replayable token.
 */
import { normaliseCompact } from '../token';
import { scrubSignatures } from './signatures';

/**
 * Claims masked by "redact". Which claims a given policy needs cannot be known in general, so
 * this list holds only claims that identify a person or a single run and that trust policies do
 * not normally bind:
 * - `jti`: the token's unique id (RFC 7519 §4.1.7); it ties a link to one issued token.
 * - `sha`: the commit being built.
 * - `run_id` (GitHub Actions), `pipeline_id` and `job_id` (GitLab): one run of one job.
 * - user fields: `user_login`, `user_email`, `user_id`, `user_identities` (GitLab) and `actor`,
 *   `actor_id` (GitHub Actions).
 * Ids that scope access are kept on purpose: `project_id`, `namespace_id`, `repository_id`,
 * `repository_owner_id`, `runner_id` and the like are what policies bind (GitLab's documented
 * Vault roles bind `project_id`; GitHub's immutable subjects embed owner and repository ids), so
 * masking them would change the decision being shared. `sub` is kept for the same reason even
 * though the legacy GitLab `CI_JOB_JWT` v1 form (`job_<id>`) embeds a job id.
 */
export const REDACTABLE_CLAIMS: readonly string[] = [
  'jti',
  'sha',
  'run_id',
  'pipeline_id',
  'job_id',
  'user_login',
  'user_email',
  'user_id',
  'user_identities',
  'actor',
  'actor_id',
];

export const REDACTED = '[redacted]';

/** A placeholder of the same JSON type, so type checks on the shared claims behave alike. */
function placeholderFor(value: unknown): unknown {
  if (typeof value === 'string') return REDACTED;
  if (typeof value === 'number') return 0;
  if (Array.isArray(value)) return [];
  if (typeof value === 'object' && value !== null) return {};
  // Booleans and null carry no identity.
  return value;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Masks the redactable claims that are present; never mutates its input. */
export function redactClaims(claims: Record<string, unknown>): { claims: Record<string, unknown>; redacted: string[] } {
  const redacted: string[] = [];
  // Object.fromEntries defines properties, so a claim named `__proto__` stays a plain claim.
  const result = Object.fromEntries(
    Object.entries(claims).map(([name, value]) => {
      if (!REDACTABLE_CLAIMS.includes(name)) return [name, value];
      const placeholder = placeholderFor(value);
      if (!sameJson(placeholder, value)) redacted.push(name);
      return [name, placeholder];
    }),
  );
  return { claims: result, redacted };
}

/**
 * `header.payload.`: still a compact JWS that decodes to the same header and claims, but with an
 * empty signature, so a shared copy cannot be presented to any service. A bare `header.payload`
 * gains its empty signature segment. Any other input (a JSON reply holding a token, two tokens
 * pasted together, …) keeps its shape with every JWS-shaped run in it cut back to `header.payload.`.
 */
export function stripSignature(compact: string): string {
  if (compact.trim().startsWith('{')) return scrubSignatures(compact);
  const { compact: normalised } = normaliseCompact(compact);
  const segments = normalised.split('.');
  if (segments.length === 3 || segments.length === 2) return `${segments[0]}.${segments[1]}.`;
  return scrubSignatures(normalised);
}

/** Redacted claim names that the configuration text mentions: sharing them masked may change the decision. */
export function redactedClaimsMentioned(policy: string, redacted: readonly string[]): string[] {
  return redacted.filter((name) => new RegExp(`(^|[^A-Za-z0-9_])${name}($|[^A-Za-z0-9_])`).test(policy));
}
