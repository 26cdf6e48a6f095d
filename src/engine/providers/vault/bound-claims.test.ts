import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateBoundClaim, globMatch, normalizeList } from './bound-claims';
import type { GoValue } from './value';

/** A role value as Vault stores it: numbers are json.Number with their text. */
function roleValue(value: unknown): GoValue {
  if (typeof value === 'string') return { kind: 'string', value };
  if (typeof value === 'boolean') return { kind: 'bool', value };
  if (typeof value === 'number') return { kind: 'number', text: String(value) };
  if (Array.isArray(value)) return { kind: 'list', items: value.map(roleValue) };
  if (value === null) return { kind: 'nil' };
  return { kind: 'map', entries: Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, roleValue(v)]) };
}

/** validateBoundClaims over every key, stopping at the first failure. */
function validate(mode: 'string' | 'glob', bound: Record<string, unknown>, claims: Record<string, unknown>): string | null {
  for (const [key, value] of Object.entries(bound)) {
    const outcome = evaluateBoundClaim(key, roleValue(value), claims, mode, 'vault');
    if (outcome.status !== 'pass') return outcome.error!;
  }
  return null;
}

// Rows of claims_test.go TestValidateBoundClaims, with the types real JSON gives (see vault.md §4).
describe('bound_claims (claims.go validateBoundClaims / matchFound)', () => {
  it.each([
    ['valid', 'string', { foo: 'a', bar: 'b' }, { foo: 'a', bar: 'b' }, null],
    ['valid - boolean claim', 'string', { email_verified: [false] }, { email_verified: false }, null],
    ['valid - match within list', 'string', { foo: 'a' }, { foo: ['a', 'b'] }, null],
    ['valid - match list against list', 'string', { foo: ['a', 'b', 'c'] }, { foo: ['c', 'd'] }, null],
    ['numeric float64', 'string', { foo: 123 }, { foo: 123 }, null],
    ['invalid numeric', 'string', { foo: 456 }, { foo: 123 }, 'claim "foo" does not match any associated bound claim values'],
    ['invalid - no match within list', 'string', { foo: 'c' }, { foo: ['a', 'b'] }, 'claim "foo" does not match any associated bound claim values'],
    ['valid - extra data', 'string', { foo: 'a' }, { foo: 'a', color: 'green' }, null],
    ['missing claim', 'string', { foo: 'a', bar: 'b' }, { foo: 'a' }, 'claim "bar" is missing'],
    ['valid - JSONPointer', 'string', { '/bar/baz/1': 'y' }, { bar: { baz: ['x', 'y', 'z'] } }, null],
    ['invalid - JSONPointer not found', 'string', { '/bar/XXX/1243': 'q' }, { bar: { baz: ['x'] } }, 'claim "/bar/XXX/1243" is missing'],
    ['valid - match alternates', 'string', { email: ['a', 'b', 'c'], color: 'green' }, { email: 'c', color: 'green' }, null],
    ['invalid bound claim expected boolean value', 'string', { email: true }, { email: 'true' }, 'claim "email" does not match any associated bound claim values'],
    ['real JSON: numbers inside a token list stay float64 and never match', 'string', { foo: [42] }, { foo: [42] }, 'claim "foo" does not match any associated bound claim values'],
    ['real JSON: role number 42 vs token string "d"', 'string', { email: 42 }, { email: 'd' }, 'claim "email" does not match any associated bound claim values'],
    ['matching glob', 'glob', { foo: '4*' }, { foo: '42' }, null],
    ['real JSON: glob skips a number token value', 'glob', { foo: '4*' }, { foo: 42 }, 'claim "foo" does not match any associated bound claim values'],
    ['not matching glob (prefix)', 'glob', { foo: '4*' }, { foo: 'd42' }, 'claim "foo" does not match any associated bound claim values'],
    ['not matching glob (suffix)', 'glob', { foo: '*2' }, { foo: '42x' }, 'claim "foo" does not match any associated bound claim values'],
    ['matching glob in list', 'glob', { foo: ['4*d', '42*'] }, { foo: '42x' }, null],
    ['not matching glob in list', 'glob', { foo: ['4*d', '42*'] }, { foo: '43x' }, 'claim "foo" does not match any associated bound claim values'],
    ['valid complex glob', 'glob', { email: '*@*.com' }, { email: 'test@example.com' }, null],
    ['non matching complex glob (string mode)', 'string', { email: 'r*@*.com' }, { email: 'test@example.com' }, 'claim "email" does not match any associated bound claim values'],
  ] as const)('%s', (_name, mode, bound, claims, expected) => {
    expect(validate(mode, bound, claims)).toBe(expected);
  });

  it('formats object token values with Go %v (sorted keys)', () => {
    expect(validate('string', { project: 'x' }, { project: { id: '22', b: 1700000290 } })).toBe(
      'received claim is not a string, bool, int or list: map[b:1.70000029e+09 id:22]',
    );
  });
  it('refuses an object or null role value only once the token has the claim', () => {
    expect(validate('string', { foo: { a: 'b' } }, { foo: 'x' })).toBe('bound claim is not a string, bool, int or list: map[a:b]');
    expect(validate('string', { foo: null }, {})).toBe('claim "foo" is missing');
  });
  it('compares role number lexemes as text: 7 matches token 7.9, 7.0 never matches', () => {
    expect(evaluateBoundClaim('n', { kind: 'number', text: '7' }, { n: 7.9 }, 'string', 'vault').status).toBe('pass');
    const outcome = evaluateBoundClaim('n', { kind: 'number', text: '7.0' }, { n: 7 }, 'string', 'vault');
    expect(outcome.status).toBe('no-match');
    expect(outcome.notes.join(' ')).toContain('7.0 ≠ 7');
  });
  it('calls out type mismatches', () => {
    const outcome = evaluateBoundClaim('project_id', { kind: 'number', text: '22' }, { project_id: '22' }, 'string', 'vault');
    expect(outcome.notes).toContain('role has number 22, token has string "22": Vault never matches across types');
  });
  it('shows where a glob diverges', () => {
    const outcome = evaluateBoundClaim('ref', { kind: 'string', value: 'auto-deploy-*' }, { ref: 'main' }, 'glob', 'vault');
    expect(outcome.notes.join(' ')).toMatch(/differs at character 1/);
  });
  it('flags two lists compared in string mode: Go panics on uncomparable types (inferred)', () => {
    const outcome = evaluateBoundClaim('x', roleValue([['a']]), { x: [['a']] }, 'string', 'vault');
    expect(outcome.status).toBe('panic');
  });
  it('an empty role list or an empty token list never matches', () => {
    expect(validate('string', { ref: [] }, { ref: 'main' })).toMatch(/does not match/);
    expect(validate('string', { ref: 'main' }, { ref: [] })).toMatch(/does not match/);
  });
});

