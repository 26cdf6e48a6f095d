/** The switches beside the editor: which server, and which Vault behaviour for audiences. */
import type { ProviderOption } from '../../provider';
import type { Flavour } from './fields';

export type AudienceRule = 'current' | 'before-1.17';

export interface VaultOptions {
  flavour: Flavour;
  /**
   * Plugin v0.20.3 (Vault 1.17, PR #295) also rejects a *string* `aud` when the role has no
   * bound_audiences; before that only a non-empty list `aud` was rejected.
   */
  audienceRule: AudienceRule;
}

export const VAULT_OPTIONS: ProviderOption[] = [
  {
    key: 'flavour',
    label: 'Server',
    choices: [
      { value: 'vault', label: 'HashiCorp Vault' },
      { value: 'openbao', label: 'OpenBao' },
    ],
    defaultValue: 'vault',
  },
  {
    key: 'vault_version',
    label: 'Vault version',
    choices: [
      { value: '1.17', label: 'Vault 1.17 or later (JWT plugin v0.20.3+)' },
      { value: '1.16', label: 'Vault 1.16 or earlier (JWT plugin before v0.20.3)' },
    ],
    defaultValue: '1.17',
  },
];

export function readOptions(options: Record<string, string>): VaultOptions {
  const flavour: Flavour = (options.flavour ?? '').toLowerCase() === 'openbao' ? 'openbao' : 'vault';
  const version = options.vault_version ?? '1.17';
  const audienceRule: AudienceRule = isBefore117(version) ? 'before-1.17' : 'current';
  return { flavour, audienceRule };
}

function isBefore117(version: string): boolean {
  const match = /^v?(\d+)\.(\d+)/.exec(version.trim());
  if (!match) return false;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major < 1 || (major === 1 && minor < 17);
}
