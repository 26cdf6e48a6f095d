/**
 * The way in that admitted a witness, as the evaluator reports it: the AWS statement that allowed
 * the call, the Entra credential that matched, the IAM binding that granted impersonation.
 * Where the result does not say, the way the witness was built from.
 */
import type { EvaluationResult } from '../result';
import { ordinal, type AllowPath } from './constraints/types';
import type { Via } from './types';

interface MatchedStatement {
  action: string;
  index: number;
  sid: string | null;
  effect: string;
}

export function viaOf(result: EvaluationResult, built: AllowPath | null, paths: AllowPath[]): Via {
  const details = result.details;
  if (result.provider === 'aws' && Array.isArray(details.matchedStatements)) {
    const statement = (details.matchedStatements as MatchedStatement[]).find((s) => s.effect === 'Allow' && s.action === 'sts:AssumeRoleWithWebIdentity');
    if (statement) {
      const line = result.checks.find((check) => check.id === `statement[${statement.index}]`)?.source?.line;
      const label = statement.sid ? `statement ${statement.sid} (${ordinal(statement.index + 1)})` : `the ${ordinal(statement.index + 1)} statement`;
      return line === undefined ? { label } : { label, line };
    }
  }
  if (result.provider === 'azure' && typeof details.matchedCredential === 'object' && details.matchedCredential !== null) {
    const credential = details.matchedCredential as { index: number; name?: unknown };
    const label = typeof credential.name === 'string' ? `credential ${credential.name}` : `credential ${ordinal(credential.index + 1)}`;
    const path = paths.find((p) => p.label === label || p.label.startsWith(`${label},`));
    return path?.source ? { label, line: path.source.line } : { label };
  }
  if (result.provider === 'gcp' && typeof details.matchedBinding === 'object' && details.matchedBinding !== null) {
    const binding = details.matchedBinding as { index: number; role?: unknown; member?: unknown };
    return { label: `binding ${ordinal(binding.index + 1)} (${String(binding.member)} as ${String(binding.role)})` };
  }
  const path = built ?? paths[0];
  if (!path) return { label: 'the configuration' };
  // A path split per value is labelled with the value; the way in is the statement or role itself.
  const label = path.label.split(', ')[0];
  return path.source ? { label, line: path.source.line } : { label };
}
