import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCel } from './cel-source';
import { clauseTree, type ClauseShape } from './clauses';

function shape(text: string) {
  const parsed = parseCel(text);
  if (!parsed.ok) throw new Error(parsed.message);
  const tree = clauseTree(parsed.parsed, text);
  const render = (node: ClauseShape): unknown => (node.kind === 'leaf' ? text.slice(node.start, node.end) : { [node.kind]: node.children.map(render) });
  return render(tree);
}

describe('condition clauses', () => {
  it('splits &&, || and ! with exact spans, flattening chains', () => {
    expect(shape("assertion.a == 'x' && (assertion.b || !assertion.c)")).toEqual({
      and: ["assertion.a == 'x'", { or: ['assertion.b', { not: ['assertion.c'] }] }],
    });
    // The parser balances long chains; the tree is still flat and in text order.
    expect(shape('a && b && c && d && e')).toEqual({ and: ['a', 'b', 'c', 'd', 'e'] });
    expect(shape('a || b && c')).toEqual({ or: ['a', { and: ['b', 'c'] }] });
  });

  it('keeps comments, newlines and macros out of the way', () => {
    expect(shape("  has(assertion.env) &&\n  assertion.env == 'prod' // && not an operator\n  && !(assertion.x in ['a', 'b'])")).toEqual({
      and: ['has(assertion.env)', "assertion.env == 'prod'", { not: ["assertion.x in ['a', 'b']"] }],
    });
    expect(shape("assertion.groups.exists(g, g == 'a' && true) || x")).toEqual({ or: ["assertion.groups.exists(g, g == 'a' && true)", 'x'] });
  });

  // Property: for random boolean formulas, leaves are exactly the atoms, in order.
  it('recovers the atoms of random formulas', () => {
    type Formula = { atom: string } | { op: '&&' | '||'; left: Formula; right: Formula } | { not: Formula };
    const atom = fc.constantFrom('a', "x.y == 'v'", 'f(1, 2)', "[1,2].exists(i, i > 1 && true)", 'has(m.k)', '(b)').map((text) => ({ atom: text }) as Formula);
    const formula = fc.letrec<{ f: Formula }>((tie) => ({
      f: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        atom,
        fc.record({ op: fc.constantFrom('&&' as const, '||' as const), left: tie('f'), right: tie('f') }),
        fc.record({ not: tie('f') }),
      ),
    })).f;
    const print = (f: Formula, spaces: string): string =>
      'atom' in f ? f.atom : 'not' in f ? `!(${print(f.not, spaces)})` : `(${print(f.left, spaces)}${spaces}${f.op}${spaces}${print(f.right, spaces)})`;
    const atoms = (f: Formula): string[] => ('atom' in f ? [f.atom.replace(/^\((.*)\)$/, '$1')] : 'not' in f ? atoms(f.not) : [...atoms(f.left), ...atoms(f.right)]);
    const leaves = (node: ClauseShape, text: string): string[] => (node.kind === 'leaf' ? [text.slice(node.start, node.end)] : node.children.flatMap((c) => leaves(c, text)));
    fc.assert(
      fc.property(formula, fc.constantFrom(' ', '', '\n  '), (f, spaces) => {
        const text = print(f, spaces);
        const parsed = parseCel(text);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        // `!!x` collapses to x in the parser, so double negations may fold into a leaf.
        const got = leaves(clauseTree(parsed.parsed, text), text).map((leaf) => leaf.replace(/^[!(]+|\)+$/g, ''));
        const want = atoms(f).map((a) => a.replace(/^[!(]+|\)+$/g, ''));
        if (!text.includes('!(!(')) expect(got).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on random text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '&', '|', '!', '(', ')', ' ', "'", '=', '.', '/', '\n') }), (text) => {
        const parsed = parseCel(text);
        if (parsed.ok) clauseTree(parsed.parsed, text);
      }),
      { numRuns: 1000 },
    );
  });
});
