/**
 * HCL expression syntax (https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md): the
 * source text of one expression → a tree with offsets into the pasted text. The HCL library
 * checks that the whole file is HCL; this reads expressions from their source text because the
 * library's output cannot tell an interpolation from an escaped `$${…}` literal.
 */

export type Expr =
  | { t: 'lit'; v: null | boolean | number | string; s: number; e: number }
  | { t: 'tpl'; parts: TemplatePart[]; s: number; e: number; heredoc: boolean }
  | { t: 'ref'; name: string; s: number; e: number }
  | { t: 'attr'; obj: Expr; name: string; s: number; e: number }
  | { t: 'index'; obj: Expr; key: Expr; s: number; e: number }
  | { t: 'splat'; obj: Expr; each: Expr; s: number; e: number }
  | { t: 'call'; name: string; args: Expr[]; expand: boolean; s: number; e: number }
  | { t: 'tuple'; items: Expr[]; s: number; e: number }
  | { t: 'object'; entries: ObjectEntry[]; s: number; e: number }
  | { t: 'for'; key?: string; value: string; coll: Expr; keyExpr?: Expr; valueExpr: Expr; cond?: Expr; group: boolean; object: boolean; s: number; e: number }
  | { t: 'cond'; c: Expr; a: Expr; b: Expr; s: number; e: number }
  | { t: 'bin'; op: string; l: Expr; r: Expr; s: number; e: number }
  | { t: 'un'; op: '!' | '-'; x: Expr; s: number; e: number }
  /** The element a splat's traversal applies to. */
  | { t: 'each'; s: number; e: number };

export interface ObjectEntry {
  key: Expr;
  /** A bare identifier key names itself (`{ a = 1 }`), never a variable. */
  ident: boolean;
  value: Expr;
}

export type TemplatePart =
  | { kind: 'lit'; text: string; s: number; e: number }
  | { kind: 'interp'; expr: Expr }
  | { kind: 'if'; cond: Expr; then: TemplatePart[]; else: TemplatePart[] }
  | { kind: 'for'; key?: string; value: string; coll: Expr; body: TemplatePart[] };

export class HclSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Expressions nested deeper than this are refused with a located message, not a stack overflow. */
export const MAX_NESTING = 200;

const BINARY: Array<string[]> = [['||'], ['&&'], ['==', '!='], ['>', '>=', '<', '<='], ['+', '-'], ['*', '/', '%']];
const TWO = new Set(['==', '!=', '>=', '<=', '=>', '&&', '||']);
const ONE = new Set(['{', '}', '[', ']', '(', ')', ',', '.', '?', ':', '=', '+', '-', '*', '/', '%', '>', '<', '!']);

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c) || c === 45;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

interface Token {
  kind: 'ident' | 'number' | 'punct' | 'quote' | 'heredoc' | 'eof';
  text: string;
  s: number;
  e: number;
  /** A newline lies between this token and the previous one. */
  nl: boolean;
}

class Parser {
  private pos: number;
  private depth = 0;
  /** Whether a newline ends the expression being read (object values) or not (inside () and []). */
  private newlineEnds: boolean[] = [false];

  constructor(
    private readonly text: string,
    start: number,
    private readonly end: number,
  ) {
    this.pos = start;
  }

  private fail(message: string, offset = this.pos): never {
    throw new HclSyntaxError(message, offset);
  }

  private nest<T>(offset: number, read: () => T): T {
    if (++this.depth > MAX_NESTING) this.fail(`expressions are nested more than ${MAX_NESTING} levels deep`, offset);
    try {
      return read();
    } finally {
      this.depth--;
    }
  }

  /** Skips blanks and comments; says whether a newline was crossed. */
  private skip(): boolean {
    let nl = false;
    while (this.pos < this.end) {
      const code = this.text.charCodeAt(this.pos);
      if (code === 32 || code === 9 || code === 13) {
        this.pos++;
        continue;
      }
      const c = this.text[this.pos];
      if (c === '\n') {
        nl = true;
        this.pos++;
      } else if (c === '\uFEFF') this.pos++;
      else if (c === '#' || (c === '/' && this.text[this.pos + 1] === '/')) {
        while (this.pos < this.end && this.text[this.pos] !== '\n') this.pos++;
      } else if (c === '/' && this.text[this.pos + 1] === '*') {
        const close = this.text.indexOf('*/', this.pos + 2);
        if (close < 0 || close >= this.end) this.fail('a comment is not closed');
        this.pos = close + 2;
      } else break;
    }
    return nl;
  }

