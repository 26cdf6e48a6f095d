/**
 * Vault / OpenBao: `vault read -format=json auth/<mount>/role/<name>` prints the role's parameters
 * under `data` (https://developer.hashicorp.com/vault/docs/commands/read and
 * https://developer.hashicorp.com/vault/api-docs/auth/jwt#read-role); the output does not name
 * the role, so the file name does. `vault read -format=json auth/<mount>/config` prints the
 * mount's configuration (https://developer.hashicorp.com/vault/api-docs/auth/jwt#read-config),
 * which completes every role read beside it.
 */
import { ROLE_KEY_HINTS } from '../providers/vault/parse';
import type { FileRead } from './types';
import { isObject, jsonText } from './locate';

const CONFIG_KEYS = ['oidc_discovery_url', 'jwks_url', 'jwt_validation_pubkeys', 'bound_issuer', 'oidc_client_id', 'default_role', 'jwt_supported_algs'];

function isRole(value: unknown): value is Record<string, unknown> {
  return isObject(value) && ROLE_KEY_HINTS.some((key) => key in value);
}

function isConfig(value: unknown): value is Record<string, unknown> {
  return isObject(value) && !isRole(value) && CONFIG_KEYS.some((key) => key in value);
}

/** A `vault read -format=json` output: the response envelope around `data`. */
export function looksLikeVaultRead(value: unknown): value is { data: Record<string, unknown> } {
  return isObject(value) && ('request_id' in value || 'lease_id' in value) && (isRole(value.data) || isConfig(value.data));
}

/** The role name a file of one `vault read` output stands for: its base name without extension. */
export function roleNameOf(file: string): string {
  return (file.split(/[\\/]/).pop() ?? file).replace(/\.json$/i, '');
}

export function vaultPolicyText(role: Record<string, unknown>, config: Record<string, unknown> | null): string {
  return config ? jsonText({ config, role }) : jsonText({ data: role });
}

export function readVaultRead(file: string, value: { data: Record<string, unknown> }): FileRead {
  if (isConfig(value.data)) return { configurations: [], skipped: 0, errors: [], recognised: true, vaultConfig: value.data };
  const role = value.data;
  return {
    configurations: [{ name: roleNameOf(file), provider: 'vault', policyText: vaultPolicyText(role, null), source: { file, line: 1 }, issuers: [], pending: { kind: 'vault', role } }],
    skipped: 0,
    errors: [],
    recognised: true,
  };
}

/** Issuers a Vault mount's config names. */
export function vaultConfigIssuers(config: Record<string, unknown>): string[] {
  const issuer = typeof config.bound_issuer === 'string' && config.bound_issuer ? config.bound_issuer : typeof config.oidc_discovery_url === 'string' && config.oidc_discovery_url ? config.oidc_discovery_url : null;
  return issuer ? [issuer] : [];
}
