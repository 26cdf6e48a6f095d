/**
 * What the interface shows of each provider before (or without) its evaluation code: label,
 * detection, editor schema and switches. Small on purpose — it is in the first download, while
 * parse/evaluate/lint arrive per provider (`load.ts`). `faces.test.ts` keeps every field equal to
 * the full module's in `index.ts`.
 */
import { detectWith, type Detection } from '../evaluate-with';
import type { ProviderModule } from '../provider';
import type { ProviderId } from '../result';
import { CLAIM_KEYS_OPTION } from './aws/evaluation';
import { sts } from './aws/messages';
import { looksLikeAwsPolicy } from './aws/parse';
import { trustPolicySchema } from './aws/schema';
import { detectAzure } from './azure/parse';
import { schema as azureSchema } from './azure/schema';
import { looksLikeGcp } from './gcp/parse';
import { gcpProviderSchema } from './gcp/schema';
import { BAD_SIGNATURE_MESSAGE as VAULT_BAD_SIGNATURE } from './vault/login';
import { VAULT_OPTIONS } from './vault/options';
import { detectVault } from './vault/parse';
import { VAULT_SCHEMA } from './vault/schema';

export type ProviderFace = Pick<ProviderModule, 'id' | 'label' | 'detect' | 'badSignatureMessage' | 'schema' | 'options'>;

export const PROVIDER_FACES: Record<ProviderId, ProviderFace> = {
  aws: {
    id: 'aws',
    label: 'AWS IAM role trust policy',
    detect: looksLikeAwsPolicy,
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
  },
  vault: {
    id: 'vault',
    label: 'Vault / OpenBao JWT auth role',
    detect: detectVault,
    badSignatureMessage: VAULT_BAD_SIGNATURE,
    schema: VAULT_SCHEMA,
    options: VAULT_OPTIONS,
  },
  gcp: {
    id: 'gcp',
    label: 'Google Cloud workload identity provider',
    detect: (_text, value) => looksLikeGcp(value),
    badSignatureMessage: "Invalid ID Token: the token signature could not be verified with the keys of the provider's issuer.",
    schema: gcpProviderSchema,
  },
  azure: {
    id: 'azure',
    label: 'Azure federated identity credential',
    detect: (_text, value) => detectAzure(value),
    badSignatureMessage: 'AADSTS700027: Client assertion contains an invalid signature.',
    schema: azureSchema,
  },
};

/** The same answer as `detectProvider` in `evaluate.ts`, without loading any provider's evaluation code. */
export function detectProvider(policyText: string): Detection {
  return detectWith(PROVIDER_FACES, policyText);
}
