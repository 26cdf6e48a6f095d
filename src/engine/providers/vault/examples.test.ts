// Each example's decision is asserted with the whole gallery (src/engine/examples.test.ts); here, what is Vault's own.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../evaluate';
import { claimsToken } from '../../token';
import { examples } from './examples';

const evaluateExample = (example: (typeof examples)[number], options = example.options) =>
  evaluate({ policyText: example.policy, token: { ok: true, token: claimsToken(example.claims) }, at: example.at, options });

describe('vault gallery examples', () => {
  it('have unique ids prefixed vault- and cite a source', () => {
    const ids = examples.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^vault-[a-z0-9-]+$/);
    expect(examples.length).toBeGreaterThanOrEqual(4);
    for (const example of examples) expect(example.source, example.id).toMatch(/^https:\/\//);
  });

  it('promise the login error text exactly as Vault returns it, not just a part of it', () => {
    for (const example of examples.filter((e) => e.expect.message)) {
      expect(evaluateExample(example).message, example.id).toBe(example.expect.message);
    }
  });

  it('the OpenBao example is allowed by Vault: only OpenBao refuses aud "" (openbao claims.go getClaim)', () => {
    const example = examples.find((e) => e.id === 'vault-openbao-empty-aud')!;
    expect(evaluateExample(example, { flavour: 'vault' }).decision).toBe('allow');
  });
});