  /** The token at `pos` as last read: peeking twice does not read it twice. */
  private peeked: { at: number; token: Token; after: number } | null = null;

  peek(): Token {
    if (this.peeked?.at === this.pos) return this.peeked.token;
    const at = this.pos;
    const token = this.lex();
    this.peeked = { at, token, after: this.pos };
    this.pos = at;
    return token;
  }

  private lex(): Token {
    if (this.peeked?.at === this.pos) {
      this.pos = this.peeked.after;
      return this.peeked.token;
    }
    const nl = this.skip();
    const s = this.pos;
    if (s >= this.end) return { kind: 'eof', text: '', s, e: s, nl };
    const code = this.text.charCodeAt(s);
    if (isIdentStart(code)) {
      let j = s + 1;
      while (j < this.end && isIdentPart(this.text.charCodeAt(j))) j++;
      this.pos = j;
      return { kind: 'ident', text: this.text.slice(s, j), s, e: j, nl };
    }
    if (code >= 48 && code <= 57) {
      let j = s + 1;
      while (j < this.end && isDigit(this.text.charCodeAt(j))) j++;
      if (this.text[j] === '.' && isDigit(this.text.charCodeAt(j + 1))) {
        j += 2;
        while (j < this.end && isDigit(this.text.charCodeAt(j))) j++;
      }
      if ((this.text[j] === 'e' || this.text[j] === 'E') && /^[eE][+-]?[0-9]/.test(this.text.slice(j, j + 3))) {
        j += this.text[j + 1] === '+' || this.text[j + 1] === '-' ? 2 : 1;
        while (j < this.end && isDigit(this.text.charCodeAt(j))) j++;
      }
      this.pos = j;
      return { kind: 'number', text: this.text.slice(s, j), s, e: j, nl };
    }
    const c = this.text[s];
    if (c === '"') {
      this.pos = s + 1;
      return { kind: 'quote', text: '"', s, e: s + 1, nl };
    }
    if (c === '<' && this.text[s + 1] === '<' && /^<<-?[A-Za-z_]/.test(this.text.slice(s, s + 4))) {
      this.pos = s + 2;
      return { kind: 'heredoc', text: '<<', s, e: s + 2, nl };
    }
    const three = this.text.slice(s, s + 3);
    const two = three.slice(0, 2);
    const p = three === '...' ? three : TWO.has(two) ? two : ONE.has(c) ? c : null;
    if (p && s + p.length <= this.end) {
      this.pos = s + p.length;
      return { kind: 'punct', text: p, s, e: this.pos, nl };
    }
    this.fail(`unexpected character ${JSON.stringify(c)}`, s);
  }

  private next(): Token {
    return this.lex();
  }

  private expect(text: string): Token {
    const token = this.next();
    if (token.text !== text || (token.kind !== 'punct' && token.kind !== 'ident')) this.fail(`expected "${text}"${token.kind === 'eof' ? ' before the end of the expression' : ''}`, token.s);
    return token;
  }

  private isPunct(token: Token, ...texts: string[]): boolean {
    return token.kind === 'punct' && texts.includes(token.text);
  }

  private endsHere(token: Token): boolean {
    return token.nl && this.newlineEnds[this.newlineEnds.length - 1];
  }

  private within<T>(newlineEnds: boolean, read: () => T): T {
    this.newlineEnds.push(newlineEnds);
    try {
      return read();
    } finally {
      this.newlineEnds.pop();
    }
  }

  expression(): Expr {
    return this.nest(this.pos, () => {
      const c = this.binary(0);
      const q = this.peek();
      if (this.isPunct(q, '?') && !this.endsHere(q)) {
        this.next();
        const a = this.expression();
        this.expect(':');
        const b = this.expression();
        return { t: 'cond', c, a, b, s: c.s, e: b.e };
      }
      return c;
    });
  }

