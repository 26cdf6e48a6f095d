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
import { buildRequestContext, contextFrom, contextLayout, keyPrefixOf, providerKeysAvailable, SOURCE_IDENTITY_CLAIM, TAGS_CLAIM, type ContextLayout, type RequestContext } from './context';
import { ACTION, notAuthorized, SET_SOURCE_IDENTITY, TAG_SESSION } from './messages';
import { claimKeysMode } from './options';
import { locate, locateOuter, type AwsPolicy, type OidcProviderInput } from './parse';
import { principalMatches, type PrincipalMatch } from './principal';
import { planStatement, readStatements, REQUEST_TIME_CONTROL_ISSUER, type PlannedStatement } from './statements';
import { stsPreChecks } from './sts';
import { EvaluationTrace, type ActionTrace, type Locator } from './trace';
import { validateDocument } from './validate';

/** What the plan works out once for the tokens of one issuer: a batch of tokens shares it. */
interface IssuerPlan {
  /** Each statement's Principal against the issuer's key prefix. */
  principals: PrincipalMatch[];
  /** The request context's layout for the keys the conditions read, without and with the 2026 keys. */
  layouts: [ContextLayout | null, ContextLayout | null];
}

interface PlannedPolicy {
  statements: PlannedStatement[];
  providers: OidcProviderInput[] | null;
  /** Lower-cased context keys the conditions read: the decision builds only these. */
  reads: ReadonlySet<string>;
  /** "AssumeRoleWithWebIdentity allowed by statement …", per statement. */
  allowMessages: string[];
  forIssuer(issuer: string): IssuerPlan;
}

const ASSUME_ONLY: readonly string[] = [ACTION];
const WITH_TAGS: readonly string[] = [ACTION, TAG_SESSION];
const WITH_SOURCE_IDENTITY: readonly string[] = [ACTION, SET_SOURCE_IDENTITY];
const WITH_BOTH: readonly string[] = [ACTION, TAG_SESSION, SET_SOURCE_IDENTITY];

/** The actions the call needs allowed, in the order STS would need them. */
export function requiredActions(claims: Claims): readonly string[] {
  const tags = claims[TAGS_CLAIM] !== undefined;
  if (claims[SOURCE_IDENTITY_CLAIM] !== undefined) return tags ? WITH_BOTH : WITH_SOURCE_IDENTITY;
  return tags ? WITH_TAGS : ASSUME_ONLY;
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
  // The pre-checks passed, so iss is an https URL.
  const issuerPlan = plan.forIssuer(claims.iss as string);
  let context: RequestContext;
  if (trace) context = trace.context;
  else {
    const withKeys = providerKeysAvailable(at, claimKeysMode(options)) ? 1 : 0;
    const layout = (issuerPlan.layouts[withKeys] ??= contextLayout(claims.iss, withKeys === 1, plan.reads));
    context = contextFrom(layout, claims, at);
  }
  const principals = issuerPlan.principals;
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
  const allowed = plan.allowMessages[firstAllow];
  return { decision: 'allow', message: actions.length > 1 ? `${allowed}, with ${actions.slice(1).join(' and ')}` : allowed };
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
  const issuers = new Map<string, IssuerPlan>();
  const plan: PlannedPolicy = {
    statements,
    providers: policy.oidcProviders,
    reads,
    allowMessages: statements.map(({ view }) => `AssumeRoleWithWebIdentity allowed by statement ${view.index}${view.sid ? ` (Sid ${view.sid})` : ''}`),
    forIssuer(issuer) {
      let known = issuers.get(issuer);
      if (!known) {
        if (issuers.size >= 64) issuers.clear();
        const prefix = keyPrefixOf(issuer);
        known = { principals: statements.map((statement) => principalMatches(statement.view.principal, prefix)), layouts: [null, null] };
        issuers.set(issuer, known);
      }
      return known;
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
