/** Prints an expression in the documented form: single spaces, single quotes, `''` for a quote. */
import type { Comparison, Expression } from './ast';

export function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function printComparison(comparison: Pick<Comparison, 'claim' | 'operator' | 'comparand'>): string {
  return `claims[${quote(comparison.claim)}] ${comparison.operator} ${quote(comparison.comparand)}`;
}

export function printExpression(expression: Expression): string {
  return expression.comparisons.map(printComparison).join(' and ');
}
