import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goDurationText, goFloatText, goIntText } from './numbers';

describe('goIntText: strconv.Itoa(int(v)) as claims.go getClaim applies it to float claims', () => {
  it('truncates toward zero and never uses exponent form', () => {
    expect(goIntText(7.9)).toBe('7');
    expect(goIntText(-7.9)).toBe('-7');
    expect(goIntText(22)).toBe('22');
    expect(goIntText(0.5)).toBe('0');
    expect(goIntText(1e21)).toBe('-9223372036854775808'); // beyond int64: amd64's conversion result
    expect(goIntText(1e18)).toBe('1000000000000000000');
  });
  it('agrees with BigInt truncation inside the int64 range', () => {
    fc.assert(
      fc.property(fc.double({ min: -9e18, max: 9e18, noNaN: true }), (value) => {
        expect(goIntText(value)).toBe(BigInt(Math.trunc(value)).toString());
      }),
    );
  });
});

describe("goFloatText: fmt's %v for float64 (used in Vault's error messages)", () => {
  it('uses exponent form from 1e6 and below 1e-4', () => {
    expect(goFloatText(1700000290)).toBe('1.70000029e+09');
    expect(goFloatText(1e6)).toBe('1e+06');
    expect(goFloatText(123456)).toBe('123456');
    expect(goFloatText(7.9)).toBe('7.9');
    expect(goFloatText(0.0001)).toBe('0.0001');
    expect(goFloatText(0.00001)).toBe('1e-05');
    expect(goFloatText(-42)).toBe('-42');
    expect(goFloatText(1e21)).toBe('1e+21');
  });
  it('round-trips through Number()', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
      expect(Number(goFloatText(value))).toBe(value);
    }));
  });
});

describe('goDurationText: time.Duration.String()', () => {
  it('prints h/m/s components like Go', () => {
    expect(goDurationText(0)).toBe('0s');
    expect(goDurationText(5)).toBe('5s');
    expect(goDurationText(90)).toBe('1m30s');
    expect(goDurationText(768 * 3600)).toBe('768h0m0s');
    expect(goDurationText(768 * 3600 + 1)).toBe('768h0m1s');
  });
});
