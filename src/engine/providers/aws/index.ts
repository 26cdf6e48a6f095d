/** Placeholder until the aws evaluator lands: recognises the shape, evaluates nothing. */
import type { ProviderModule } from '../../provider';
import { errorResult } from '../../result';

export const provider: ProviderModule<unknown> = {
  id: 'aws',
  label: 'AWS IAM role trust policy',
  detect(_text, value) {
    if (typeof value !== 'object' || value === null) return false;
    const o = value as Record<string, unknown>;
    return 'Statement' in o || 'AssumeRolePolicyDocument' in o || 'Role' in o;
  },
  parse(text) {
    return { ok: true, policy: text };
  },
  evaluate() {
    return errorResult('aws', 'unknown provider: aws evaluation is not available yet');
  },
  lint() {
    return [];
  },
  badSignatureMessage: 'signature invalid',
};
