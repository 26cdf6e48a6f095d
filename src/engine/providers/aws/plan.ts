/**
 * sts:AssumeRoleWithWebIdentity, planned once per trust policy and run once per token: refuse
 * documents IAM would not hold (at plan time), run the STS pre-checks, build the request context,
 * then decide the trust policy for the call and for the extra actions the token's claims require
 * (sts:TagSession, sts:SetSourceIdentity), stopping where STS stops.
 *
 * `decide` runs with no trace and takes every shortcut that cannot change the decision; `explain`
 * runs the same steps with a trace (`trace.ts`), which needs every statement's every part, so
 * the shortcuts are off and each step is reported.
 */
import type { EvaluationContext, Plan } from '../../provider';
import { errorResult, type QuickDecision } from '../../result';
import type { Claims, Token } from '../../token';
import { keyTestPasses } from './conditions';
import { buildRequestContext, SOURCE_IDENTITY_CLAIM, TAGS_CLAIM, type RequestContext } from './context';
import { ACTION, notAuthorized, SET_SOURCE_IDENTITY, TAG_SESSION } from './messages';
import { claimKeysMode } from './options';
import { locate, locateOuter, type AwsPolicy, type OidcProviderInput } from './parse';
import { principalMatches, type PrincipalMatch } from './principal';
import { planStatement, readStatements, REQUEST_TIME_CONTROL_ISSUER, type PlannedStatement } from './statements';
import { stsPreChecks } from './sts';
import { EvaluationTrace, type ActionTrace, type Locator } from './trace';
import { validateDocument } from './validate';

interface PlannedPolicy {
  statements: PlannedStatement[];
  providers: OidcProviderInput[] | null;
  /** Lower-cased context keys the conditions read: the decision builds only these. */
  reads: ReadonlySet<string>;
  /** Each statement's Principal against the token's issuer key prefix. */
  principalsFor(prefix: string | null): PrincipalMatch[];
}

/** The actions the call needs allowed, in the order STS would need them. */
export function requiredActions(claims: Claims): string[] {
  const actions = [ACTION];
  if (claims[TAGS_CLAIM] !== undefined) actions.push(TAG_SESSION);
  if (claims[SOURCE_IDENTITY_CLAIM] !== undefined) actions.push(SET_SOURCE_IDENTITY);
  return actions;
}

function refusalReason(action: string, explicitDeny: boolean): string {
  if (explicitDeny) return `explicit Deny for ${action}`;
  if (action === ACTION) return 'no statement allows it (implicit deny)';
  if (action === TAG_SESSION) return `the token's session tags also need ${action}, which no statement allows`;
  return `the token's source identity also needs ${action}, which no statement allows`;
}

/** decideAction's answer when a Deny applies (otherwise the index of the first Allow that applies, or NO_ALLOW). */
const EXPLICIT_DENY = -2;
const NO_ALLOW = -1;

/** Explicit Deny > Allow > implicit Deny for one action; the first Allow that applies names the statement in the message. */
function decideAction(plan: PlannedPolicy, action: string, context: RequestContext, principals: PrincipalMatch[], trace: ActionTrace | null): number {
  const statements = plan.statements;
  const terraform = context.prefix === REQUEST_TIME_CONTROL_ISSUER;
  let allowedBy = NO_ALLOW;
  let denied = false;
  for (let index = 0; index < statements.length; index++) {
    const statement = statements[index];
    const isAllow = statement.view.effect === 'Allow';
    // A later Allow cannot change the outcome once one applies (a Deny always can).
    if (trace === null && isAllow && allowedBy >= 0) continue;
    const principal = principals[index];
    const covered = statement.covers.get(action) === true;
    if (trace === null) {
      // A statement that does not name this caller and action cannot apply.
      if (!principal.matched || !covered) continue;
      if (terraform && isAllow && !statement.evaluatesTerraformSub) continue;
    } else {
      trace.principal(statement, principal);
      trace.actionCovered(statement, covered);
    }
    let applies = principal.matched && covered;
    for (const test of statement.tests) {
      const passed = keyTestPasses(test, context);
      trace?.condition(statement, test, passed);
      if (!passed) {
        applies = false;
        if (trace === null) break;
      }
    }
    // HCP Terraform's identity-provider control is enforced when the call is made, not only on write
    // (id_roles_providers_oidc_secure-by-default).
    if (terraform && isAllow && principal.matched) {
      trace?.identityProviderControl(statement, statement.evaluatesTerraformSub);
      if (!statement.evaluatesTerraformSub) applies = false;
    }
    trace?.statement(statement, applies, principal.matched && covered);
    if (!applies) continue;
    if (!isAllow) {
      denied = true;
      if (trace === null) break;
    } else if (allowedBy < 0) allowedBy = index;
  }
  trace?.decided(denied ? 'explicit-deny' : allowedBy >= 0 ? 'allow' : 'implicit-deny');
  return denied ? EXPLICIT_DENY : allowedBy;
}

