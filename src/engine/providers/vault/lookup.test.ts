import { describe, expect, it } from 'vitest';
import { getClaim, getLiteral, pointerParts } from './lookup';

// The claims of claims_test.go TestGetClaim.
const claims = {
  a: 42,
  b: 'bar',
  c: { d: 95, e: ['dog', 'cat', 'bird'], f: { g: 'zebra' } },
  data: { a: 'x' },
};

describe('getClaim (claims.go getClaim; summarised from claims_test.go TestGetClaim)', () => {
  it.each([
    ['a', { kind: 'number', text: '42' }],
    ['/a', { kind: 'number', text: '42' }],
    ['b', { kind: 'string', value: 'bar' }],
    ['/c/d', { kind: 'number', text: '95' }],
    ['/c/e/1', { kind: 'string', value: 'cat' }],
    ['/c/f/g', { kind: 'string', value: 'zebra' }],
  ])('%s resolves', (name, expected) => {
    expect(getClaim(claims, name).value).toEqual(expected);
  });
  it.each(['nope', '/c/f/h', '', '\\'])('%j is missing', (name) => {
    expect(getClaim(claims, name).value).toBeUndefined();
  });
  it('has no dot notation: "c.d" is a literal key', () => {
    expect(getClaim(claims, 'c.d').value).toBeUndefined();
    expect(getClaim({ 'c.d': 'x' }, 'c.d').value).toEqual({ kind: 'string', value: 'x' });
  });
  it('reads JSON null as missing', () => {
    expect(getClaim({ x: null }, 'x').value).toBeUndefined();
    expect(getClaim({ x: { y: null } }, '/x/y').value).toBeUndefined();
  });
  it('truncates a top-level float to integer text, but not numbers inside lists (PR #265)', () => {
    expect(getClaim({ n: 7.9 }, 'n')).toMatchObject({ value: { kind: 'number', text: '7' }, convertedFrom: 7.9 });
    expect(getClaim({ n: [7] }, 'n').value).toEqual({ kind: 'list', items: [{ kind: 'float', value: 7 }] });
  });
  it('unescapes ~1 before ~0 (pointerstructure parse.go)', () => {
    expect(pointerParts('/a~1b/c~0d/~01')).toEqual(['a/b', 'c~d', '~1']);
    expect(getClaim({ 'https://vault/groups': { testing: ['foo', 'bar'] } }, '/https:~1~1vault~1groups/testing').value).toEqual({
      kind: 'list',
      items: [{ kind: 'string', value: 'foo' }, { kind: 'string', value: 'bar' }],
    });
  });
  it('parses list indices with weak int decoding: "" is 0, 0x1 is 1, negatives and out of range miss', () => {
    const list = { l: ['zero', 'one'] };
    expect(getClaim(list, '/l/').value).toEqual({ kind: 'string', value: 'zero' });
    expect(getClaim(list, '/l/0x1').value).toEqual({ kind: 'string', value: 'one' });
    expect(getClaim(list, '/l/-1').value).toBeUndefined();
    expect(getClaim(list, '/l/2').value).toBeUndefined();
    expect(getClaim(list, '/l/x').value).toBeUndefined();
  });
  it('reports descending into a scalar as missing', () => {
    expect(getClaim(claims, '/b/x')).toMatchObject({ value: undefined, via: 'pointer' });
  });
  it('turns a string aud into a list in OpenBao only (openbao claims.go getClaim)', () => {
    expect(getClaim({ aud: 'x' }, 'aud', 'openbao').value).toEqual({ kind: 'list', items: [{ kind: 'string', value: 'x' }] });
    expect(getClaim({ aud: 'x' }, 'aud', 'vault').value).toEqual({ kind: 'string', value: 'x' });
  });
  it('getLiteral never converts numbers nor follows pointers (path_login.go createIdentity)', () => {
    expect(getLiteral({ '/a': 'x', a: 1 }, '/a')).toEqual({ kind: 'string', value: 'x' });
    expect(getLiteral({ a: 1 }, 'a')).toEqual({ kind: 'float', value: 1 });
  });
});
