// The interface's provider faces must say exactly what the full provider modules say: a label,
// a schema or a switch that drifted would show one thing and evaluate another.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectProvider as detectWithAll } from '../evaluate';
import { EXAMPLES } from '../examples';
import { PROVIDER_IDS } from '../result';
import { detectProvider } from './detect-faces';
import { PROVIDER_FACES } from './faces';
import { PROVIDERS } from './index';
import { loadProvider } from './load';

describe('provider faces', () => {
  it.each(PROVIDER_IDS)('%s: label, signature message, token length, schema and switches equal the full module', (id) => {
    const face = PROVIDER_FACES[id];
    const full = PROVIDERS[id];
    expect(face.id).toBe(full.id);
    expect(face.label).toBe(full.label);
    expect(face.name).toBe(full.name);
    expect(face.badSignatureMessage).toBe(full.badSignatureMessage);
    expect(face.maxTokenLength).toEqual(full.maxTokenLength);
    expect(face.schema).toBe(full.schema);
    expect(face.options).toEqual(full.options);
  });

  it('detects every example as the full registry does', () => {
    for (const example of EXAMPLES) {
      expect(detectProvider(example.policy)).toEqual(detectWithAll(example.policy));
      expect(detectProvider(example.policy)).toEqual({ ok: true, provider: example.provider });
    }
  });

  it('detects random JSON as the full registry does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        expect(detectProvider(text)).toEqual(detectWithAll(text));
      }),
      { numRuns: 300 },
    );
  });

  it.each(PROVIDER_IDS)('%s: loadProvider gives the module of the synchronous registry', async (id) => {
    expect(await loadProvider(id)).toBe(PROVIDERS[id]);
  });
});
