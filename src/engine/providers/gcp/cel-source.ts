/**
 * CEL text inside the provider's JSON: parsing with located errors, lexical tokens (for editor
 * highlighting and for clause spans), and the identifiers an expression references.
 */
import { parse } from '@bufbuild/cel';
import type { Expr, ParsedExpr } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';
import { diagnoseCel, expressionPosition, type PositionText } from './cel-diagnose';
import { tokenizeCel, type CelToken } from './cel-lexer';

export interface CelSyntaxError {
  /** The recognised mistake, with the parser's own words after it; the parser's words alone otherwise. */
  message: string;
  /** Where the mistake is: UTF-16 offsets in the expression, end exclusive. */
  offset: number;
  end: number;
  /** What the parser said, and where its longest valid prefix ended. */
  parser: { message: string; offset: number };
}

export type CelParse = { ok: true; parsed: ParsedExpr & { expr: Expr } } | ({ ok: false } & CelSyntaxError);

/**
 * The parser decides whether the text is CEL. When it refuses, the diagnosis may name the mistake
 * at its own place; `at` words positions for messages (a column of the expression by default, a
 * line and column of the enclosing file when the caller knows it).
 */
export function parseCel(text: string, at: PositionText = expressionPosition(text)): CelParse {
  const nesting = text.length < MAX_RECURSION_DEPTH ? null : measureNesting(text);
  if (nesting?.beyondLimit != null) {
    const message = `expression recursion limit exceeded: ${MAX_RECURSION_DEPTH}`;
    return { ok: false, message, offset: nesting.beyondLimit, end: nesting.beyondLimit + 1, parser: { message, offset: nesting.beyondLimit } };
  }
  // The library's parser spends stack on every bracket level; a browser worker's stack runs out
  // near 200 levels, well inside the limit. Parentheses that only wrap another pair change
  // nothing, so a deep text is first parsed without them (blanked, keeping every offset); a
  // text that then fails is parsed as written, for the error as written.
  if (nesting && nesting.depth > FLATTEN_BEYOND_DEPTH) {
    const flat = withoutDoubledParentheses(text, nesting.tokens);
    if (flat !== null) {
      try {
        return { ok: true, parsed: parse(flat) };
      } catch {
        // The text as written names the mistake.
      }
    }
  }
  let refusal: { message: string; offset: number };
  try {
    return { ok: true, parsed: parse(text) };
  } catch (error) {
    if (error instanceof RangeError) {
      // Only a thread with a small stack (a browser worker) gets here, and only for nesting that
      // is not merely doubled parentheses: say so rather than quote the JavaScript engine.
      const offset = nesting?.deepest ?? 0;
      const message = `the expression is nested too deeply to read in the browser (${nesting?.depth ?? 0} levels; CEL allows ${MAX_RECURSION_DEPTH}); the command line reads it`;
      return { ok: false, message, offset, end: offset + 1, parser: { message, offset } };
    }
    const located = error as { message?: string; location?: { start?: { offset?: number } } };
    // The parser prefixes `<input>:line:column: `; positions are re-based on the JSON text instead.
    refusal = { message: String(located.message ?? error).replace(/^<input>:\d+:\d+:\s*/, ''), offset: located.location?.start?.offset ?? 0 };
  }
  const diagnosis = diagnoseCel(text, at);
  if (!diagnosis) return { ok: false, message: refusal.message, offset: refusal.offset, end: refusal.offset + 1, parser: refusal };
  const where = refusal.offset === diagnosis.start ? '' : ` at ${at(refusal.offset)}`;
  return { ok: false, message: `${diagnosis.message} (parser: ${refusal.message}${where})`, offset: diagnosis.start, end: Math.max(diagnosis.end, diagnosis.start + 1), parser: refusal };
}

export { tokenizeCel, type CelToken, type CelTokenKind } from './cel-lexer';

/**
 * cel-go's parser refuses expressions nested deeper than 250 (parser/parser.go: the default
 * maxRecursionDepth, reported as "expression recursion limit exceeded: 250"); each bracket
 * opens a nested expression. Checked before parsing: the library's recursive parser would exhaust
 * the stack long before telling where the nesting is.
 */
export const MAX_RECURSION_DEPTH = 250;

/** Below this bracket depth a text is parsed exactly as written. */
const FLATTEN_BEYOND_DEPTH = 32;

interface Nesting {
  tokens: CelToken[];
  /** The deepest bracket level, and the offset of the first bracket that reaches it. */
  depth: number;
  deepest: number;
  /** Offset of the first bracket nested deeper than the limit, or null. */
  beyondLimit: number | null;
}

function measureNesting(text: string): Nesting {
  const tokens = tokenizeCel(text);
  let depth = 0;
  const nesting: Nesting = { tokens, depth: 0, deepest: 0, beyondLimit: null };
  for (const token of tokens) {
    if (token.kind !== 'punctuation') continue;
    if (token.text === '(' || token.text === '[' || token.text === '{') {
      depth++;
      if (depth > nesting.depth) {
        nesting.depth = depth;
        nesting.deepest = token.start;
      }
      if (depth > MAX_RECURSION_DEPTH) {
        nesting.beyondLimit = token.start;
        return nesting;
      }
    } else if (token.text === ')' || token.text === ']' || token.text === '}') depth = Math.max(0, depth - 1);
  }
  return nesting;
}

