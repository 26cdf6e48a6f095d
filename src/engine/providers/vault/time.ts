/**
 * The time checks of hashicorp/cap v0.13.0 jwt.go validateAll (L235–306), exactly:
 * - stored leeway 0 → default (expiration/not-before 150 s, clock skew 60 s), negative → 0 s;
 * - a missing or zero claim is absent; at least one of iat/nbf/exp must be present;
 * - missing exp = max(iat, nbf) + expiration leeway; missing nbf = iat, else exp − not-before leeway;
 * - fail when now + skew < nbf, else now − skew > exp, else iat present and now + skew < iat.
 * So the expiration and not-before leeways only matter when exp or nbf are absent.
 */

export const DEFAULT_LEEWAY_SECONDS = 150;
export const DEFAULT_CLOCK_SKEW_SECONDS = 60;

export function effectiveLeeway(stored: number, defaultSeconds: number): number {
  if (stored < 0) return 0;
  if (stored === 0) return defaultSeconds;
  return stored;
}

export interface TimeClaims {
  /** Truncated NumericDate values; null when absent or zero. */
  iat: number | null;
  nbf: number | null;
  exp: number | null;
}

export interface Leeways {
  expiration: number;
  notBefore: number;
  clockSkew: number;
}

export type TimeFailure = 'missing' | 'nbf' | 'exp' | 'iat';

export interface TimeOutcome {
  failure: TimeFailure | null;
  /** The values the checks compare against, after synthesis. */
  nbf: number | null;
  exp: number | null;
  iat: number | null;
  synthesised: { nbf: boolean; exp: boolean };
  /** Inclusive acceptance window for `now`: [nbf − skew, exp + skew], tightened by iat − skew. */
  window: { from: number; to: number } | null;
}

export function leewaysOf(role: { expirationLeeway: number; notBeforeLeeway: number; clockSkewLeeway: number }): Leeways {
  return {
    expiration: effectiveLeeway(role.expirationLeeway, DEFAULT_LEEWAY_SECONDS),
    notBefore: effectiveLeeway(role.notBeforeLeeway, DEFAULT_LEEWAY_SECONDS),
    clockSkew: effectiveLeeway(role.clockSkewLeeway, DEFAULT_CLOCK_SKEW_SECONDS),
  };
}

export function checkTimes(claims: TimeClaims, leeways: Leeways, now: number): TimeOutcome {
  const { iat } = claims;
  let { nbf, exp } = claims;
  if (iat === null && nbf === null && exp === null) {
    return { failure: 'missing', nbf: null, exp: null, iat: null, synthesised: { nbf: false, exp: false }, window: null };
  }
  const synthesised = { nbf: false, exp: false };
  if (exp === null) {
    exp = Math.max(iat ?? 0, nbf ?? 0) + leeways.expiration;
    synthesised.exp = true;
  }
  if (nbf === null) {
    nbf = iat !== null ? iat : exp - leeways.notBefore;
    synthesised.nbf = true;
  }
  const skew = leeways.clockSkew;
  const from = Math.max(nbf - skew, iat !== null ? iat - skew : -Infinity);
  const window = { from, to: exp + skew };
  let failure: TimeFailure | null = null;
  if (now + skew < nbf) failure = 'nbf';
  else if (now - skew > exp) failure = 'exp';
  else if (iat !== null && now + skew < iat) failure = 'iat';
  return { failure, nbf, exp, iat, synthesised, window };
}

export const TIME_MESSAGES: Record<TimeFailure, string> = {
  missing: 'no issued at (iat), not before (nbf), or expiration time (exp) claims in token',
  nbf: 'invalid not before (nbf) claim: token not yet valid',
  exp: 'invalid expiration time (exp) claim: token is expired',
  iat: 'invalid issued at (iat) claim: token issued in the future',
};