  private binary(level: number): Expr {
    if (level === BINARY.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const op = this.peek();
      if (!this.isPunct(op, ...BINARY[level]) || this.endsHere(op)) return left;
      this.next();
      const right = this.binary(level + 1);
      left = { t: 'bin', op: op.text, l: left, r: right, s: left.s, e: right.e };
    }
  }

  private unary(): Expr {
    const token = this.peek();
    if (this.isPunct(token, '!', '-')) {
      this.next();
      const x = this.nest(token.s, () => this.unary());
      return { t: 'un', op: token.text as '!' | '-', x, s: token.s, e: x.e };
    }
    return this.postfix(this.primary());
  }

  private postfix(expr: Expr): Expr {
    for (;;) {
      const token = this.peek();
      if (this.endsHere(token)) return expr;
      if (this.isPunct(token, '.')) {
        this.next();
        const name = this.next();
        if (this.isPunct(name, '*')) {
          expr = { t: 'splat', obj: expr, each: this.splatTail(true), s: expr.s, e: name.e };
          expr.e = Math.max(expr.e, endOf(expr.each));
          continue;
        }
        if (name.kind === 'number') {
          expr = { t: 'index', obj: expr, key: { t: 'lit', v: Number(name.text), s: name.s, e: name.e }, s: expr.s, e: name.e };
          continue;
        }
        if (name.kind !== 'ident') this.fail('expected an attribute name after "."', name.s);
        expr = { t: 'attr', obj: expr, name: name.text, s: expr.s, e: name.e };
        continue;
      }
      if (this.isPunct(token, '[')) {
        this.next();
        const star = this.peek();
        if (this.isPunct(star, '*')) {
          this.next();
          const close = this.expect(']');
          expr = { t: 'splat', obj: expr, each: this.splatTail(false), s: expr.s, e: close.e };
          expr.e = Math.max(expr.e, endOf(expr.each));
          continue;
        }
        const key = this.within(false, () => this.expression());
        const close = this.expect(']');
        expr = { t: 'index', obj: expr, key, s: expr.s, e: close.e };
        continue;
      }
      return expr;
    }
  }

  /** The traversal after `[*]` (attributes and indexes) or `.*` (attributes only). */
  private splatTail(attributesOnly: boolean): Expr {
    let each: Expr = { t: 'each', s: this.pos, e: this.pos };
    for (;;) {
      const token = this.peek();
      if (this.endsHere(token)) return each;
      if (this.isPunct(token, '.')) {
        this.next();
        const name = this.next();
        if (name.kind !== 'ident') this.fail('expected an attribute name after "."', name.s);
        each = { t: 'attr', obj: each, name: name.text, s: each.s, e: name.e };
      } else if (!attributesOnly && this.isPunct(token, '[')) {
        this.next();
        const key = this.within(false, () => this.expression());
        const close = this.expect(']');
        each = { t: 'index', obj: each, key, s: each.s, e: close.e };
      } else return each;
    }
  }

  private primary(): Expr {
    const token = this.next();
    switch (token.kind) {
      case 'number':
        return { t: 'lit', v: Number(token.text), s: token.s, e: token.e };
      case 'quote':
        return this.quoted(token.s);
      case 'heredoc':
        return this.heredoc(token.s);
      case 'ident': {
        if (token.text === 'true' || token.text === 'false') return { t: 'lit', v: token.text === 'true', s: token.s, e: token.e };
        if (token.text === 'null') return { t: 'lit', v: null, s: token.s, e: token.e };
        const open = this.peek();
        if (this.isPunct(open, '(') && !open.nl) return this.call(token);
        return { t: 'ref', name: token.text, s: token.s, e: token.e };
      }
      case 'punct':
        if (token.text === '(') {
          const inner = this.within(false, () => this.expression());
          const close = this.expect(')');
          return { ...inner, s: token.s, e: close.e };
        }
        if (token.text === '[') return this.within(false, () => this.tuple(token));
        if (token.text === '{') return this.within(true, () => this.object(token));
        break;
      case 'eof':
        this.fail('an expression is missing', token.s);
    }
    this.fail(`unexpected "${token.text}"`, token.s);
  }

