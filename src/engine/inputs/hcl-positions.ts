/**
 * Where things are in Terraform text. The HCL library that gives the meaning of the text reports
 * no source positions, so this light scanner finds the offsets of blocks, attributes, object keys,
 * tuple elements and function arguments. It decides nothing about values: every value the
 * converters use comes from the library; this only says where each one was written.
 */

export type PositionExpr =
  | { kind: 'object'; start: number; end: number; entries: PositionEntry[] }
  | { kind: 'tuple'; start: number; end: number; items: PositionExpr[] }
  | { kind: 'call'; name: string; start: number; end: number; args: PositionExpr[] }
  | { kind: 'string'; start: number; end: number }
  | { kind: 'heredoc'; start: number; end: number; contentStart: number; contentEnd: number; indented: boolean }
  | { kind: 'other'; start: number; end: number };

export interface PositionEntry {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: PositionExpr;
}

export interface PositionAttribute {
  kind: 'attribute';
  name: string;
  nameStart: number;
  value: PositionExpr;
}

export interface PositionBlock {
  kind: 'block';
  type: string;
  labels: string[];
  start: number;
  end: number;
  body: PositionItem[];
}

export type PositionItem = PositionAttribute | PositionBlock;

type TokenKind = 'ident' | 'string' | 'heredoc' | 'number' | 'punct' | 'newline';
interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
  contentStart?: number;
  contentEnd?: number;
  indented?: boolean;
}

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57) || c === 45;
}

const TWO_CHAR = new Set(['==', '!=', '>=', '<=', '=>', '&&', '||', '::', '..']);

/** Skips a quoted template from `start` (at the quote); returns the offset after the closing quote. */
function skipQuoted(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    // Most characters of a string are none of the five that matter here.
    if (code !== 92 && code !== 34 && code !== 10 && code !== 36 && code !== 37) {
      i++;
      continue;
    }
    const c = text[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '"') return i + 1;
    if (c === '\n') return i;
    if ((c === '$' || c === '%') && text[i + 1] === '{') {
      if (text[i - 1] === c && text[i - 2] !== c) {
        i += 2;
        continue;
      }
      i = skipInterpolation(text, i + 2);
      continue;
    }
    i++;
  }
  return i;
}

function skipInterpolation(text: string, start: number): number {
  let depth = 1;
  let i = start;
  while (i < text.length && depth > 0) {
    const c = text[i];
    if (c === '"') {
      i = skipQuoted(text, i);
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') depth--;
    i++;
  }
  return i;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 32 || code === 9 || code === 13) {
      i++;
      continue;
    }
    const c = text[i];
    if (c === '\n') {
      tokens.push({ kind: 'newline', text: c, start: i, end: i + 1 });
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\uFEFF') {
      i++;
    } else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
    } else if (c === '"') {
      const end = skipQuoted(text, i);
      tokens.push({ kind: 'string', text: text.slice(i, end), start: i, end });
      i = end;
    } else if (c === '<' && text[i + 1] === '<' && /^<<-?[A-Za-z_][A-Za-z0-9_-]*[ \t]*\r?\n/.test(text.slice(i, i + 300))) {
      const header = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/.exec(text.slice(i, i + 300))!;
      const contentStart = i + header[0].length;
      let lineStart = contentStart;
      let contentEnd = text.length;
      let end = text.length;
      while (lineStart < text.length) {
        let lineEnd = text.indexOf('\n', lineStart);
        if (lineEnd < 0) lineEnd = text.length;
        if (text.slice(lineStart, lineEnd).trim() === header[2]) {
          contentEnd = lineStart;
          end = lineEnd;
          break;
        }
        lineStart = lineEnd + 1;
      }
      tokens.push({ kind: 'heredoc', text: text.slice(i, end), start: i, end, contentStart, contentEnd, indented: header[1] === '-' });
      i = end;
    } else if (isIdentStart(text.charCodeAt(i))) {
      let j = i + 1;
      while (j < text.length && isIdentPart(text.charCodeAt(j))) j++;
      tokens.push({ kind: 'ident', text: text.slice(i, j), start: i, end: j });
      i = j;
    } else if (c >= '0' && c <= '9') {
      let j = i + 1;
      while (j < text.length && /[0-9.eE+-]/.test(text[j]) && !(text[j] === '.' && !/[0-9]/.test(text[j + 1] ?? ''))) j++;
      tokens.push({ kind: 'number', text: text.slice(i, j), start: i, end: j });
      i = j;
    } else {
      const pair = text.slice(i, i + 2);
      const width = TWO_CHAR.has(pair) ? 2 : 1;
      tokens.push({ kind: 'punct', text: text.slice(i, i + width), start: i, end: i + width });
      i += width;
    }
  }
  return tokens;
}

