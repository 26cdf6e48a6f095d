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

function numeric(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export interface TimeVerdict {
  check: Check;
  message?: string;
}

export function validityCheck(claims: Record<string, unknown>, at: number): TimeVerdict {
  const nbf = numeric(claims.nbf);
  const exp = numeric(claims.exp);
  const validFrom = nbf ?? 0;
  const expiresAt = exp ?? 0;
  const base = {
    id: 'token.validity',
    label: 'Token validity window (nbf, exp)',
    expected: `${isoOf(validFrom)} ≤ instant < ${isoOf(expiresAt)}`,
    actual: isoOf(at),
  };
  let problem: string | null = null;
  if (exp === undefined) problem = `The token has no numeric \`exp\`; Entra ID reads it as 1970-01-01, so the assertion counts as expired.`;
  else if (at >= exp) problem = `The token ${relativeTime('exp', exp, at)} (exp ${isoOf(exp)}).`;
  else if (nbf !== undefined && at < nbf) problem = `The token is ${relativeTime('nbf', nbf, at)} (nbf ${isoOf(nbf)}).`;
  if (problem) {
    return { check: { ...base, result: 'fail', reason: problem }, message: AADSTS.timeRange(at, validFrom, expiresAt) };
  }
  return {
    check: { ...base, result: 'pass', reason: `Within the validity window: ${relativeTime('exp', expiresAt, at)}${nbf === undefined ? '; no nbf' : ''}.` },
  };
}

export function lifetimeCheck(claims: Record<string, unknown>): TimeVerdict {
  const iat = numeric(claims.iat);
  const exp = numeric(claims.exp) ?? 0;
  const issuedAt = iat ?? 0;
  const lifetime = exp - issuedAt;
  const base = {
    id: 'token.lifetime',
    label: 'Token lifetime (exp − iat ≤ 25 h)',
    expected: `iat present and exp − iat ≤ ${MAX_LIFETIME_SECONDS} s (25 h)`,
    actual: iat === undefined ? 'no iat' : `${lifetime} s`,
  };
  if (iat === undefined) {
    return {
      check: { ...base, result: 'fail', reason: 'The token has no numeric `iat`; Entra ID takes it as 0, so the lifetime looks like decades and the token is refused.' },
      message: AADSTS.lifetime(issuedAt, exp),
    };
  }
  if (lifetime > MAX_LIFETIME_SECONDS) {
    return {
      check: { ...base, result: 'fail', reason: `The token lives ${lifetime} s (${(lifetime / 3600).toFixed(1)} h); external tokens may live at most 25 h.` },
      message: AADSTS.lifetime(issuedAt, exp),
    };
  }
  return { check: { ...base, result: 'pass', reason: `Lifetime ${lifetime} s, within 25 h.` } };
}
