import { describe, expect, it } from 'vitest';
import { objectId, textId } from './textId';

describe('textId', () => {
  it('gives equal texts one number and different texts different numbers, also after forgetting', () => {
    const policy = JSON.stringify({ Statement: Array.from({ length: 50 }, (_, i) => ({ Sid: `s${i}` })) });
    const first = textId(policy);
    // An equal text built anew (a fresh string object) is the same configuration.
    expect(textId(`${policy.slice(0, 10)}${policy.slice(10)}`)).toBe(first);
    expect(textId(`${policy} `)).not.toBe(first);
    const seen = new Set<number>();
    for (let i = 0; i < 300; i++) seen.add(textId(`text ${i}`));
    expect(seen.size).toBe(300);
    // Forgotten texts come back with a new number, never one another text holds.
    expect(seen.has(textId(policy))).toBe(false);
  });
});

describe('objectId', () => {
  it('keeps one number per object, gives equal but distinct objects their own, and never shares one with a text', () => {
    const claims = { sub: 'project_path:g/p:ref_type:branch:ref:main' };
    const id = objectId(claims);
    expect(objectId(claims)).toBe(id);
    // Identity, not content: a copy is another object (at worst one repeated computation).
    expect(objectId({ ...claims })).not.toBe(id);
    expect(objectId(null)).toBe(-1);
    const texts = new Set(Array.from({ length: 20 }, (_, i) => textId(`another text ${i}`)));
    expect(texts.has(objectId([]))).toBe(false);
  });
});
