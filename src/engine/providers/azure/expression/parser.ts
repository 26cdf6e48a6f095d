/**
 * Parser for `claims['<name>'] <op> '<comparand>' [and …]`. Returns a located syntax error
 * instead of throwing, whatever the input.
 */
import { OPERATORS, type Comparison, type ExpressionParseOutcome, type Operator, type Span } from './ast';
import { column, lex, type LexToken } from './lexer';

function describe(token: LexToken | undefined): string {
  if (!token) return 'the end of the expression';
  switch (token.kind) {
    case 'word':
      return `'${token.text}'`;
    case 'string':
      return `the string ${quoteForMessage(token.value)}`;
    case 'open':
      return "'['";
    case 'close':
      return "']'";
  }
}

function quoteForMessage(value: string): string {
  const shown = value.length > 30 ? `${value.slice(0, 30)}…` : value;
  return `'${shown}'`;
}

export function parseExpression(text: string): ExpressionParseOutcome {
  const lexed = lex(text);
  if (!lexed.ok) return lexed;
  const tokens = lexed.tokens;
  let position = 0;
  const endSpan: Span = { start: text.length, end: text.length };
  const spanOf = (token: LexToken | undefined): Span => (token ? token.span : endSpan);
  const at = (token: LexToken | undefined) => `column ${column(spanOf(token).start)}`;
  const error = (message: string, token: LexToken | undefined): ExpressionParseOutcome => {
    const span = spanOf(token);
    return { ok: false, error: { message, span: span.end > span.start ? span : { start: span.start, end: span.start } } };
  };

  if (tokens.length === 0) return error("empty expression: write a comparison such as claims['sub'] eq '…'", undefined);

  const comparisons: Comparison[] = [];
  for (;;) {
    const head = tokens[position];
    if (head?.kind === 'word' && (head.text === 'not' || head.text === 'or')) {
      return error(`'${head.text}' at ${at(head)} is not supported: the expression language has eq, matches and and`, head);
    }
    if (!(head?.kind === 'word' && head.text === 'claims')) {
      return error(`expected claims['<name>'] at ${at(head)}, found ${describe(head)}`, head);
    }
    const open = tokens[position + 1];
    if (open?.kind !== 'open') return error(`expected '[' after claims at ${at(open)}, found ${describe(open)}`, open);
    const name = tokens[position + 2];
    if (name?.kind !== 'string') return error(`expected the claim name in single quotes at ${at(name)}, found ${describe(name)}`, name);
    if (name.value === '') return error(`empty claim name at ${at(name)}`, name);
    const close = tokens[position + 3];
    if (close?.kind !== 'close') return error(`expected ']' after the claim name at ${at(close)}, found ${describe(close)}`, close);
    const operator = tokens[position + 4];
    if (operator?.kind !== 'word') {
      return error(`expected an operator (eq or matches) at ${at(operator)}, found ${describe(operator)}`, operator);
    }
    if (!OPERATORS.includes(operator.text as Operator)) {
      return error(`unknown operator '${operator.text}' at ${at(operator)}: the operators are eq and matches`, operator);
    }
    const comparand = tokens[position + 5];
    if (comparand?.kind !== 'string') {
      return error(`expected a comparand in single quotes at ${at(comparand)}, found ${describe(comparand)}`, comparand);
    }
    comparisons.push({
      claim: name.value,
      operator: operator.text as Operator,
      comparand: comparand.value,
      span: { start: head.span.start, end: comparand.span.end },
      claimSpan: name.span,
      operatorSpan: operator.span,
      comparandSpan: comparand.span,
    });
    position += 6;
    const next = tokens[position];
    if (!next) break;
    if (next.kind === 'word' && next.text === 'and') {
      position++;
      if (!tokens[position]) return error(`expected a comparison after 'and' at ${at(undefined)}`, undefined);
      continue;
    }
    if (next.kind === 'word' && next.text === 'or') {
      return error(`'or' at ${at(next)} is not supported: comparisons can only be joined by 'and'`, next);
    }
    return error(`expected 'and' or the end of the expression at ${at(next)}, found ${describe(next)}`, next);
  }
  return { ok: true, expression: { comparisons } };
}
