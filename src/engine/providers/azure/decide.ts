/**
 * Federated identity credentials compiled into a decision function: validated once, then for each
 * token the service's order (token times → Entra issuer → issuer → audience → subject or flexible
 * expression) with plain comparisons and no checks built. `evaluateAzure` stays the explanation
 * and the reference: a property test holds both to the same decisions and messages.
 */
import { compareExact, compileWildcard } from '../../match';
import type { QuickDecision } from '../../result';
import type { Claims } from '../../token';
import { display } from './checks';
import type { Expression } from './expression';
import { isEntraIssuer } from './issuers';
import { AADSTS } from './messages';
import type { AzurePolicy } from './parse';
import { MAX_LIFETIME_SECONDS } from './time';
import { validatePolicy, type ValidCredential } from './validate';

function numeric(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

const PATTERN = { flavour: 'iam' } as const;

/** evaluateExpression's `matched`: every comparison holds, case-sensitively. */
function expressionHolds(expression: Expression, claims: Claims): boolean {
  if (expression.comparisons.length === 0) return false;
  for (const comparison of expression.comparisons) {
    const actual = Object.prototype.hasOwnProperty.call(claims, comparison.claim) ? claims[comparison.claim] : undefined;
    if (typeof actual !== 'string') return false;
    const holds = comparison.operator === 'eq' ? comparison.comparand === actual : compileWildcard(comparison.comparand, PATTERN).test(actual);
    if (!holds) return false;
  }
  return true;
}

function audienceMatches(entry: ValidCredential, aud: unknown): boolean {
  if (!Array.isArray(aud)) return typeof aud === 'string' && aud === entry.audience;
  return aud.some((value) => typeof value === 'string' && value === entry.audience);
}

export type AzureDecider = (claims: Claims, at: number) => QuickDecision;

export function compileAzureDecider(policy: AzurePolicy): AzureDecider {
  const validation = validatePolicy(policy);
  if (!validation.ok) {
    const refusal: QuickDecision = { decision: 'error', message: validation.error.message };
    return () => refusal;
  }
  const credentials = validation.credentials;
  const deny = (message: string): QuickDecision => ({ decision: 'deny', message });

  return (claims, at) => {
    const nbf = numeric(claims.nbf);
    const exp = numeric(claims.exp);
    if (exp === undefined || at >= exp || (nbf !== undefined && at < nbf)) return deny(AADSTS.timeRange(at, nbf ?? 0, exp ?? 0));
    const iat = numeric(claims.iat);
    if (iat === undefined || exp - iat > MAX_LIFETIME_SECONDS) return deny(AADSTS.lifetime(iat ?? 0, exp));
    if (typeof claims.iss === 'string' && isEntraIssuer(claims.iss)) return deny(AADSTS.entraIssuer());

    const sub = claims.sub;
    let withIssuer = 0;
    let withAudience = 0;
    let caseOnly = false;
    let flexible = false;
    for (const entry of credentials) {
      if (claims.iss !== entry.issuer) continue;
      withIssuer++;
      if (!audienceMatches(entry, claims.aud)) continue;
      withAudience++;
      const match = entry.match;
      if (match.kind === 'subject') {
        if (sub === match.subject) return granted(entry, 'subject');
        if (typeof sub === 'string' && compareExact(match.subject, sub, true).matched) caseOnly = true;
      } else {
        if (expressionHolds(match.expression, claims)) return granted(entry, 'flexible expression');
        flexible = true;
      }
    }
    if (withIssuer === 0) return deny(AADSTS.issuer(display(claims.iss)));
    if (withAudience === 0) {
      const aud = Array.isArray(claims.aud) ? display(claims.aud.find((value) => typeof value === 'string')) : display(claims.aud);
      return deny(AADSTS.audience(aud));
    }
    const subject = display(sub);
    if (caseOnly) return deny(AADSTS.subjectCaseOnly(subject));
    if (flexible) return deny(AADSTS.subjectOrExpression(subject));
    return deny(AADSTS.subject(subject));
  };
}

function granted(entry: ValidCredential, what: string): QuickDecision {
  const named = entry.name ? `'${entry.name}' (${entry.label})` : entry.label;
  return {
    decision: 'allow',
    message: `Entra ID accepts the token: federated identity credential ${named} matches its issuer, audience and ${what}; Azure RBAC then decides what the application may access.`,
  };
}
