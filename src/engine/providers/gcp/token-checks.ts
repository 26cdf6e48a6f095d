/**
 * Token validation at Google STS for OIDC providers: issuer, audience, `exp`/`iat` with a lifetime
 * of at most 24 h, RS256/ES256. https://docs.cloud.google.com/iam/docs/workload-identity-federation-with-other-providers
 * (token requirements); allowedAudiences and the default audience: REST reference `Oidc`;
 * gcp.md §1.2.
 */
import type { Check } from '../../result';
import { isoOf, relativeTime } from '../../time';
import type { Token } from '../../token';
import { valueText } from '../../value-text';
import { audienceMismatch, issuerMismatch, staleToken } from './messages';
import { rangeAt, type GcpPolicy } from './parse';

export const MAX_LIFETIME_SECONDS = 24 * 3600;
export const SUPPORTED_ALGORITHMS = ['RS256', 'ES256'];

export function defaultAudiences(name: string): string[] {
  return [`//iam.googleapis.com/${name}`, `https://iam.googleapis.com/${name}`];
}

export const trimSlash = (text: string) => text.replace(/\/$/, '');

/** STS texts Google does not document for these failures: trustlens's wording (marked inferred). */
export const INFERRED_FAILURES = {
  noExp: 'The ID Token has no valid "exp" claim (Google requires exp).',
  noIat: 'The ID Token has no valid "iat" claim (Google requires iat).',
  issuedInFuture: (iat: number) => `The ID Token was issued in the future (iat ${iat}).`,
  notYetValid: (nbf: unknown) => `The ID Token is not yet valid (nbf ${valueText(nbf)}); wording inferred.`,
  tooLong: (lifetime: number) => `The ID Token lifetime (exp − iat = ${lifetime} s) exceeds 24 hours.`,
  algorithm: (alg: unknown) => `The ID Token is signed with ${valueText(alg)}; only RS256 and ES256 are supported.`,
};

export type TokenStep = 'issuer' | 'audience' | 'exp' | 'iat' | 'nbf' | 'lifetime' | 'alg';

/** A refused token: the step, STS's text, and whether that text is trustlens's wording. */
export interface TokenFailure {
  step: TokenStep;
  message: string;
  inferred: boolean;
}

/** What the token rules need from the provider, read once. */
export interface TokenRules {
  issuer: string;
  audiences: readonly string[];
  /** oidc.allowedAudiences is set (else the resource name is the audience). */
  configured: boolean;
}

