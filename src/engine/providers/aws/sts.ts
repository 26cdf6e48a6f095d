/**
 * What STS checks before any policy is read: an IAM OIDC provider for `iss`, the required claims,
 * the audience among the provider's client IDs, and expiry with a five-minute clock-skew window.
 * Sources: https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html;
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_oidc.html ("IAM provides a
 * five-minute window beyond the expiration time specified in the JWT to account for clock skew");
 * the error texts as users reported them (aws-actions/configure-aws-credentials#721, #1309, #502;
 * gitlab-org/gitlab!71657; aws/aws-sdk-java-v2#5709).
 */
import type { Check, SourceRange } from '../../result';
import { isoOf, relativeTime } from '../../time';
import type { Claims } from '../../token';
import { valueText } from '../../value-text';
import { keyPrefixOf } from './context';
import { sts } from './messages';
import type { OidcProviderInput } from './parse';

export const EXPIRY_SKEW_SECONDS = 300;

/** `get-open-id-connect-provider` prints the Url without its scheme; compare both without it. */
function providerPrefix(url: string): string {
  return url.replace(/^https:\/\//, '');
}

function audienceValues(claims: Claims): string[] {
  // The audience STS compares is the one its `:aud` key reads: `azp` when present, else `aud`.
  const source = claims.azp !== undefined ? claims.azp : claims.aud;
  if (Array.isArray(source)) return source.map(valueText);
  return source === undefined ? [] : [valueText(source)];
}

/** Records the pre-checks for the explanation; absent when only the decision is wanted. */
export interface StsTrace {
  passed(check: Check): void;
  /** The check that refused the token: it decides. */
  failed(check: Check): void;
  locateProvider(provider: OidcProviderInput): SourceRange | undefined;
}

/**
 * The STS error for a token, or null when the pre-checks pass, in STS's order. Each check is built
 * only when a trace records it (`trace?.…` does not evaluate its argument without one).
 */
export function stsPreChecks(claims: Claims, at: number, providers: OidcProviderInput[] | null, trace: StsTrace | null): string | null {
  const issuer = claims.iss;
  if (typeof issuer !== 'string') {
    trace?.failed({ ...issuerCheck(issuer), actual: 'absent', reason: 'The token has no iss claim, so STS cannot find an identity provider for it.' });
    return sts.missingClaim('iss');
  }
  const prefix = keyPrefixOf(issuer);
  if (prefix === null) {
    // IAM provider URLs "must begin with https://", so no provider can ever match.
    trace?.failed({ ...issuerCheck(issuer), reason: 'IAM OIDC provider URLs must begin with https://, so no provider can match this issuer.' });
    return sts.noProvider(issuer);
  }
  let provider: OidcProviderInput | undefined;
  if (providers === null) {
    trace?.passed({
      ...issuerCheck(issuer),
      result: 'skip',
      reason: `No IAM OIDC provider was given, so trustlens assumes the account has one for ${issuer}; add "OpenIDConnectProvider" (aws iam get-open-id-connect-provider output) to check it and the audience.`,
    });
  } else {
    provider = providers.find((candidate) => candidate.url !== null && providerPrefix(candidate.url) === prefix);
    if (!provider) {
      trace?.failed({
        ...issuerCheck(issuer),
        expected: providers.map((candidate) => candidate.url ?? '(no Url)'),
        reason: `No given provider URL equals ${issuer} exactly (provider URLs are case-sensitive; path and trailing slash count).`,
        source: providers[0] ? trace.locateProvider(providers[0]) : undefined,
      });
      return sts.noProvider(issuer);
    }
    trace?.passed({ ...issuerCheck(issuer), expected: provider.url, reason: `The IAM OIDC provider ${provider.url} matches iss.`, source: trace.locateProvider(provider) });
  }

  const missing = claims.aud === undefined ? 'aud' : claims.sub === undefined ? 'sub' : null;
  if (missing !== null) {
    trace?.failed({ id: `sts.claim.${missing}`, label: `Required claim ${missing}`, result: 'fail', expected: 'present', actual: 'absent', reason: `STS requires a ${missing} claim in every web identity token.` });
    return sts.missingClaim(missing);
  }

  if (provider) {
    const audiences = audienceValues(claims);
    const clientIds = provider.clientIds;
    // An accepted empty audience is falsy here, so it refuses too.
    const accepted = audiences.find((audience) => clientIds.includes(audience));
    const check: Check | null = trace && {
      id: 'sts.audience',
      label: 'Audience among the provider client IDs',
      result: accepted ? 'pass' : 'fail',
      expected: clientIds,
      actual: audiences.length === 1 ? audiences[0] : audiences,
      reason: accepted
        ? `${accepted} is one of the provider's client IDs.`
        : `The token's ${claims.azp !== undefined ? 'azp' : 'aud'} is not one of the provider's client IDs (ClientIDList).`,
      source: trace.locateProvider(provider),
    };
    if (!accepted) {
      trace?.failed(check!);
      return sts.incorrectAudience;
    }
    trace?.passed(check!);
  } else if (trace) {
    const audiences = audienceValues(claims);
    trace.passed({
      id: 'sts.audience',
      label: 'Audience among the provider client IDs',
      result: 'skip',
      actual: audiences.length === 1 ? audiences[0] : audiences,
      reason: 'No IAM OIDC provider was given, so the audience cannot be compared with its client IDs.',
    });
  }

  const exp = claims.exp;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) {
    trace?.failed({ id: 'token.exp', label: 'Token expiry (exp)', result: 'fail', expected: 'a NumericDate', actual: exp === undefined ? 'absent' : exp, reason: 'An OIDC ID token must carry a numeric exp claim.' });
    return sts.missingClaim('exp');
  }
  const deadline = exp + EXPIRY_SKEW_SECONDS;
  const expired = at > deadline;
  if (trace) {
    const check: Check = {
      id: 'token.exp',
      label: 'Token expiry (exp + 5 min skew)',
      result: expired ? 'fail' : 'pass',
      expected: `evaluation instant ≤ ${isoOf(deadline)} (exp ${isoOf(exp)} + 5 min)`,
      actual: isoOf(at),
      reason: expired
        ? `The token ${relativeTime('exp', exp, at)}, beyond AWS's five-minute clock-skew window.`
        : at > exp
          ? `The token ${relativeTime('exp', exp, at)}, but AWS allows five minutes of clock skew past exp.`
          : `The token ${relativeTime('exp', exp, at)}.`,
    };
    if (expired) trace.failed(check);
    else trace.passed(check);
  }
  if (expired) return sts.expired(at, exp);

  const nbf = claims.nbf;
  if (nbf === undefined) return null;
  const early = typeof nbf !== 'number' || !Number.isFinite(nbf) || at < nbf - EXPIRY_SKEW_SECONDS;
  if (trace) {
    const check = notBeforeCheck(nbf, at)!;
    if (early) trace.failed(check);
    else trace.passed(check);
  }
  return early ? sts.invalidToken : null;
}

