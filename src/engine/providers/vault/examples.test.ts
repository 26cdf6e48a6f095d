import { describe, expect, it } from 'vitest';
import { evaluate } from '../../evaluate';
import { claimsToken } from '../../token';
import { examples } from './examples';

describe('vault gallery examples', () => {
  it('have unique ids prefixed vault-', () => {
    const ids = examples.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^vault-[a-z0-9-]+$/);
    expect(examples.length).toBeGreaterThanOrEqual(4);
  });

  for (const example of examples) {
    it(`${example.id} evaluates to ${example.expect.decision}`, () => {
      // The shape must be recognised on its own, as the gallery loads it without a provider.
      const result = evaluate({ policyText: example.policy, token: { ok: true, token: claimsToken(example.claims) }, at: example.at, options: example.options });
      expect(result.provider).toBe('vault');
      expect(result.decision, result.message).toBe(example.expect.decision);
      if (example.expect.message) expect(result.message).toBe(example.expect.message);
      expect(example.source).toMatch(/^https:\/\//);
    });
  }

  it('the OpenBao example is allowed by Vault: only OpenBao refuses aud "" (openbao claims.go getClaim)', () => {
    const example = examples.find((e) => e.id === 'vault-openbao-empty-aud')!;
    const result = evaluate({ policyText: example.policy, token: { ok: true, token: claimsToken(example.claims) }, at: example.at, options: { flavour: 'vault' } });
    expect(result.decision).toBe('allow');
  });
});