const OPEN: Record<string, string> = { '{': '}', '[': ']', '(': ')' };

/** The text a quoted key names: escapes undone for the common cases; interpolated keys keep their text. */
export function quotedKey(token: string): string {
  const inner = token.slice(1, token.endsWith('"') && token.length > 1 ? -1 : undefined);
  return inner.replace(/\\(["\\nrt])/g, (_, ch: string) => ({ n: '\n', r: '\r', t: '\t' })[ch] ?? ch);
}

class PositionParser {
  private index = 0;
  /** The first thing that is not HCL structure: a stray token or a block left open. */
  problem: { offset: number; message: string } | null = null;
  constructor(private readonly tokens: Token[]) {}

  private note(offset: number, message: string): void {
    this.problem ??= { offset, message };
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.index + offset];
  }

  private skipNewlines(): void {
    while (this.peek()?.kind === 'newline') this.index++;
  }

  body(closing: string | null): { items: PositionItem[]; end: number } {
    const items: PositionItem[] = [];
    for (;;) {
      this.skipNewlines();
      const token = this.peek();
      if (!token) {
        if (closing) this.note(this.tokens.at(-1)?.end ?? 0, 'a block is not closed with "}"');
        return { items, end: this.tokens.at(-1)?.end ?? 0 };
      }
      if (closing && token.kind === 'punct' && token.text === closing) {
        this.index++;
        return { items, end: token.end };
      }
      if (token.kind === 'ident' && this.peek(1)?.kind === 'punct' && this.peek(1)!.text === '=') {
        this.index += 2;
        items.push({ kind: 'attribute', name: token.text, nameStart: token.start, value: this.expression(['newline']) });
        continue;
      }
      if (token.kind === 'ident') {
        const labels: string[] = [];
        let j = 1;
        while (this.peek(j) && (this.peek(j)!.kind === 'string' || this.peek(j)!.kind === 'ident')) {
          labels.push(this.peek(j)!.kind === 'string' ? quotedKey(this.peek(j)!.text) : this.peek(j)!.text);
          j++;
        }
        if (this.peek(j)?.kind === 'punct' && this.peek(j)!.text === '{') {
          this.index += j + 1;
          const inner = this.body('}');
          items.push({ kind: 'block', type: token.text, labels, start: token.start, end: inner.end, body: inner.items });
          continue;
        }
      }
      this.note(token.start, token.kind === 'punct' && token.text === '}' ? 'a "}" closes no block' : `expected an attribute (NAME = VALUE) or a block, not ${JSON.stringify(token.text.slice(0, 20))}`);
      this.index++;
    }
  }

  /** One expression, ending before any of `stops` at bracket depth 0. */
  expression(stops: string[]): PositionExpr {
    const first = this.peek();
    if (!first) return { kind: 'other', start: this.tokens.at(-1)?.end ?? 0, end: this.tokens.at(-1)?.end ?? 0 };
    let primary: PositionExpr | null = null;
    if (first.kind === 'punct' && first.text === '{') primary = this.object();
    else if (first.kind === 'punct' && first.text === '[') primary = this.tuple();
    else if (first.kind === 'ident' && this.peek(1)?.kind === 'punct' && this.peek(1)!.text === '(') primary = this.call();
    else if (first.kind === 'string') {
      this.index++;
      primary = { kind: 'string', start: first.start, end: first.end };
    } else if (first.kind === 'heredoc') {
      this.index++;
      primary = { kind: 'heredoc', start: first.start, end: first.end, contentStart: first.contentStart!, contentEnd: first.contentEnd!, indented: !!first.indented };
    }
    const start = primary?.start ?? first.start;
    let end = primary?.end ?? first.start;
    let extended = primary === null;
    let depth = 0;
    while (this.peek()) {
      const token = this.peek()!;
      if (depth === 0 && (stops.includes(token.text) || (token.kind === 'newline' && stops.includes('newline')))) break;
      if (depth === 0 && token.kind === 'punct' && (token.text === '}' || token.text === ']' || token.text === ')')) break;
      if (token.kind === 'punct' && token.text in OPEN) depth++;
      else if (token.kind === 'punct' && Object.values(OPEN).includes(token.text)) depth--;
      if (token.kind !== 'newline') {
        end = token.end;
        extended = true;
      }
      this.index++;
    }
    if (primary && !extended) return primary;
    return { kind: 'other', start, end };
  }

  private object(): PositionExpr {
    const open = this.peek()!;
    this.index++;
    const entries: PositionEntry[] = [];
    for (;;) {
      while (this.peek() && (this.peek()!.kind === 'newline' || this.peek()!.text === ',')) this.index++;
      const token = this.peek();
      if (!token) return { kind: 'object', start: open.start, end: this.tokens.at(-1)!.end, entries };
      if (token.kind === 'punct' && token.text === '}') {
        this.index++;
        return { kind: 'object', start: open.start, end: token.end, entries };
      }
      const keyStart = token.start;
      let keyEnd = token.end;
      const key = token.kind === 'string' ? quotedKey(token.text) : token.text;
      this.index++;
      // A parenthesised or dotted key runs up to its `=` or `:`.
      while (this.peek() && !(this.peek()!.kind === 'punct' && (this.peek()!.text === '=' || this.peek()!.text === ':')) && this.peek()!.kind !== 'newline') {
        if (this.peek()!.text === '}') break;
        keyEnd = this.peek()!.end;
        this.index++;
      }
      if (this.peek()?.text === '=' || this.peek()?.text === ':') {
        this.index++;
        entries.push({ key, keyStart, keyEnd, value: this.expression(['newline', ',']) });
      }
    }
  }

  private tuple(): PositionExpr {
    const open = this.peek()!;
    this.index++;
    const items: PositionExpr[] = [];
    for (;;) {
      while (this.peek() && (this.peek()!.kind === 'newline' || this.peek()!.text === ',')) this.index++;
      const token = this.peek();
      if (!token) return { kind: 'tuple', start: open.start, end: this.tokens.at(-1)!.end, items };
      if (token.kind === 'punct' && token.text === ']') {
        this.index++;
        return { kind: 'tuple', start: open.start, end: token.end, items };
      }
      const before = this.index;
      items.push(this.expressionIgnoringNewlines([',']));
      if (this.index === before) this.index++;
    }
  }

  private call(): PositionExpr {
    const name = this.peek()!;
    this.index += 2;
    const args: PositionExpr[] = [];
    for (;;) {
      while (this.peek() && (this.peek()!.kind === 'newline' || this.peek()!.text === ',')) this.index++;
      const token = this.peek();
      if (!token) return { kind: 'call', name: name.text, start: name.start, end: this.tokens.at(-1)!.end, args };
      if (token.kind === 'punct' && token.text === ')') {
        this.index++;
        return { kind: 'call', name: name.text, start: name.start, end: token.end, args };
      }
      const before = this.index;
      args.push(this.expressionIgnoringNewlines([',']));
      if (this.index === before) this.index++;
    }
  }

  /** Inside brackets and parentheses newlines do not end an expression. */
  private expressionIgnoringNewlines(stops: string[]): PositionExpr {
    while (this.peek()?.kind === 'newline') this.index++;
    return this.expression(stops);
  }
}

export function scanPositions(text: string): PositionItem[] {
  return new PositionParser(tokenize(text)).body(null).items;
}

/** The positions of the text and the first structural problem in it, if any. */
export function scanChecked(text: string): { items: PositionItem[]; problem: { offset: number; message: string } | null; heredocs: Array<{ start: number; end: number; text: string }> } {
  const tokens = tokenize(text);
  const parser = new PositionParser(tokens);
  const items = parser.body(null).items;
  return { items, problem: parser.problem, heredocs: tokens.filter((t) => t.kind === 'heredoc') };
}

/** Positions of one expression's text (e.g. a jsonencode argument), offsets relative to `base`. */
export function scanExpression(text: string, base = 0): PositionExpr {
  const tokens = tokenize(text).map((t) => ({
    ...t,
    start: t.start + base,
    end: t.end + base,
    contentStart: t.contentStart === undefined ? undefined : t.contentStart + base,
    contentEnd: t.contentEnd === undefined ? undefined : t.contentEnd + base,
  }));
  return new PositionParser(tokens).expression([]);
}
