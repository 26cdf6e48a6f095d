/** AWS IAM role trust policies against web identity tokens (sts:AssumeRoleWithWebIdentity). */
import type { ProviderModule } from '../../provider';
import { CLAIM_KEYS_OPTION, evaluatePolicy } from './evaluation';
import { lintPolicy } from './lint';
import { sts } from './messages';
import { looksLikeAwsPolicy, parsePolicy, type AwsPolicy } from './parse';
import { trustPolicySchema } from './schema';

export const provider: ProviderModule<AwsPolicy> = {
  id: 'aws',
  label: 'AWS IAM role trust policy',
  detect: looksLikeAwsPolicy,
  parse: parsePolicy,
  evaluate: evaluatePolicy,
  lint: lintPolicy,
  badSignatureMessage: sts.invalidToken,
  schema: trustPolicySchema,
  options: [
    {
      key: CLAIM_KEYS_OPTION,
      label: 'Provider-specific condition keys (GitHub, gitlab.com, …)',
      choices: [
        { value: 'by-date', label: 'By evaluation date (from February 2026)' },
        { value: '2026', label: 'Always (2026 behaviour)' },
        { value: 'legacy', label: 'Never (before 2026)' },
      ],
      defaultValue: 'by-date',
    },
  ],
};
