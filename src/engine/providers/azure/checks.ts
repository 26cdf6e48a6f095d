/** Comparison checks with the reason a person needs: where two values part, and case-only differences. */
import { compareExact, describeDivergence } from '../../match';
import type { Check, SourceRange } from '../../result';

export function display(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value);
}

export function caseNote(expected: string, actual: string): string {
  return compareExact(expected, actual, true).matched
    ? ' They differ only in letter case: Entra ID compares case-sensitively since August 2024.'
    : '';
}

/** Why an exact comparison failed: missing claim, divergence, case and whitespace notes. */
export function exactMismatchReason(claim: string, expected: string, actual: unknown): string {
  if (actual === undefined) return `The token has no \`${claim}\` claim; the credential wants \`${expected}\`.`;
  if (typeof actual !== 'string') return `The token's \`${claim}\` is ${JSON.stringify(actual)}, not a string; the credential wants \`${expected}\`.`;
  const outcome = compareExact(expected, actual);
  const divergence = describeDivergence(expected, actual, outcome.divergedAt ?? 0, 'credential');
  let notes = caseNote(expected, actual);
  if (actual !== actual.trim() || expected !== expected.trim()) notes += ' One of them has leading or trailing whitespace, which is not trimmed.';
  else if (expected.replace(/\/+$/, '') === actual.replace(/\/+$/, '') && expected !== actual) {
    notes += ' Only a trailing slash differs; Entra ID does not normalise it.';
  }
  return `${capitalise(divergence)}.${notes}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export interface ComparisonCheck {
  check: Check;
  matched: boolean;
  /** How many characters agree before the values part; ranks near misses for the decisive check. */
  closeness: number;
}

export function exactCheck(params: {
  id: string;
  label: string;
  claim: string;
  expected: string;
  actual: unknown;
  source?: SourceRange;
}): ComparisonCheck {
  const { id, label, claim, expected, actual, source } = params;
  if (typeof actual === 'string') {
    const outcome = compareExact(expected, actual);
    if (outcome.matched) {
      return { check: { id, label, result: 'pass', expected, actual, reason: 'Exact, case-sensitive match.', source }, matched: true, closeness: Infinity };
    }
    return {
      check: { id, label, result: 'fail', expected, actual, reason: exactMismatchReason(claim, expected, actual), source },
      matched: false,
      closeness: outcome.divergedAt ?? 0,
    };
  }
  return {
    check: { id, label, result: 'fail', expected, actual, reason: exactMismatchReason(claim, expected, actual), source },
    matched: false,
    closeness: -1,
  };
}

/** A check the service never reached; keeps what it would have said so people can fix both at once. */
export function notReached(check: Check, why: string): Check {
  const would = check.result === 'pass' ? 'It would match.' : `It would not match either: ${check.reason}`;
  return { ...check, result: 'skip', reason: `Not consulted: ${why}. ${would}` };
}
