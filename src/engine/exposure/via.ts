/**
 * The way in that admitted a witness, as the evaluator reports it: the AWS statement that allowed
 * the call, the Entra credential that matched, the IAM binding that granted impersonation.
 * Where the result does not say, the way the witness was built from.
 */
import type { EvaluationResult } from '../result';
import { ordinal, type AllowPath } from '../constraints';
import type { Via } from './types';

interface MatchedStatement {
  action: string;
  index: number;
  sid: string | null;
  effect: string;
}

/** The statements or credentials that admit the token, as `AllowPath.key`s; null when the result does not say. */
function admittingKeys(result: EvaluationResult): string[] | null {
  const details = result.details;
  if (result.provider === 'aws' && Array.isArray(details.matchedStatements)) {
    return (details.matchedStatements as MatchedStatement[]).filter((s) => s.effect === 'Allow' && s.action === 'sts:AssumeRoleWithWebIdentity').map((s) => `statement:${s.index}`);
  }
  if (result.provider === 'azure' && Array.isArray(details.matchingCredentials)) return (details.matchingCredentials as number[]).map((index) => `credential:${index}`);
  return null;
}

/** Whether the token gets in through `path` itself (not only through another way in). */
export function admitsVia(result: EvaluationResult, path: AllowPath): boolean {
  const keys = admittingKeys(result);
  return keys === null || path.key === undefined || keys.includes(path.key);
}

export function viaOf(result: EvaluationResult, built: AllowPath | null, paths: AllowPath[]): Via {
  const details = result.details;
  if (result.provider === 'aws' && Array.isArray(details.matchedStatements)) {
    const allows = (details.matchedStatements as MatchedStatement[]).filter((s) => s.effect === 'Allow' && s.action === 'sts:AssumeRoleWithWebIdentity');
    // The way the witness was built through, when it is one of those that admit it.
    const statement = allows.find((s) => built?.key === `statement:${s.index}`) ?? allows[0];
    if (statement) {
      const line = result.checks.find((check) => check.id === `statement[${statement.index}]`)?.source?.line;
      const label = statement.sid ? `statement ${statement.sid} (${ordinal(statement.index + 1)})` : `the ${ordinal(statement.index + 1)} statement`;
      return line === undefined ? { label } : { label, line };
    }
  }
  if (result.provider === 'azure' && typeof details.matchedCredential === 'object' && details.matchedCredential !== null) {
    const matching = Array.isArray(details.matchingCredentials) ? (details.matchingCredentials as number[]) : [];
    const own = built?.key !== undefined && matching.some((index) => built.key === `credential:${index}`) ? built : null;
    if (own) {
      const label = own.label.split(', ')[0];
      return own.source ? { label, line: own.source.line } : { label };
    }
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