function run(plan: PlannedPolicy, claims: Claims, at: number, options: Record<string, string>, trace: EvaluationTrace | null): QuickDecision {
  const refusal = stsPreChecks(claims, at, plan.providers, trace);
  if (refusal !== null) return { decision: 'deny', message: refusal };
  const context = trace ? trace.context : buildRequestContext(claims, { at, claimKeys: claimKeysMode(options), wanted: plan.reads });
  const principals = plan.principalsFor(context.prefix);
  const actions = requiredActions(claims);
  let firstAllow = -1;
  for (const action of actions) {
    const allowedBy = decideAction(plan, action, context, principals, trace ? trace.action(action) : null);
    // STS stops at the first action the policy does not allow; later actions are not evaluated.
    if (allowedBy < 0) {
      const why = refusalReason(action, allowedBy === EXPLICIT_DENY);
      trace?.denied(why);
      return { decision: 'deny', message: action === ACTION ? notAuthorized() : `${notAuthorized()} (${why})` };
    }
    if (action === ACTION) firstAllow = allowedBy;
  }
  const first = plan.statements[firstAllow].view;
  return {
    decision: 'allow',
    message: `AssumeRoleWithWebIdentity allowed by statement ${first.index}${first.sid ? ` (Sid ${first.sid})` : ''}${actions.length > 1 ? `, with ${actions.slice(1).join(' and ')}` : ''}`,
  };
}

export function planPolicy(policy: AwsPolicy): Plan {
  const document = policy.document as Record<string, unknown>;
  const invalid = validateDocument(document);
  if (invalid) {
    const refusal: QuickDecision = { decision: 'error', message: invalid.message };
    return {
      decide: () => refusal,
      explain: () => errorResult('aws', invalid.message, { source: locate(policy, invalid.path), details: { inputError: 'policy' } }),
    };
  }
  const variablesEnabled = document.Version === '2012-10-17';
  const reads = new Set<string>();
  const statements = readStatements(document).map((view) => planStatement(view, variablesEnabled, reads));
  // Principal matching depends only on the issuer's key prefix, which a batch of tokens shares.
  const principalsByPrefix = new Map<string | null, PrincipalMatch[]>();
  const plan: PlannedPolicy = {
    statements,
    providers: policy.oidcProviders,
    reads,
    principalsFor(prefix) {
      let matches = principalsByPrefix.get(prefix);
      if (!matches) {
        if (principalsByPrefix.size > 64) principalsByPrefix.clear();
        matches = statements.map((statement) => principalMatches(statement.view.principal, prefix));
        principalsByPrefix.set(prefix, matches);
      }
      return matches;
    },
  };
  const locator: Locator = {
    locate: (path) => locate(policy, path),
    locateProvider: (provider) => locateOuter(policy, provider.path),
  };
  return {
    decide: (token: Token, at: number, options: Record<string, string>) => run(plan, token.claims, at, options, null),
    explain(token: Token, evaluation: EvaluationContext) {
      const claims = token.claims;
      const context = buildRequestContext(claims, { at: evaluation.at, claimKeys: claimKeysMode(evaluation.options) });
      const trace = new EvaluationTrace(context, locator, policy.shape);
      return trace.result(run(plan, claims, evaluation.at, evaluation.options, trace));
    },
  };
}
