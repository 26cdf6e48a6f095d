/** Placeholder until the vault evaluator lands: recognises the shape, evaluates nothing. */
import type { ProviderModule } from '../../provider';
import { errorResult } from '../../result';

export const provider: ProviderModule<unknown> = {
  id: 'vault',
  label: 'Vault / OpenBao JWT auth role',
  detect(_text, value) {
    if (typeof value !== 'object' || value === null) return false;
    const o = value as Record<string, unknown>;
    return 'data' in o || 'role' in o || 'bound_audiences' in o || 'user_claim' in o || 'bound_claims' in o || 'role_type' in o;
  },
  parse(text) {
    return { ok: true, policy: text };
  },
  evaluate() {
    return errorResult('vault', 'unknown provider: vault evaluation is not available yet');
  },
  lint() {
    return [];
  },
  badSignatureMessage: 'signature invalid',
};
