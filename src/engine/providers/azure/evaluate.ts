/**
 * Entra ID's token exchange for federated credentials, in the service's order (azure.md §1.4;
 * ordering inferred from the AADSTS codes): token times → Entra issuer refusal → credentials with
 * the token's issuer (AADSTS700211) → of those, the audience (AADSTS700212) → of those, the
 * subject or a flexible expression (AADSTS700213 / 7002138 / 7002131). Access is granted when any
 * one credential matches. Every credential's comparison is kept in the trace.
 */
import type { EvaluationContext } from '../../provider';
import { errorResult, type Check, type EvaluationResult } from '../../result';
import type { Token } from '../../token';
import { caseNote, display, exactCheck, exactMismatchReason, notReached, type ComparisonCheck } from './checks';
import { evaluateExpression, printComparison, type ComparisonOutcome } from './expression';
import { tokenFindings } from './findings';
import { isEntraIssuer } from './issuers';
import { AADSTS } from './messages';
import { expressionRange, type AzurePolicy } from './parse';
import { explainPatternMismatch } from './matching';
import { lifetimeCheck, validityCheck } from './time';
import { validatePolicy, type CredentialMatch, type ValidCredential } from './validate';

type FlexibleMatch = Extract<CredentialMatch, { kind: 'expression' }>;

type Outcome = 'match' | 'issuer' | 'audience' | 'subject' | 'expression';

interface CredentialTrace {
  entry: ValidCredential;
  issuer: ComparisonCheck;
  audience: ComparisonCheck;
  match: ComparisonCheck;
  comparisons: Check[];
  /** Classic subject equal to `sub` ignoring case only (AADSTS7002138). */
  caseOnly: boolean;
  outcome: Outcome;
}

function audienceCheck(entry: ValidCredential, prefix: string, aud: unknown): ComparisonCheck {
  const base = { id: `${prefix}.audience`, label: 'Audience (aud)', claim: 'aud', expected: entry.audience, source: entry.credential.audienceSource ?? entry.credential.fieldSource.audiences ?? entry.credential.source };
  if (!Array.isArray(aud)) return exactCheck({ ...base, actual: aud });
  // A JWT may carry several audiences; the credential's one value must be among them (inferred).
  const strings = aud.filter((value): value is string => typeof value === 'string');
  const checks = strings.map((value) => exactCheck({ ...base, actual: value }));
  const hit = checks.find((c) => c.matched);
  if (hit) return { ...hit, check: { ...hit.check, actual: aud, reason: 'One of the token\'s audiences matches exactly (case-sensitive).' } };
  const closest = checks.sort((a, b) => b.closeness - a.closeness)[0];
  const reason = closest
    ? `None of the token's ${strings.length} audiences matches; the closest: ${closest.check.reason}`
    : `The token's aud list has no string values; the credential wants \`${entry.audience}\`.`;
  return { check: { ...base, result: 'fail', actual: aud, reason, id: base.id, label: base.label }, matched: false, closeness: closest?.closeness ?? -1 };
}

function comparisonCheck(policy: AzurePolicy, entry: ValidCredential, prefix: string, index: number, outcome: ComparisonOutcome): Check {
  const { comparison, actual } = outcome;
  const source = expressionRange(policy, entry.credential, comparison.span.start, comparison.span.end);
  const base = {
    id: `${prefix}.expression[${index}]`,
    label: `claims['${comparison.claim}'] ${comparison.operator}`,
    expected: comparison.comparand,
    actual,
    source,
  };
  if (outcome.matched) {
    const reason = comparison.operator === 'eq' ? 'Equal (exact, case-sensitive).' : 'Matches the pattern (`*` any run of characters, `?` one character; case-sensitive).';
    return { ...base, result: 'pass', reason };
  }
  if (typeof actual !== 'string') {
    return { ...base, result: 'fail', reason: exactMismatchReason(comparison.claim, comparison.comparand, actual) };
  }
  if (comparison.operator === 'eq') return { ...base, result: 'fail', reason: exactMismatchReason(comparison.claim, comparison.comparand, actual) };
  const divergence = explainPatternMismatch(comparison.comparand, actual);
  const note = outcome.caseInsensitiveMatch ? ' It would match ignoring letter case; matching is case-sensitive.' : '';
  return { ...base, result: 'fail', reason: `Does not match the pattern: ${divergence}.${note}` };
}

