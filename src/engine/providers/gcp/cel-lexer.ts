/**
 * A forgiving CEL lexer (google/cel-spec doc/langdef.md, "Syntax"): tokens for editor highlighting,
 * clause spans and the syntax diagnosis. It never throws; text it cannot read becomes `invalid`.
 */

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
    // Only these separate tokens; a pasted non-breaking space is not CEL whitespace.
    if (/[\t\n\f\r ]/.test(c)) {
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
    // `1.foo` is the integer 1 and a field selection, not the float `1.`: a dot belongs to a number
    // only when digits or an exponent follow it.
    const number = /^(0[xX][0-9a-fA-F]+[uU]?|(\d+\.\d+|\d+\.(?=[eE][+-]?\d)|\.\d+|\d+)([eE][+-]?\d+)?[uU]?)/.exec(text.slice(i));
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
