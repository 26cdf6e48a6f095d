/** The provider switch for AWS's 2026 provider-specific condition keys (see `context.ts`). */
import type { ClaimKeysMode } from './context';

export const CLAIM_KEYS_OPTION = 'claimKeys';

export function claimKeysMode(options: Record<string, string>): ClaimKeysMode {
  const value = options[CLAIM_KEYS_OPTION];
  return value === '2026' || value === 'legacy' ? value : 'by-date';
}
