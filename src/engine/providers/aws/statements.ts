/**
 * Statement matching and the decision for one action: explicit Deny > Allow > implicit Deny.
 * A role trust policy must itself allow the federated principal.
 * Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
import type { JSONPath } from '../../json';
import type { Check, SourceRange } from '../../result';
import { evaluateConditionBlock, planConditionBlock, type PlannedKeyTest } from './conditions';
import type { RequestContext } from './context';
import { globMatches } from './operators';
import { ACTION, SET_SOURCE_IDENTITY, TAG_SESSION } from './messages';
import { principalMatches, requestPrincipal, type PrincipalMatch } from './principal';
import { statementPaths } from './validate';

export interface StatementView {
  index: number;
  path: JSONPath;
  sid: string | null;
  effect: 'Allow' | 'Deny';
  principal: unknown;
  actions: string[];
  notAction: boolean;
  condition: Record<string, unknown> | null;
}

/** Statements of a validated document. */
export function readStatements(document: Record<string, unknown>): StatementView[] {
  return statementPaths(document).map(({ value, path }, index) => {
    const statement = value as Record<string, unknown>;
    const notAction = 'NotAction' in statement;
    const rawActions = notAction ? statement.NotAction : statement.Action;
    return {
      index,
      path,
      sid: typeof statement.Sid === 'string' ? statement.Sid : null,
      effect: statement.Effect as 'Allow' | 'Deny',
      principal: statement.Principal,
      actions: Array.isArray(rawActions) ? (rawActions as string[]) : [rawActions as string],
      notAction,
      condition: (statement.Condition as Record<string, unknown> | undefined) ?? null,
    };
  });
}

/** "The prefix and the action name are case insensitive"; wildcards anywhere (reference_policies_elements_action). */
export function actionMatches(pattern: string, action: string): boolean {
  return globMatches(pattern, action, true);
}

export interface ActionScope {
  context: RequestContext;
  variablesEnabled: boolean;
  /** `statement` for sts:AssumeRoleWithWebIdentity; `sts:TagSession.statement` etc. for the extra actions. */
  idRoot: string;
  locate(path: JSONPath): SourceRange | undefined;
}

export interface StatementOutcome {
  statement: StatementView;
  applies: boolean;
  principalAndAction: boolean;
  summary: Check;
  parts: Check[];
}

export interface ActionOutcome {
  action: string;
  decision: 'allow' | 'explicit-deny' | 'implicit-deny';
  statements: StatementOutcome[];
  /** Checks in order; the decisive one is marked. */
  checks: Check[];
}

/** id_roles_providers_oidc_secure-by-default: "AWS STS will deny authorization requests if your role trust policy doesn't evaluate this condition key". */
const REQUEST_TIME_CONTROL_ISSUER = 'app.terraform.io';

function describeStatement(statement: StatementView): string {
  return `Statement ${statement.index} (${statement.effect}${statement.sid ? `, Sid ${statement.sid}` : ''})`;
}

