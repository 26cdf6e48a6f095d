import { describe, expect, it } from 'vitest';
import { providerToSwitchTo, replacesLoadedToken, timeClaimsKey } from './workbench';

describe('the instant a pasted token is judged at', () => {
  const example = { iss: 'https://gitlab.com', sub: 's', iat: 1700000000, exp: 1700000300 };
  const loaded = { kind: 'loaded' as const, timeKey: timeClaimsKey(example), from: 'example' as const };

  it('stays at the example\'s instant while its time claims are kept (e.g. only sub edited)', () => {
    expect(replacesLoadedToken(loaded, 1700000010, timeClaimsKey({ ...example, sub: 'other' }))).toBe(false);
  });

  it('becomes now for a token with other time claims (one minted now)', () => {
    expect(replacesLoadedToken(loaded, 1700000010, timeClaimsKey({ ...example, iat: 1780000000, exp: 1780000300 }))).toBe(true);
    expect(replacesLoadedToken(loaded, 1700000010, timeClaimsKey({ iss: 'x' }))).toBe(true);
  });

  it('keeps an instant the user chose, "now", and unreadable input as they are', () => {
    expect(replacesLoadedToken({ kind: 'chosen' }, 1700000010, timeClaimsKey({ iat: 1 }))).toBe(false);
    expect(replacesLoadedToken(loaded, null, timeClaimsKey({ iat: 1 }))).toBe(false);
    expect(replacesLoadedToken(loaded, 1700000010, null)).toBe(false);
  });
});

describe('switching the provider to the configuration\'s shape', () => {
  it('switches when another provider is detected and the user did not pick one', () => {
    expect(providerToSwitchTo('aws', 'vault', false)).toBe('vault');
  });
  it('keeps an explicit choice, and does nothing without a clear detection', () => {
    expect(providerToSwitchTo('aws', 'vault', true)).toBeNull();
    expect(providerToSwitchTo('aws', null, false)).toBeNull();
    expect(providerToSwitchTo('vault', 'vault', false)).toBeNull();
  });
});
