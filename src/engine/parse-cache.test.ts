import { describe, expect, it } from 'vitest';
import { clearParseCache, detectCached, lintCached, parseCached } from './parse-cache';
import type { ProviderModule } from './provider';

function countingProvider(): { provider: ProviderModule<unknown>; parses: () => number } {
  let parses = 0;
  const provider = {
    parse(text: string) {
      parses++;
      return { ok: true as const, policy: { text } };
    },
  } as unknown as ProviderModule<unknown>;
  return { provider, parses: () => parses };
}

describe('parse cache', () => {
  it('parses a repeated text once per provider and hands back the same parsed policy', () => {
    clearParseCache();
    const { provider, parses } = countingProvider();
    const first = parseCached('aws', provider, '{"Statement": []}');
    const second = parseCached('aws', provider, '{"Statement": []}');
    expect(second).toBe(first);
    expect(parses()).toBe(1);
    parseCached('vault', provider, '{"Statement": []}');
    expect(parses()).toBe(2);
  });
  it('forgets the least recently used text beyond its capacity', () => {
    clearParseCache();
    const { provider, parses } = countingProvider();
    parseCached('aws', provider, 'kept');
    for (let i = 0; i < 40; i++) {
      parseCached('aws', provider, `text ${i}`);
      parseCached('aws', provider, 'kept'); // used again: stays
    }
    const before = parses();
    parseCached('aws', provider, 'kept');
    parseCached('aws', provider, 'text 0');
    expect(parses()).toBe(before + 1); // `kept` was cached, `text 0` had been evicted
  });
  it('does not pin very large texts', () => {
    clearParseCache();
    const { provider, parses } = countingProvider();
    const large = 'x'.repeat(600 * 1024);
    parseCached('aws', provider, large);
    parseCached('aws', provider, large);
    expect(parses()).toBe(2);
  });
  it('lints a parsed policy once and detects a text once', () => {
    const policy = {};
    let lints = 0;
    const lint = () => {
      lints++;
      return [];
    };
    expect(lintCached(policy, lint)).toBe(lintCached(policy, lint));
    expect(lints).toBe(1);
    let detections = 0;
    const detect = (text: string) => {
      detections++;
      return text.length;
    };
    expect(detectCached('abc', detect)).toBe(3);
    expect(detectCached('abc', detect)).toBe(3);
    expect(detections).toBe(1);
  });
});
