/**
 * A workload identity provider compiled into a decision function, for configurations whose CEL
 * cannot spend the evaluation budget (no comprehensions, no metered string functions): then the
 * budget can never decide, and the attribute condition's value is its root expression's, so the
 * clause-by-clause trace is not needed to decide. Google's order (evaluator.ts) is kept: provider
 * state → token → mapping → condition → IAM. Configurations that can spend the budget keep the
 * traced path. `evaluatePolicy` stays the reference: a property test holds both together.
 */
import type { Expr } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';
import type { QuickDecision } from '../../result';
import type { Token } from '../../token';
import { valueText } from '../../value-text';
import { children } from './budget';
import { METERED_FUNCTIONS } from './cel-env';
import { evaluateExpr, outcomeOf } from './condition';
import { conditionBindings } from './evaluator';
import { evaluateMappings } from './mapping';
import { audienceMismatch, ATTRIBUTES_TOO_LARGE, CONDITION_REJECTED, exchangeAllowed, issuerMismatch, mappingNotEvaluated, PERMISSION_DENIED, PROVIDER_UNAVAILABLE, staleToken } from './messages';
import type { GcpPolicy } from './parse';
import { principalsFor } from './principals';
import { defaultAudiences, INFERRED_FAILURES, MAX_LIFETIME_SECONDS, SUPPORTED_ALGORITHMS, trimSlash } from './token-checks';
import { configProblems, LIMITS } from './validate';

export type GcpDecider = (token: Token, at: number) => QuickDecision;

const deny = (message: string): QuickDecision => ({ decision: 'deny', message });

/** True when evaluating the expression can spend budget units. */
function spendsBudget(root: Expr): boolean {
  const stack: Expr[] = [root];
  while (stack.length > 0) {
    const expr = stack.pop()!;
    const kind = expr.exprKind;
    if (kind.case === 'comprehensionExpr') return true;
    if (kind.case === 'callExpr' && METERED_FUNCTIONS.has(kind.value.function)) return true;
    stack.push(...children(expr));
  }
  return false;
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** tokenChecks' failures in their order, without the checks. */
function tokenRefusal(policy: GcpPolicy, audiences: readonly string[], token: Token, at: number): string | null {
  const { iss, aud, exp, iat, nbf } = token.claims;
  const expected = policy.issuerUri ?? '';
  if (typeof iss !== 'string') return issuerMismatch(valueText(iss ?? ''), expected);
  if (iss !== expected && trimSlash(iss) !== trimSlash(expected)) return issuerMismatch(iss, expected);
  const given = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
  if (!given.some((a) => audiences.includes(a))) return audienceMismatch(given);
  const expOk = isNumber(exp);
  const iatOk = isNumber(iat);
  if (!expOk) return INFERRED_FAILURES.noExp;
  if (!(exp > at)) return staleToken(iatOk ? iat : exp);
  if (!iatOk) return INFERRED_FAILURES.noIat;
  if (iat > at) return INFERRED_FAILURES.issuedInFuture(iat);
  if (nbf !== undefined && !(isNumber(nbf) && nbf <= at)) return INFERRED_FAILURES.notYetValid(nbf);
  if (exp - iat > MAX_LIFETIME_SECONDS) return INFERRED_FAILURES.tooLong(exp - iat);
  const alg = token.header?.alg;
  if (token.header && !(typeof alg === 'string' && SUPPORTED_ALGORITHMS.includes(alg))) return INFERRED_FAILURES.algorithm(alg);
  return null;
}

/** A decision function, or null when the configuration's CEL can spend the budget (the traced path decides then). */
export function compileGcpDecider(policy: GcpPolicy): GcpDecider | null {
  const problems = configProblems(policy);
  if (problems.length > 0) {
    const refusal: QuickDecision = { decision: 'error', message: problems[0].message };
    return () => refusal;
  }
  const expressions = [...policy.mappings.map((mapping) => mapping.cel.parsed.expr), ...(policy.condition ? [policy.condition.parsed.expr] : [])];
  if (expressions.some(spendsBudget)) return null;
  const resource = policy.resource!;
  const unavailable = policy.disabled || (policy.state !== undefined && policy.state !== 'ACTIVE');
  const audiences = policy.allowedAudiences.length > 0 ? policy.allowedAudiences : defaultAudiences(policy.name ?? '');
  const members = (policy.iam?.bindings ?? []).flatMap((binding, index) => binding.members.map((member) => ({ index, role: binding.role, member: member.value })));

  return (token, at) => {
    if (unavailable) return deny(PROVIDER_UNAVAILABLE);
    const tokenProblem = tokenRefusal(policy, audiences, token, at);
    if (tokenProblem !== null) return deny(tokenProblem);
    const mapping = evaluateMappings(policy, token.claims);
    for (const attribute of mapping.attributes) {
      if (attribute.status === 'ok') continue;
      return deny(
        attribute.status === 'missing-claim' || attribute.status === 'error' ? mappingNotEvaluated(attribute.key, attribute.message) : attribute.message!,
      );
    }
    if (mapping.totalBytes > LIMITS.mappedBytes) return deny(ATTRIBUTES_TOO_LARGE);
    if (policy.condition) {
      const value = evaluateExpr(policy.condition.parsed.expr, conditionBindings(token.claims, mapping) as unknown as Record<string, unknown>);
      if (outcomeOf(value) !== 'true') return deny(CONDITION_REJECTED);
    }
    const principals = mapping.google.subject !== undefined ? principalsFor(resource, mapping.google, mapping.custom) : [];
    const subject = principals.find((principal) => principal.kind === 'subject')?.identifier ?? '';
    if (!policy.iam) return { decision: 'allow', message: exchangeAllowed(subject, null) };
    const identifiers = new Set(principals.map((principal) => principal.identifier));
    const granted = members.find((entry) => identifiers.has(entry.member));
    if (!granted) return deny(`403 PERMISSION_DENIED: ${PERMISSION_DENIED}`);
    return { decision: 'allow', message: exchangeAllowed(subject, granted) };
  };
}
