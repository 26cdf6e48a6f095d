/**
 * The attribute condition as a tree of clauses: `&&`, `||` and `!` nodes down to leaves, each with
 * its span in the CEL text. The parser records one start position per node; ends are found from
 * the operator tokens between siblings, so spans stay exact for any spacing, parentheses or
 * comments. Chains of the same operator are flattened (`a && b && c` has three clauses).
 */
import type { Expr, ParsedExpr } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';
import { tokenizeCel, type CelToken } from './cel-source';

export type ClauseKind = 'and' | 'or' | 'not' | 'leaf';

export interface ClauseShape {
  kind: ClauseKind;
  expr: Expr;
  /** Offsets in the CEL text, end exclusive. */
  start: number;
  end: number;
  children: ClauseShape[];
}

const OPERATOR_OF: Record<string, ClauseKind> = { '_&&_': 'and', '_||_': 'or', '!_': 'not' };
const TOKEN_OF: Record<string, string> = { and: '&&', or: '||' };

function kindOf(expr: Expr): ClauseKind {
  return expr.exprKind.case === 'callExpr' ? (OPERATOR_OF[expr.exprKind.value.function] ?? 'leaf') : 'leaf';
}

function childrenOf(expr: Expr): Expr[] {
  const kind = expr.exprKind;
  switch (kind.case) {
    case 'callExpr':
      return [...(kind.value.target ? [kind.value.target] : []), ...kind.value.args];
    case 'selectExpr':
      return kind.value.operand ? [kind.value.operand] : [];
    case 'listExpr':
      return kind.value.elements;
    case 'structExpr':
      return kind.value.entries.flatMap((e) => [...(e.keyKind.case === 'mapKey' ? [e.keyKind.value] : []), ...(e.value ? [e.value] : [])]);
    case 'comprehensionExpr':
      return [kind.value.iterRange, kind.value.accuInit, kind.value.loopCondition, kind.value.loopStep, kind.value.result].filter((e): e is Expr => !!e);
    default:
      return [];
  }
}

export function clauseTree(parsed: ParsedExpr & { expr: Expr }, text: string): ClauseShape {
  const tokens = tokenizeCel(text).filter((t) => t.kind !== 'comment');
  const positions = parsed.sourceInfo?.positions ?? {};
  const matching = matchParens(tokens);

  // Balanced `&&`/`||` chains carry synthetic positions (often 0): only their operands count.
  const minPosition = (expr: Expr): number => {
    const logical = kindOf(expr) === 'and' || kindOf(expr) === 'or';
    let min = logical ? Number.POSITIVE_INFINITY : (positions[String(expr.id)] ?? Number.POSITIVE_INFINITY);
    for (const child of childrenOf(expr)) min = Math.min(min, minPosition(child));
    return min;
  };
  const tokenAtOrAfter = (offset: number): number => {
    const index = tokens.findIndex((t) => t.end > offset);
    return index < 0 ? tokens.length : index;
  };
  const leaf = (expr: Expr, s: number, e: number): ClauseShape => ({
    kind: 'leaf',
    expr,
    start: tokens[s]?.start ?? 0,
    end: tokens[e - 1]?.end ?? text.length,
    children: [],
  });

  const build = (expr: Expr, from: number, to: number): { shape: ClauseShape; grouped: boolean } => {
    let s = from;
    let e = to;
    let grouped = false;
    while (e - s >= 2 && tokens[s].text === '(' && matching.get(s) === e - 1) {
      s++;
      e--;
      grouped = true;
    }
    if (s >= e) return { shape: leaf(expr, from, to), grouped };
    const kind = kindOf(expr);
    const call = expr.exprKind.case === 'callExpr' ? expr.exprKind.value : undefined;
    if (kind === 'not' && call && tokens[s].text === '!') {
      const inner = build(call.args[0], s + 1, e);
      return { shape: { kind, expr, start: tokens[s].start, end: tokens[e - 1].end, children: [inner.shape] }, grouped };
    }
    if ((kind === 'and' || kind === 'or') && call && call.args.length === 2) {
      const [left, right] = call.args;
      let op = tokenAtOrAfter(minPosition(right)) - 1;
      while (op > s && (tokens[op].text === '(' || tokens[op].text === '!')) op--;
      if (op > s && op < e - 1 && tokens[op].text === TOKEN_OF[kind]) {
        const parts = [build(left, s, op), build(right, op + 1, e)];
        const children = parts.flatMap((part) => (part.shape.kind === kind && !part.grouped ? part.shape.children : [part.shape]));
        return { shape: { kind, expr, start: tokens[s].start, end: tokens[e - 1].end, children }, grouped };
      }
    }
    return { shape: leaf(expr, s, e), grouped };
  };

  return build(parsed.expr, 0, tokens.length).shape;
}

function matchParens(tokens: CelToken[]): Map<number, number> {
  const pairs = new Map<number, number>();
  const stack: number[] = [];
  tokens.forEach((token, index) => {
    if (token.text === '(') stack.push(index);
    else if (token.text === ')' && stack.length) pairs.set(stack.pop()!, index);
  });
  return pairs;
}
