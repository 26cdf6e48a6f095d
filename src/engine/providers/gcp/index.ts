/** Google Cloud workload identity pool OIDC providers (attribute mapping and condition in CEL) with IAM principal bindings. */
import type { ProviderModule } from '../../provider';
import { evaluatePolicy } from './evaluator';
import { lintPolicy } from './lint';
import { looksLikeGcp, parseGcpPolicy, type GcpPolicy } from './parse';
import { gcpProviderSchema } from './schema';

export const provider: ProviderModule<GcpPolicy> = {
  id: 'gcp',
  label: 'Google Cloud workload identity provider',
  detect(_text, value) {
    return looksLikeGcp(value);
  },
  parse: parseGcpPolicy,
  evaluate: evaluatePolicy,
  lint: lintPolicy,
  // Google STS when the token's signature does not verify against the issuer's JWKS (wording inferred).
  badSignatureMessage: 'Invalid ID Token: the token signature could not be verified with the keys of the provider\'s issuer.',
  schema: gcpProviderSchema,
};

export { celEditorRegions } from './editor';
