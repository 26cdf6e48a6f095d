/**
 * A second reading of CEL the parser refused. The parser reports where the longest valid prefix
 * ends, which is often not where the mistake is: an unclosed `(` is reported at the end of the
 * text, `a..b` at the first dot. This scan looks for the mistakes people make and names each at
 * its own place. It never decides validity: it is consulted only after the parser refused the text,
 * and it stays silent when it recognises nothing.
 *
 * Lexical rules are those of the CEL language definition,
 * https://github.com/google/cel-spec/blob/master/doc/langdef.md ("Syntax"): operators are `&&`,
 * `||`, `==`, `!=`, `<`, `<=`, `>`, `>=`, `+`, `-`, `*`, `/`, `%`, `!`, `? :`, `in`; strings are
 * quoted with `'`, `"`, `'''` or `"""` (raw with an `r` prefix), and only triple-quoted strings may
 * span lines; `//` starts a comment.
 */
import { tokenizeCel, type CelToken } from './cel-lexer';

export interface CelDiagnosis {
  message: string;
  /** UTF-16 offsets in the expression text, end exclusive. */
  start: number;
  end: number;
}

/** How a message names a place of the expression: "column 5", or a line and column of a file. */
export type PositionText = (offset: number) => string;

/** "column N" for one-line expressions, "line L, column N" for the others (both 1-based). */
export function expressionPosition(text: string): PositionText {
  const multiline = text.includes('\n');
  return (offset) => {
    const before = text.slice(0, offset);
    const column = offset - before.lastIndexOf('\n');
    return multiline ? `line ${before.split('\n').length}, column ${column}` : `column ${column}`;
  };
}

const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
/** Operators that cannot start an operand (`-` and `!` are also prefix operators). */
const INFIX = new Set(['&&', '||', '==', '!=', '<=', '>=', '<', '>', '+', '*', '/', '%', '?', ':', 'in']);
const LITERAL_KEYWORDS = new Set(['true', 'false', 'null']);
/** Words from other languages people write for CEL's logical operators. */
const WORD_OPERATORS: Record<string, string> = { and: '&&', or: '||' };

const isOperator = (token: CelToken) => token.kind === 'operator' || (token.kind === 'keyword' && token.text === 'in');
const isInfix = (token: CelToken | undefined) => token !== undefined && isOperator(token) && INFIX.has(token.text);
const isLiteralOrName = (token: CelToken) =>
  token.kind === 'identifier' || token.kind === 'string' || token.kind === 'number' || (token.kind === 'keyword' && LITERAL_KEYWORDS.has(token.text));
const endsOperand = (token: CelToken | undefined) => token !== undefined && (isLiteralOrName(token) || (token.kind === 'punctuation' && token.text in CLOSERS));
/** `.5` is a number, but after an operand it is a failed field selection, not a second operand. */
const startsOperand = (token: CelToken | undefined) => token !== undefined && isLiteralOrName(token) && !token.text.startsWith('.');
/** A token as messages show it: strings keep their own quotes, long ones are shortened. */
const shown = (token: CelToken) => {
  const text = token.text.length > 20 ? `${token.text.slice(0, 19)}…` : token.text;
  return token.kind === 'string' ? text : `'${text}'`;
};

