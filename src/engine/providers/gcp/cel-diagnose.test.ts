import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../evaluate';
import { claimsToken } from '../../token';
import { diagnoseCel } from './cel-diagnose';
import { parseCel, tokenizeCel } from './cel-source';
import { celEditorRegions } from './editor';

/** The diagnosis of text the parser refused, as [1-based column, marked text, message]. */
function diagnosed(text: string): [number, string, string] {
  const parsed = parseCel(text);
  expect(parsed.ok, `${text} is refused by the parser`).toBe(false);
  const diagnosis = diagnoseCel(text);
  expect(diagnosis, `${text} has a diagnosis`).toBeDefined();
  return [diagnosis!.start + 1, text.slice(diagnosis!.start, diagnosis!.end), diagnosis!.message];
}

// Operators, brackets and string quoting: CEL language definition, "Syntax" and "String and bytes
// literals", https://github.com/google/cel-spec/blob/master/doc/langdef.md
describe('CEL syntax diagnosis', () => {
  it('names an unclosed bracket at its opener, not at the end of the text', () => {
    expect(diagnosed("(assertion.a == 'x' && assertion.b == 'y'")).toEqual([1, '(', "unclosed '(' opened at column 1"]);
    expect(diagnosed("assertion.a == 'x' && (assertion.b.startsWith('y')")).toEqual([23, '(', "unclosed '(' opened at column 23"]);
    expect(diagnosed('[1, 2')).toEqual([1, '[', "unclosed '[' opened at column 1"]);
    expect(diagnosed("{'a': 1")).toEqual([1, '{', "unclosed '{' opened at column 1"]);
    // A closer of another kind arrives first: the bracket between is the one left open.
    expect(diagnosed('[(a]')).toEqual([2, '(', "unclosed '(' opened at column 2: ']' at column 4 comes before its ')'"]);
  });

  it('names a closer with nothing to close', () => {
    expect(diagnosed("assertion.a == 'x')")).toEqual([19, ')', "unexpected ')' at column 19: no '(' is open"]);
    expect(diagnosed('[a)')).toEqual([3, ')', "unexpected ')' at column 3: the innermost open bracket is '[' at column 1, closed by ']'"]);
  });

  it('brackets inside strings and comments do not count', () => {
    expect(diagnosed("assertion.a == ')' && (b // )\n")).toEqual([23, '(', "unclosed '(' opened at line 1, column 23"]);
    expect(diagnosed("r'\\' + ('x'")).toEqual([8, '(', "unclosed '(' opened at column 8"]);
  });

  it('names a single = and its relatives, which are not CEL operators', () => {
    expect(diagnosed("assertion.namespace_id = '72'")).toEqual([24, '=', "'=' is not a CEL operator: use '==' for equality"]);
    expect(diagnosed('a === b')).toEqual([3, '===', "'===' is not a CEL operator: use '=='"]);
    expect(diagnosed('a !== b')).toEqual([3, '!==', "'!==' is not a CEL operator: use '!='"]);
    expect(diagnosed('a => b')).toEqual([3, '=>', "'=>' is not a CEL operator: use '>='"]);
    expect(diagnosed('a =< b')).toEqual([3, '=<', "'=<' is not a CEL operator: use '<='"]);
  });

  it('names single & and |, and the words and / or / not', () => {
    expect(diagnosed('assertion.a & assertion.b')).toEqual([13, '&', "single '&' is not a CEL operator: use '&&' for logical and"]);
    expect(diagnosed('a || b | c')).toEqual([8, '|', "single '|' is not a CEL operator: use '||' for logical or"]);
    expect(diagnosed('assertion.a and assertion.b')).toEqual([13, 'and', "'and' is not a CEL operator: use '&&'"]);
    expect(diagnosed("(a == 'x') OR b")).toEqual([12, 'OR', "'OR' is not a CEL operator: use '||'"]);
    expect(diagnosed('not a')).toEqual([1, 'not', "'not' is not a CEL operator: use '!' for negation"]);
    // A field may be called `and`: only the word between two operands is the mistake.
    expect(parseCel('x.and').ok).toBe(true);
  });

  it('names two dots in a row and a missing field name', () => {
    expect(diagnosed('assertion..user_login')).toEqual([10, '..', "two dots in a row: a field name is missing between the '.' at column 10 and the one at column 11"]);
    expect(diagnosed('assertion.')).toEqual([10, '.', "missing field name after the '.' at column 10"]);
    expect(diagnosed('a.1')).toEqual([2, '.', "missing field name after the '.' at column 2: a field name cannot start with a digit"]);
  });

  it('names unterminated strings at their opening quote, respecting escapes and raw strings', () => {
    expect(diagnosed("assertion.a == 'x")).toEqual([16, "'", "unterminated string: the ' at column 16 is never closed"]);
    expect(diagnosed('a == "x\\"')).toEqual([6, '"', 'unterminated string: the " at column 6 is never closed (\\" is an escaped quote inside the string, not its end)']);
    expect(diagnosed("a == '''x\ny")).toEqual([6, "'''", "unterminated string: the ''' at line 1, column 6 is never closed"]);
    expect(diagnosed("a == 'x\n' ")).toEqual([6, "'", "unterminated string: the ' at line 1, column 6 is not closed on its line (only ''' strings may span lines)"]);
    expect(diagnosed("a == b'x")).toEqual([6, "b'", "unterminated string: the ' at column 7 is never closed"]);
    // In a raw string a backslash escapes nothing, so `r'\'` is closed and the `(` after it is open.
    expect(parseCel("r'\\'").ok).toBe(true);
    // An unterminated string may swallow a closer: the bracket before it is not reported.
    expect(diagnosed("f('abc)")).toEqual([3, "'", "unterminated string: the ' at column 3 is never closed"]);
  });

  it('names missing operands, commas and characters outside CEL', () => {
    expect(diagnosed('assertion.user_login +')).toEqual([22, '+', "missing operand after '+' at column 22: the expression ends there"]);
    expect(diagnosed('a && && b')).toEqual([3, '&&', "missing operand after '&&' at column 3: '&&' follows it"]);
    expect(diagnosed('(a ==)')).toEqual([4, '==', "missing operand after '==' at column 4: ')' follows it"]);
    expect(diagnosed('== a')).toEqual([1, '==', "missing operand before '==' at column 1"]);
    expect(diagnosed('a b')).toEqual([3, 'b', "missing operator between 'a' and 'b' at column 3"]);
    expect(diagnosed("f(a) 'x'")).toEqual([6, "'x'", "missing operator between ')' and 'x' at column 6"]);
    expect(diagnosed('f(a,)')).toEqual([4, ',', "missing argument after the ',' at column 4"]);
    expect(parseCel('[1, 2,]').ok).toBe(true);
    expect(diagnosed('a # b')).toEqual([3, '#', "'#' is not part of CEL syntax outside a string"]);
    expect(diagnosed('a\u00a0== b')).toEqual([2, '\u00a0', 'U+00A0 is a space CEL does not accept: only space, tab, newline, carriage return and form feed separate tokens']);
    expect(diagnosed('  // nothing else\n')).toEqual([1, '', 'the expression is empty']);
  });

  it('names the first mistake in the text when there are several', () => {
    expect(diagnosed("a = 'x' && b & c")[2]).toBe("'=' is not a CEL operator: use '==' for equality");
    expect(diagnosed("(a = 'x'")[2]).toBe("unclosed '(' opened at column 1");
  });

  it('words positions of multi-line expressions with a line', () => {
    expect(diagnosed('a &&\n  (b')).toEqual([8, '(', "unclosed '(' opened at line 2, column 3"]);
  });

  it('keeps the parser message after the diagnosis, with its position when it differs', () => {
    const unclosed = parseCel("(assertion.a == 'x' && assertion.b == 'y'");
    expect(unclosed).toMatchObject({ ok: false, offset: 0, end: 1, parser: { message: "found end of input but expecting ')'", offset: 41 } });
    if (!unclosed.ok) expect(unclosed.message).toBe("unclosed '(' opened at column 1 (parser: found end of input but expecting ')' at column 42)");
    const equals = parseCel("assertion.namespace_id = '72'");
    if (!equals.ok) expect(equals.message).toBe("'=' is not a CEL operator: use '==' for equality (parser: found = but expecting end of input)");
  });

  it('leaves the parser message alone when it recognises nothing', () => {
    // Backquoted field names are newer CEL syntax the parser does not read; nothing here is a known mistake.
    const parsed = parseCel('a.`b`');
    expect(diagnoseCel('a.`b`')).toBeUndefined();
    expect(parsed).toMatchObject({ ok: false, message: 'found . but expecting end of input', offset: 1, end: 2 });
  });
});

