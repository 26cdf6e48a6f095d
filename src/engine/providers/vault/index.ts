/**
 * Vault / OpenBao JWT auth roles (hashicorp/vault-plugin-auth-jwt, openbao internal/builtin/credential/jwt):
 * the role write is validated as Vault would, then the login is replayed in pathLogin's order.
 */
import type { ProviderModule } from '../../provider';
import { errorResult, type Check } from '../../result';
import { readConfig } from './config';
import { vaultConstraints } from './constraints';
import { compileVaultDecider } from './decide';
import { lintVaultPolicy } from './lint';
import { evaluateLogin } from './login';
import { readOptions } from './options';
import { face } from './face';
import { parseVaultPolicy, type VaultPolicy } from './parse';
import { writeRole } from './validate-role';

/**
 * The role and config writes depend only on the parsed configuration and the flavour; a role is
 * tried with many tokens (the parse cache hands back the same parsed object), so each is done once.
 */
const writes = new WeakMap<VaultPolicy, Map<string, unknown>>();

function once<T>(policy: VaultPolicy, key: string, compute: () => T): T {
  let perPolicy = writes.get(policy);
  if (!perPolicy) writes.set(policy, (perPolicy = new Map()));
  if (!perPolicy.has(key)) perPolicy.set(key, compute());
  return perPolicy.get(key) as T;
}

export const provider: ProviderModule<VaultPolicy> = {
  ...face,
  parse: parseVaultPolicy,
  evaluate(policy, token, context) {
    const options = readOptions(context.options);
    const write = once(policy, `role/${options.flavour}`, () => writeRole(policy.role, options.flavour));
    if (!write.ok) {
      const check: Check = {
        id: 'role.write',
        label: 'Role write',
        result: 'error',
        reason: `Vault refuses to save this role: ${write.message}${write.note ? ` (${write.note})` : ''}`,
        source: write.source,
        decisive: true,
      };
      return errorResult('vault', write.message, {
        checks: [check],
        source: write.source,
        details: { inputError: 'policy', flavour: options.flavour, rejectedField: write.field ?? null, note: write.note ?? null },
      });
    }
    const config = once(policy, `config/${options.flavour}`, () => readConfig(policy.config, options.flavour));
    if (!config.ok) {
      const check: Check = { id: 'config.write', label: 'Auth method config', result: 'error', reason: `Vault refuses to save this config: ${config.message}`, source: config.source, decisive: true };
      return errorResult('vault', config.message, { checks: [check], source: config.source, details: { inputError: 'policy', flavour: options.flavour } });
    }
    return evaluateLogin(policy, write.role, config.config, token, context, options);
  },
  lint: (policy) => lintVaultPolicy(policy),
  compile: (policy) => compileVaultDecider(policy),
  constraints: vaultConstraints,
};