export function tokenRules(policy: GcpPolicy): TokenRules {
  const configured = policy.allowedAudiences.length > 0;
  return { issuer: policy.issuerUri ?? '', audiences: configured ? policy.allowedAudiences : defaultAudiences(policy.name ?? ''), configured };
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const fail = (step: TokenStep, message: string, inferred = false): TokenFailure => ({ step, message, inferred });

function tokenAudiences(aud: unknown): string[] {
  return typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
}

type Judge = (rules: TokenRules, token: Token, at: number) => TokenFailure | null;

/** Google's token steps in its order; each judge returns the failure, or null when the step passes or does not apply. */
export const TOKEN_STEPS: ReadonlyArray<{ step: TokenStep; judge: Judge }> = [
  {
    step: 'issuer',
    judge: (rules, { claims: { iss } }) => {
      if (typeof iss !== 'string') return fail('issuer', issuerMismatch(valueText(iss ?? ''), rules.issuer));
      return iss === rules.issuer || trimSlash(iss) === trimSlash(rules.issuer) ? null : fail('issuer', issuerMismatch(iss, rules.issuer));
    },
  },
  {
    step: 'audience',
    judge: (rules, { claims: { aud } }) => {
      const given = tokenAudiences(aud);
      for (const value of given) if (rules.audiences.includes(value)) return null;
      return fail('audience', audienceMismatch(given));
    },
  },
  {
    step: 'exp',
    judge: (_rules, { claims: { exp, iat } }, at) => {
      if (!isNumber(exp)) return fail('exp', INFERRED_FAILURES.noExp, true);
      return exp > at ? null : fail('exp', staleToken(isNumber(iat) ? iat : exp));
    },
  },
  {
    step: 'iat',
    judge: (_rules, { claims: { iat } }, at) => {
      if (!isNumber(iat)) return fail('iat', INFERRED_FAILURES.noIat, true);
      return iat <= at ? null : fail('iat', INFERRED_FAILURES.issuedInFuture(iat), true);
    },
  },
  {
    // RFC 7519 §4.1.5: the current time MUST be at or after nbf. Google documents no nbf rule of
    // its own and applies no skew to iat (above), so none is applied here (inferred; wording inferred).
    step: 'nbf',
    judge: (_rules, { claims: { nbf } }, at) => (nbf === undefined || (isNumber(nbf) && nbf <= at) ? null : fail('nbf', INFERRED_FAILURES.notYetValid(nbf))),
  },
  {
    step: 'lifetime',
    judge: (_rules, { claims: { exp, iat } }) =>
      isNumber(exp) && isNumber(iat) && exp - iat > MAX_LIFETIME_SECONDS ? fail('lifetime', INFERRED_FAILURES.tooLong(exp - iat), true) : null,
  },
  {
    step: 'alg',
    judge: (_rules, token) => {
      if (!token.header) return null;
      const alg = token.header.alg;
      return typeof alg === 'string' && SUPPORTED_ALGORITHMS.includes(alg) ? null : fail('alg', INFERRED_FAILURES.algorithm(alg), true);
    },
  },
];

/** The check for one step as judged; null where the step shows nothing (no `nbf`). */
export function describeTokenStep(policy: GcpPolicy, rules: TokenRules, step: TokenStep, token: Token, at: number, failure: TokenFailure | null): Check | null {
  const claims = token.claims;
  switch (step) {
    case 'issuer': {
      const iss = claims.iss;
      const check: Check = { id: 'token.issuer', label: 'Issuer (iss)', result: 'pass', expected: rules.issuer, actual: iss, reason: '', source: rangeAt(policy, 'oidc', 'issuerUri') };
      if (typeof iss !== 'string') return { ...check, result: 'fail', reason: 'The token has no string "iss" claim.' };
      if (failure) return { ...check, result: 'fail', reason: `The token was issued by ${iss}, the provider trusts ${rules.issuer}.` };
      if (iss === rules.issuer) return { ...check, reason: 'The token\'s issuer is the provider\'s issuerUri.' };
      return { ...check, reason: TRAILING_SLASH_ISSUER };
    }
    case 'audience':
      return describeAudience(policy, rules, claims.aud, failure);
    case 'exp': {
      const { exp } = claims;
      const expected = `after ${isoOf(at)}`;
      if (!isNumber(exp)) return { id: 'token.exp', label: 'Expiry (exp)', result: 'fail', expected, actual: exp, reason: 'The token has no numeric "exp" claim; Google requires one.' };
      return { id: 'token.exp', label: 'Expiry (exp)', result: failure ? 'fail' : 'pass', expected, actual: `${exp} (${isoOf(exp)})`, reason: `The token ${relativeTime('exp', exp, at)}.` };
    }
    case 'iat': {
      const { iat } = claims;
      const base = { id: 'token.iat', label: 'Issued at (iat)', expected: `at or before ${isoOf(at)}` };
      if (!isNumber(iat)) return { ...base, result: 'fail', actual: iat, reason: 'The token has no numeric "iat" claim; Google requires one.' };
      const actual = `${iat} (${isoOf(iat)})`;
      return failure
        ? { ...base, result: 'fail', actual, reason: `The token was ${relativeTime('iat', iat, at)}; Google requires iat in the past.` }
        : { ...base, result: 'pass', actual, reason: `The token was ${relativeTime('iat', iat, at)}.` };
    }
    case 'nbf': {
      const { nbf } = claims;
      if (nbf === undefined) return null;
      const base = { id: 'token.nbf', label: 'Not before (nbf)', expected: `at or before ${isoOf(at)}` };
      if (!failure) return { ...base, result: 'pass', actual: `${nbf} (${isoOf(nbf as number)})`, reason: `The token's nbf is ${relativeTime('nbf', nbf as number, at)}.` };
      if (!isNumber(nbf)) return { ...base, result: 'fail', actual: nbf as Check['actual'], reason: 'The nbf claim is not a NumericDate.' };
      return { ...base, result: 'fail', actual: `${nbf} (${isoOf(nbf)})`, reason: `The token is not valid until ${isoOf(nbf)} (${relativeTime('nbf', nbf, at)}).` };
    }
    case 'lifetime': {
      const { exp, iat } = claims;
      const base = { id: 'token.lifetime', label: 'Lifetime (exp − iat)', expected: 'at most 24 h' };
      if (!isNumber(exp) || !isNumber(iat)) return { ...base, result: 'skip', reason: 'Needs numeric exp and iat.' };
      const lifetime = exp - iat;
      return failure
        ? { ...base, result: 'fail', actual: `${lifetime} s`, reason: `The token is valid for ${lifetime} seconds; Google accepts at most 86400.` }
        : { ...base, result: 'pass', actual: `${lifetime} s`, reason: `The token is valid for ${lifetime} seconds.` };
    }
    case 'alg': {
      const base = { id: 'token.alg', label: 'Signing algorithm', expected: SUPPORTED_ALGORITHMS };
      if (!token.header) return { ...base, result: 'skip', reason: 'Crafted claims carry no header; Google accepts RS256 and ES256 tokens.' };
      const alg = token.header.alg;
      return failure
        ? { ...base, result: 'fail', actual: alg, reason: `Google accepts tokens signed with RS256 or ES256, not ${valueText(alg)}.` }
        : { ...base, result: 'pass', actual: alg, reason: `${alg} is supported.` };
    }
  }
}

export const TRAILING_SLASH_ISSUER = `The issuers differ only by a trailing slash. Google prints the expected issuer with a trailing slash and GitLab's guide configures "https://gitlab.com/" for tokens whose iss has none, so a single trailing slash is treated as equal (inferred, not documented).`;

function describeAudience(policy: GcpPolicy, rules: TokenRules, aud: unknown, failure: TokenFailure | null): Check {
  const { configured, audiences: expected } = rules;
  const audiences = tokenAudiences(aud);
  const source = configured ? rangeAt(policy, 'oidc', 'allowedAudiences') : rangeAt(policy, 'name');
  const check: Check = { id: 'token.audience', label: 'Audience (aud)', result: 'pass', expected: [...expected], actual: aud, reason: '', source };
  if (!failure) {
    const match = audiences.find((a) => expected.includes(a));
    return {
      ...check,
      reason: configured ? `"${match}" is one of oidc.allowedAudiences.` : `No allowedAudiences are set, and "${match}" is the provider's resource name, the default audience.`,
    };
  }
  const notes: string[] = [];
  if (audiences.some((a) => expected.some((e) => trimSlash(a) === trimSlash(e)))) notes.push('The values differ only by a trailing slash, and audiences are compared exactly.');
  if (configured && policy.name && audiences.some((a) => defaultAudiences(policy.name!).includes(a))) {
    notes.push('The token carries the default resource-name audience, which is accepted only while oidc.allowedAudiences is empty.');
  }
  if (!configured && audiences.some((a) => a.includes('/workloadIdentityPools/'))) {
    notes.push('The audience names a different provider resource (check the project number, pool and provider ids).');
  }
  const reason = audiences.length === 0 ? 'The token has no "aud" claim.' : `${configured ? 'No value of oidc.allowedAudiences' : 'Neither form of the provider\'s resource name'} equals ${audiences.map((a) => `"${a}"`).join(', ')}.`;
  return { ...check, result: 'fail', reason: [reason, ...notes].join(' ') };
}