const identifier = fc.constantFrom('assertion', 'google', 'attribute', 'x', 'and_or', 'not_', 'inner');
const stringLiteral = fc.constantFrom("'a'", '"b\\"c"', "r'\\d+'", "'''multi\nline'''", '"""x"y"""', "'it\\'s'", "'(('", "')'", "'//'", "b'\\xff'", "'a = b & c'", "R'\\'");
const number = fc.constantFrom('1', '2u', '1.5', '0x1F', '1e3', '.5', '1.e5', '0');
const literal = fc.oneof(stringLiteral, number, fc.constantFrom('true', 'false', 'null'));
const space = fc.constantFrom(' ', '', '\n', ' // note\n', '\t');
const binary = fc.constantFrom('&&', '||', '==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', 'in');

/**
 * Valid CEL from a small grammar (langdef.md "Syntax"). Unary operators repeat but do not mix
 * (`!!a`, `--a`; `!-a` is not CEL), and a ternary's middle operand is not itself a ternary.
 */
const { expression } = fc.letrec<{ expression: string; operand: string; primary: string }>((tie) => ({
  operand: fc.oneof(
    { depthSize: 'small' },
    tie('primary'),
    // The parser reads `-2u` as the int literal -2 followed by `u`, so a negated uint is bracketed.
    fc.tuple(fc.constantFrom('!', '-', '!!', '--'), tie('primary')).map(([unary, inner]) => `${unary}${/^\d+u$/.test(inner) ? `(${inner})` : inner}`),
  ),
  primary: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    literal,
    identifier,
    fc.tuple(identifier, fc.array(identifier, { maxLength: 2 })).map(([first, rest]) => [first, ...rest].join('.')),
    fc.tuple(tie('expression'), space).map(([inner, gap]) => `(${gap}${inner}${gap})`),
    fc.tuple(identifier, fc.array(tie('expression'), { maxLength: 3 })).map(([name, args]) => `${name}(${args.join(', ')})`),
    fc.tuple(identifier, tie('expression')).map(([target, arg]) => `${target}.startsWith(${arg})`),
    fc.tuple(fc.array(tie('expression'), { maxLength: 3 }), fc.boolean()).map(([items, trailing]) => `[${items.join(', ')}${trailing && items.length ? ',' : ''}]`),
    fc.array(fc.tuple(stringLiteral, tie('expression')), { maxLength: 2 }).map((entries) => `{${entries.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
    fc.tuple(identifier, tie('expression')).map(([target, key]) => `${target}[${key}]`),
  ),
  expression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('operand'),
    fc.tuple(tie('operand'), binary, tie('expression'), space).map(([left, op, right, gap]) => (op === 'in' ? `${left} in ${right}` : `${left}${gap}${op} ${right}`)),
    fc.tuple(tie('operand'), tie('operand'), tie('expression')).map(([test, then, otherwise]) => `${test} ? ${then} : ${otherwise}`),
  ),
}));

describe('CEL syntax diagnosis, properties', () => {
  it('never throws on random text', () => {
    const unit = fc.constantFrom('a', '1', "'", '"', '\\', '/', ' ', '\n', '.', '&', '|', '=', '(', ')', '[', ']', '{', '}', ',', '!', 'r', 'b', '`', '#', 'é', '\u00a0', '?', ':', '<');
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit, maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 })), (text) => {
        const diagnosis = diagnoseCel(text);
        if (diagnosis) {
          expect(diagnosis.start).toBeGreaterThanOrEqual(0);
          expect(diagnosis.end).toBeGreaterThanOrEqual(diagnosis.start);
          expect(diagnosis.end).toBeLessThanOrEqual(text.length);
        }
        parseCel(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('valid expressions parse, and the diagnosis finds nothing in them', () => {
    fc.assert(
      fc.property(expression, (text) => {
        const parsed = parseCel(text);
        expect(parsed.ok ? 'ok' : parsed.parser.message).toBe('ok');
        expect(diagnoseCel(text)).toBeUndefined();
      }),
      { numRuns: 1000 },
    );
  });

  it('deleting one ) of a valid expression is an unclosed ( at a real (', () => {
    const withClosers = expression
      .map((text) => ({ text, closers: tokenizeCel(text).filter((token) => token.kind === 'punctuation' && token.text === ')') }))
      .filter(({ closers }) => closers.length > 0);
    fc.assert(
      fc.property(withClosers, fc.nat(), ({ text, closers }, pick) => {
        const closer = closers[pick % closers.length];
        const broken = text.slice(0, closer.start) + text.slice(closer.end);
        const parsed = parseCel(broken);
        expect(parsed.ok).toBe(false);
        if (parsed.ok) return;
        expect(parsed.message).toMatch(/^unclosed '\(' opened at /);
        expect(broken[parsed.offset]).toBe('(');
        expect(tokenizeCel(broken).some((token) => token.start === parsed.offset && token.kind === 'punctuation')).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('located CEL syntax errors in the provider JSON', () => {
  const condition = "(assertion.ref == \"refs/heads/main\" && assertion.repository_owner == 'octo-org'";
  const text = JSON.stringify(
    {
      attributeMapping: { 'google.subject': 'assertion.sub' },
      attributeCondition: condition,
      oidc: { issuerUri: 'https://token.actions.githubusercontent.com' },
    },
    null,
    2,
  );
  const lineOf = (line: number) => text.split('\n')[line - 1];

  it('the evaluation error points at the unclosed ( inside the JSON string, past escaped quotes', () => {
    const claims = { iss: 'https://token.actions.githubusercontent.com', sub: 'x', aud: 'x', iat: 1700000000, exp: 1700000300 };
    const result = evaluate({ policyText: text, token: { ok: true, token: claimsToken(claims) }, at: 1700000010 });
    expect(result.decision).toBe('error');
    const source = result.details.errorSource as { line: number; column: number; endLine: number; endColumn: number };
    expect(lineOf(source.line).slice(source.column - 1, source.endColumn - 1)).toBe('(');
    expect(lineOf(source.line).slice(source.column - 1)).toMatch(/^\(assertion\.ref == \\"refs/);
    expect(result.message).toBe(
      `attributeCondition is not valid CEL: unclosed '(' opened at line ${source.line}, column ${source.column}` +
        ` (parser: found end of input but expecting ')' at line ${source.line}, column ${lineOf(source.line).lastIndexOf('"') + 1})` +
        ` (line ${source.line}, column ${source.column})`,
    );
  });

  it('the editor marks the same place', () => {
    const twice = text.replace('"assertion.sub"', '"assertion..sub"');
    const regions = celEditorRegions(twice);
    const lines = twice.split('\n');
    const marked = regions.map((region) => region.error && lines[region.error.range.line - 1].slice(region.error.range.column - 1, region.error.range.endColumn - 1));
    expect(marked).toEqual(['..', '(']);
    expect(regions[0].error!.message).toMatch(/^two dots in a row: a field name is missing between the '\.' at line 3, column \d+ and the one at line 3, column \d+ \(parser: /);
  });
});
