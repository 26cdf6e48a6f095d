/**
 * The observer that turns one exchange into the result people read: a check per comparison (with
 * where the values part, case and whitespace notes, and what a field the service never reached
 * would have said), the decisive check, findings and a summary of each credential. It only
 * describes what the evaluation judged; the decision and the message come from the evaluation.
 */
import { compareExact } from '../../match';
import { errorResult, type Check, type EvaluationResult, type QuickDecision } from '../../result';
import type { Claims } from '../../token';
import { exactCheck, exactMismatchReason, notReached, type ComparisonCheck } from './checks';
import { printComparison } from './expression';
import { tokenFindings } from './findings';
import { explainPatternMismatch, matchesPattern } from './matching';
import { expressionRange, type AzurePolicy } from './parse';
import type { CredentialOutcome, Observer, PlannedComparison, PlannedCredential, Stage } from './planned';
import { describeLifetime, describeValidity, type LifetimeProblem, type ValidityProblem } from './time';
import type { ValidationError, ValidCredential } from './validate';

type Outcome = 'match' | 'issuer' | 'audience' | 'subject' | 'expression';

interface CredentialTrace {
  entry: ValidCredential;
  issuer: ComparisonCheck;
  audience: ComparisonCheck;
  match: ComparisonCheck;
  outcome: Outcome;
  caseOnly: boolean;
  passed: boolean;
}

/** The result for credentials the service would refuse to save. */
export function refusalResult(error: ValidationError): EvaluationResult {
  const { message, source } = error;
  return errorResult('azure', message, {
    source,
    details: { inputError: 'policy' },
    checks: [{ id: 'credentials.valid', label: 'Credentials the service would save', result: 'error', reason: message, source, decisive: true }],
  });
}

function audienceCheck(entry: ValidCredential, aud: unknown, matched: boolean): ComparisonCheck {
  const base = { id: `${entry.label}.audience`, label: 'Audience (aud)', claim: 'aud', expected: entry.audience, source: entry.credential.audienceSource ?? entry.credential.fieldSource.audiences ?? entry.credential.source };
  if (!Array.isArray(aud)) return exactCheck({ ...base, actual: aud });
  // A JWT may carry several audiences; the credential's one value must be among them (inferred).
  const strings = aud.filter((value): value is string => typeof value === 'string');
  const checks = strings.map((value) => exactCheck({ ...base, actual: value }));
  if (matched) {
    const hit = checks.find((c) => c.matched)!;
    return { ...hit, check: { ...hit.check, actual: aud, reason: 'One of the token\'s audiences matches exactly (case-sensitive).' } };
  }
  const closest = checks.sort((a, b) => b.closeness - a.closeness)[0];
  const reason = closest
    ? `None of the token's ${strings.length} audiences matches; the closest: ${closest.check.reason}`
    : `The token's aud list has no string values; the credential wants \`${entry.audience}\`.`;
  return { check: { ...base, result: 'fail', actual: aud, reason, id: base.id, label: base.label }, matched: false, closeness: closest?.closeness ?? -1 };
}

function claimOf(claims: Claims, name: string): unknown {
  return Object.prototype.hasOwnProperty.call(claims, name) ? claims[name] : undefined;
}

/** Where a failed comparison's value stops fitting (0 when it is not a string). */
function divergence(planned: PlannedComparison, actual: unknown): number {
  if (typeof actual !== 'string') return 0;
  const { comparison } = planned;
  const outcome = comparison.operator === 'eq' ? compareExact(comparison.comparand, actual) : matchesPattern(comparison.comparand, actual);
  return outcome.divergedAt ?? 0;
}

function comparisonCheck(policy: AzurePolicy, entry: ValidCredential, index: number, planned: PlannedComparison, actual: unknown, holds: boolean): Check {
  const { comparison } = planned;
  const base = {
    id: `${entry.label}.expression[${index}]`,
    label: `claims['${comparison.claim}'] ${comparison.operator}`,
    expected: comparison.comparand,
    actual,
    source: expressionRange(policy, entry.credential, comparison.span.start, comparison.span.end),
  };
  if (holds) {
    const reason = comparison.operator === 'eq' ? 'Equal (exact, case-sensitive).' : 'Matches the pattern (`*` any run of characters, `?` one character; case-sensitive).';
    return { ...base, result: 'pass', reason };
  }
  if (typeof actual !== 'string' || comparison.operator === 'eq') {
    return { ...base, result: 'fail', reason: exactMismatchReason(comparison.claim, comparison.comparand, actual) };
  }
  const note = matchesPattern(comparison.comparand, actual, { ignoreCase: true }).matched ? ' It would match ignoring letter case; matching is case-sensitive.' : '';
  return { ...base, result: 'fail', reason: `Does not match the pattern: ${explainPatternMismatch(comparison.comparand, actual)}.${note}` };
}