function issuerCheck(issuer: unknown): Check {
  return { id: 'sts.provider', label: 'IAM OIDC provider for iss', result: 'pass', expected: 'an IAM OIDC provider whose URL equals iss', actual: issuer, reason: '' };
}

/**
 * `nbf`: RFC 7519 §4.1.5, "the current date/time MUST be after or equal to the not-before
 * date/time". AWS documents no nbf rule of its own; STS is taken to apply the same five-minute
 * clock-skew window it documents for exp (inferred), and to answer with its generic
 * InvalidIdentityToken text (wording inferred).
 */
function notBeforeCheck(nbf: unknown, at: number): Check | null {
  if (nbf === undefined) return null;
  if (typeof nbf !== 'number' || !Number.isFinite(nbf)) {
    return { id: 'token.nbf', label: 'Not before (nbf)', result: 'fail', expected: 'a NumericDate', actual: nbf as Check['actual'], reason: 'The nbf claim is not a NumericDate (RFC 7519 §4.1.5).' };
  }
  const earliest = nbf - EXPIRY_SKEW_SECONDS;
  const early = at < earliest;
  return {
    id: 'token.nbf',
    label: 'Not before (nbf − 5 min skew)',
    result: early ? 'fail' : 'pass',
    expected: `evaluation instant ≥ ${isoOf(earliest)} (nbf ${isoOf(nbf)} − 5 min)`,
    actual: isoOf(at),
    reason: early
      ? `The token is not valid until ${isoOf(nbf)} (${relativeTime('nbf', nbf, at)}), beyond AWS's five-minute clock-skew window.`
      : `The token's nbf is ${isoOf(nbf)} (${relativeTime('nbf', nbf, at)}).`,
  };
}