export function evaluateStatement(statement: StatementView, action: string, scope: ActionScope): StatementOutcome {
  const id = `${scope.idRoot}[${statement.index}]`;
  const prefix = scope.context.prefix;
  const parts: Check[] = [];

  const principal = principalMatches(statement.principal, prefix);
  const caller = prefix ? requestPrincipal(prefix) : '(no https issuer)';
  parts.push({
    id: `${id}.principal`,
    label: 'Principal',
    result: principal.matched ? 'pass' : 'fail',
    expected: statement.principal,
    actual: caller,
    reason: principal.everyone
      ? 'The principal "*" admits every caller, including any web identity.'
      : principal.matched
        ? `The Federated principal names the token's provider ${prefix}.`
        : principal.federated.length === 0
          ? 'The statement names no Federated principal, so it does not apply to a web identity caller.'
          : `The Federated principal names ${principal.federated.join(', ')}, but the token's issuer is ${scope.context.issuer ?? '(none)'}; principal matching is exact.`,
    source: scope.locate([...statement.path, 'Principal']),
  });

  const matching = statement.actions.filter((pattern) => actionMatches(pattern, action));
  const actionPasses = statement.notAction ? matching.length === 0 : matching.length > 0;
  const field = statement.notAction ? 'NotAction' : 'Action';
  parts.push({
    id: `${id}.action`,
    label: field,
    result: actionPasses ? 'pass' : 'fail',
    expected: statement.actions.length === 1 ? statement.actions[0] : statement.actions,
    actual: action,
    reason: statement.notAction
      ? actionPasses
        ? `NotAction excludes only other actions, so ${action} is covered.`
        : `NotAction excludes ${action} (via ${matching[0]}).`
      : actionPasses
        ? `${matching[0]} covers ${action} (action names are case-insensitive).`
        : `None of ${statement.actions.join(', ')} is ${action}.`,
    source: scope.locate([...statement.path, field]),
  });

  let conditionsPass = true;
  if (statement.condition) {
    const block = evaluateConditionBlock(statement.condition, {
      context: scope.context,
      variablesEnabled: scope.variablesEnabled,
      idPrefix: id,
      path: statement.path,
      locate: scope.locate,
    });
    parts.push(...block.checks);
    conditionsPass = block.passed;
  }

  // HCP Terraform's identity-provider control is enforced when the call is made, not only on write.
  if (prefix === REQUEST_TIME_CONTROL_ISSUER && statement.effect === 'Allow' && principal.matched) {
    const requiredKey = `${prefix}:sub`;
    const keys = Object.values(statement.condition ?? {}).flatMap((block) => (typeof block === 'object' && block !== null ? Object.keys(block) : []));
    const present = keys.some((key) => key.toLowerCase() === requiredKey);
    parts.push({
      id: `${id}.identityProviderControl`,
      label: `Identity-provider control (${requiredKey})`,
      result: present ? 'pass' : 'fail',
      expected: `a condition on ${requiredKey}`,
      actual: present ? 'present' : 'absent',
      reason: present
        ? `The statement evaluates ${requiredKey}, as AWS requires for HCP Terraform.`
        : `AWS STS denies HCP Terraform requests when the trust policy does not evaluate ${requiredKey}.`,
      source: scope.locate([...statement.path, 'Principal']),
    });
    if (!present) conditionsPass = false;
  }

  const principalAndAction = principal.matched && actionPasses;
  const applies = principalAndAction && conditionsPass;
  const firstFailure = parts.find((check) => check.result === 'fail');
  const summary: Check = {
    id,
    label: describeStatement(statement),
    result: applies ? 'pass' : 'fail',
    expected: statement.effect,
    actual: applies ? 'applies' : 'does not apply',
    reason: applies
      ? `${describeStatement(statement)} applies to ${action}: principal, action and every condition match.`
      : `${describeStatement(statement)} does not apply: ${firstFailure ? `${firstFailure.label} fails` : 'a part fails'}.`,
    source: scope.locate(statement.path),
  };
  return { statement, applies, principalAndAction, summary, parts };
}

export function evaluateAction(statements: StatementView[], action: string, scope: ActionScope): ActionOutcome {
  const outcomes = statements.map((statement) => evaluateStatement(statement, action, scope));
  const deny = outcomes.find((outcome) => outcome.applies && outcome.statement.effect === 'Deny');
  const allow = outcomes.find((outcome) => outcome.applies && outcome.statement.effect === 'Allow');
  const decision = deny ? 'explicit-deny' : allow ? 'allow' : 'implicit-deny';

  let decisive: Check | undefined;
  if (deny) decisive = deny.summary;
  else if (allow) decisive = allow.summary;
  else {
    // The Allow statement the author meant: the first naming this caller and action, else the first Allow.
    const allows = outcomes.filter((outcome) => outcome.statement.effect === 'Allow');
    const candidate = allows.find((outcome) => outcome.principalAndAction) ?? allows[0];
    decisive = candidate ? candidate.parts.find((check) => check.result === 'fail') ?? candidate.summary : outcomes[0]?.summary;
  }
  const checks: Check[] = [];
  for (const outcome of outcomes) {
    for (const check of [outcome.summary, ...outcome.parts]) checks.push(check === decisive ? { ...check, decisive: true } : check);
  }
  return { action, decision, statements: outcomes, checks };
}

