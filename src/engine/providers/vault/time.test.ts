import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTimes, effectiveLeeway, leewaysOf, type TimeClaims } from './time';

const NOW = 1700000000;
const roleLeeways = (clockSkew: number, expiration: number, notBefore = 0) =>
  leewaysOf({ clockSkewLeeway: clockSkew, expirationLeeway: expiration, notBeforeLeeway: notBefore });

describe('leeway resolution (cap jwt.go: 0 → default, negative → none)', () => {
  it('maps stored values to effective seconds', () => {
    expect(effectiveLeeway(0, 150)).toBe(150);
    expect(effectiveLeeway(-1, 150)).toBe(0);
    expect(effectiveLeeway(-100, 60)).toBe(0);
    expect(effectiveLeeway(5, 150)).toBe(5);
  });
});

// path_login_test.go testLogin_ExpiryClaims (TestLogin_Leeways): only iat or nbf present, no exp.
describe('expiry without exp (testLogin_ExpiryClaims)', () => {
  it.each([
    ['iat', 0, 0, -205, -215],
    ['iat', 10, 0, -150, -165],
    ['iat', -1, 0, -145, -155],
    ['nbf', 0, 0, -205, -215],
    ['nbf', 10, 0, -145, -165],
    ['nbf', -1, 0, -145, -155],
    ['iat', 0, 10, -65, -75],
    ['iat', 10, 10, -5, -25],
    ['iat', 10, -1, -5, -15],
    ['nbf', 0, 10, -65, -75],
    ['nbf', 10, 10, -5, -25],
    ['nbf', 10, -1, -5, -15],
    ['nbf', 10, -100, -5, -15],
  ] as const)('%s with clock skew %i and expiration leeway %i: %i valid, %i invalid', (claim, skew, expiration, valid, invalid) => {
    const leeways = roleLeeways(skew, expiration);
    const at = (offset: number): TimeClaims => ({ iat: null, nbf: null, exp: null, [claim]: NOW + offset });
    expect(checkTimes(at(valid), leeways, NOW).failure).toBeNull();
    expect(checkTimes(at(invalid), leeways, NOW).failure).toBe('exp');
  });
});

// path_login_test.go testLogin_NotBeforeClaims.
describe('not-before without nbf (testLogin_NotBeforeClaims)', () => {
  it.each([
    ['iat', 0, -1, 55, 65],
    ['iat', 10, -1, 5, 15],
    ['iat', -1, 5, 0, 6],
  ] as const)('iat only (exp = now), skew %i, nbf leeway %i: +%i valid, +%i invalid', (_claim, skew, notBefore, valid, invalid) => {
    const leeways = roleLeeways(skew, 0, notBefore);
    const claims = (offset: number): TimeClaims => ({ iat: NOW + offset, nbf: null, exp: NOW });
    expect(checkTimes(claims(valid), leeways, NOW).failure).toBeNull();
    expect(checkTimes(claims(invalid), leeways, NOW).failure).toBe('nbf');
  });
  it.each([
    [0, 0, 205, 215],
    [10, 0, 150, 165],
    [-1, 0, 145, 152],
    [0, 10, 65, 75],
    [10, 10, 15, 25],
    [-1, 5, 3, 7],
    [-100, 5, 3, 7],
  ] as const)('exp only, skew %i, nbf leeway %i: +%i valid, +%i invalid', (skew, notBefore, valid, invalid) => {
    const leeways = roleLeeways(skew, 0, notBefore);
    const claims = (offset: number): TimeClaims => ({ iat: null, nbf: null, exp: NOW + offset });
    expect(checkTimes(claims(valid), leeways, NOW).failure).toBeNull();
    expect(checkTimes(claims(invalid), leeways, NOW).failure).toBe('nbf');
  });
});

describe('time checks', () => {
  it('needs at least one of iat, nbf, exp', () => {
    expect(checkTimes({ iat: null, nbf: null, exp: null }, roleLeeways(0, 0), NOW).failure).toBe('missing');
  });
  it('reports an iat in the future with no nbf as "not yet valid" (nbf is set to iat)', () => {
    expect(checkTimes({ iat: NOW + 100, nbf: null, exp: NOW + 300 }, roleLeeways(0, 0), NOW).failure).toBe('nbf');
  });
  it('ignores expiration and not-before leeways when exp and nbf are present', () => {
    const a = checkTimes({ iat: NOW - 400, nbf: NOW - 400, exp: NOW - 61 }, roleLeeways(0, 3600, 3600), NOW);
    expect(a.failure).toBe('exp');
  });
  it('agrees with the inclusive window [max(nbf, iat) − skew, exp + skew] when all three are present', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: -5, max: 200 }),
        fc.integer({ min: -2000, max: 2000 }),
        (nbfOffset, lifetime, iatOffset, storedSkew, nowOffset) => {
          const nbf = NOW + nbfOffset;
          const exp = nbf + lifetime;
          const iat = NOW + iatOffset;
          // Zero is "absent" for NumericDate; keep the fixture clear of it.
          const skew = storedSkew === 0 ? 60 : storedSkew < 0 ? 0 : storedSkew;
          const now = NOW + nowOffset;
          const inside = now >= Math.max(nbf, iat) - skew && now <= exp + skew;
          const outcome = checkTimes({ iat, nbf, exp }, roleLeeways(storedSkew, 0), now);
          expect(outcome.failure === null).toBe(inside);
          if (outcome.window) expect(outcome.window.from <= now && now <= outcome.window.to).toBe(inside);
        },
      ),
    );
  });
});