function expressionCheck(
  policy: AzurePolicy,
  entry: ValidCredential,
  match: FlexibleMatch,
  claims: Record<string, unknown>,
): { main: ComparisonCheck; comparisons: Check[] } {
  const prefix = entry.label;
  const outcome = evaluateExpression(match.expression, claims);
  const comparisons = outcome.comparisons.map((c, index) => comparisonCheck(policy, entry, prefix, index, c));
  const actual = Object.fromEntries(outcome.comparisons.map((c) => [c.comparison.claim, c.actual]));
  const base = {
    id: `${prefix}.expression`,
    label: 'Flexible expression (claimsMatchingExpression)',
    expected: match.text,
    actual,
    source: entry.credential.expressionSource ?? entry.credential.source,
  };
  const total = outcome.comparisons.length;
  const passed = outcome.comparisons.filter((c) => c.matched).length;
  if (outcome.matched) {
    const reason = total === 1 ? 'The comparison holds.' : `All ${total} comparisons hold.`;
    return { main: { check: { ...base, result: 'pass', reason }, matched: true, closeness: Infinity }, comparisons };
  }
  const firstFailure = outcome.comparisons.findIndex((c) => !c.matched);
  const failing = outcome.comparisons[firstFailure];
  const reason = `${total === 1 ? 'The comparison' : `Comparison ${firstFailure + 1} of ${total}`} fails: ${printComparison(failing.comparison)}. ${comparisons[firstFailure].reason}`;
  return {
    main: { check: { ...base, result: 'fail', reason }, matched: false, closeness: passed * 100000 + (failing.divergedAt ?? 0) },
    comparisons,
  };
}

function subjectCheck(entry: ValidCredential, subject: string, sub: unknown): { main: ComparisonCheck; caseOnly: boolean } {
  const main = exactCheck({
    id: `${entry.label}.subject`,
    label: 'Subject (sub)',
    claim: 'sub',
    expected: subject,
    actual: sub,
    source: entry.credential.fieldSource.subject ?? entry.credential.source,
  });
  const caseOnly = !main.matched && typeof sub === 'string' && caseNote(subject, sub) !== '';
  return { main, caseOnly };
}

function traceCredential(policy: AzurePolicy, entry: ValidCredential, claims: Record<string, unknown>): CredentialTrace {
  const prefix = entry.label;
  const issuer = exactCheck({
    id: `${prefix}.issuer`,
    label: 'Issuer (iss)',
    claim: 'iss',
    expected: entry.issuer,
    actual: claims.iss,
    source: entry.credential.fieldSource.issuer ?? entry.credential.source,
  });
  const audience = audienceCheck(entry, prefix, claims.aud);
  let match: ComparisonCheck;
  let comparisons: Check[] = [];
  let caseOnly = false;
  if (entry.match.kind === 'subject') {
    ({ main: match, caseOnly } = subjectCheck(entry, entry.match.subject, claims.sub));
  } else {
    ({ main: match, comparisons } = expressionCheck(policy, entry, entry.match, claims));
  }
  const matchKind: Outcome = entry.match.kind === 'subject' ? 'subject' : 'expression';
  const outcome: Outcome = !issuer.matched ? 'issuer' : !audience.matched ? 'audience' : !match.matched ? matchKind : 'match';

  // The service looks credentials up by issuer, then audience: later fields are not consulted.
  if (!issuer.matched) {
    audience.check = notReached(audience.check, 'the issuer differs');
    match.check = notReached(match.check, 'the issuer differs');
    comparisons = comparisons.map((c) => ({ ...c, result: 'skip' as const }));
  } else if (!audience.matched) {
    match.check = notReached(match.check, 'the audience differs');
    comparisons = comparisons.map((c) => ({ ...c, result: 'skip' as const }));
  }
  // In a list, say whose check it is; a single credential needs no prefix.
  if (policy.shape !== 'credential') {
    const owner = `${entry.label}${entry.name ? ` '${entry.name}'` : ''}: `;
    for (const item of [issuer, audience, match]) item.check = { ...item.check, label: owner + item.check.label };
    comparisons = comparisons.map((c) => ({ ...c, label: owner + c.label }));
  }
  return { entry, issuer, audience, match, comparisons, caseOnly, outcome };
}

function closest<T extends { closeness: number }>(items: T[]): T | undefined {
  return items.reduce<T | undefined>((best, item) => (best === undefined || item.closeness > best.closeness ? item : best), undefined);
}

function credentialSummary(trace: CredentialTrace) {
  const { entry } = trace;
  return {
    index: entry.credential.index,
    name: entry.name,
    owner: entry.credential.owner,
    issuer: entry.issuer,
    audience: entry.audience,
    ...(entry.match.kind === 'subject' ? { subject: entry.match.subject } : { expression: entry.match.text }),
    outcome: trace.outcome,
    source: entry.credential.source,
  };
}

