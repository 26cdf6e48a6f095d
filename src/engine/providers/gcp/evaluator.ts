/**
 * Google's order for an OIDC token exchange: provider state → token (iss, aud, exp/iat, lifetime,
 * alg) → attribute mapping (types, sizes) → attribute condition → IAM bindings for the federated
 * principal (gcp.md "How to use this"). Every stage is traced even after a failure; the first
 * failure in that order decides and carries Google's text.
 */
import type { EvaluationContext } from '../../provider';
import { errorResult, type Check, type EvaluationResult, type Finding } from '../../result';
import type { Token } from '../../token';
import { budgetExceeded, TOO_EXPENSIVE, withCelBudget } from './budget';
import { evaluateConditionTree, explainClause, type ClauseResult } from './condition';
import { iamChecks, type BindingMatch } from './iam';
import { evaluateMappings, hasGuardFix, mappingChecks, type MappingResult } from './mapping';
import { CONDITION_REJECTED, exchangeAllowed, mappingNotEvaluated, PERMISSION_DENIED, PROVIDER_UNAVAILABLE, REFERENCES } from './messages';
import { rangeAt, type GcpPolicy } from './parse';
import { principalsFor, type Principal } from './principals';
import { tokenChecks, type TokenCheck } from './token-checks';
import { configProblems } from './validate';
import { jsonToCel } from './values';

interface Failure {
  check: Check;
  message: string;
  /** Google does not document the text; trustlens worded it. */
  inferred?: boolean;
  stsError?: { error: string; error_description: string };
}

function stateCheck(policy: GcpPolicy): TokenCheck {
  const unavailable = policy.disabled || (policy.state !== undefined && policy.state !== 'ACTIVE');
  return {
    id: 'provider.state',
    label: 'Provider enabled',
    result: unavailable ? 'fail' : 'pass',
    expected: 'ACTIVE and not disabled',
    actual: policy.disabled ? 'disabled' : (policy.state ?? 'ACTIVE (no state given)'),
    reason: unavailable ? 'A disabled or deleted provider exchanges no tokens.' : 'The provider is active.',
    source: rangeAt(policy, policy.disabled ? 'disabled' : 'state'),
    failure: unavailable ? PROVIDER_UNAVAILABLE : undefined,
  };
}

/** The innermost clause that made a false condition false: the first one along the failing path. */
export function failingLeaf(clause: ClauseResult): ClauseResult {
  const child = clause.children.find((candidate) => candidate.outcome !== 'true');
  return child ? failingLeaf(child) : clause;
}

