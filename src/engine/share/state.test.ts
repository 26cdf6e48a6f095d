import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROVIDER_IDS } from '../result';
import { decodeFragment, encodeShareFragment, MAX_FRAGMENT_CHARS, MAX_JSON_DEPTH, type ShareState } from './state';

// lz-string loaded on its own here, so the format check does not go through the module under test.
const lz = createRequire(import.meta.url)('lz-string') as {
  compressToEncodedURIComponent(input: string): string;
  decompressFromEncodedURIComponent(input: string): string | null;
};

/** A fragment for an arbitrary JSON value, built independently of encodeShareFragment. */
function fragmentOf(value: unknown): string {
  return `#s=${lz.compressToEncodedURIComponent(JSON.stringify(value))}`;
}

const base = { v: 1, provider: 'aws', policy: '{"Version":"2012-10-17","Statement":[]}', claims: { sub: 'x' }, token: null, at: 1_700_000_000 };

function reasonOf(value: unknown): string {
  const outcome = decodeFragment(fragmentOf(value));
  if (outcome.kind !== 'invalid') throw new Error(`expected invalid, got ${outcome.kind}`);
  return outcome.reason;
}

const anyText = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 200 });
// fast-check's jsonValue includes -0, which JSON itself writes as 0: states hold what JSON carries.
const jsonObject = fc
  .dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 8, noNullPrototype: true })
  .map((value) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>);

const shareStates: fc.Arbitrary<ShareState> = fc
  .record(
    {
      provider: fc.constantFrom(...PROVIDER_IDS),
      policy: anyText,
      tokenOrClaims: fc.oneof(
        jsonObject.map((claims) => ({ claims, token: null })),
        anyText.map((token) => ({ claims: null, token })),
      ),
      at: fc.option(fc.integer({ min: -62_135_596_800, max: 253_402_300_799 }), { nil: null }),
      header: fc.option(jsonObject, { nil: null }),
      options: fc.dictionary(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), { maxKeys: 4, noNullPrototype: true }),
      before: anyText,
    },
    { requiredKeys: ['provider', 'policy', 'tokenOrClaims', 'at'] },
  )
  .map(({ tokenOrClaims, ...rest }) => ({ v: 1 as const, ...rest, ...tokenOrClaims }));

