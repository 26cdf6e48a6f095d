/** What the interface shows of the AWS provider before its evaluation code arrives (see `../faces.ts`). */
import type { ProviderFace } from '../../provider';
import { CLAIM_KEYS_OPTION } from './options';
import { sts, WEB_IDENTITY_TOKEN_MAX } from './messages';
import { looksLikeAwsPolicy } from './parse';
import { trustPolicySchema } from './schema';

export const face: ProviderFace = {
  id: 'aws',
  label: 'AWS IAM role trust policy',
  name: 'AWS',
  detect: looksLikeAwsPolicy,
  badSignatureMessage: sts.invalidToken,
  maxTokenLength: { characters: WEB_IDENTITY_TOKEN_MAX, message: sts.tokenTooLong },
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
