import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Check, EvaluationResult } from '../../engine/result';
import { reuseUnchanged, sameJson } from './reuse';

const check = (id: string, actual: string): Check => ({ id, label: id, result: 'pass', actual, reason: 'r' });
const result = (checks: Check[], message = 'm'): EvaluationResult => ({ provider: 'aws', decision: 'allow', message, checks, findings: [], details: {} });

describe('reuseUnchanged', () => {
  it('keeps equal checks as the same objects and takes the changed ones', () => {
    const before = result([check('a', '1'), check('b', '2')]);
    const after = reuseUnchanged(before, structuredClone({ ...before, checks: [before.checks[0], check('b', '3')] }));
    expect(after.checks[0]).toBe(before.checks[0]);
    expect(after.checks[1]).not.toBe(before.checks[1]);
    expect(after.checks[1].actual).toBe('3');
  });

  it('gives back the previous result when nothing differs', () => {
    const before = result([check('a', '1')]);
    expect(reuseUnchanged(before, structuredClone(before))).toBe(before);
  });

  it('always equals the new result', () => {
    const arbitraryCheck = fc.record({ id: fc.constantFrom('a', 'b', 'c'), actual: fc.string() }).map(({ id, actual }) => check(id, actual));
    fc.assert(
      fc.property(fc.array(arbitraryCheck), fc.array(arbitraryCheck), fc.string(), (a, b, message) => {
        const next = result(b, message);
        expect(reuseUnchanged(result(a), structuredClone(next))).toEqual(next);
      }),
    );
  });
});

describe('sameJson', () => {
  it('agrees with comparing the serialised values, for any JSON values and their copies', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(sameJson(a, structuredClone(a))).toBe(true);
        expect(sameJson(a, b)).toBe(JSON.stringify(a) === JSON.stringify(b));
      }),
      { numRuns: 2_000 },
    );
    expect(sameJson({ line: 1, column: 2 }, { column: 2, line: 1 })).toBe(false);
    expect(sameJson([1, [2, { a: 'x' }]], [1, [2, { a: 'y' }]])).toBe(false);
  });
});
