/** Placeholder until the gcp evaluator lands: recognises the shape, evaluates nothing. */
import type { ProviderModule } from '../../provider';
import { errorResult } from '../../result';

export const provider: ProviderModule<unknown> = {
  id: 'gcp',
  label: 'Google Cloud workload identity provider',
  detect(_text, value) {
    if (typeof value !== 'object' || value === null) return false;
    const o = value as Record<string, unknown>;
    return 'attributeMapping' in o || 'provider' in o || 'oidc' in o;
  },
  parse(text) {
    return { ok: true, policy: text };
  },
  evaluate() {
    return errorResult('gcp', 'unknown provider: gcp evaluation is not available yet');
  },
  lint() {
    return [];
  },
  badSignatureMessage: 'signature invalid',
};
