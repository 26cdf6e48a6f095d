/**
 * Vault / OpenBao JWT auth roles (hashicorp/vault-plugin-auth-jwt, openbao internal/builtin/credential/jwt):
 * the role write is validated as Vault would, then the login is replayed in pathLogin's order.
 */
import type { Plan, ProviderModule } from '../../provider';
import { vaultConstraints } from './constraints';
import { face } from './face';
import { lintVaultPolicy } from './lint';
import { parseVaultPolicy, type VaultPolicy } from './parse';
import { planVault } from './plan';

/** A role is tried with many tokens (the parse cache hands back the same parsed object): planned once. */
const plans = new WeakMap<VaultPolicy, Plan>();

function planOf(policy: VaultPolicy): Plan {
  let plan = plans.get(policy);
  if (!plan) plans.set(policy, (plan = planVault(policy)));
  return plan;
}

export const provider: ProviderModule<VaultPolicy> = {
  ...face,
  parse: parseVaultPolicy,
  plan: planOf,
  evaluate: (policy, token, context) => planOf(policy).explain(token, context),
  lint: (policy) => lintVaultPolicy(policy),
  compile: (policy) => {
    const plan = planOf(policy);
    return (token, at, options) => plan.decide(token, at, options);
  },
  constraints: vaultConstraints,
};
