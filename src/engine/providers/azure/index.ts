/** Placeholder until the azure evaluator lands: recognises the shape, evaluates nothing. */
import type { ProviderModule } from '../../provider';
import { errorResult } from '../../result';

export const provider: ProviderModule<unknown> = {
  id: 'azure',
  label: 'Azure federated identity credential',
  detect(_text, value) {
    if (typeof value !== 'object' || value === null) return false;
    const o = value as Record<string, unknown>;
    return 'audiences' in o || ('issuer' in o && 'subject' in o);
  },
  parse(text) {
    return { ok: true, policy: text };
  },
  evaluate() {
    return errorResult('azure', 'unknown provider: azure evaluation is not available yet');
  },
  lint() {
    return [];
  },
  badSignatureMessage: 'signature invalid',
};
