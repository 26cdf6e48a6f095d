import { describe, expect, it } from 'vitest';
import { humanDuration, isoOf, parseInstant, relativeTime, tokenTimeStatus } from './time';

describe('parseInstant', () => {
  it('reads ISO 8601 and Unix seconds, as the CLI contract says for --at', () => {
    expect(parseInstant('2023-11-14T22:13:20Z')).toBe(1700000000);
    expect(parseInstant('1700000000')).toBe(1700000000);
    expect(parseInstant('2023-11-14T23:13:20+01:00')).toBe(1700000000);
  });
  it('refuses loose formats instead of guessing', () => {
    expect(parseInstant('yesterday')).toBeNull();
    expect(parseInstant('11/14/2023')).toBeNull();
  });
});

describe('relative wording', () => {
  it('says "expires in 4 min" and "expired 3 h ago"', () => {
    expect(relativeTime('exp', 1000 + 4 * 60 + 30, 1000)).toBe('expires in 4 min');
    expect(relativeTime('exp', 1000, 1000 + 3 * 3600 + 5)).toBe('expired 3 h ago');
    expect(humanDuration(2 * 86400 + 1)).toBe('2 d');
    expect(isoOf(1700000000)).toBe('2023-11-14T22:13:20Z');
  });
  it('calls a token live only while exp is ahead and nbf has passed', () => {
    expect(tokenTimeStatus({ exp: 2000, nbf: 900 }, 1000).live).toBe(true);
    expect(tokenTimeStatus({ exp: 2000, nbf: 1500 }, 1000).live).toBe(false);
    expect(tokenTimeStatus({ exp: 999 }, 1000).live).toBe(false);
    expect(tokenTimeStatus({ exp: '2000' }, 1000).notes[0]).toMatchObject({ claim: 'exp', iso: null });
  });
});
