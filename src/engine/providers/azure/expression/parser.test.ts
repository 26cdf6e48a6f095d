// Grammar: MicrosoftDocs/entra-docs docs/workload-id/workload-identities-flexible-federated-identity-credentials.md
// ("Flexible federated identity credential language structure" and "expression language functionality").
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Expression } from './ast';
import { parseExpression } from './parser';
import { printExpression } from './print';

function parsed(text: string): Expression {
  const outcome = parseExpression(text);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.expression;
}

function syntaxError(text: string) {
  const outcome = parseExpression(text);
  if (outcome.ok) throw new Error(`expected a syntax error for ${text}`);
  return outcome.error;
}

const strip = (expression: Expression) => expression.comparisons.map(({ claim, operator, comparand }) => ({ claim, operator, comparand }));

describe('parseExpression', () => {
  it('reads the documented single comparison', () => {
    // Doc example: claims['sub'] matches 'repo:contoso/contoso-repo:ref:refs/heads/*'
    expect(strip(parsed("claims['sub'] matches 'repo:contoso/contoso-repo:ref:refs/heads/*'"))).toEqual([
      { claim: 'sub', operator: 'matches', comparand: 'repo:contoso/contoso-repo:ref:refs/heads/*' },
    ]);
  });

  it('reads eq and and, as in the documented job_workflow_ref example', () => {
    const text = "claims['sub'] eq 'repo:contoso/contoso-repo:ref:refs/heads/main' and claims['job_workflow_ref'] matches 'foo-org/bar-repo/.github/workflows/*@refs/heads/main'";
    expect(strip(parsed(text))).toEqual([
      { claim: 'sub', operator: 'eq', comparand: 'repo:contoso/contoso-repo:ref:refs/heads/main' },
      { claim: 'job_workflow_ref', operator: 'matches', comparand: 'foo-org/bar-repo/.github/workflows/*@refs/heads/main' },
    ]);
  });

  it('keeps spans of each part', () => {
    const text = "claims['sub'] eq 'x'";
    const [comparison] = parsed(text).comparisons;
    expect(text.slice(comparison.claimSpan.start, comparison.claimSpan.end)).toBe("'sub'");
    expect(text.slice(comparison.operatorSpan.start, comparison.operatorSpan.end)).toBe('eq');
    expect(text.slice(comparison.comparandSpan.start, comparison.comparandSpan.end)).toBe("'x'");
    expect(comparison.span).toEqual({ start: 0, end: text.length });
  });

  it("reads a doubled single quote as a quote (\"single quotes are interpreted as escape characters\")", () => {
    expect(parsed("claims['sub'] eq 'it''s'").comparisons[0].comparand).toBe("it's");
  });

  it('rejects or and not, which the language does not have', () => {
    // The doc lists only matches, eq and and.
    expect(syntaxError("claims['sub'] eq 'a' or claims['sub'] eq 'b'").message).toMatch(/'or' at column 22 is not supported/);
    expect(syntaxError("not claims['sub'] eq 'a'").message).toMatch(/'not' at column 1 is not supported/);
  });

  it('locates an unknown operator', () => {
    const error = syntaxError("claims['sub'] like 'a*'");
    expect(error.message).toBe("unknown operator 'like' at column 15: the operators are eq and matches");
    expect(error.span).toEqual({ start: 14, end: 18 });
  });

  it('locates an unterminated comparand', () => {
    const error = syntaxError("claims['sub'] eq 'repo:x");
    expect(error.message).toMatch(/unterminated string starting at column 18/);
    expect(error.span.start).toBe(17);
  });

  it('explains typographic quotes copied from the documentation table', () => {
    // The doc's table writes claims[‘sub’] with typographic quotes.
    expect(syntaxError('claims[‘sub’] matches ‘x’').message).toMatch(/typographic quote ‘ at column 8/);
  });

  it('rejects double quotes, parentheses, trailing text and an empty expression', () => {
    expect(syntaxError('claims["sub"] eq \'a\'').message).toMatch(/double quote at column 8/);
    expect(syntaxError("(claims['sub'] eq 'a')").message).toMatch(/parenthesis at column 1/);
    // The doc's JSON sample ends with a stray `.` inside the string.
    expect(syntaxError("claims['sub'] matches 'a*'.").message).toMatch(/unexpected character "\." at column 27/);
    expect(syntaxError("claims['sub'] eq 'a' claims['sub'] eq 'b'").message).toMatch(/expected 'and' or the end of the expression at column 22/);
    expect(syntaxError("claims['sub'] eq 'a' and").message).toMatch(/expected a comparison after 'and'/);
    expect(syntaxError('   ').message).toMatch(/empty expression/);
    expect(syntaxError("claims[''] eq 'a'").message).toMatch(/empty claim name/);
    expect(syntaxError("Claims['sub'] eq 'a'").message).toMatch(/expected claims\['<name>'\] at column 1, found 'Claims'/);
    expect(syntaxError("claims['sub'] EQ 'a'").message).toMatch(/unknown operator 'EQ'/);
  });
});

const claimName = fc.string({ minLength: 1, maxLength: 20 });
const comparison = fc.record({
  claim: claimName,
  operator: fc.constantFrom('eq' as const, 'matches' as const),
  comparand: fc.string({ maxLength: 40 }),
});

describe('expression properties', () => {
  it('never throws, whatever the input, and errors carry a span inside the text', () => {
    const alphabet = fc.constantFrom(..."claims[]'eqmatchesand or not*?\"()‘’ \t.xsub_".split(''));
    const input = fc.oneof(fc.string(), fc.array(alphabet, { maxLength: 60 }).map((chars) => chars.join('')));
    fc.assert(
      fc.property(input, (text) => {
        const outcome = parseExpression(text);
        if (!outcome.ok) {
          expect(outcome.error.span.start).toBeGreaterThanOrEqual(0);
          expect(outcome.error.span.end).toBeLessThanOrEqual(text.length);
          expect(outcome.error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('print → parse round-trips any expression', () => {
    fc.assert(
      fc.property(fc.array(comparison, { minLength: 1, maxLength: 4 }), (comparisons) => {
        const text = printExpression({ comparisons: comparisons.map((c) => ({ ...c, span: { start: 0, end: 0 }, claimSpan: { start: 0, end: 0 }, operatorSpan: { start: 0, end: 0 }, comparandSpan: { start: 0, end: 0 } })) });
        const outcome = parseExpression(text);
        expect(outcome.ok).toBe(true);
        if (outcome.ok) expect(strip(outcome.expression)).toEqual(comparisons);
      }),
      { numRuns: 1000 },
    );
  });

  it('parse → print → parse is stable for any parsable input', () => {
    const word = fc.constantFrom("claims['sub']", "claims['job_workflow_ref']", 'eq', 'matches', 'and', "'a*b'", "'it''s'", "'x?'");
    fc.assert(
      fc.property(fc.array(word, { maxLength: 12 }), fc.constantFrom(' ', '  ', '\t'), (words, gap) => {
        const first = parseExpression(words.join(gap));
        if (!first.ok) return;
        const again = parseExpression(printExpression(first.expression));
        expect(again.ok).toBe(true);
        if (again.ok) expect(strip(again.expression)).toEqual(strip(first.expression));
      }),
      { numRuns: 2000 },
    );
  });
});
