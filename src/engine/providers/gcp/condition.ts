/**
 * The attribute condition: Google accepts the token only when it evaluates to boolean `true`;
 * false, a non-boolean or an evaluation error all reject it (REST reference: "must output a
 * boolean"; errors reject in the wif-go emulator, gcp.md §1.4). Each clause is evaluated on its
 * own so the trace can show which part failed.
 */
import { celError, isCelError, unparse, type CelResult } from '@bufbuild/cel';
import type { Expr } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';
import type { JsonDocument } from '../../json';
import type { SourceRange } from '../../result';
import { budgetExceeded, meteredExpr, TOO_EXPENSIVE, withCelBudget } from './budget';
import { programFor } from './programs';
import type { ClauseKind, ClauseShape } from './clauses';
import { celRange, type CelField } from './parse';
import { celToDisplay, celToText, celTypeName, errorText } from './values';

export type ClauseOutcome = 'true' | 'false' | 'error' | 'not-bool';

export interface ClauseResult {
  id: string;
  kind: ClauseKind;
  text: string;
  range: SourceRange;
  outcome: ClauseOutcome;
  value: unknown;
  /** For comparisons and string tests: each operand's text and value. */
  operands?: Array<{ text: string; value: unknown; type: string }>;
  children: ClauseResult[];
}

export interface ConditionBindings {
  assertion: Record<string, unknown>;
  google: Record<string, unknown>;
  attribute: Record<string, unknown>;
}

const DETAILED_CALLS = new Set(['_==_', '_!=_', '_<_', '_<=_', '_>_', '_>=_', '@in', 'startsWith', 'endsWith', 'contains', 'matches']);

export function evaluateExpr(expr: Expr, bindings: Record<string, unknown>): CelResult {
  return withCelBudget(() => {
    if (budgetExceeded()) return celError(TOO_EXPENSIVE);
    try {
      const value = programFor(meteredExpr(expr))(bindings as never);
      return budgetExceeded() ? celError(TOO_EXPENSIVE) : value;
    } catch (error) {
      if (budgetExceeded()) return celError(TOO_EXPENSIVE);
      // The planner throws on a few malformed programs (e.g. an unknown overload at plan time),
      // and the meter refuses programs nested too deeply to walk.
      return celError(error instanceof RangeError ? 'The expression is nested too deeply to evaluate.' : error);
    }
  });
}

export function outcomeOf(value: unknown): ClauseOutcome {
  if (isCelError(value)) return 'error';
  if (value === true) return 'true';
  if (value === false) return 'false';
  return 'not-bool';
}

function safeUnparse(expr: Expr, fallback: string): string {
  try {
    return unparse(expr);
  } catch {
    return fallback;
  }
}

/**
 * The condition clause by clause, around a root value the exchange already computed (the root
 * clause is the whole condition): each inner clause and each operand of a comparison is
 * evaluated on its own, under the token's budget, to show which part failed.
 */
export function conditionTree(shape: ClauseShape, field: CelField, doc: JsonDocument, bindings: ConditionBindings, rootValue: CelResult): ClauseResult {
  const scope = bindings as unknown as Record<string, unknown>;
  const visit = (node: ClauseShape, id: string): ClauseResult => {
    const value = node === shape ? rootValue : evaluateExpr(node.expr, scope);
    const text = field.text.slice(node.start, node.end);
    const result: ClauseResult = {
      id,
      kind: node.kind,
      text,
      range: celRange(doc, field, node.start, node.end),
      outcome: outcomeOf(value),
      value: displayOf(value),
      children: node.children.map((child, index) => visit(child, `${id}.clause[${index}]`)),
    };
    if (node.kind === 'leaf' && node.expr.exprKind.case === 'callExpr' && DETAILED_CALLS.has(node.expr.exprKind.value.function)) {
      const call = node.expr.exprKind.value;
      const parts = [...(call.target ? [call.target] : []), ...call.args];
      result.operands = parts.map((part) => {
        const operand = evaluateExpr(part, scope);
        return { text: safeUnparse(part, '?'), value: displayOf(operand), type: outcomeOf(operand) === 'error' ? 'error' : celTypeName(operand) };
      });
    }
    return result;
  };
  return visit(shape, 'condition');
}

export function displayOf(value: unknown): unknown {
  if (outcomeOf(value) === 'error') return { error: errorText(value as { message: string }) };
  return celToDisplay(value);
}

/** One sentence on why a clause has its value, naming operand values and type mix-ups. */
export function explainClause(clause: ClauseResult): string {
  const shown = clause.text.length > 120 ? `${clause.text.slice(0, 117)}…` : clause.text;
  switch (clause.outcome) {
    case 'error': {
      const error = (clause.value as { error: string }).error;
      const missing = /^no such key: (.*)$/.exec(error);
      const hint = missing ? ` (the token or map has no "${missing[1]}"; guard it with has())` : '';
      return `\`${shown}\` cannot be evaluated: ${error}${hint}.`;
    }
    case 'not-bool':
      return `\`${shown}\` is ${JSON.stringify(clause.value)}, not a boolean.`;
    default: {
      const detail = clause.operands ? operandDetail(clause.operands) : '';
      return `\`${shown}\` is ${clause.outcome}${detail}.`;
    }
  }
}

function operandDetail(operands: NonNullable<ClauseResult['operands']>): string {
  const parts = operands.filter((o) => !/^["'\d[{]|^(true|false|null)$/.test(o.text)).map((o) => `${o.text} = ${JSON.stringify(o.value)}`);
  const kinds = new Set(operands.map((o) => (['int', 'uint', 'double'].includes(o.type) ? 'number' : o.type)));
  const mixed =
    operands.length === 2 && kinds.size === 2 && kinds.has('string') && (kinds.has('bool') || kinds.has('number'))
      ? ' (a string never equals a boolean or a number in CEL: GitHub and GitLab send ids and flags such as ref_protected as strings)'
      : '';
  return parts.length ? ` (${parts.join(', ')})${mixed}` : mixed;
}

export { celToText, celTypeName };