function expressionCheck(
  policy: AzurePolicy,
  credential: PlannedCredential,
  match: Extract<ValidCredential['match'], { kind: 'expression' }>,
  claims: Claims,
  results: boolean[],
): { main: ComparisonCheck; comparisons: Check[] } {
  const { entry } = credential;
  const actuals = credential.comparisons.map((planned) => claimOf(claims, planned.comparison.claim));
  const comparisons = credential.comparisons.map((planned, index) => comparisonCheck(policy, entry, index, planned, actuals[index], results[index]));
  const actual = Object.fromEntries(credential.comparisons.map((planned, index) => [planned.comparison.claim, actuals[index]]));
  const base = {
    id: `${entry.label}.expression`,
    label: 'Flexible expression (claimsMatchingExpression)',
    expected: match.text,
    actual,
    source: entry.credential.expressionSource ?? entry.credential.source,
  };
  const total = results.length;
  const firstFailure = results.indexOf(false);
  if (firstFailure < 0) {
    const reason = total === 1 ? 'The comparison holds.' : `All ${total} comparisons hold.`;
    return { main: { check: { ...base, result: 'pass', reason }, matched: true, closeness: Infinity }, comparisons };
  }
  const passed = results.filter(Boolean).length;
  const failing = credential.comparisons[firstFailure];
  const reason = `${total === 1 ? 'The comparison' : `Comparison ${firstFailure + 1} of ${total}`} fails: ${printComparison(failing.comparison)}. ${comparisons[firstFailure].reason}`;
  return {
    main: { check: { ...base, result: 'fail', reason }, matched: false, closeness: passed * 100000 + divergence(failing, actuals[firstFailure]) },
    comparisons,
  };
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

const ERROR_CODES: Partial<Record<Stage, string>> = {
  entra: 'AADSTS700222',
  empty: 'AADSTS700211',
  issuer: 'AADSTS700211',
  audience: 'AADSTS700212',
  'subject-case': 'AADSTS7002138',
  expression: 'AADSTS7002131',
  subject: 'AADSTS700213',
};

export class Explanation implements Observer {
  private readonly checks: Check[] = [];
  private readonly traces: CredentialTrace[] = [];
  private tokenChecks: Partial<Record<Stage, Check>> = {};
  private stage: Stage = 'granted';
  private granted: PlannedCredential | null = null;

  constructor(
    private readonly policy: AzurePolicy,
    private readonly claims: Claims,
    private readonly at: number,
  ) {}

  validity(nbf: number | undefined, exp: number | undefined, problem: ValidityProblem): void {
    this.tokenChecks.validity = describeValidity(nbf, exp, this.at, problem);
    this.checks.push(this.tokenChecks.validity);
  }

  lifetime(iat: number | undefined, exp: number | undefined, problem: LifetimeProblem): void {
    this.tokenChecks.lifetime = describeLifetime(iat, exp, problem);
    this.checks.push(this.tokenChecks.lifetime);
  }

  entraIssuer(iss: string): void {
    this.tokenChecks.entra = {
      id: 'token.issuer',
      label: 'Issuer is not Microsoft Entra ID',
      result: 'fail',
      actual: iss,
      reason: 'Entra-issued tokens cannot be exchanged through federated identity credentials.',
    };
    this.checks.push(this.tokenChecks.entra);
  }

  credential(credential: PlannedCredential, outcome: CredentialOutcome): void {
    const { entry } = credential;
    const claims = this.claims;
    const issuer = exactCheck({
      id: `${entry.label}.issuer`,
      label: 'Issuer (iss)',
      claim: 'iss',
      expected: entry.issuer,
      actual: claims.iss,
      source: entry.credential.fieldSource.issuer ?? entry.credential.source,
    });
    const audience = audienceCheck(entry, claims.aud, outcome.audience);
    let match: ComparisonCheck;
    let comparisons: Check[] = [];
    if (entry.match.kind === 'subject') {
      match = exactCheck({
        id: `${entry.label}.subject`,
        label: 'Subject (sub)',
        claim: 'sub',
        expected: entry.match.subject,
        actual: claims.sub,
        source: entry.credential.fieldSource.subject ?? entry.credential.source,
      });
    } else {
      ({ main: match, comparisons } = expressionCheck(this.policy, credential, entry.match, claims, outcome.comparisons ?? []));
    }
    const kind: Outcome = entry.match.kind === 'subject' ? 'subject' : 'expression';
    const result: Outcome = !outcome.issuer ? 'issuer' : !outcome.audience ? 'audience' : !outcome.match ? kind : 'match';

    if (!outcome.issuer) {
      audience.check = notReached(audience.check, 'the issuer differs');
      match.check = notReached(match.check, 'the issuer differs');
      comparisons = comparisons.map((c) => ({ ...c, result: 'skip' as const }));
    } else if (!outcome.audience) {
      match.check = notReached(match.check, 'the audience differs');
      comparisons = comparisons.map((c) => ({ ...c, result: 'skip' as const }));
    }
    // In a list, say whose check it is; a single credential needs no prefix.
    if (this.policy.shape !== 'credential') {
      const owner = `${entry.label}${entry.name ? ` '${entry.name}'` : ''}: `;
      for (const item of [issuer, audience, match]) item.check = { ...item.check, label: owner + item.check.label };
      comparisons = comparisons.map((c) => ({ ...c, label: owner + c.label }));
    }
    this.traces.push({ entry, issuer, audience, match, outcome: result, caseOnly: outcome.caseOnly, passed: outcome.issuer && outcome.audience && outcome.match });
    this.checks.push(issuer.check, audience.check, match.check, ...comparisons);
  }

  decided(stage: Stage, granted: PlannedCredential | null): void {
    this.stage = stage;
    this.granted = granted;
  }

  /** The check the service's answer rests on: the first failure in its order, or the closest miss. */
  private decisive(): Check | undefined {
    const traces = this.traces;
    const withIssuer = traces.filter((t) => t.outcome !== 'issuer');
    const withAudience = withIssuer.filter((t) => t.outcome !== 'audience');
    switch (this.stage) {
      case 'validity':
      case 'lifetime':
      case 'entra':
        return this.tokenChecks[this.stage];
      case 'empty': {
        const check: Check = { id: 'credentials', label: 'Federated identity credentials', result: 'fail', expected: 'at least one credential', actual: 0, reason: 'The list is empty: no credential can match.' };
        this.checks.push(check);
        return check;
      }
      case 'issuer':
        return closest(traces.map((t) => t.issuer))?.check;
      case 'audience':
        return closest(withIssuer.map((t) => t.audience))?.check;
      case 'subject-case':
        return withAudience.find((t) => t.caseOnly)?.match.check;
      case 'expression':
        return closest(withAudience.filter((t) => t.entry.match.kind === 'expression').map((t) => t.match))?.check;
      case 'subject':
        return closest(withAudience.map((t) => t.match))?.check;
      case 'granted':
        return traces.find((t) => t.entry === this.granted?.entry)?.match.check;
    }
  }

  result(answer: QuickDecision): EvaluationResult {
    const claims = this.claims;
    const decisive = this.decisive();
    if (decisive) decisive.decisive = true;
    const findings = tokenFindings(claims, this.traces.filter((t) => t.outcome !== 'match').map((t) => t.entry));
    const details: Record<string, unknown> = {
      credentials: this.traces.map(credentialSummary),
      token: { iss: claims.iss, aud: claims.aud, sub: claims.sub },
    };
    const { decision, message } = answer;
    if (this.stage !== 'granted') {
      const token = this.stage === 'validity' || this.stage === 'lifetime' || this.stage === 'entra';
      const code = this.stage === 'validity' || this.stage === 'lifetime' ? message.split(':')[0] : ERROR_CODES[this.stage];
      const stage = token ? 'token' : this.stage === 'empty' ? 'issuer' : this.stage === 'subject-case' || this.stage === 'expression' ? 'subject' : this.stage;
      return { provider: 'azure', decision, message, checks: this.checks, findings, details: { ...details, errorCode: code, stage } };
    }
    const { entry } = this.granted!;
    return {
      provider: 'azure',
      decision,
      message,
      checks: this.checks,
      findings,
      details: {
        ...details,
        stage: 'granted',
        matchedCredential: { index: entry.credential.index, name: entry.name },
        matchingCredentials: this.traces.filter((t) => t.passed).map((t) => t.entry.credential.index),
      },
    };
  }
}
