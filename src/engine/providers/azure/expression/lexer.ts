/** Splits an expression into words, brackets and single-quoted strings, keeping positions. */
import type { ExpressionSyntaxError, Span } from './ast';

export type LexToken =
  | { kind: 'word'; text: string; span: Span }
  | { kind: 'string'; value: string; span: Span }
  | { kind: 'open' | 'close'; span: Span };

export type LexOutcome = { ok: true; tokens: LexToken[] } | { ok: false; error: ExpressionSyntaxError };

const TYPOGRAPHIC_QUOTES = new Set(['\u2018', '\u2019', '\u201a', '\u201b', '\u2032']);
const TYPOGRAPHIC_DOUBLE_QUOTES = new Set(['\u201c', '\u201d', '\u201e']);

function isWordChar(char: string): boolean {
  return /^[A-Za-z0-9_]$/.test(char);
}

function isSpace(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r';
}

export function column(index: number): number {
  return index + 1;
}

function fail(message: string, start: number, end: number): LexOutcome {
  return { ok: false, error: { message, span: { start, end } } };
}

export function lex(text: string): LexOutcome {
  const tokens: LexToken[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (isSpace(char)) {
      index++;
      continue;
    }
    if (char === '[') {
      tokens.push({ kind: 'open', span: { start: index, end: index + 1 } });
      index++;
      continue;
    }
    if (char === ']') {
      tokens.push({ kind: 'close', span: { start: index, end: index + 1 } });
      index++;
      continue;
    }
    if (char === "'") {
      // A quote inside a string is written twice (`''`), the escape the documentation's
      // "single quotes are interpreted as escape characters" describes.
      const start = index;
      let value = '';
      index++;
      let closed = false;
      while (index < text.length) {
        if (text[index] === "'") {
          if (text[index + 1] === "'") {
            value += "'";
            index += 2;
            continue;
          }
          index++;
          closed = true;
          break;
        }
        value += text[index];
        index++;
      }
      if (!closed) return fail(`unterminated string starting at column ${column(start)}: close it with a single quote (')`, start, text.length);
      tokens.push({ kind: 'string', value, span: { start, end: index } });
      continue;
    }
    if (isWordChar(char)) {
      const start = index;
      while (index < text.length && isWordChar(text[index])) index++;
      tokens.push({ kind: 'word', text: text.slice(start, index), span: { start, end: index } });
      continue;
    }
    if (TYPOGRAPHIC_QUOTES.has(char) || TYPOGRAPHIC_DOUBLE_QUOTES.has(char)) {
      return fail(
        `typographic quote ${char} at column ${column(index)}: strings need straight single quotes (')`,
        index,
        index + 1,
      );
    }
    if (char === '"') {
      return fail(`double quote at column ${column(index)}: strings need single quotes (')`, index, index + 1);
    }
    if (char === '(' || char === ')') {
      return fail(`parenthesis at column ${column(index)}: the expression language has no grouping, only comparisons joined by 'and'`, index, index + 1);
    }
    const codePoint = String.fromCodePoint(text.codePointAt(index) ?? 0);
    return fail(`unexpected character ${JSON.stringify(codePoint)} at column ${column(index)}`, index, index + codePoint.length);
  }
  return { ok: true, tokens };
}
