/**
 * Statements as the plan reads them (actions decided and conditions planned once per policy), and
 * the checks that explain a statement's principal, action and whether it applies. The decision
 * itself (explicit Deny > Allow > implicit Deny) is made in `plan.ts`. A role trust policy must
 * itself allow the federated principal.
 * Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
import type { JSONPath } from '../../json';
import type { Check, SourceRange } from '../../result';
import { planConditionBlock, type PlannedKeyTest } from './conditions';
import type { RequestContext } from './context';
import { globMatches } from './operators';
import { ACTION, SET_SOURCE_IDENTITY, TAG_SESSION } from './messages';
import { requestPrincipal, type PrincipalMatch } from './principal';
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

/** id_roles_providers_oidc_secure-by-default: "AWS STS will deny authorization requests if your role trust policy doesn't evaluate this condition key". */
export const REQUEST_TIME_CONTROL_ISSUER = 'app.terraform.io';

function describeStatement(statement: StatementView): string {
  return `Statement ${statement.index} (${statement.effect}${statement.sid ? `, Sid ${statement.sid}` : ''})`;
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
