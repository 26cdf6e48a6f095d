/**
 * The share state of a workbench: what a link (and the address bar) carries. The token's
 * signature stays out unless the user opts in.
 */
import { normaliseCompact, readTokenInput } from '../../engine/token';
import type { ShareStateV1 } from '../state/fragment';
import type { Workbench } from '../state/workbench';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stripSignatureOf(text: string): string {
  const { compact } = normaliseCompact(text);
  const segments = compact.split('.');
  return segments.length === 3 ? `${segments[0]}.${segments[1]}.` : compact;
}

/** What the URL carries while the user edits: never the signature. */
export function shareStateOf(workbench: Workbench, includeSignature = false): ShareStateV1 {
  const trimmed = workbench.tokenText.trim();
  let claims: Record<string, unknown> | null = null;
  let rawText = false;
  if (trimmed.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (isPlainObject(parsed)) claims = parsed;
    } catch {
      // Unparseable claims travel as typed, so the recipient sees the same located error.
      rawText = true;
    }
  }
  return {
    v: 1,
    provider: workbench.provider,
    policy: workbench.policyText,
    claims,
    token: claims ? null : rawText ? workbench.tokenText : includeSignature ? normaliseCompact(workbench.tokenText).compact : stripSignatureOf(workbench.tokenText),
    at: workbench.at,
    ...(Object.keys(workbench.options).length > 0 ? { options: workbench.options } : {}),
  };
}


/**
 * Claims that identify a person, a run or a commit rather than decide access. Project, namespace
 * and repository ids stay: trust configurations commonly bind them.
 */
const IDENTIFYING = /^(jti|sha|ci_config_sha|user_(login|email|id|identities)|actor|actor_id|triggering_actor|run_id|run_number|run_attempt|pipeline_id|job_id|check_run_id)$/;

export function redactIdentifying(claims: Record<string, unknown>): { claims: Record<string, unknown>; redacted: string[] } {
  const redacted: string[] = [];
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (IDENTIFYING.test(name)) {
      redacted.push(name);
      result[name] = typeof value === 'number' ? 0 : Array.isArray(value) ? [] : 'redacted';
    } else result[name] = value;
  }
  return { claims: result, redacted };
}

/** A link's state with identifying claims masked: a token is shared as its (redacted) claims. */
export function redactedShareState(state: ShareStateV1): { state: ShareStateV1; redacted: string[] } {
  let claims = state.claims;
  if (!claims && state.token) {
    const outcome = readTokenInput(state.token);
    if (outcome.ok) claims = outcome.token.claims;
  }
  if (!claims) return { state, redacted: [] };
  const { claims: masked, redacted } = redactIdentifying(claims);
  return { state: { ...state, claims: masked, token: null }, redacted };
}
