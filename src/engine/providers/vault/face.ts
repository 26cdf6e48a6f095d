/** What the interface shows of the Vault provider before its evaluation code arrives (see `../faces.ts`). */
import type { ProviderFace } from '../../provider';
import { BAD_SIGNATURE_MESSAGE } from './messages';
import { VAULT_OPTIONS } from './options';
import { detectVault } from './parse';
import { VAULT_SCHEMA } from './schema';

export const face: ProviderFace = {
  id: 'vault',
  label: 'Vault / OpenBao JWT auth role',
  name: 'Vault / OpenBao',
  detect: detectVault,
  badSignatureMessage: BAD_SIGNATURE_MESSAGE,
  schema: VAULT_SCHEMA,
  options: VAULT_OPTIONS,
};
