/** What the interface shows of the Azure provider before its evaluation code arrives (see `../faces.ts`). */
import type { ProviderFace } from '../../provider';
import { detectAzure } from './parse';
import { schema } from './schema';

export const face: ProviderFace = {
  id: 'azure',
  label: 'Azure federated identity credential',
  name: 'Azure',
  detect: (_text, value) => detectAzure(value),
  // Entra ID's answer when the assertion's signature does not verify against the issuer's keys.
  badSignatureMessage: 'AADSTS700027: Client assertion contains an invalid signature.',
  schema,
};