const isUnterminated = (token: CelToken) => token.kind === 'invalid' && /^([rRbB]{0,2}['"]|`)/.test(token.text);

function unterminated(token: CelToken, text: string, at: PositionText): CelDiagnosis {
  if (token.text.startsWith('`')) return { message: `unterminated quoted name: the \` at ${at(token.start)} is never closed`, start: token.start, end: token.start + 1 };
  const quoteAt = token.start + token.text.search(/['"]/);
  const quote = /^('''|"""|'|")/.exec(text.slice(quoteAt))![1];
  // The mark sits on the opening quote (and its prefix): the rest of the text is not a second mistake.
  const range = { start: token.start, end: quoteAt + quote.length };
  const raw = /[rR]/.test(text.slice(token.start, quoteAt));
  const opened = `unterminated string: the ${quote} at ${at(quoteAt)}`;
  if (quote.length === 1 && text[token.end] === '\n') {
    return { message: `${opened} is not closed on its line (only ${quote.repeat(3)} strings may span lines)`, ...range };
  }
  if (!raw && token.text.endsWith(`\\${quote[0]}`)) {
    return { message: `${opened} is never closed (\\${quote[0]} is an escaped quote inside the string, not its end)`, ...range };
  }
  return { message: `${opened} is never closed`, ...range };
}

/** Brackets are matched on a stack; the first one that cannot be matched is the finding. */
function bracketFinding(tokens: CelToken[], at: PositionText, textEnded: boolean): CelDiagnosis | undefined {
  const open: CelToken[] = [];
  for (const token of tokens) {
    if (token.kind !== 'punctuation') continue;
    if (token.text in OPENERS) {
      open.push(token);
      continue;
    }
    const opener = CLOSERS[token.text];
    if (opener === undefined) continue;
    const innermost = open.at(-1);
    if (innermost?.text === opener) {
      open.pop();
      continue;
    }
    if (innermost && open.some((o) => o.text === opener)) {
      // `[(a]`: the `]` has its `[`, so the `(` between them is the one left open.
      return {
        message: `unclosed '${innermost.text}' opened at ${at(innermost.start)}: '${token.text}' at ${at(token.start)} comes before its '${OPENERS[innermost.text]}'`,
        start: innermost.start,
        end: innermost.end,
      };
    }
    const context = innermost
      ? `the innermost open bracket is '${innermost.text}' at ${at(innermost.start)}, closed by '${OPENERS[innermost.text]}'`
      : `no '${opener}' is open`;
    return { message: `unexpected '${token.text}' at ${at(token.start)}: ${context}`, start: token.start, end: token.end };
  }
  // An unterminated string may hold the missing closer, so open brackets are only reported when the text ended normally.
  const innermost = open.at(-1);
  if (textEnded && innermost) return { message: `unclosed '${innermost.text}' opened at ${at(innermost.start)}`, start: innermost.start, end: innermost.end };
  return undefined;
}

function invalidCharacter(token: CelToken, previous: CelToken | undefined, next: CelToken | undefined, text: string): CelDiagnosis {
  const range = { start: token.start, end: token.end };
  if (token.text === '=') {
    // `===`, `!==`, `=>`, `=<` are lexed as a valid operator next to a lone `=`.
    if (previous && previous.end === token.start && (previous.text === '==' || previous.text === '!=')) {
      return { message: `'${previous.text}=' is not a CEL operator: use '${previous.text}'`, start: previous.start, end: token.end };
    }
    if (next && next.start === token.end && (next.text === '>' || next.text === '<')) {
      return { message: `'=${next.text}' is not a CEL operator: use '${next.text}='`, start: token.start, end: next.end };
    }
    return { message: `'=' is not a CEL operator: use '==' for equality`, ...range };
  }
  if (token.text === '&') return { message: `single '&' is not a CEL operator: use '&&' for logical and`, ...range };
  if (token.text === '|') return { message: `single '|' is not a CEL operator: use '||' for logical or`, ...range };
  const character = String.fromCodePoint(text.codePointAt(token.start)!);
  const end = token.start + character.length;
  const codePoint = `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  if (/\s/u.test(character)) {
    return { message: `${codePoint} is a space CEL does not accept: only space, tab, newline, carriage return and form feed separate tokens`, start: token.start, end };
  }
  const printable = /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(character);
  return { message: `${printable ? `'${character}'` : codePoint} is not part of CEL syntax outside a string`, start: token.start, end };
}

/** Mistakes visible from one of the first `count` tokens and its neighbours: lone `=`, `&`, `|`, `and`/`or`, `..`, missing operands. */
function tokenFindings(tokens: CelToken[], count: number, text: string, at: PositionText): CelDiagnosis[] {
  const findings: CelDiagnosis[] = [];
  tokens.slice(0, count).forEach((token, i) => {
    const previous: CelToken | undefined = tokens[i - 1];
    const next: CelToken | undefined = tokens[i + 1];
    const range = { start: token.start, end: token.end };
    if (token.kind === 'invalid') {
      findings.push(invalidCharacter(token, previous, next, text));
      return;
    }
    if (token.kind === 'punctuation' && token.text === '.') {
      if (next?.text === '.') {
        findings.push({ message: `two dots in a row: a field name is missing between the '.' at ${at(token.start)} and the one at ${at(next.start)}`, start: token.start, end: next.end });
      } else if (!next || !(next.kind === 'identifier' || next.kind === 'keyword' || next.text === '?' || isUnterminated(next))) {
        findings.push({ message: `missing field name after the '.' at ${at(token.start)}`, ...range });
      }
      return;
    }
    if (token.kind === 'punctuation' && token.text === ',') {
      // Lists and maps may end with a comma (`[1, 2,]`); call arguments may not, and nothing may start with one.
      if (next?.text === ',' || next?.text === ')') {
        findings.push({ message: `missing ${next.text === ')' ? 'argument' : 'element'} after the ',' at ${at(token.start)}`, ...range });
      } else if (!previous || (previous.kind === 'punctuation' && previous.text in OPENERS)) {
        findings.push({ message: `missing element before the ',' at ${at(token.start)}`, ...range });
      }
      return;
    }
    if (isOperator(token)) {
      const closes = next !== undefined && next.kind === 'punctuation' && (next.text in CLOSERS || next.text === ',');
      if (!next || closes || isInfix(next)) {
        const what = next ? `'${next.text}' follows it` : 'the expression ends there';
        findings.push({ message: `missing operand after '${token.text}' at ${at(token.start)}: ${what}`, ...range });
      } else if (isInfix(token) && token.text !== '?' && (!previous || (previous.kind === 'punctuation' && (previous.text in OPENERS || previous.text === ',')))) {
        findings.push({ message: `missing operand before '${token.text}' at ${at(token.start)}`, ...range });
      }
      return;
    }
    if (!endsOperand(previous)) return;
    if (token.kind === 'number' && token.text.startsWith('.')) {
      findings.push({ message: `missing field name after the '.' at ${at(token.start)}: a field name cannot start with a digit`, start: token.start, end: token.start + 1 });
    } else if (startsOperand(token)) {
      const word = WORD_OPERATORS[token.text.toLowerCase()];
      if (token.kind === 'identifier' && word) {
        findings.push({ message: `'${token.text}' is not a CEL operator: use '${word}'`, ...range });
      } else if (previous.kind === 'identifier' && previous.text.toLowerCase() === 'not') {
        findings.push({ message: `'${previous.text}' is not a CEL operator: use '!' for negation`, start: previous.start, end: previous.end });
      } else {
        findings.push({ message: `missing operator between ${shown(previous)} and ${shown(token)} at ${at(token.start)}`, ...range });
      }
    }
  });
  return findings;
}

/**
 * The most likely human mistake in an expression the parser refused, located at the mistake, or
 * undefined when none is recognised. Of several mistakes the first in the text is named.
 */
export function diagnoseCel(text: string, at: PositionText = expressionPosition(text)): CelDiagnosis | undefined {
  const tokens = tokenizeCel(text).filter((token) => token.kind !== 'comment');
  if (tokens.length === 0) return { message: 'the expression is empty', start: 0, end: 0 };
  // Nothing after an unterminated string can be read as CEL.
  const cut = tokens.findIndex(isUnterminated);
  const readable = cut < 0 ? tokens : tokens.slice(0, cut);
  const findings = tokenFindings(tokens, readable.length, text, at);
  const brackets = bracketFinding(readable, at, cut < 0);
  if (brackets) findings.push(brackets);
  if (cut >= 0) findings.push(unterminated(tokens[cut], text, at));
  return findings.reduce<CelDiagnosis | undefined>((first, finding) => (!first || finding.start < first.start ? finding : first), undefined);
}
