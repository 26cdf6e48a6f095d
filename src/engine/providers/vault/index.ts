/**
 * Vault / OpenBao JWT auth roles (hashicorp/vault-plugin-auth-jwt, openbao internal/builtin/credential/jwt):
 * the role write is validated as Vault would, then the login is replayed in pathLogin's order.
 */
import type { ProviderModule } from '../../provider';
import { vaultConstraints } from './constraints';
import { face } from './face';
import { lintVaultPolicy } from './lint';
import { parseVaultPolicy, type VaultPolicy } from './parse';
import { planVault } from './plan';

export const provider: ProviderModule<VaultPolicy> = {
  ...face,
  parse: parseVaultPolicy,
  plan: planVault,
  lint: (policy) => lintVaultPolicy(policy),
  constraints: vaultConstraints,
};
