export * from './ast';
export { parseExpression } from './parser';
export { printExpression, printComparison, quote } from './print';
export { evaluateExpression, evaluateComparison } from './evaluate';
export type { ComparisonOutcome, ExpressionOutcome } from './evaluate';
