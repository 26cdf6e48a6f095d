/**
 * CEL text inside the provider's JSON: parsing with located errors, lexical tokens (for editor
 * highlighting and for clause spans), and the identifiers an expression references.
 */
import { parse } from '@bufbuild/cel';
import type { Expr, ParsedExpr } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';

export type CelParse = { ok: true; parsed: ParsedExpr & { expr: Expr } } | { ok: false; message: string; offset: number };

export function parseCel(text: string): CelParse {
  try {
    return { ok: true, parsed: parse(text) };
  } catch (error) {
    const located = error as { message?: string; location?: { start?: { offset?: number } } };
    const offset = located.location?.start?.offset ?? 0;
    // The parser prefixes `<input>:line:column: `; positions are re-based on the JSON text instead.
    const message = String(located.message ?? error).replace(/^<input>:\d+:\d+:\s*/, '');
    return { ok: false, message, offset };
  }
}

export type CelTokenKind = 'string' | 'number' | 'identifier' | 'keyword' | 'operator' | 'punctuation' | 'comment' | 'invalid';

export interface CelToken {
  kind: CelTokenKind;
  start: number;
  end: number;
  text: string;
}

const KEYWORDS = new Set(['true', 'false', 'null', 'in']);
const OPERATORS = ['&&', '||', '==', '!=', '<=', '>=', '!', '<', '>', '+', '-', '*', '/', '%', '?', ':'];
const PUNCTUATION = new Set(['(', ')', '[', ']', '{', '}', '.', ',']);

/** A forgiving lexer: it never throws, and unknown characters become `invalid` tokens. */
export function tokenizeCel(text: string): CelToken[] {
  const tokens: CelToken[] = [];
  let i = 0;
  const push = (kind: CelTokenKind, start: number, end: number) => tokens.push({ kind, start, end, text: text.slice(start, end) });
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      push('comment', i, end < 0 ? text.length : end);
      i = end < 0 ? text.length : end;
      continue;
    }
    const stringStart = /^([rRbB]{0,2})('''|"""|'|")/.exec(text.slice(i, i + 5));
    if (stringStart && (stringStart[1] === '' || /^(r|R|b|B|rb|rB|Rb|RB|br|bR|Br|BR)$/.test(stringStart[1]))) {
      const raw = /[rR]/.test(stringStart[1]);
      const quote = stringStart[2];
      let j = i + stringStart[0].length;
      let closed = false;
      while (j < text.length) {
        if (!raw && text[j] === '\\') {
          j += 2;
          continue;
        }
        if (text.startsWith(quote, j)) {
          j += quote.length;
          closed = true;
          break;
        }
        if (quote.length === 1 && text[j] === '\n') break;
        j++;
      }
      push(closed ? 'string' : 'invalid', i, Math.min(j, text.length));
      i = Math.min(j, text.length);
      continue;
    }
    const number = /^(0[xX][0-9a-fA-F]+[uU]?|(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?[uU]?)/.exec(text.slice(i));
    if (number && (/\d/.test(c) || (c === '.' && /\d/.test(text[i + 1] ?? '')))) {
      push('number', i, i + number[0].length);
      i += number[0].length;
      continue;
    }
    const identifier = /^[_a-zA-Z][_a-zA-Z0-9]*/.exec(text.slice(i));
    if (identifier) {
      push(KEYWORDS.has(identifier[0]) ? 'keyword' : 'identifier', i, i + identifier[0].length);
      i += identifier[0].length;
      continue;
    }
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      const stop = end < 0 ? text.length : end + 1;
      push(end < 0 ? 'invalid' : 'identifier', i, stop);
      i = stop;
      continue;
    }
    const operator = OPERATORS.find((op) => text.startsWith(op, i));
    if (operator) {
      push('operator', i, i + operator.length);
      i += operator.length;
      continue;
    }
    push(PUNCTUATION.has(c) ? 'punctuation' : 'invalid', i, i + 1);
    i++;
  }
  return tokens;
}

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