describe('normalizeList (claims.go; Test_normalizeList)', () => {
  it('accepts strings, bools, json.Number and lists; refuses objects and nil', () => {
    expect(normalizeList({ kind: 'string', value: '' })).toHaveLength(1);
    expect(normalizeList({ kind: 'list', items: [] })).toEqual([]);
    expect(normalizeList({ kind: 'number', text: '42' })).toHaveLength(1);
    expect(normalizeList({ kind: 'nil' })).toBeNull();
    expect(normalizeList({ kind: 'map', entries: [] })).toBeNull();
  });
});

describe('glob mode agrees with a regex oracle (ryanuber/go-glob: `*` only, anchored, case-sensitive)', () => {
  const oracle = (pattern: string, text: string) =>
    new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's').test(text);
  const alphabet = fc.constantFrom('a', 'b', '*', '?', '/', '.', '-', 'A', '\n');
  it('for random patterns and texts', () => {
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 8 }), fc.array(fc.constantFrom('a', 'b', '?', '/', '.', '-', 'A', '\n', '*'), { maxLength: 10 }), (p, t) => {
        const pattern = p.join('');
        const text = t.join('');
        expect(globMatch(pattern, text)).toBe(oracle(pattern, text));
      }),
      { numRuns: 2000 },
    );
  });
  it('handles the documented edge cases', () => {
    expect(globMatch('', '')).toBe(true);
    expect(globMatch('', 'a')).toBe(false);
    expect(globMatch('*', '')).toBe(true);
    expect(globMatch('release-?', 'release-1')).toBe(false);
    expect(globMatch('auto-deploy-*', 'x-auto-deploy-1')).toBe(false);
    expect(globMatch('Main', 'main')).toBe(false);
  });
});
