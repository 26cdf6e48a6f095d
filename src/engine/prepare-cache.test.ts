import { describe, expect, it } from 'vitest';
import type { ProviderModule } from './provider';
import { clearPrepared, prepareWith } from './prepare';
import { claimsToken } from './token';

/** A provider that counts its parses and lints, and allows every token. */
function countingProvider() {
  const counts = { parses: 0, lints: 0, detections: 0 };
  const provider = {
    id: 'aws',
    badSignatureMessage: 'bad signature',
    detect: () => {
      counts.detections++;
      return true;
    },
    parse(text: string) {
      counts.parses++;
      return text.startsWith('broken') ? { ok: false as const, error: { message: 'not valid JSON', source: { line: 1, column: 1, endLine: 1, endColumn: 2 } } } : { ok: true as const, policy: { text } };
    },
    lint() {
      counts.lints++;
      return [];
    },
    plan: () => ({
      decide: () => ({ decision: 'allow', message: 'allowed' }),
      explain: () => ({ provider: 'aws', decision: 'allow', message: 'allowed', checks: [], findings: [], details: {} }),
    }),
  } as unknown as ProviderModule<unknown>;
  return { registry: { aws: provider }, counts };
}

const at = 1_700_000_000;
const token = claimsToken({ sub: 'x' });

describe('the front door keeps what it prepared', () => {
  it('detects, parses and lints a repeated text once, and answers from the same preparation', () => {
    clearPrepared();
    const { registry, counts } = countingProvider();
    const first = prepareWith(registry, { policyText: '{"Statement": []}' });
    first.explain(token, { at });
    first.explain(token, { at });
    const second = prepareWith(registry, { policyText: '{"Statement": []}' });
    expect(second).toBe(first);
    expect(second.decide(token, { at })).toEqual({ decision: 'allow', message: 'allowed' });
    expect(counts).toEqual({ parses: 1, lints: 1, detections: 1 });
  });
  it('prepares again when the provider or the options differ', () => {
    clearPrepared();
    const { registry, counts } = countingProvider();
    prepareWith(registry, { policyText: 'p' });
    prepareWith(registry, { policyText: 'p', provider: 'aws' });
    prepareWith(registry, { policyText: 'p', provider: 'aws', options: { flavour: 'openbao' } });
    prepareWith(registry, { policyText: 'p', provider: 'aws', options: { flavour: 'openbao' } });
    expect(counts.parses).toBe(3);
  });
  it('forgets the least recently used text beyond its capacity', () => {
    clearPrepared();
    const { registry, counts } = countingProvider();
    prepareWith(registry, { policyText: 'kept', provider: 'aws' });
    for (let i = 0; i < 40; i++) {
      prepareWith(registry, { policyText: `text ${i}`, provider: 'aws' });
      prepareWith(registry, { policyText: 'kept', provider: 'aws' }); // used again: stays
    }
    const before = counts.parses;
    prepareWith(registry, { policyText: 'kept', provider: 'aws' });
    prepareWith(registry, { policyText: 'text 0', provider: 'aws' });
    expect(counts.parses).toBe(before + 1); // `kept` was kept, `text 0` had been forgotten
  });
  it('does not pin very large texts', () => {
    clearPrepared();
    const { registry, counts } = countingProvider();
    const large = 'x'.repeat(600 * 1024);
    prepareWith(registry, { policyText: large, provider: 'aws' });
    prepareWith(registry, { policyText: large, provider: 'aws' });
    expect(counts.parses).toBe(2);
  });
  it('answers a configuration it cannot read with the same located error for every token', () => {
    clearPrepared();
    const { registry } = countingProvider();
    const prepared = prepareWith(registry, { policyText: 'broken {', provider: 'aws' });
    expect(prepared.ok).toBe(false);
    expect(prepared.error?.message).toBe('not valid JSON');
    expect(prepared.explain(token, { at }).message).toBe('not valid JSON');
    expect(prepared.decide(token, { at })).toEqual({ decision: 'error', message: 'not valid JSON' });
  });
  it('does not keep an answer that depends on a provider the registry does not hold yet', () => {
    clearPrepared();
    const { registry } = countingProvider();
    expect(prepareWith({}, { policyText: 'p', provider: 'aws' }).ok).toBe(false);
    expect(prepareWith(registry, { policyText: 'p', provider: 'aws' }).ok).toBe(true);
  });
});