describe('share fragment: format (docs/contracts/WEB.md, "URL state")', () => {
  it('is #s= + lz-string compressToEncodedURIComponent of the documented JSON', () => {
    const state: ShareState = { v: 1, provider: 'vault', policy: '{"role_type":"jwt"}', claims: { sub: 'project_path:g/p:ref_type:branch:ref:main' }, token: null, at: 1_700_000_000 };
    const fragment = encodeShareFragment(state);
    expect(fragment.startsWith('#s=')).toBe(true);
    const json = lz.decompressFromEncodedURIComponent(fragment.slice('#s='.length));
    expect(json).not.toBeNull();
    // Key order as documented, no extra keys when header and options are absent.
    expect(json).toBe('{"v":1,"provider":"vault","policy":"{\\"role_type\\":\\"jwt\\"}","claims":{"sub":"project_path:g/p:ref_type:branch:ref:main"},"token":null,"at":1700000000}');
  });

  it('decodes a fragment written by any other lz-string user', () => {
    const outcome = decodeFragment(fragmentOf({ v: 1, provider: 'gcp', policy: 'p', claims: null, token: 'a.b.c', at: null }));
    expect(outcome).toEqual({ kind: 'state', state: { v: 1, provider: 'gcp', policy: 'p', claims: null, token: 'a.b.c', at: null } });
  });

  it('round-trips every state (property)', () => {
    fc.assert(
      fc.property(shareStates, (state) => {
        const outcome = decodeFragment(encodeShareFragment(state));
        expect(outcome).toEqual({ kind: 'state', state });
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts the fragment with or without its leading #', () => {
    const fragment = encodeShareFragment(base as ShareState);
    expect(decodeFragment(fragment.slice(1))).toEqual(decodeFragment(fragment));
    expect(decodeFragment(fragment).kind).toBe('state');
  });

  it('reads a link whose state came back percent-encoded', () => {
    const fragment = encodeShareFragment({ ...(base as ShareState), policy: '\u00ff\u00fe'.repeat(50) });
    const encoded = `#s=${encodeURIComponent(fragment.slice(3)).replace(/\$/g, '%24').replace(/\+/g, '%2B')}`;
    expect(decodeFragment(encoded)).toEqual(decodeFragment(fragment));
  });
});

describe('share fragment: other fragments', () => {
  it('has nothing to load for an empty or foreign fragment', () => {
    for (const hash of ['', '#', '#verdict', '#token=eyJ.x.y', '#section-2']) expect(decodeFragment(hash)).toEqual({ kind: 'none' });
  });

  it('reads #example=<id>', () => {
    expect(decodeFragment('#example=gitlab-aws-branch')).toEqual({ kind: 'example', id: 'gitlab-aws-branch' });
  });

  it('refuses an empty or malformed example id', () => {
    expect(decodeFragment('#example=')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('names no example') });
    expect(decodeFragment('#example=<script>')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('is not an example id') });
    expect(decodeFragment(`#example=${'a'.repeat(101)}`).kind).toBe('invalid');
  });
});

describe('share fragment: refusals say why', () => {
  it('a newer version', () => {
    expect(reasonOf({ ...base, v: 2 })).toBe('This link was made by a newer trustlens (state version 2); nothing was loaded.');
  });

  it('an unknown or missing version', () => {
    expect(reasonOf({ ...base, v: '1' })).toBe('This link\'s state version "1" is not one trustlens knows (expected 1); nothing was loaded.');
    expect(reasonOf({ ...base, v: 0 })).toContain('state version 0 is not one trustlens knows');
    expect(reasonOf({ ...base, v: 1.5 })).toContain('state version 1.5 is not one trustlens knows');
    const { v: _v, ...unversioned } = base;
    expect(reasonOf(unversioned)).toBe('This link\'s state has no version ("v"); nothing was loaded.');
  });

  it('an unknown provider', () => {
    expect(reasonOf({ ...base, provider: 'oci' })).toBe('This link names an unknown provider "oci" (expected aws, vault, gcp, azure); nothing was loaded.');
  });

  it('exactly one of claims and token', () => {
    expect(reasonOf({ ...base, token: 'a.b.c' })).toContain('both claims and a token');
    expect(reasonOf({ ...base, claims: null })).toContain('neither claims nor a token');
    const { claims: _c, token: _t, ...bare } = base;
    expect(reasonOf(bare)).toContain('neither claims nor a token');
  });

  it('wrong types', () => {
    expect(reasonOf([base])).toContain('is not an object');
    expect(reasonOf({ ...base, policy: { Statement: [] } })).toContain('"policy" is not text');
    expect(reasonOf({ ...base, claims: ['sub'] })).toContain('"claims" is not a JSON object');
    expect(reasonOf({ ...base, claims: null, token: 42 })).toContain('"token" is not text');
    expect(reasonOf({ ...base, at: '2023-11-14T22:13:20Z' })).toContain('"at"');
    expect(reasonOf({ ...base, at: 1.5 })).toContain('"at"');
    expect(reasonOf({ ...base, at: 1e300 })).toContain('"at"');
    expect(reasonOf({ ...base, header: 'RS256' })).toContain('"header" is not a JSON object');
    expect(reasonOf({ ...base, options: { flavour: 1 } })).toContain('option "flavour" is not a short text value');
    expect(reasonOf({ ...base, options: ['x'] })).toContain('"options" is not an object');
  });

  it('size limits', () => {
    expect(decodeFragment(`#s=${'A'.repeat(MAX_FRAGMENT_CHARS + 1)}`)).toMatchObject({ kind: 'invalid', reason: expect.stringContaining(`more than the ${MAX_FRAGMENT_CHARS}`) });
    // Highly repetitive text compresses far below the fragment limit but is refused once expanded.
    expect(reasonOf({ ...base, policy: ' '.repeat(300_000) })).toContain('once decompressed');
    let deep: unknown = 'bottom';
    for (let i = 0; i < MAX_JSON_DEPTH + 1; i++) deep = { nested: deep };
    expect(reasonOf({ ...base, claims: deep })).toContain(`nested deeper than ${MAX_JSON_DEPTH} levels`);
    expect(reasonOf({ ...base, options: Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, 'v'])) })).toContain('more than 32');
  });

  it('damaged links', () => {
    const fragment = encodeShareFragment(base as ShareState);
    expect(decodeFragment('#s=')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('carries no state') });
    expect(decodeFragment('#s')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('carries no state') });
    expect(decodeFragment(`${fragment}!`)).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('cut or altered') });
    expect(decodeFragment(`#s=${lz.compressToEncodedURIComponent('not json')}`)).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('not valid JSON') });
    const cut = decodeFragment(fragment.slice(0, Math.floor(fragment.length / 2)));
    expect(cut.kind).toBe('invalid');
  });

  it('"before" (compare mode) is optional: links without it load as before, and it must be text', () => {
    expect(decodeFragment(fragmentOf(base))).toEqual({ kind: 'state', state: base });
    const before = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny"}]}';
    expect(decodeFragment(fragmentOf({ ...base, before }))).toEqual({ kind: 'state', state: { ...base, before } });
    expect(decodeFragment(fragmentOf({ ...base, before: '' }))).toEqual({ kind: 'state', state: { ...base, before: '' } });
    expect(reasonOf({ ...base, before: { Statement: [] } })).toBe('This link\'s "before" (the configuration compared against) is not text; nothing was loaded.');
    expect(reasonOf({ ...base, before: null })).toContain('"before"');
  });

  it('writes "before" last, after the documented keys', () => {
    const json = lz.decompressFromEncodedURIComponent(encodeShareFragment({ ...(base as ShareState), before: 'old' }).slice('#s='.length));
    expect(json).toBe(`{"v":1,"provider":"aws","policy":${JSON.stringify(base.policy)},"claims":{"sub":"x"},"token":null,"at":1700000000,"before":"old"}`);
  });

  it('drops keys it does not know, keeping the rest', () => {
    expect(decodeFragment(fragmentOf({ ...base, future: { x: 1 } }))).toEqual({ kind: 'state', state: base });
  });
});

describe('share fragment: never throws (property)', () => {
  const outcomeKinds = ['none', 'state', 'example', 'invalid'];

  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.string({ unit: 'binary' })), (text) => {
        expect(outcomeKinds).toContain(decodeFragment(text).kind);
        expect(outcomeKinds).toContain(decodeFragment(`#s=${text}`).kind);
      }),
      { numRuns: 10_000 },
    );
  });

  it('on arbitrary strings in the link alphabet', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 400 }), (text) => {
        expect(outcomeKinds).toContain(decodeFragment(`#s=${text}`).kind);
      }),
      { numRuns: 10_000 },
    );
  });

  it('on arbitrary JSON, and refuses what is not a state', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const outcome = decodeFragment(fragmentOf(value));
        expect(outcomeKinds).toContain(outcome.kind);
        if (outcome.kind === 'state') expect((value as { v: unknown }).v).toBe(1);
      }),
      { numRuns: 5000 },
    );
  });

  it('on non-string input from untyped callers', () => {
    for (const value of [undefined, null, 42, {}, []]) expect(decodeFragment(value as unknown as string)).toEqual({ kind: 'none' });
  });
});
