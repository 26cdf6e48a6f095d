/**
 * The observer that turns one exchange into the result people read: a check per step in Google's
 * order, the condition clause by clause, each IAM member, findings, and the details the views
 * show. It describes what the exchange judged; the decision and message come from the exchange.
 */
import type { CelResult } from '@bufbuild/cel';
import { errorResult, type Check, type EvaluationResult, type Finding, type QuickDecision } from '../../result';
import type { Token } from '../../token';
import { conditionTree, explainClause, type ClauseResult, type ConditionBindings } from './condition';
import { bindingChecks } from './iam';
import { hasGuardFix, mappingChecks, type MappingResult } from './mapping';
import { PROVIDER_UNAVAILABLE, REFERENCES } from './messages';
import { rangeAt, type GcpPolicy } from './parse';
import type { Observer, PlannedMember, PlannedProvider, Refusal } from './planned';
import type { Principal } from './principals';
import { describeTokenStep, type TokenFailure, type TokenStep } from './token-checks';
import type { ConfigProblem } from './validate';

/** The result for a provider Google would refuse to create or update. */
export function configRefusal(problems: ConfigProblem[]): EvaluationResult {
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

/** The innermost clause that made a false condition false: the first one along the failing path. */
export function failingLeaf(clause: ClauseResult): ClauseResult {
  const child = clause.children.find((candidate) => candidate.outcome !== 'true');
  return child ? failingLeaf(child) : clause;
}

/** Literal operands (`'main'`, `72`, `true`) are what the configuration wants; the others are the token's side. */
const LITERAL_OPERAND = /^["'\d[{-]|^(true|false|null)$/;

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

const STS_ERRORS: Record<Refusal['stage'], string | undefined> = {
  state: 'invalid_target',
  token: 'invalid_grant',
  mapping: 'unauthorized_client',
  condition: 'unauthorized_client',
  iam: undefined,
};

export class GcpExplanation implements Observer {
  private readonly checks: Check[] = [];
  private readonly findings: Finding[] = [];
  private readonly policy: GcpPolicy;
  private stateCheck: Check | undefined;
  private readonly tokenChecks = new Map<TokenStep, Check>();
  private mappingChecks: Check[] = [];
  private conditionCheck: Check | undefined;
  private iamCheck: Check | undefined;
  private tree: ClauseResult | undefined;
  private details: Record<string, unknown> = {};
  private spent = false;

  constructor(
    private readonly planned: PlannedProvider,
    private readonly token: Token,
    private readonly at: number,
  ) {
    this.policy = planned.policy;
  }

  state(): void {
    const policy = this.policy;
    const unavailable = this.planned.unavailable;
    // The check keeps the STS text it fails with, as the views have always received it.
    this.stateCheck = {
      id: 'provider.state',
      label: 'Provider enabled',
      result: unavailable ? 'fail' : 'pass',
      expected: 'ACTIVE and not disabled',
      actual: policy.disabled ? 'disabled' : (policy.state ?? 'ACTIVE (no state given)'),
      reason: unavailable ? 'A disabled or deleted provider exchanges no tokens.' : 'The provider is active.',
      source: rangeAt(policy, policy.disabled ? 'disabled' : 'state'),
      failure: unavailable ? PROVIDER_UNAVAILABLE : undefined,
    } as Check;
    this.checks.push(this.stateCheck);
  }

  tokenStep(step: TokenStep, failure: TokenFailure | null): void {
    const check = describeTokenStep(this.policy, this.planned.rules, step, this.token, this.at, failure);
    if (!check) return;
    this.checks.push(check);
    if (failure) this.tokenChecks.set(failure.step, check);
    if (check.id === 'token.issuer' && check.result === 'pass' && this.token.claims.iss !== this.policy.issuerUri) {
      this.findings.push({ id: 'token.issuer.trailing-slash', severity: 'low', message: check.reason, source: check.source, reference: REFERENCES.gitlabGuide });
    }
  }

  mappings(mapping: MappingResult): void {
    this.mappingChecks = mappingChecks(this.policy, mapping);
    this.checks.push(...this.mappingChecks);
    mapping.attributes.forEach((attribute, index) => {
      if (attribute.status !== 'missing-claim') return;
      this.findings.push({
        id: 'mapping.missing-claim',
        severity: 'medium',
        message: `${attribute.key} reads ${attribute.missingClaims!.map((c) => `assertion.${c}`).join(', ')}, which this token lacks. Google does not document whether the attribute is dropped or the exchange fails; guard it: ${hasGuardFix(attribute)}`,
        source: this.policy.mappings[index].range,
        reference: REFERENCES.overview,
      });
    });
  }

  condition(value: CelResult, bindings: ConditionBindings): void {
    const { field, shape } = this.planned.condition!;
    this.tree = conditionTree(shape, field, this.policy.doc, bindings, value);
    const shown = clauseChecks(this.tree);
    this.conditionCheck = shown[0];
    this.checks.push(...shown);
  }

  noCondition(): void {
    this.checks.push({ id: 'condition', label: 'Attribute condition', result: 'pass', expected: 'none set', reason: 'The provider has no attribute condition: every valid token is accepted.', source: rangeAt(this.policy, 'oidc') });
  }

  iam(principals: Principal[], matches: PlannedMember[]): void {
    const iam = this.policy.iam!;
    this.checks.push(...bindingChecks(this.policy, principals, matches));
    const granted = matches[0];
    this.iamCheck = {
      id: 'iam',
      label: 'IAM binding for the federated principal',
      result: granted ? 'pass' : 'fail',
      expected: 'a binding member equal to one of the token\'s principals',
      actual: principals.map((p) => p.identifier),
      reason: granted
        ? `binding[${granted.binding}] (${granted.role}) grants ${granted.value}.`
        : 'No binding names any principal this token maps to; impersonation is refused with 403 PERMISSION_DENIED.',
      source: iam.range,
    };
    this.checks.push(this.iamCheck);
  }

  private decisive(refusal: Refusal): Check | undefined {
    switch (refusal.stage) {
      case 'state':
        return this.stateCheck;
      case 'token':
        return this.tokenChecks.get(refusal.failure.step);
      case 'mapping':
        return this.mappingChecks[refusal.index];
      case 'condition':
        return this.conditionCheck;
      case 'iam':
        return this.iamCheck;
    }
  }

  decided(refusal: Refusal | null, mapping: MappingResult, principals: Principal[], matches: PlannedMember[]): void {
    const policy = this.policy;
    this.details = {
      provider: { name: policy.name, ...this.planned.resource },
      attributes: Object.fromEntries(mapping.attributes.map((a) => [a.key, { expression: a.expression, status: a.status, value: a.display, ...(a.message ? { message: a.message } : {}) }])),
      principals: principals.map((p) => p.identifier),
      matchedBinding: matches[0] ? { index: matches[0].binding, role: matches[0].role, member: matches[0].value } : null,
      matchedBindings: matches.map((m) => ({ index: m.binding, role: m.role, member: m.value, conditional: m.conditional })),
      condition: this.tree ?? null,
      stage: refusal ? (refusal.stage === 'iam' ? 'iam' : 'sts') : 'granted',
    };
    if (!refusal) return;
    const sts = STS_ERRORS[refusal.stage];
    if (sts) this.details.stsError = { error: sts, error_description: refusal.message };
    // Google does not document this text: the message is trustlens's wording, flagged rather than annotated.
    if (refusal.stage === 'token' && refusal.failure.inferred) this.details.messageInferred = true;
    const decisive = this.decisive(refusal);
    if (decisive) decisive.decisive = true;
  }

  overBudget(): void {
    this.spent = true;
  }

  /** The exchange's answer with everything observed on the way to it. */
  result(answer: QuickDecision): EvaluationResult {
    if (this.spent) {
      const range = this.policy.condition?.range;
      const checks: Check[] = [
        ...this.checks.map((check) => ({ ...check, decisive: false })),
        { id: 'cel.budget', label: 'Evaluation cost', result: 'error', reason: answer.message, source: range, decisive: true },
      ];
      return errorResult('gcp', answer.message, { checks, source: range });
    }
    return { provider: 'gcp', decision: answer.decision, message: answer.message, checks: this.checks, findings: this.findings, details: this.details };
  }
}
