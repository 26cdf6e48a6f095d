/**
 * The flexible federated identity credential expression language (FFL, languageVersion 1):
 * `claims['<name>'] eq|matches '<comparand>'` joined by `and`. With only `and`, an expression is a
 * flat conjunction of comparisons.
 */

export type Operator = 'eq' | 'matches';
export const OPERATORS: readonly Operator[] = ['eq', 'matches'];

/** Half-open range of UTF-16 indices into the expression text. */
export interface Span {
  start: number;
  end: number;
}

export interface Comparison {
  claim: string;
  operator: Operator;
  comparand: string;
  span: Span;
  claimSpan: Span;
  operatorSpan: Span;
  comparandSpan: Span;
}

export interface Expression {
  comparisons: Comparison[];
}

export interface ExpressionSyntaxError {
  /** Says what is wrong and where ("… at column 15"), columns counted from 1. */
  message: string;
  span: Span;
}

export type ExpressionParseOutcome = { ok: true; expression: Expression } | { ok: false; error: ExpressionSyntaxError };
