/**
 * Entra ID's token exchange for federated credentials, written once, in the service's order
 * (azure.md §1.4; ordering inferred from the AADSTS codes): token times → Entra issuer refusal →
 * credentials with the token's issuer (AADSTS700211) → of those, the audience (AADSTS700212) → of
 * those, the subject or a flexible expression (AADSTS700213 / 7002138 / 7002131). Access is granted
 * when any one credential matches.
 *
 * `decide` runs the steps with no observer and stops at the first answer. `explain` runs the same
 * steps with an observer that records every comparison, including the ones the service never
 * reaches (so people can fix them all at once); what it is shown cannot change the decision.
 */
import { compareExact, compileWildcard } from '../../match';
import type { Plan } from '../../provider';
import type { QuickDecision } from '../../result';
import type { Claims } from '../../token';
import { display } from './checks';
import { Explanation, refusalResult } from './explanation';
import { isEntraIssuer } from './issuers';
import { AADSTS } from './messages';
import type { AzurePolicy } from './parse';
import type { Observer, PlannedComparison, PlannedCredential, Stage } from './planned';
import { lifetimeMessage, lifetimeProblem, numeric, validityMessage, validityProblem } from './time';
import { validatePolicy, type ValidCredential } from './validate';

const PATTERN = { flavour: 'iam' } as const;

function own(claims: Claims, name: string): unknown {
  return Object.prototype.hasOwnProperty.call(claims, name) ? claims[name] : undefined;
}

function comparisonHolds(planned: PlannedComparison, claims: Claims): boolean {
  const actual = own(claims, planned.comparison.claim);
  if (typeof actual !== 'string') return false;
  return planned.pattern ? planned.pattern.test(actual) : planned.comparison.comparand === actual;
}

/** Every comparison holds; with `seen`, each one is judged and kept (the observer shows them all). */
function expressionHolds(comparisons: PlannedComparison[], claims: Claims, seen: boolean[] | null): boolean {
  let holds = comparisons.length > 0;
  for (const planned of comparisons) {
    const one = comparisonHolds(planned, claims);
    if (seen) seen.push(one);
    else if (!one) return false;
    holds &&= one;
  }
  return holds;
}

function audienceMatches(audience: string, aud: unknown): boolean {
  if (!Array.isArray(aud)) return aud === audience;
  for (const value of aud) if (value === audience) return true;
  return false;
}

function planCredential(entry: ValidCredential): PlannedCredential {
  const named = entry.name ? `'${entry.name}' (${entry.label})` : entry.label;
  const what = entry.match.kind === 'subject' ? 'subject' : 'flexible expression';
  const comparisons = entry.match.kind === 'subject' ? [] : entry.match.expression.comparisons.map((comparison) => ({
    comparison,
    pattern: comparison.operator === 'matches' ? compileWildcard(comparison.comparand, PATTERN) : null,
  }));
  return {
    entry,
    issuer: entry.issuer,
    audience: entry.audience,
    subject: entry.match.kind === 'subject' ? entry.match.subject : null,
    comparisons,
    grant: {
      decision: 'allow',
      message: `Entra ID accepts the token: federated identity credential ${named} matches its issuer, audience and ${what}; Azure RBAC then decides what the application may access.`,
    },
  };
}

function deny(message: string): QuickDecision {
  return { decision: 'deny', message };
}

/**
 * One exchange. Without an observer it returns at the first answer; with one it goes on through
 * every step to show it, but the answer stays the first one reached.
 */
function run(credentials: PlannedCredential[], claims: Claims, at: number, observer: Observer | null): QuickDecision {
  let answer: QuickDecision | null = null;
  let stage: Stage = 'granted';

  const nbf = numeric(claims.nbf);
  const exp = numeric(claims.exp);
  const validity = validityProblem(nbf, exp, at);
  if (validity) {
    answer = deny(validityMessage(nbf, exp, at));
    stage = 'validity';
    if (!observer) return answer;
  }
  observer?.validity(nbf, exp, validity);
  const iat = numeric(claims.iat);
  const lifetime = lifetimeProblem(iat, exp);
  if (lifetime && !answer) {
    answer = deny(lifetimeMessage(iat, exp));
    stage = 'lifetime';
    if (!observer) return answer;
  }
  observer?.lifetime(iat, exp, lifetime);
  const iss = claims.iss;
  if (typeof iss === 'string' && isEntraIssuer(iss)) {
    if (!answer) {
      answer = deny(AADSTS.entraIssuer());
      stage = 'entra';
      if (!observer) return answer;
    }
    observer?.entraIssuer(iss);
  }

  const aud = claims.aud;
  const sub = claims.sub;
  let withIssuer = 0;
  let withAudience = 0;
  let caseOnly = false;
  let flexible = false;
  let granted: PlannedCredential | null = null;
  for (const credential of credentials) {
    // The service looks credentials up by issuer, then audience; an observer is shown the rest too.
    const issuer = iss === credential.issuer;
    const audience = (issuer || observer !== null) && audienceMatches(credential.audience, aud);
    let match = false;
    let caseOnlyHere = false;
    let comparisons: boolean[] | null = null;
    if ((issuer && audience) || observer) {
      if (credential.subject !== null) {
        match = sub === credential.subject;
        caseOnlyHere = !match && typeof sub === 'string' && compareExact(credential.subject, sub, true).matched;
      } else {
        comparisons = observer ? [] : null;
        match = expressionHolds(credential.comparisons, claims, comparisons);
      }
    }
    observer?.credential(credential, { issuer, audience, match, caseOnly: caseOnlyHere, comparisons });
    if (!issuer) continue;
    withIssuer++;
    if (!audience) continue;
    withAudience++;
    if (match) {
      granted ??= credential;
      if (!observer) break;
      continue;
    }
    if (caseOnlyHere) caseOnly = true;
    if (credential.subject === null) flexible = true;
  }

  if (!answer) {
    if (credentials.length === 0) {
      answer = deny(AADSTS.issuer(display(iss)));
      stage = 'empty';
    } else if (withIssuer === 0) {
      answer = deny(AADSTS.issuer(display(iss)));
      stage = 'issuer';
    } else if (withAudience === 0) {
      answer = deny(AADSTS.audience(Array.isArray(aud) ? display(aud.find((value) => typeof value === 'string')) : display(aud)));
      stage = 'audience';
    } else if (granted) {
      answer = granted.grant;
    } else if (caseOnly) {
      answer = deny(AADSTS.subjectCaseOnly(display(sub)));
      stage = 'subject-case';
    } else if (flexible) {
      answer = deny(AADSTS.subjectOrExpression(display(sub)));
      stage = 'expression';
    } else {
      answer = deny(AADSTS.subject(display(sub)));
      stage = 'subject';
    }
  }
  observer?.decided(stage, stage === 'granted' ? granted : null);
  return answer;
}

export function planAzure(policy: AzurePolicy): Plan {
  const validation = validatePolicy(policy);
  if (!validation.ok) {
    const refusal: QuickDecision = { decision: 'error', message: validation.error.message };
    return { decide: () => refusal, explain: () => refusalResult(validation.error) };
  }
  const credentials = validation.credentials.map(planCredential);
  return {
    decide: (token, at) => run(credentials, token.claims, at, null),
    explain(token, context) {
      const explanation = new Explanation(policy, token.claims, context.at);
      const answer = run(credentials, token.claims, context.at, explanation);
      return explanation.result(answer);
    },
  };
}
