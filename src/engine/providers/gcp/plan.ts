/**
 * Google's OIDC token exchange, written once, in Google's order (gcp.md "How to use this"):
 * provider state → token (iss, aud, exp/iat, lifetime, alg) → attribute mapping (types, sizes) →
 * attribute condition → IAM bindings for the federated principal. The first failure in that order
 * decides and carries Google's text.
 *
 * One CEL budget covers everything evaluated for a token (budget.ts); spending it is an error
 * verdict. Where the configuration's CEL can spend the budget, every stage is evaluated even after
 * a failure, and the condition clause by clause, as the trace does: what the budget sees, and so
 * whether it is spent, is the same whether the token is explained or only decided. Where it cannot,
 * `decide` stops at the first failure and evaluates only the condition's root.
 *
 * The condition's decision is its root value in both modes; the clause-by-clause tree around it is
 * the observer's explanation, never a second verdict.
 */
import type { Expr } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';
import type { Plan } from '../../provider';
import type { QuickDecision } from '../../result';
import type { Token } from '../../token';
import { budgetExceeded, children, TOO_EXPENSIVE, withCelBudget } from './budget';
import { METERED_FUNCTIONS } from './cel-env';
import { clauseTree } from './clauses';
import { conditionTree, evaluateExpr, outcomeOf, type ConditionBindings } from './condition';
import { GcpExplanation, configRefusal } from './explanation';
import { evaluateMappings, type MappingResult } from './mapping';
import { ATTRIBUTES_TOO_LARGE, CONDITION_REJECTED, exchangeAllowed, mappingNotEvaluated, PERMISSION_DENIED, PROVIDER_UNAVAILABLE } from './messages';
import type { GcpPolicy } from './parse';
import type { Observer, PlannedMember, PlannedProvider, Refusal } from './planned';
import { principalsFor } from './principals';
import { TOKEN_STEPS, tokenRules } from './token-checks';
import { configProblems, LIMITS } from './validate';

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

function conditionBindings(mapping: MappingResult): ConditionBindings {
  const google: Record<string, unknown> = {};
  if (mapping.google.subject !== undefined) google.subject = mapping.google.subject;
  if (mapping.google.groups !== undefined) google.groups = mapping.google.groups;
  return { assertion: mapping.assertion, google, attribute: mapping.custom };
}

const deny = (message: string): QuickDecision => ({ decision: 'deny', message });
const OVER_BUDGET: QuickDecision = { decision: 'error', message: TOO_EXPENSIVE };
const PERMISSION_REFUSED = `403 PERMISSION_DENIED: ${PERMISSION_DENIED}`;

function mappingRefusal(mapping: MappingResult): Refusal | null {
  const attributes = mapping.attributes;
  for (let index = 0; index < attributes.length; index++) {
    const attribute = attributes[index];
    if (attribute.status === 'ok') continue;
    const message = attribute.status === 'missing-claim' || attribute.status === 'error' ? mappingNotEvaluated(attribute.key, attribute.message) : attribute.message!;
    return { stage: 'mapping', message, index };
  }
  return mapping.totalBytes > LIMITS.mappedBytes ? { stage: 'mapping', message: ATTRIBUTES_TOO_LARGE, index: attributes.length } : null;
}

function exchange(p: PlannedProvider, token: Token, at: number, observer: Observer | null): QuickDecision {
  // Every stage is evaluated when it is shown, or when its CEL spends the budget the trace spends.
  const full = observer !== null || p.metered;
  let refusal: Refusal | null = null;

  if (p.unavailable) {
    refusal = { stage: 'state', message: PROVIDER_UNAVAILABLE };
    if (!full) return deny(refusal.message);
  }
  observer?.state();

  for (const { step, judge } of TOKEN_STEPS) {
    // Token steps spend nothing: past a failure only an observer needs them.
    if (refusal && !observer) break;
    const failure = judge(p.rules, token, at);
    observer?.tokenStep(step, failure);
    if (failure && !refusal) {
      refusal = { stage: 'token', message: failure.message, failure };
      if (!full) return deny(failure.message);
    }
  }

  const claims = token.claims;
  const mapping = evaluateMappings(p.policy, claims);
  observer?.mappings(mapping);
  if (!refusal) {
    refusal = mappingRefusal(mapping);
    if (refusal && !full) return deny(refusal.message);
  }

  if (p.condition) {
    const bindings = conditionBindings(mapping);
    const value = evaluateExpr(p.condition.field.parsed.expr, bindings as unknown as Record<string, unknown>);
    if (outcomeOf(value) !== 'true' && !refusal) {
      refusal = { stage: 'condition', message: CONDITION_REJECTED };
      if (!full) return deny(CONDITION_REJECTED);
    }
    if (observer) observer.condition(value, bindings);
    else if (p.metered) conditionTree(p.condition.shape, p.condition.field, p.policy.doc, bindings, value);
  } else {
    observer?.noCondition();
  }

  const principals = mapping.google.subject !== undefined ? principalsFor(p.resource, mapping.google, mapping.custom) : [];
  let matches: PlannedMember[] = [];
  if (p.policy.iam) {
    const identifiers = new Set(principals.map((principal) => principal.identifier));
    if (observer) {
      matches = p.members.filter((member) => identifiers.has(member.value));
      observer.iam(principals, matches);
    } else {
      const first = p.members.find((member) => identifiers.has(member.value));
      if (first) matches = [first];
    }
    if (matches.length === 0 && !refusal) refusal = { stage: 'iam', message: PERMISSION_REFUSED };
  }
  observer?.decided(refusal, mapping, principals, matches);
  if (refusal) return deny(refusal.message);
  const subject = principals.find((principal) => principal.kind === 'subject')?.identifier ?? '';
  const granted = p.policy.iam ? { index: matches[0].binding, role: matches[0].role, member: matches[0].value } : null;
  return { decision: 'allow', message: exchangeAllowed(subject, granted) };
}

/** One budget for the whole token; spending it is the verdict, whatever the stages said. */
function run(p: PlannedProvider, token: Token, at: number, observer: Observer | null): QuickDecision {
  return withCelBudget(() => {
    const answer = exchange(p, token, at, observer);
    if (!budgetExceeded()) return answer;
    observer?.overBudget();
    return OVER_BUDGET;
  });
}

export function planGcp(policy: GcpPolicy): Plan {
  const problems = configProblems(policy);
  if (problems.length > 0) {
    const refusal: QuickDecision = { decision: 'error', message: problems[0].message };
    return { decide: () => refusal, explain: () => configRefusal(problems) };
  }
  const expressions = [...policy.mappings.map((mapping) => mapping.cel.parsed.expr), ...(policy.condition ? [policy.condition.parsed.expr] : [])];
  const planned: PlannedProvider = {
    policy,
    resource: policy.resource!,
    unavailable: policy.disabled || (policy.state !== undefined && policy.state !== 'ACTIVE'),
    rules: tokenRules(policy),
    condition: policy.condition ? { field: policy.condition, shape: clauseTree(policy.condition.parsed, policy.condition.text) } : null,
    members: (policy.iam?.bindings ?? []).flatMap((binding, b) =>
      binding.members.map((member, m) => ({ binding: b, member: m, role: binding.role, value: member.value, conditional: binding.condition !== undefined })),
    ),
    metered: expressions.some(spendsBudget),
  };
  return {
    decide: (token, at) => run(planned, token, at, null),
    explain(token, context) {
      const explanation = new GcpExplanation(planned, token, context.at);
      return explanation.result(run(planned, token, context.at, explanation));
    },
  };
}
