/** What the interface shows of the Google Cloud provider before its evaluation code arrives (see `../faces.ts`). */
import type { ProviderFace } from '../../provider';
import { looksLikeGcp } from './shape';
import { gcpProviderSchema } from './schema';

export const face: ProviderFace = {
  id: 'gcp',
  label: 'Google Cloud workload identity provider',
  name: 'Google Cloud',
  detect: (_text, value) => looksLikeGcp(value),
  // Google STS when the token's signature does not verify against the issuer's JWKS (wording inferred).
  badSignatureMessage: "Invalid ID Token: the token signature could not be verified with the keys of the provider's issuer.",
  schema: gcpProviderSchema,
};
