import { describe, expect, it } from 'vitest';
import { decodeRegisteredClaims, ERR_UNMARSHAL_AUDIENCE, ERR_UNMARSHAL_NUMERIC_DATE } from './registered';

// cap jwt.go L212–219 with go-jose v3.0.5 jwt/claims.go.
describe('registered claims decode', () => {
  it('accepts a string or a list of strings as aud', () => {
    const one = decodeRegisteredClaims({ aud: 'a', exp: 10.9 });
    expect(one.ok && one.claims).toMatchObject({ aud: ['a'], exp: 10 });
    expect(decodeRegisteredClaims({ aud: ['a', 'b'] }).ok).toBe(true);
  });
  it('stops on a bad aud or time claim with go-jose errors', () => {
    expect(decodeRegisteredClaims({ aud: 42 })).toEqual({ ok: false, error: ERR_UNMARSHAL_AUDIENCE, key: 'aud' });
    expect(decodeRegisteredClaims({ aud: null })).toMatchObject({ ok: false, error: ERR_UNMARSHAL_AUDIENCE });
    expect(decodeRegisteredClaims({ exp: '1700000290' })).toMatchObject({ ok: false, error: ERR_UNMARSHAL_NUMERIC_DATE });
  });
  it('treats a null time claim as absent and 0 as absent', () => {
    const outcome = decodeRegisteredClaims({ exp: null, iat: 0, nbf: 5 });
    expect(outcome.ok && [outcome.claims.exp, outcome.claims.iat, outcome.claims.nbf]).toEqual([null, null, 5]);
  });
  it('reports a non-string iss as an encoding/json type error, after any go-jose error', () => {
    expect(decodeRegisteredClaims({ iss: 5 })).toMatchObject({ ok: false, error: 'json: cannot unmarshal number into Go struct field Claims.iss of type string' });
    expect(decodeRegisteredClaims({ iss: 5, nbf: 'x' })).toMatchObject({ error: ERR_UNMARSHAL_NUMERIC_DATE });
  });
  it('matches keys case-insensitively; the later key in sorted order wins', () => {
    const outcome = decodeRegisteredClaims({ ISS: 'upper', iss: 'lower', SUB: 'only-upper' });
    expect(outcome.ok && [outcome.claims.iss, outcome.claims.sub]).toEqual(['lower', 'only-upper']);
    expect(outcome.ok && outcome.claims.foldedKeys).toEqual(['ISS', 'SUB']);
  });
  it('folds the Kelvin sign and long s as encoding/json does, and no key of another length reaches a field', () => {
    const outcome = decodeRegisteredClaims({ '\u017fub': 'long-s', Iss: 'folded' });
    expect(outcome.ok && [outcome.claims.sub, outcome.claims.iss]).toEqual(['long-s', 'folded']);
    expect(decodeRegisteredClaims({ '\u0130ss': 'dotted', issuer: 'longer' })).toMatchObject({ ok: true, claims: { iss: '' } });
    // The decoder skips keys that are not three characters long: lower-casing shortens no character.
    for (let code = 0; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const character = String.fromCodePoint(code);
      const folded = character.replace(/\u212a/g, 'k').replace(/\u017f/g, 's').toLowerCase();
      if (folded.length < character.length) expect.fail(`U+${code.toString(16)} lower-cases shorter`);
    }
  });
});
