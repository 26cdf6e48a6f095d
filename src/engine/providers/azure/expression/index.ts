export * from './ast';
export { parseExpression } from './parser';
export { printExpression, printComparison, quote } from './print';