export function evaluateAzure(policy: AzurePolicy, token: Token, context: EvaluationContext): EvaluationResult {
  const validation = validatePolicy(policy);
  if (!validation.ok) {
    const { message, source } = validation.error;
    return errorResult('azure', message, {
      source,
      details: { inputError: 'policy' },
      checks: [{ id: 'credentials.valid', label: 'Credentials the service would save', result: 'error', reason: message, source, decisive: true }],
    });
  }
  const claims = token.claims;
  const checks: Check[] = [];
  let failure: { message: string; code: string; stage: string; decisive?: Check } | null = null;

  for (const verdict of [validityCheck(claims, context.at), lifetimeCheck(claims)]) {
    checks.push(verdict.check);
    if (verdict.message && !failure) failure = { message: verdict.message, code: verdict.message.split(':')[0], stage: 'token', decisive: verdict.check };
  }
  if (typeof claims.iss === 'string' && isEntraIssuer(claims.iss)) {
    const check: Check = {
      id: 'token.issuer',
      label: 'Issuer is not Microsoft Entra ID',
      result: 'fail',
      actual: claims.iss,
      reason: 'Entra-issued tokens cannot be exchanged through federated identity credentials.',
    };
    checks.push(check);
    if (!failure) failure = { message: AADSTS.entraIssuer(), code: 'AADSTS700222', stage: 'token', decisive: check };
  }

  const traces = validation.credentials.map((entry) => traceCredential(policy, entry, claims));
  for (const trace of traces) checks.push(trace.issuer.check, trace.audience.check, trace.match.check, ...trace.comparisons);

  const withIssuer = traces.filter((t) => t.issuer.matched);
  const withAudience = withIssuer.filter((t) => t.audience.matched);
  const matching = withAudience.filter((t) => t.match.matched);
  const subject = display(claims.sub);

  if (!failure) {
    if (traces.length === 0) {
      const check: Check = { id: 'credentials', label: 'Federated identity credentials', result: 'fail', expected: 'at least one credential', actual: 0, reason: 'The list is empty: no credential can match.' };
      checks.push(check);
      failure = { message: AADSTS.issuer(display(claims.iss)), code: 'AADSTS700211', stage: 'issuer', decisive: check };
    } else if (withIssuer.length === 0) {
      failure = { message: AADSTS.issuer(display(claims.iss)), code: 'AADSTS700211', stage: 'issuer', decisive: closest(traces.map((t) => t.issuer))?.check };
    } else if (withAudience.length === 0) {
      const aud = Array.isArray(claims.aud) ? display(claims.aud.find((a) => typeof a === 'string')) : display(claims.aud);
      failure = { message: AADSTS.audience(aud), code: 'AADSTS700212', stage: 'audience', decisive: closest(withIssuer.map((t) => t.audience))?.check };
    } else if (matching.length === 0) {
      const caseOnly = withAudience.find((t) => t.caseOnly);
      const flexible = withAudience.filter((t) => t.entry.match.kind === 'expression');
      if (caseOnly) {
        failure = { message: AADSTS.subjectCaseOnly(subject), code: 'AADSTS7002138', stage: 'subject', decisive: caseOnly.match.check };
      } else if (flexible.length > 0) {
        failure = { message: AADSTS.subjectOrExpression(subject), code: 'AADSTS7002131', stage: 'subject', decisive: closest(flexible.map((t) => t.match))?.check };
      } else {
        failure = { message: AADSTS.subject(subject), code: 'AADSTS700213', stage: 'subject', decisive: closest(withAudience.map((t) => t.match))?.check };
      }
    }
  }

  const findings = tokenFindings(claims, traces.filter((t) => t.outcome !== 'match').map((t) => t.entry));
  const details: Record<string, unknown> = {
    credentials: traces.map(credentialSummary),
    token: { iss: claims.iss, aud: claims.aud, sub: claims.sub },
  };

  if (failure) {
    if (failure.decisive) failure.decisive.decisive = true;
    return { provider: 'azure', decision: 'deny', message: failure.message, checks, findings, details: { ...details, errorCode: failure.code, stage: failure.stage } };
  }
  const granted = matching[0];
  granted.match.check.decisive = true;
  const { entry } = granted;
  const what = entry.match.kind === 'subject' ? 'subject' : 'flexible expression';
  const named = entry.name ? `'${entry.name}' (${entry.label})` : entry.label;
  return {
    provider: 'azure',
    decision: 'allow',
    message: `Entra ID accepts the token: federated identity credential ${named} matches its issuer, audience and ${what}; Azure RBAC then decides what the application may access.`,
    checks,
    findings,
    details: { ...details, stage: 'granted', matchedCredential: { index: entry.credential.index, name: entry.name }, matchingCredentials: matching.map((t) => t.entry.credential.index) },
  };
}
