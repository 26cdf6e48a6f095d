/**
 * The explanation of one evaluation: an observer the plan's single run reports each step to. It
 * turns the steps into checks (STS pre-checks, then every statement for every action STS needed),
 * marks the check that decided, and adds the request context and matched statements as details.
 * Without it the run builds none of this.
 */
import type { JSONPath } from '../../json';
import type { Check, EvaluationResult, QuickDecision, SourceRange } from '../../result';
import { isoOf } from '../../time';
import { describeKeyTest, type PlannedKeyTest } from './conditions';
import { PROVIDER_KEYS_SINCE, type RequestContext } from './context';
import { ACTION } from './messages';
import type { OidcProviderInput, PolicyShape } from './parse';
import type { PrincipalMatch } from './principal';
import { actionCheck, identityProviderControlCheck, principalCheck, statementCheck, type PlannedStatement, type StatementView } from './statements';
import type { StsTrace } from './sts';

export type ActionDecision = 'allow' | 'explicit-deny' | 'implicit-deny';

interface StatementOutcome {
  statement: StatementView;
  applies: boolean;
  principalAndAction: boolean;
  summary: Check;
  parts: Check[];
}

export interface Locator {
  locate(path: JSONPath): SourceRange | undefined;
  locateProvider(provider: OidcProviderInput): SourceRange | undefined;
}

/** One action's statements, each with its parts, in document order. */
export class ActionTrace {
  private readonly idRoot: string;
  private readonly outcomes: StatementOutcome[] = [];
  private parts: Check[] = [];
  decision: ActionDecision = 'implicit-deny';
  checks: Check[] = [];

  constructor(
    readonly action: string,
    private readonly context: RequestContext,
    private readonly locator: Locator,
  ) {
    this.idRoot = action === ACTION ? 'statement' : `${action}.statement`;
  }

  private id(statement: PlannedStatement): string {
    return `${this.idRoot}[${statement.view.index}]`;
  }

  principal(statement: PlannedStatement, match: PrincipalMatch): void {
    this.parts.push(principalCheck(statement.view, match, this.context, this.id(statement), this.locator.locate([...statement.view.path, 'Principal'])));
  }

  actionCovered(statement: PlannedStatement, covered: boolean): void {
    const field = statement.view.notAction ? 'NotAction' : 'Action';
    this.parts.push(actionCheck(statement.view, this.action, covered, this.id(statement), this.locator.locate([...statement.view.path, field])));
  }

  condition(statement: PlannedStatement, test: PlannedKeyTest, passed: boolean): void {
    const id = `${this.id(statement)}.condition.${test.operator.text}.${test.key}`;
    const source = this.locator.locate([...statement.view.path, 'Condition', test.operator.text, test.key]);
    this.parts.push(describeKeyTest(test, this.context, passed, id, source));
  }

  identityProviderControl(statement: PlannedStatement, present: boolean): void {
    this.parts.push(identityProviderControlCheck(present, this.id(statement), this.locator.locate([...statement.view.path, 'Principal'])));
  }

  statement(statement: PlannedStatement, applies: boolean, principalAndAction: boolean): void {
    const summary = statementCheck(statement.view, this.action, applies, this.parts, this.id(statement), this.locator.locate(statement.view.path));
    this.outcomes.push({ statement: statement.view, applies, principalAndAction, summary, parts: this.parts });
    this.parts = [];
  }

  decided(decision: ActionDecision): void {
    this.decision = decision;
    const outcomes = this.outcomes;
    const deny = outcomes.find((outcome) => outcome.applies && outcome.statement.effect === 'Deny');
    const allow = outcomes.find((outcome) => outcome.applies && outcome.statement.effect === 'Allow');
    let decisive: Check | undefined;
    if (deny) decisive = deny.summary;
    else if (allow) decisive = allow.summary;
    else {
      // The Allow statement the author meant: the first naming this caller and action, else the first Allow.
      const allows = outcomes.filter((outcome) => outcome.statement.effect === 'Allow');
      const candidate = allows.find((outcome) => outcome.principalAndAction) ?? allows[0];
      decisive = candidate ? (candidate.parts.find((check) => check.result === 'fail') ?? candidate.summary) : outcomes[0]?.summary;
    }
    for (const outcome of outcomes) {
      for (const check of [outcome.summary, ...outcome.parts]) this.checks.push(check === decisive ? { ...check, decisive: true } : check);
    }
  }

  /** The statements that apply, for the details. */
  matched(): Array<{ action: string; index: number; sid: string | null; effect: 'Allow' | 'Deny' }> {
    return this.outcomes
      .filter((outcome) => outcome.applies)
      .map((outcome) => ({ action: this.action, index: outcome.statement.index, sid: outcome.statement.sid, effect: outcome.statement.effect }));
  }
}

function contextForDisplay(context: RequestContext): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const entry of context.entries.values()) shown[entry.key] = entry.multivalued ? entry.values : entry.values[0];
  return shown;
}

/** The whole call: STS pre-checks, then one ActionTrace per action evaluated. */
export class EvaluationTrace implements StsTrace {
  private readonly stsChecks: Check[] = [];
  private stsRefused = false;
  private readonly actions: ActionTrace[] = [];
  private denial: string | undefined;

  /** The full request context (the decision alone builds only the keys the policy reads). */
  constructor(
    readonly context: RequestContext,
    private readonly locator: Locator,
    private readonly shape: PolicyShape,
  ) {}

  passed(check: Check): void {
    this.stsChecks.push(check);
  }

  failed(check: Check): void {
    this.stsChecks.push({ ...check, result: 'fail', decisive: true });
    this.stsRefused = true;
  }

  locateProvider(provider: OidcProviderInput): SourceRange | undefined {
    return this.locator.locateProvider(provider);
  }

  action(action: string): ActionTrace {
    const trace = new ActionTrace(action, this.context, this.locator);
    this.actions.push(trace);
    return trace;
  }

  denied(why: string): void {
    this.denial = why;
  }

  result(outcome: QuickDecision): EvaluationResult {
    const context = this.context;
    const details: Record<string, unknown> = {
      principal: context.prefix,
      requestContext: contextForDisplay(context),
      providerKeys: context.providerKeys
        ? `The 2026 provider-specific keys apply (available from ${isoOf(PROVIDER_KEYS_SINCE).slice(0, 10)} in trustlens).`
        : `The 2026 provider-specific keys do not exist at this instant (trustlens applies them from ${isoOf(PROVIDER_KEYS_SINCE).slice(0, 10)}).`,
      scope: 'Only the role trust policy is evaluated; resource control policies (RCPs) can also deny the call.',
      shape: this.shape,
    };
    const { decision, message } = outcome;
    if (this.stsRefused) return { provider: 'aws', decision, message, checks: this.stsChecks, findings: [], details };

    details.matchedStatements = this.actions.flatMap((trace) => trace.matched());
    details.actions = this.actions.map((trace) => ({ action: trace.action, decision: trace.decision }));
    if (this.denial !== undefined) details.denial = this.denial;
    // One decisive check: in the refused action, or else in the call itself.
    const refused = this.actions.findIndex((trace) => trace.decision !== 'allow');
    const deciding = refused >= 0 ? refused : 0;
    const checks: Check[] = [
      ...this.stsChecks,
      ...this.actions.flatMap((trace, index) => (index === deciding ? trace.checks : trace.checks.map(({ decisive: _drop, ...check }) => check))),
    ];
    return { provider: 'aws', decision, message, checks, findings: [], details };
  }
}
