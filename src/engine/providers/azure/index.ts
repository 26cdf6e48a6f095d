/** Microsoft Entra ID federated identity credentials (app registrations and managed identities). */
import type { ProviderModule } from '../../provider';
import { evaluateAzure } from './evaluate';
import { lintAzure } from './lint';
import { detectAzure, parseAzure, type AzurePolicy } from './parse';
import { schema } from './schema';

export const provider: ProviderModule<AzurePolicy> = {
  id: 'azure',
  label: 'Azure federated identity credential',
  detect(_text, value) {
    return detectAzure(value);
  },
  parse: parseAzure,
  evaluate: evaluateAzure,
  lint: lintAzure,
  // Entra ID's answer when the assertion's signature does not verify against the issuer's keys.
  badSignatureMessage: 'AADSTS700027: Client assertion contains an invalid signature.',
  schema,
};
