/** Evaluates a parsed expression against token claims, comparison by comparison. */
import { compareExact } from '../../../match';
import { matchesPattern } from '../matching';
import type { Comparison, Expression } from './ast';

export interface ComparisonOutcome {
  comparison: Comparison;
  /** The claim's value as the token carries it (undefined when absent). */
  actual: unknown;
  matched: boolean;
  /** Where the value stops fitting, for the divergence text; absent when the claim is missing or not a string. */
  divergedAt?: number;
  /** True when the comparison would hold ignoring letter case. */
  caseInsensitiveMatch: boolean;
}

export interface ExpressionOutcome {
  matched: boolean;
  comparisons: ComparisonOutcome[];
}

export function evaluateComparison(comparison: Comparison, claims: Record<string, unknown>): ComparisonOutcome {
  const actual = Object.prototype.hasOwnProperty.call(claims, comparison.claim) ? claims[comparison.claim] : undefined;
  if (typeof actual !== 'string') return { comparison, actual, matched: false, caseInsensitiveMatch: false };
  const outcome =
    comparison.operator === 'eq' ? compareExact(comparison.comparand, actual) : matchesPattern(comparison.comparand, actual);
  const folded =
    comparison.operator === 'eq'
      ? compareExact(comparison.comparand, actual, true)
      : matchesPattern(comparison.comparand, actual, { ignoreCase: true });
  return { comparison, actual, matched: outcome.matched, divergedAt: outcome.divergedAt, caseInsensitiveMatch: folded.matched };
}

/** Every comparison is evaluated (for the explanation); the expression holds when all of them do. */
export function evaluateExpression(expression: Expression, claims: Record<string, unknown>): ExpressionOutcome {
  const comparisons = expression.comparisons.map((comparison) => evaluateComparison(comparison, claims));
  return { matched: comparisons.length > 0 && comparisons.every((c) => c.matched), comparisons };
}