  private call(name: Token): Expr {
    this.expect('(');
    return this.within(false, () => {
      const args: Expr[] = [];
      let expand = false;
      for (;;) {
        const token = this.peek();
        if (this.isPunct(token, ')')) {
          this.next();
          return { t: 'call', name: name.text, args, expand, s: name.s, e: token.e };
        }
        if (token.kind === 'eof') this.fail(`${name.text}( is not closed`, name.s);
        args.push(this.expression());
        const after = this.next();
        if (this.isPunct(after, '...')) {
          expand = true;
          const close = this.expect(')');
          return { t: 'call', name: name.text, args, expand, s: name.s, e: close.e };
        }
        if (this.isPunct(after, ')')) return { t: 'call', name: name.text, args, expand, s: name.s, e: after.e };
        if (!this.isPunct(after, ',')) this.fail(`expected "," or ")" in the arguments of ${name.text}`, after.s);
      }
    });
  }

  private forHeader(): { key?: string; value: string; coll: Expr } {
    const first = this.next();
    if (first.kind !== 'ident') this.fail('expected a variable name after "for"', first.s);
    let key: string | undefined;
    let value = first.text;
    if (this.isPunct(this.peek(), ',')) {
      this.next();
      const second = this.next();
      if (second.kind !== 'ident') this.fail('expected a variable name after ","', second.s);
      key = first.text;
      value = second.text;
    }
    const word = this.next();
    if (word.kind !== 'ident' || word.text !== 'in') this.fail('expected "in"', word.s);
    const coll = this.within(false, () => this.expression());
    return { key, value, coll };
  }

  private tuple(open: Token): Expr {
    const first = this.peek();
    if (first.kind === 'ident' && first.text === 'for' && !this.isPunct(this.peekAfter(first), '.', '[', '(')) {
      this.next();
      const header = this.forHeader();
      this.expect(':');
      const valueExpr = this.expression();
      let cond: Expr | undefined;
      const maybeIf = this.peek();
      if (maybeIf.kind === 'ident' && maybeIf.text === 'if') {
        this.next();
        cond = this.expression();
      }
      const close = this.expect(']');
      return { t: 'for', ...header, valueExpr, cond, group: false, object: false, s: open.s, e: close.e };
    }
    const items: Expr[] = [];
    for (;;) {
      const token = this.peek();
      if (this.isPunct(token, ']')) {
        this.next();
        return { t: 'tuple', items, s: open.s, e: token.e };
      }
      if (token.kind === 'eof') this.fail('"[" is not closed', open.s);
      items.push(this.expression());
      const after = this.next();
      if (this.isPunct(after, ']')) return { t: 'tuple', items, s: open.s, e: after.e };
      if (!this.isPunct(after, ',')) this.fail('expected "," or "]" in a list', after.s);
    }
  }

  private peekAfter(token: Token): Token {
    const save = this.pos;
    this.pos = token.e;
    const after = this.lex();
    this.pos = save;
    return after;
  }

  private object(open: Token): Expr {
    const first = this.peek();
    if (first.kind === 'ident' && first.text === 'for' && !this.isPunct(this.peekAfter(first), '=', ':', '.', '[', '(')) {
      this.next();
      const header = this.within(false, () => this.forHeader());
      this.expect(':');
      const keyExpr = this.within(false, () => this.expression());
      this.expect('=>');
      const valueExpr = this.within(false, () => this.expression());
      let group = false;
      if (this.isPunct(this.peek(), '...')) {
        this.next();
        group = true;
      }
      let cond: Expr | undefined;
      const maybeIf = this.peek();
      if (maybeIf.kind === 'ident' && maybeIf.text === 'if') {
        this.next();
        cond = this.within(false, () => this.expression());
      }
      const close = this.expect('}');
      return { t: 'for', ...header, keyExpr, valueExpr, cond, group, object: true, s: open.s, e: close.e };
    }
    const entries: ObjectEntry[] = [];
    for (;;) {
      const token = this.peek();
      if (this.isPunct(token, '}')) {
        this.next();
        return { t: 'object', entries, s: open.s, e: token.e };
      }
      if (token.kind === 'eof') this.fail('"{" is not closed', open.s);
      let key: Expr;
      let ident = false;
      if (token.kind === 'ident' && (this.isPunct(this.peekAfter(token), '=', ':'))) {
        this.next();
        key = { t: 'lit', v: token.text, s: token.s, e: token.e };
        ident = true;
      } else key = this.within(false, () => this.expression());
      const sep = this.next();
      if (!this.isPunct(sep, '=', ':')) this.fail('expected "=" after an object key', sep.s);
      const value = this.expression();
      entries.push({ key, ident, value });
      const after = this.peek();
      if (this.isPunct(after, ',')) this.next();
      else if (!this.isPunct(after, '}') && !after.nl) this.fail('expected a newline or "," between object entries', after.s);
    }
  }

