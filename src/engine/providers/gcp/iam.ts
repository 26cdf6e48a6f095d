/**
 * IAM bindings: a binding grants the federated identity when one of its members equals one of the
 * token's principal identifiers exactly (project number, pool id, attribute value, case). Bindings
 * on attributes the provider does not map can never match; the failure shows at impersonation as
 * 403 "The caller does not have permission" (google-github-actions/auth TROUBLESHOOTING.md).
 */
import type { Check } from '../../result';
import type { GcpPolicy } from './parse';
import { parseMember, type Principal } from './principals';

export const IMPERSONATION_ROLE = 'roles/iam.workloadIdentityUser';

function mismatchReason(member: string, policy: GcpPolicy, principals: Principal[], mapped: ReadonlySet<string>): { result: Check['result']; reason: string } {
  const shape = parseMember(member);
  const resource = policy.resource!;
  if (shape.kind === 'other') return { result: 'skip', reason: 'Not a workload identity pool principal (principal:// or principalSet://).' };
  if (shape.projectNumber !== resource.projectNumber) {
    const byId = !/^\d+$/.test(shape.projectNumber ?? '');
    return {
      result: 'fail',
      reason: byId
        ? `The member names project "${shape.projectNumber}", a project ID; principal identifiers use the project number (${resource.projectNumber}).`
        : `The member names project ${shape.projectNumber}; this provider's pool is in project ${resource.projectNumber}.`,
    };
  }
  if (shape.poolId !== resource.poolId) return { result: 'fail', reason: `The member names pool "${shape.poolId}"; this provider is in pool "${resource.poolId}".` };
  switch (shape.kind) {
    case 'subject': {
      const subject = principals.find((p) => p.kind === 'subject')?.value;
      return { result: 'fail', reason: `The member wants subject "${shape.value}"; google.subject is ${subject === undefined ? 'not available' : `"${subject}"`}.` };
    }
    case 'group': {
      const groups = principals.filter((p) => p.kind === 'group').map((p) => p.value);
      if (!mapped.has('google.groups')) return { result: 'fail', reason: 'The member names a group, but the provider does not map google.groups.' };
      return { result: 'fail', reason: `"${shape.value}" is not among google.groups (${JSON.stringify(groups)}).` };
    }
    case 'attribute': {
      if (!mapped.has(`attribute.${shape.attribute}`)) {
        return { result: 'fail', reason: `attribute.${shape.attribute} is not mapped by this provider, so no token ever carries it; a binding on an unmapped attribute fails at impersonation.` };
      }
      const actual = principals.find((p) => p.kind === 'attribute' && p.attribute === shape.attribute)?.value;
      const chained = shape.value?.includes('/attribute.') ? ' One member names one attribute; the rest of the string is part of the value.' : '';
      return { result: 'fail', reason: `The member wants attribute.${shape.attribute} = "${shape.value}"; the token gives ${actual === undefined ? 'no value' : `"${actual}"`}.${chained}` };
    }
    default:
      return { result: 'fail', reason: 'The member does not name this token.' };
  }
}

/** A check per binding member, each as the exchange judged it (`matches`: the members naming one of the token's principals). */
export function bindingChecks(policy: GcpPolicy, principals: Principal[], matches: ReadonlyArray<{ binding: number; member: number }>): Check[] {
  const checks: Check[] = [];
  const byIdentifier = new Map(principals.map((p) => [p.identifier, p]));
  const mapped = new Set(policy.mappings.map((m) => m.key));
  const granted = new Set(matches.map((match) => `${match.binding}/${match.member}`));
  (policy.iam?.bindings ?? []).forEach((binding, b) => {
    binding.members.forEach((member, m) => {
      const id = `iam.binding[${b}].member[${m}]`;
      const label = `${binding.role}: ${member.value}`;
      if (granted.has(`${b}/${m}`)) {
        const principal = byIdentifier.get(member.value)!;
        const conditional = binding.condition !== undefined;
        const direct = binding.role === IMPERSONATION_ROLE ? '' : ` (${binding.role} is granted to the federated identity directly)`;
        checks.push({
          id,
          label,
          result: 'pass',
          expected: member.value,
          actual: principal.identifier,
          reason: `The token is this ${principal.kind === 'pool' ? 'pool' : principal.kind}${principal.kind === 'pool' ? '' : ` principal`}${direct}.${conditional ? ' The binding has an IAM condition, which is not evaluated here.' : ''}`,
          source: member.range,
        });
      } else {
        const { result, reason } = mismatchReason(member.value, policy, principals, mapped);
        checks.push({ id, label, result, expected: member.value, actual: principals.map((p) => p.identifier), reason, source: member.range });
      }
    });
  });
  return checks;
}
