/**
 * The result when Vault would refuse to save the role or the config: no login can happen, so the
 * write's own message is the answer, marked on the field it names.
 */
import { errorResult, type Check, type EvaluationResult } from '../../result';
import type { ConfigOutcome } from './config';
import type { Flavour } from './fields';
import type { RoleWriteOutcome } from './validate-role';

export function roleWriteRefused(write: Extract<RoleWriteOutcome, { ok: false }>, flavour: Flavour): EvaluationResult {
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
    details: { inputError: 'policy', flavour, rejectedField: write.field ?? null, note: write.note ?? null },
  });
}

export function configWriteRefused(read: Extract<ConfigOutcome, { ok: false }>, flavour: Flavour): EvaluationResult {
  const check: Check = { id: 'config.write', label: 'Auth method config', result: 'error', reason: `Vault refuses to save this config: ${read.message}`, source: read.source, decisive: true };
  return errorResult('vault', read.message, { checks: [check], source: read.source, details: { inputError: 'policy', flavour } });
}