/** A statement prepared once per policy: its actions decided for each required action, its condition keys planned. */
export interface PlannedStatement {
  view: StatementView;
  /** Per action STS may need: whether Action/NotAction covers it. */
  covers: Map<string, boolean>;
  tests: PlannedKeyTest[];
  /** HCP Terraform's request-time control: whether a condition names `app.terraform.io:sub`. */
  evaluatesTerraformSub: boolean;
}

export { REQUEST_TIME_CONTROL_ISSUER };

export function planStatement(view: StatementView, variablesEnabled: boolean, reads: Set<string>): PlannedStatement {
  const covers = new Map<string, boolean>();
  for (const action of [ACTION, TAG_SESSION, SET_SOURCE_IDENTITY]) {
    const matching = view.actions.some((pattern) => actionMatches(pattern, action));
    covers.set(action, view.notAction ? !matching : matching);
  }
  const requiredKey = `${REQUEST_TIME_CONTROL_ISSUER}:sub`;
  const tests = view.condition ? planConditionBlock(view.condition, variablesEnabled, reads) : [];
  return { view, covers, tests, evaluatesTerraformSub: tests.some((test) => test.lowerKey === requiredKey) };
}

export function principalCheck(statement: StatementView, match: PrincipalMatch, context: RequestContext, id: string, source: SourceRange | undefined): Check {
  const prefix = context.prefix;
  return {
    id: `${id}.principal`,
    label: 'Principal',
    result: match.matched ? 'pass' : 'fail',
    expected: statement.principal,
    actual: prefix ? requestPrincipal(prefix) : '(no https issuer)',
    reason: match.everyone
      ? 'The principal "*" admits every caller, including any web identity.'
      : match.matched
        ? `The Federated principal names the token's provider ${prefix}.`
        : match.federated.length === 0
          ? 'The statement names no Federated principal, so it does not apply to a web identity caller.'
          : `The Federated principal names ${match.federated.join(', ')}, but the token's issuer is ${context.issuer ?? '(none)'}; principal matching is exact.`,
    source,
  };
}

export function actionCheck(statement: StatementView, action: string, passes: boolean, id: string, source: SourceRange | undefined): Check {
  const matching = statement.actions.filter((pattern) => actionMatches(pattern, action));
  return {
    id: `${id}.action`,
    label: statement.notAction ? 'NotAction' : 'Action',
    result: passes ? 'pass' : 'fail',
    expected: statement.actions.length === 1 ? statement.actions[0] : statement.actions,
    actual: action,
    reason: statement.notAction
      ? passes
        ? `NotAction excludes only other actions, so ${action} is covered.`
        : `NotAction excludes ${action} (via ${matching[0]}).`
      : passes
        ? `${matching[0]} covers ${action} (action names are case-insensitive).`
        : `None of ${statement.actions.join(', ')} is ${action}.`,
    source,
  };
}

export function identityProviderControlCheck(present: boolean, id: string, source: SourceRange | undefined): Check {
  const requiredKey = `${REQUEST_TIME_CONTROL_ISSUER}:sub`;
  return {
    id: `${id}.identityProviderControl`,
    label: `Identity-provider control (${requiredKey})`,
    result: present ? 'pass' : 'fail',
    expected: `a condition on ${requiredKey}`,
    actual: present ? 'present' : 'absent',
    reason: present
      ? `The statement evaluates ${requiredKey}, as AWS requires for HCP Terraform.`
      : `AWS STS denies HCP Terraform requests when the trust policy does not evaluate ${requiredKey}.`,
    source,
  };
}

/** The statement's own line: whether it applies to the action, and else the first part that fails. */
export function statementCheck(statement: StatementView, action: string, applies: boolean, parts: Check[], id: string, source: SourceRange | undefined): Check {
  const firstFailure = parts.find((check) => check.result === 'fail');
  return {
    id,
    label: describeStatement(statement),
    result: applies ? 'pass' : 'fail',
    expected: statement.effect,
    actual: applies ? 'applies' : 'does not apply',
    reason: applies
      ? `${describeStatement(statement)} applies to ${action}: principal, action and every condition match.`
      : `${describeStatement(statement)} does not apply: ${firstFailure ? `${firstFailure.label} fails` : 'a part fails'}.`,
    source,
  };
}