/**
 * The text with every pair of parentheses that sits directly inside another pair, and holds one
 * expression (no comma at its own level), blanked: `((x))` reads as `( x )` and `f((x))` as
 * `f( x )`, the same expression. Null when the brackets do not pair up or a token is unreadable
 * (the text as written is then parsed, and refused where it is wrong).
 */
export function withoutDoubledParentheses(text: string, tokens: CelToken[] = tokenizeCel(text)): string | null {
  const open: number[] = [];
  const match = new Map<number, number>();
  const hasComma = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind === 'invalid') return null;
    if (token.kind !== 'punctuation') continue;
    if (token.text === '(' || token.text === '[' || token.text === '{') open.push(i);
    else if (token.text === ',' && open.length > 0) hasComma.add(open[open.length - 1]);
    else if (token.text === ')' || token.text === ']' || token.text === '}') {
      const start = open.pop();
      if (start === undefined || CLOSER[tokens[start].text] !== token.text) return null;
      match.set(start, i);
    }
  }
  if (open.length > 0) return null;
  const chars = text.split('');
  let blanked = false;
  for (let outer = 0; outer + 1 < tokens.length; outer++) {
    const inner = outer + 1;
    if (tokens[outer].text !== '(' || tokens[inner].text !== '(' || tokens[outer].kind !== 'punctuation' || tokens[inner].kind !== 'punctuation') continue;
    const innerEnd = match.get(inner)!;
    // `f(())` is no call with no arguments: an empty pair stays.
    if (match.get(outer) !== innerEnd + 1 || innerEnd === inner + 1 || hasComma.has(inner)) continue;
    chars[tokens[inner].start] = ' ';
    chars[tokens[innerEnd].start] = ' ';
    blanked = true;
  }
  return blanked ? chars.join('') : null;
}

const CLOSER: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** Type names CEL resolves as identifiers (`type(x) == string`). */
const TYPE_IDENTIFIERS = new Set(['int', 'uint', 'double', 'bool', 'string', 'bytes', 'list', 'map', 'null_type', 'type', 'dyn']);

/**
 * Variables an expression reads, outside comprehension-local names. Google declares `assertion`
 * for mappings and `assertion`, `google`, `attribute` for conditions; anything else is refused.
 */
export function freeIdentifiers(expr: Expr): Set<string> {
  const found = new Set<string>();
  const visit = (node: Expr | undefined, bound: ReadonlySet<string>) => {
    if (!node) return;
    const kind = node.exprKind;
    switch (kind.case) {
      case 'identExpr':
        if (!bound.has(kind.value.name) && !TYPE_IDENTIFIERS.has(kind.value.name)) found.add(kind.value.name);
        return;
      case 'selectExpr':
        visit(kind.value.operand, bound);
        return;
      case 'callExpr':
        visit(kind.value.target, bound);
        for (const arg of kind.value.args) visit(arg, bound);
        return;
      case 'listExpr':
        for (const element of kind.value.elements) visit(element, bound);
        return;
      case 'structExpr':
        for (const entry of kind.value.entries) {
          if (entry.keyKind.case === 'mapKey') visit(entry.keyKind.value, bound);
          visit(entry.value, bound);
        }
        return;
      case 'comprehensionExpr': {
        const c = kind.value;
        visit(c.iterRange, bound);
        visit(c.accuInit, bound);
        const inner = new Set(bound);
        inner.add(c.iterVar);
        if (c.iterVar2) inner.add(c.iterVar2);
        inner.add(c.accuVar);
        visit(c.loopCondition, inner);
        visit(c.loopStep, inner);
        const result = new Set(bound);
        result.add(c.accuVar);
        visit(c.result, result);
        return;
      }
      default:
        return;
    }
  };
  visit(expr, new Set());
  return found;
}

/** `assertion.x`, `attribute.y`, `google.subject`: the first field read from each variable. */
export function variableFields(expr: Expr, variable: string): Array<{ field: string; testOnly: boolean }> {
  const fields: Array<{ field: string; testOnly: boolean }> = [];
  const visit = (node: Expr | undefined) => {
    if (!node) return;
    const kind = node.exprKind;
    switch (kind.case) {
      case 'selectExpr': {
        const operand = kind.value.operand?.exprKind;
        if (operand?.case === 'identExpr' && operand.value.name === variable) {
          fields.push({ field: kind.value.field, testOnly: kind.value.testOnly });
        }
        visit(kind.value.operand);
        return;
      }
      case 'callExpr':
        // `assertion['x']` reads field x too.
        if (kind.value.function === '_[_]' && kind.value.args.length === 2) {
          const [target, key] = kind.value.args;
          if (target.exprKind.case === 'identExpr' && target.exprKind.value.name === variable && key.exprKind.case === 'constExpr' && key.exprKind.value.constantKind.case === 'stringValue') {
            fields.push({ field: key.exprKind.value.constantKind.value, testOnly: false });
          }
        }
        visit(kind.value.target);
        for (const arg of kind.value.args) visit(arg);
        return;
      case 'listExpr':
        for (const element of kind.value.elements) visit(element);
        return;
      case 'structExpr':
        for (const entry of kind.value.entries) {
          if (entry.keyKind.case === 'mapKey') visit(entry.keyKind.value);
          visit(entry.value);
        }
        return;
      case 'comprehensionExpr':
        visit(kind.value.iterRange);
        visit(kind.value.accuInit);
        visit(kind.value.loopCondition);
        visit(kind.value.loopStep);
        visit(kind.value.result);
        return;
      default:
        return;
    }
  };
  visit(expr);
  return fields;
}
