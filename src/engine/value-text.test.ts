import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonDocument } from './json';
import { valueText } from './value-text';

describe('valueText', () => {
  it('writes primitives as String does and objects as their JSON', () => {
    expect(valueText('https://gitlab.com')).toBe('https://gitlab.com');
    expect(valueText(1700000000)).toBe('1700000000');
    expect(valueText(true)).toBe('true');
    expect(valueText(null)).toBe('null');
    expect(valueText(undefined)).toBe('undefined');
    expect(valueText({ a: 1 })).toBe('{"a":1}');
    expect(valueText([{ a: 1 }, 'b'])).toBe('[{"a":1},"b"]');
  });

  it('quotes an object parsed from claims text, which has no prototype, instead of throwing', () => {
    const parsed = parseJsonDocument('{"aud": {"a": 1}, "iss": {"toString": null, "valueOf": null}}', 'Claims');
    if (!parsed.ok) throw new Error(parsed.error.message);
    const claims = parsed.doc.value as Record<string, unknown>;
    // The parser's objects are what made String() throw here.
    expect(() => String(claims.aud)).toThrow(TypeError);
    expect(valueText(claims.aud)).toBe('{"a":1}');
    expect(valueText(claims.iss)).toBe('{"toString":null,"valueOf":null}');
  });

  it('never throws, even on values JSON cannot hold', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(valueText(cycle)).toBe('[object Object]');
    expect(valueText({ big: 1n })).toBe('[object Object]');
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBigInt: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true }), (value) => {
        expect(typeof valueText(value)).toBe('string');
      }),
    );
  });
});