/** Literal operands (`'main'`, `72`, `true`) are what the configuration wants; the others are the token's side. */
export const LITERAL_OPERAND = /^["'\d[{-]|^(true|false|null)$/;

/**
 * What the token has for a failing clause: its non-literal operands with their values
 * (`assertion.ref = "feature-x"`), or the clause's own value.
 */
function tokenSide(clause: ClauseResult): unknown {
  const sides = (clause.operands ?? []).filter((operand) => !LITERAL_OPERAND.test(operand.text));
  return sides.length > 0 ? sides.map((operand) => `${operand.text} = ${JSON.stringify(operand.value)}`).join(', ') : clause.value;
}

function clauseChecks(tree: ClauseResult): Check[] {
  const checks: Check[] = [];
  const visit = (clause: ClauseResult) => {
    checks.push({
      id: clause.id,
      label: clause.id === 'condition' ? 'Attribute condition' : `Clause ${clause.text.length > 60 ? `${clause.text.slice(0, 57)}…` : clause.text}`,
      result: clause.outcome === 'true' ? 'pass' : clause.outcome === 'error' ? 'error' : 'fail',
      expected: true,
      actual: clause.value,
      reason: explainClause(clause),
      source: clause.range,
    });
    clause.children.forEach(visit);
  };
  visit(tree);
  // The whole condition "wants true, has false" says nothing: it names the clause that failed
  // and what the token has for it instead, so the first screen shows the reason.
  if (tree.outcome === 'false') {
    const leaf = failingLeaf(tree);
    checks[0] = { ...checks[0], expected: leaf.text, actual: tokenSide(leaf) };
  }
  return checks;
}

export function conditionBindings(claims: Record<string, unknown>, mapping: MappingResult) {
  const google: Record<string, unknown> = {};
  if (mapping.google.subject !== undefined) google.subject = mapping.google.subject;
  if (mapping.google.groups !== undefined) google.groups = mapping.google.groups;
  return { assertion: jsonToCel(claims) as Record<string, unknown>, google, attribute: mapping.custom };
}

/** One CEL budget for the whole token (budget.ts); spending it is an error verdict, not a denial. */
export function evaluatePolicy(policy: GcpPolicy, token: Token, context: EvaluationContext): EvaluationResult {
  return withCelBudget(() => {
    const result = evaluateWithinBudget(policy, token, context);
    if (!budgetExceeded()) return result;
    const checks: Check[] = [
      ...result.checks.map((check) => ({ ...check, decisive: false })),
      { id: 'cel.budget', label: 'Evaluation cost', result: 'error', reason: TOO_EXPENSIVE, source: policy.condition?.range, decisive: true },
    ];
    return errorResult('gcp', TOO_EXPENSIVE, { checks, source: policy.condition?.range });
  });
}

function evaluateWithinBudget(policy: GcpPolicy, token: Token, context: EvaluationContext): EvaluationResult {
  const problems = configProblems(policy);
  if (problems.length > 0) {
    const checks: Check[] = problems.map((problem, index) => ({
      id: problem.id,
      label: 'Configuration Google accepts',
      result: 'error',
      reason: problem.message,
      source: problem.source,
      decisive: index === 0,
    }));
    return errorResult('gcp', problems[0].message, { source: problems[0].source, checks, details: { configProblems: problems } });
  }
  const resource = policy.resource!;
  const claims = token.claims;
  const findings: Finding[] = [];
  const checks: Check[] = [];
  let failure: Failure | undefined;
  const consider = (check: Check, message: string | undefined, sts?: string, inferred = false) => {
    checks.push(check);
    if (!failure && (check.result === 'fail' || check.result === 'error') && message) {
      failure = { check, message, inferred, stsError: sts ? { error: sts, error_description: message } : undefined };
    }
  };

  const state = stateCheck(policy);
  consider(state, state.failure, 'invalid_target');

  for (const check of tokenChecks(policy, token, context.at)) {
    const { failure: message, failureInferred, ...plain } = check;
    consider(plain, message, 'invalid_grant', failureInferred === true);
    if (check.id === 'token.issuer' && check.result === 'pass' && claims.iss !== policy.issuerUri) {
      findings.push({ id: 'token.issuer.trailing-slash', severity: 'low', message: check.reason, source: check.source, reference: REFERENCES.gitlabGuide });
    }
  }

  const mapping = evaluateMappings(policy, claims);
  const perMapping = mappingChecks(policy, mapping);
  perMapping.forEach((check, index) => {
    const attribute = mapping.attributes[index];
    if (!attribute) {
      consider(check, check.result === 'fail' ? check.reason : undefined, 'unauthorized_client');
      return;
    }
    const message =
      attribute.status === 'missing-claim' || attribute.status === 'error'
        ? mappingNotEvaluated(attribute.key, attribute.message)
        : attribute.message;
    consider(check, message, 'unauthorized_client');
    if (attribute.status === 'missing-claim') {
      findings.push({
        id: 'mapping.missing-claim',
        severity: 'medium',
        message: `${attribute.key} reads ${attribute.missingClaims!.map((c) => `assertion.${c}`).join(', ')}, which this token lacks. Google does not document whether the attribute is dropped or the exchange fails; guard it: ${hasGuardFix(attribute)}`,
        source: policy.mappings[index].range,
        reference: REFERENCES.overview,
      });
    }
  });

  let tree: ClauseResult | undefined;
  if (policy.condition) {
    tree = evaluateConditionTree(policy.condition, policy.doc, conditionBindings(claims, mapping));
    const [root, ...clauses] = clauseChecks(tree);
    consider(root, CONDITION_REJECTED, 'unauthorized_client');
    checks.push(...clauses);
  } else {
    checks.push({ id: 'condition', label: 'Attribute condition', result: 'pass', expected: 'none set', reason: 'The provider has no attribute condition: every valid token is accepted.', source: rangeAt(policy, 'oidc') });
  }

  const principals: Principal[] = mapping.google.subject !== undefined ? principalsFor(resource, mapping.google, mapping.custom) : [];
  let matches: BindingMatch[] = [];
  if (policy.iam) {
    const iam = iamChecks(policy, policy.iam.bindings, principals);
    matches = iam.matches;
    checks.push(...iam.checks);
    const granted = matches.length > 0;
    consider(
      {
        id: 'iam',
        label: 'IAM binding for the federated principal',
        result: granted ? 'pass' : 'fail',
        expected: 'a binding member equal to one of the token\'s principals',
        actual: principals.map((p) => p.identifier),
        reason: granted
          ? `binding[${matches[0].binding}] (${matches[0].role}) grants ${matches[0].member}.`
          : 'No binding names any principal this token maps to; impersonation is refused with 403 PERMISSION_DENIED.',
        source: policy.iam.range,
      },
      `403 PERMISSION_DENIED: ${PERMISSION_DENIED}`,
    );
  }

  const stsFailure = failure && failure.check.id !== 'iam';
  const details: Record<string, unknown> = {
    provider: { name: policy.name, ...resource },
    attributes: Object.fromEntries(mapping.attributes.map((a) => [a.key, { expression: a.expression, status: a.status, value: a.display, ...(a.message ? { message: a.message } : {}) }])),
    principals: principals.map((p) => p.identifier),
    matchedBinding: matches[0] ? { index: matches[0].binding, role: matches[0].role, member: matches[0].member } : null,
    matchedBindings: matches.map((m) => ({ index: m.binding, role: m.role, member: m.member, conditional: m.conditional })),
    condition: tree ?? null,
    stage: failure ? (stsFailure ? 'sts' : 'iam') : 'granted',
  };
  if (failure?.stsError) details.stsError = failure.stsError;
  // Google does not document this text: the message is trustlens's wording, flagged rather than annotated.
  if (failure?.inferred) details.messageInferred = true;

  if (failure) {
    failure.check.decisive = true;
    return { provider: 'gcp', decision: 'deny', message: failure.message, checks, findings, details };
  }
  const subject = principals.find((p) => p.kind === 'subject')?.identifier ?? '';
  const message = exchangeAllowed(subject, policy.iam ? { index: matches[0].binding, role: matches[0].role, member: matches[0].member } : null);
  return { provider: 'gcp', decision: 'allow', message, checks, findings, details };
}