  /** A quoted template from after its opening quote. */
  private quoted(s: number): Expr {
    const parts = this.template((i) => this.text[i] === '"', true, s);
    const close = this.pos;
    if (this.text[close] !== '"') this.fail('a string is not closed', s);
    this.pos = close + 1;
    return { t: 'tpl', parts, s, e: close + 1, heredoc: false };
  }

  private heredoc(s: number): Expr {
    const header = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/.exec(this.text.slice(s, Math.min(this.end, s + 300)));
    if (!header) this.fail('a heredoc needs its marker and a newline after "<<"', s);
    const marker = header[2];
    const contentStart = s + header[0].length;
    let lineStart = contentStart;
    let contentEnd = -1;
    let lineEnd = -1;
    while (lineStart <= this.end) {
      lineEnd = this.text.indexOf('\n', lineStart);
      if (lineEnd < 0 || lineEnd > this.end) lineEnd = this.end;
      if (this.text.slice(lineStart, lineEnd).trim() === marker) {
        contentEnd = lineStart;
        break;
      }
      if (lineEnd >= this.end) break;
      lineStart = lineEnd + 1;
    }
    if (contentEnd < 0) this.fail(`the heredoc <<${header[1]}${marker} is not closed by a line holding only ${marker}`, s);
    const inner = new Parser(this.text, contentStart, contentEnd);
    inner.depth = this.depth;
    let parts = inner.template(() => false, false, s);
    if (header[1] === '-') parts = stripIndent(parts);
    this.pos = lineEnd;
    return { t: 'tpl', parts, s, e: lineEnd, heredoc: true };
  }

  /** Template parts up to `stop` (a closing quote) or the end; `%{` directives nest. */
  private template(stop: (i: number) => boolean, quoted: boolean, owner: number): TemplatePart[] {
    const root: TemplatePart[] = [];
    const stack: Array<{ parts: TemplatePart[]; directive: TemplatePart | null; inElse: boolean; s: number }> = [{ parts: root, directive: null, inElse: false, s: owner }];
    const current = () => stack[stack.length - 1];
    let literal = '';
    let literalStart = this.pos;
    const flush = () => {
      if (literal) current().parts.push({ kind: 'lit', text: literal, s: literalStart, e: this.pos });
      literal = '';
      literalStart = this.pos;
    };
    while (this.pos < this.end && !stop(this.pos)) {
      const c = this.text[this.pos];
      if (quoted && c === '\n') this.fail('a string is not closed before the end of the line', owner);
      if (quoted && c === '\\') {
        const escape = this.escape();
        literal += escape;
        continue;
      }
      if ((c === '$' || c === '%') && this.text[this.pos + 1] === c && this.text[this.pos + 2] === '{') {
        literal += `${c}{`;
        this.pos += 3;
        continue;
      }
      if ((c === '$' || c === '%') && this.text[this.pos + 1] === '{') {
        flush();
        const open = this.pos;
        this.pos += 2;
        let stripBefore = false;
        if (this.text[this.pos] === '~') {
          stripBefore = true;
          this.pos++;
        }
        if (stripBefore) trimEnd(current().parts);
        if (c === '$') {
          const expr = this.within(false, () => this.expression());
          this.closeInterpolation(open);
          current().parts.push({ kind: 'interp', expr });
        } else this.directive(open, stack);
        literalStart = this.pos;
        continue;
      }
      literal += c;
      this.pos++;
    }
    flush();
    if (stack.length > 1) this.fail('a %{ directive in this template is not closed', stack[stack.length - 1].s);
    return root;
  }

