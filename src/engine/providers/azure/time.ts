/**
 * Token time rules for external (federated) assertions:
 * - AADSTS700024 when the instant is outside [nbf, exp). A missing `nbf` or `exp` counts as the
 *   Unix epoch, as ESTS prints it ("assertion valid from 1970-01-01T00:00:00.0000000Z").
 * - AADSTS70023 when exp − iat exceeds 25 h (".NET 1.01:00:00"); a missing `iat` counts as 0
 *   ("Token issued at 0"), so a token without `iat` always fails.
 * No clock-skew allowance is documented, so none is applied.
 */
import type { Check } from '../../result';
import { isoOf, relativeTime } from '../../time';
import { AADSTS } from './messages';

export const MAX_LIFETIME_SECONDS = 25 * 3600;

export function numeric(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Why the instant falls outside [nbf, exp), or null when it does not. */
export type ValidityProblem = 'no-exp' | 'expired' | 'not-yet' | null;

export function validityProblem(nbf: number | undefined, exp: number | undefined, at: number): ValidityProblem {
  if (exp === undefined) return 'no-exp';
  if (at >= exp) return 'expired';
  if (nbf !== undefined && at < nbf) return 'not-yet';
  return null;
}

export function validityMessage(nbf: number | undefined, exp: number | undefined, at: number): string {
  return AADSTS.timeRange(at, nbf ?? 0, exp ?? 0);
}

/** The check for a validity window already judged by `validityProblem`. */
export function describeValidity(nbf: number | undefined, exp: number | undefined, at: number, problem: ValidityProblem): Check {
  const validFrom = nbf ?? 0;
  const expiresAt = exp ?? 0;
  const base = {
    id: 'token.validity',
    label: 'Token validity window (nbf, exp)',
    expected: `${isoOf(validFrom)} ≤ instant < ${isoOf(expiresAt)}`,
    actual: isoOf(at),
  };
  if (problem === 'no-exp') return { ...base, result: 'fail', reason: `The token has no numeric \`exp\`; Entra ID reads it as 1970-01-01, so the assertion counts as expired.` };
  if (problem === 'expired') return { ...base, result: 'fail', reason: `The token ${relativeTime('exp', expiresAt, at)} (exp ${isoOf(expiresAt)}).` };
  if (problem === 'not-yet') return { ...base, result: 'fail', reason: `The token is ${relativeTime('nbf', validFrom, at)} (nbf ${isoOf(validFrom)}).` };
  return { ...base, result: 'pass', reason: `Within the validity window: ${relativeTime('exp', expiresAt, at)}${nbf === undefined ? '; no nbf' : ''}.` };
}

/** Why the lifetime is refused, or null. A missing `exp` counts as 0 here too. */
export type LifetimeProblem = 'no-iat' | 'too-long' | null;

export function lifetimeProblem(iat: number | undefined, exp: number | undefined): LifetimeProblem {
  if (iat === undefined) return 'no-iat';
  return (exp ?? 0) - iat > MAX_LIFETIME_SECONDS ? 'too-long' : null;
}

export function lifetimeMessage(iat: number | undefined, exp: number | undefined): string {
  return AADSTS.lifetime(iat ?? 0, exp ?? 0);
}

/** The check for a lifetime already judged by `lifetimeProblem`. */
export function describeLifetime(iat: number | undefined, exp: number | undefined, problem: LifetimeProblem): Check {
  const lifetime = (exp ?? 0) - (iat ?? 0);
  const base = {
    id: 'token.lifetime',
    label: 'Token lifetime (exp − iat ≤ 25 h)',
    expected: `iat present and exp − iat ≤ ${MAX_LIFETIME_SECONDS} s (25 h)`,
    actual: iat === undefined ? 'no iat' : `${lifetime} s`,
  };
  if (problem === 'no-iat') {
    return { ...base, result: 'fail', reason: 'The token has no numeric `iat`; Entra ID takes it as 0, so the lifetime looks like decades and the token is refused.' };
  }
  if (problem === 'too-long') {
    return { ...base, result: 'fail', reason: `The token lives ${lifetime} s (${(lifetime / 3600).toFixed(1)} h); external tokens may live at most 25 h.` };
  }
  return { ...base, result: 'pass', reason: `Lifetime ${lifetime} s, within 25 h.` };
}

