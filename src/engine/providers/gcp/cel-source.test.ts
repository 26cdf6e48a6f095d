import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { freeIdentifiers, parseCel, tokenizeCel, variableFields } from './cel-source';
import { celToDisplay, celToText, errorText, jsonToCel } from './values';

const expr = (text: string) => {
  const parsed = parseCel(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.parsed.expr;
};

describe('CEL source helpers', () => {
  // CEL lexical syntax (google/cel-spec doc/langdef.md): quotes, raw and bytes prefixes, comments.
  it('tokenizes strings, numbers, comments and operators', () => {
    const tokens = tokenizeCel("r'a\\b' + \"x\\\"y\" == b'z' && 1.5e3 < 0x1Fu // note\n|| !in_list");
    expect(tokens.map((t) => [t.kind, t.text])).toEqual([
      ['string', "r'a\\b'"],
      ['operator', '+'],
      ['string', '"x\\"y"'],
      ['operator', '=='],
      ['string', "b'z'"],
      ['operator', '&&'],
      ['number', '1.5e3'],
      ['operator', '<'],
      ['number', '0x1Fu'],
      ['comment', '// note'],
      ['operator', '||'],
      ['operator', '!'],
      ['identifier', 'in_list'],
    ]);
    expect(tokenizeCel("'''multi\nline''' in x").map((t) => t.kind)).toEqual(['string', 'keyword', 'identifier']);
    expect(tokenizeCel("'open").map((t) => t.kind)).toEqual(['invalid']);
    // FLOAT_LIT needs digits or an exponent after the dot, so `1.size()` selects from the int 1.
    expect(tokenizeCel('1.size() + 1.e5').map((t) => t.text)).toEqual(['1', '.', 'size', '(', ')', '+', '1.e5']);
    // WHITESPACE is [\t\n\f\r ]: a non-breaking space is not one.
    expect(tokenizeCel('a\u00a0b').map((t) => t.kind)).toEqual(['identifier', 'invalid', 'identifier']);
  });

  it('never throws and covers every non-space character exactly once', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '1', "'", '"', '\\', '/', ' ', '\n', '.', '&', '|', 'r', 'b', '`', '#', 'é') }), (text) => {
        const tokens = tokenizeCel(text);
        let last = 0;
        for (const token of tokens) {
          expect(token.start).toBeGreaterThanOrEqual(last);
          expect(token.end).toBeGreaterThan(token.start);
          expect(text.slice(last, token.start).trim()).toBe('');
          last = token.end;
        }
        expect(text.slice(last).trim()).toBe('');
      }),
      { numRuns: 1000 },
    );
  });

  it('finds free variables outside comprehensions, ignoring type names', () => {
    expect([...freeIdentifiers(expr("assertion.groups.exists(g, g == google.subject) && type(x) == string"))].sort()).toEqual(['assertion', 'google', 'x']);
    expect([...freeIdentifiers(expr('[1].map(i, i + j)'))]).toEqual(['j']);
  });

  it('lists the fields read from a variable, marking has() tests', () => {
    expect(variableFields(expr("has(assertion.env) && assertion['ref'] == assertion.env"), 'assertion')).toEqual([
      { field: 'env', testOnly: true },
      { field: 'ref', testOnly: false },
      { field: 'env', testOnly: false },
    ]);
  });
});

describe('values', () => {
  it('renders CEL values for the trace', () => {
    expect(celToDisplay(jsonToCel({ a: [1, 'x', null, { b: true }] }))).toEqual({ a: [1, 'x', null, { b: true }] });
    expect(celToText('x')).toBe('"x"');
    expect(celToText(3n)).toBe('3');
  });

  // cel-go says "no such key" where the library says "field not found".
  it('words missing keys as cel-go does', () => {
    expect(errorText({ message: 'field not found: environment' })).toBe('no such key: environment');
    expect(errorText({ message: 'int divide by zero' })).toBe('int divide by zero');
  });
});