  private closeInterpolation(open: number): void {
    this.skip();
    let strip = false;
    if (this.text[this.pos] === '~') {
      strip = true;
      this.pos++;
    }
    if (this.text[this.pos] !== '}') this.fail('an interpolation "${" is not closed', open);
    this.pos++;
    if (strip) while (this.pos < this.end && /\s/.test(this.text[this.pos])) this.pos++;
  }

  private directive(open: number, stack: Array<{ parts: TemplatePart[]; directive: TemplatePart | null; inElse: boolean; s: number }>): void {
    const word = this.next();
    const top = stack[stack.length - 1];
    if (word.kind === 'ident' && word.text === 'if') {
      const cond = this.within(false, () => this.expression());
      this.closeInterpolation(open);
      const directive: TemplatePart = { kind: 'if', cond, then: [], else: [] };
      top.parts.push(directive);
      stack.push({ parts: directive.then, directive, inElse: false, s: open });
      return;
    }
    if (word.kind === 'ident' && word.text === 'for') {
      const header = this.forHeader();
      this.closeInterpolation(open);
      const directive: TemplatePart = { kind: 'for', ...header, body: [] };
      top.parts.push(directive);
      stack.push({ parts: directive.body, directive, inElse: false, s: open });
      return;
    }
    if (word.kind === 'ident' && word.text === 'else' && top.directive?.kind === 'if' && !top.inElse) {
      this.closeInterpolation(open);
      top.inElse = true;
      top.parts = top.directive.else;
      return;
    }
    if (word.kind === 'ident' && ((word.text === 'endif' && top.directive?.kind === 'if') || (word.text === 'endfor' && top.directive?.kind === 'for'))) {
      this.closeInterpolation(open);
      stack.pop();
      return;
    }
    this.fail(`unexpected template directive %{${word.text}}`, open);
  }

  private escape(): string {
    const s = this.pos;
    const c = this.text[s + 1];
    const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
    if (c in simple) {
      this.pos += 2;
      return simple[c];
    }
    if (c === 'u' || c === 'U') {
      const width = c === 'u' ? 4 : 8;
      const hex = this.text.slice(s + 2, s + 2 + width);
      if (!new RegExp(`^[0-9A-Fa-f]{${width}}$`).test(hex)) this.fail('an invalid \\u escape', s);
      this.pos += 2 + width;
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) this.fail('an invalid \\U escape', s);
      return String.fromCodePoint(code);
    }
    this.fail(`the escape \\${c ?? ''} is not valid in a string`, s);
  }

  finish(): void {
    const token = this.peek();
    if (token.kind !== 'eof') this.fail(`unexpected "${token.text}" after the expression`, token.s);
  }
}

function endOf(expr: Expr): number {
  return expr.e;
}

function trimEnd(parts: TemplatePart[]): void {
  const last = parts[parts.length - 1];
  if (last?.kind === 'lit') last.text = last.text.replace(/\s+$/, '');
}

/** `<<-`: the smallest indentation of the lines is removed from each (spaces only, as HCL does). */
function stripIndent(parts: TemplatePart[]): TemplatePart[] {
  const text = parts.map((p) => (p.kind === 'lit' ? p.text : '\u0000')).join('');
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const indent = Math.min(...lines.map((line) => /^[ \t]*/.exec(line)![0].length));
  if (!Number.isFinite(indent) || indent === 0) return parts;
  let atLineStart = true;
  return parts.map((part) => {
    if (part.kind !== 'lit') {
      atLineStart = false;
      return part;
    }
    const out = part.text
      .split('\n')
      .map((line, i) => {
        const start = i > 0 || atLineStart;
        return start ? line.replace(new RegExp(`^[ \\t]{0,${indent}}`), '') : line;
      })
      .join('\n');
    atLineStart = part.text.endsWith('\n');
    return { ...part, text: out };
  });
}

/** Parses the expression written at text[start, end). */
export function parseExpression(text: string, start = 0, end = text.length): Expr {
  const parser = new Parser(text, start, end);
  const expr = parser.expression();
  parser.finish();
  return expr;
}
