/**
 * sts:AssumeRoleWithWebIdentity end to end: refuse documents IAM would not hold, run the STS
 * pre-checks, build the request context, then decide the trust policy for the call and for the
 * extra actions the token's claims require (sts:TagSession, sts:SetSourceIdentity).
 */
import type { EvaluationContext } from '../../provider';
import { errorResult, type Check, type EvaluationResult } from '../../result';
import type { Token } from '../../token';
import { buildRequestContext, PROVIDER_KEYS_SINCE, SOURCE_IDENTITY_CLAIM, TAGS_CLAIM, type ClaimKeysMode, type RequestContext } from './context';
import { ACTION, notAuthorized, SET_SOURCE_IDENTITY, TAG_SESSION } from './messages';
import { locate, locateOuter, type AwsPolicy } from './parse';
import { evaluateAction, readStatements, type ActionOutcome } from './statements';
import { stsChecks } from './sts';
import { isoOf } from '../../time';
import { validateDocument } from './validate';

export const CLAIM_KEYS_OPTION = 'claimKeys';

function claimKeysMode(options: Record<string, string>): ClaimKeysMode {
  const value = options[CLAIM_KEYS_OPTION];
  return value === '2026' || value === 'legacy' ? value : 'by-date';
}

/** The actions the call needs allowed, in the order STS would need them. */
export function requiredActions(claims: Record<string, unknown>): string[] {
  const actions = [ACTION];
  if (claims[TAGS_CLAIM] !== undefined) actions.push(TAG_SESSION);
  if (claims[SOURCE_IDENTITY_CLAIM] !== undefined) actions.push(SET_SOURCE_IDENTITY);
  return actions;
}

function contextForDisplay(context: RequestContext): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const entry of context.entries.values()) shown[entry.key] = entry.multivalued ? entry.values : entry.values[0];
  return shown;
}

const VALIDATIONS = new WeakMap<object, ReturnType<typeof validateDocument>>();

/** A policy is evaluated against many tokens; validate its document once. */
function validated(document: Record<string, unknown>) {
  if (!VALIDATIONS.has(document)) VALIDATIONS.set(document, validateDocument(document));
  return VALIDATIONS.get(document)!;
}

export function evaluatePolicy(policy: AwsPolicy, token: Token, evaluation: EvaluationContext): EvaluationResult {
  const document = policy.document as Record<string, unknown>;
  const invalid = validated(document);
  if (invalid) {
    return errorResult('aws', invalid.message, { source: locate(policy, invalid.path), details: { inputError: 'policy' } });
  }

  const claims = token.claims;
  const mode = claimKeysMode(evaluation.options);
  const context = buildRequestContext(claims, { at: evaluation.at, claimKeys: mode });
  const details: Record<string, unknown> = {
    principal: context.prefix,
    requestContext: contextForDisplay(context),
    providerKeys: context.providerKeys
      ? `The 2026 provider-specific keys apply (available from ${isoOf(PROVIDER_KEYS_SINCE).slice(0, 10)} in trustlens).`
      : `The 2026 provider-specific keys do not exist at this instant (trustlens applies them from ${isoOf(PROVIDER_KEYS_SINCE).slice(0, 10)}).`,
    scope: 'Only the role trust policy is evaluated; resource control policies (RCPs) can also deny the call.',
    shape: policy.shape,
  };

  const pre = stsChecks(claims, evaluation.at, policy.oidcProviders, (provider) => locateOuter(policy, provider.path));
  if (pre.failure) {
    return { provider: 'aws', decision: 'deny', message: pre.failure, checks: pre.checks, findings: [], details };
  }

  const statements = readStatements(document);
  const variablesEnabled = document.Version === '2012-10-17';
  const outcomes: ActionOutcome[] = [];
  const actionChecks: Check[][] = [];
  for (const action of requiredActions(claims)) {
    const outcome = evaluateAction(statements, action, {
      context,
      variablesEnabled,
      idRoot: action === ACTION ? 'statement' : `${action}.statement`,
      locate: (path) => locate(policy, path),
    });
    outcomes.push(outcome);
    actionChecks.push(outcome.checks);
    // STS stops at the first action the policy does not allow; later actions are not evaluated.
    if (outcome.decision !== 'allow') break;
  }

  details.matchedStatements = outcomes.flatMap((outcome) =>
    outcome.statements
      .filter((statement) => statement.applies)
      .map((statement) => ({ action: outcome.action, index: statement.statement.index, sid: statement.statement.sid, effect: statement.statement.effect })),
  );
  details.actions = outcomes.map((outcome) => ({ action: outcome.action, decision: outcome.decision }));

  const refused = outcomes.find((outcome) => outcome.decision !== 'allow');
  // One decisive check: in the refused action, or else in the call itself.
  const decidingIndex = refused ? outcomes.indexOf(refused) : 0;
  const checks: Check[] = [
    ...pre.checks,
    ...actionChecks.flatMap((list, index) => (index === decidingIndex ? list : list.map(({ decisive: _drop, ...check }) => check))),
  ];
  if (refused) {
    const why =
      refused.decision === 'explicit-deny'
        ? `explicit Deny for ${refused.action}`
        : refused.action === ACTION
          ? 'no statement allows it (implicit deny)'
          : refused.action === TAG_SESSION
            ? `the token's session tags also need ${refused.action}, which no statement allows`
            : `the token's source identity also needs ${refused.action}, which no statement allows`;
    details.denial = why;
    return { provider: 'aws', decision: 'deny', message: refused.action === ACTION ? notAuthorized() : `${notAuthorized()} (${why})`, checks, findings: [], details };
  }
  const granted = outcomes.map((outcome) => outcome.statements.find((statement) => statement.applies && statement.statement.effect === 'Allow')!);
  const first = granted[0].statement;
  return {
    provider: 'aws',
    decision: 'allow',
    message: `AssumeRoleWithWebIdentity allowed by statement ${first.index}${first.sid ? ` (Sid ${first.sid})` : ''}${outcomes.length > 1 ? `, with ${outcomes.slice(1).map((outcome) => outcome.action).join(' and ')}` : ''}`,
    checks,
    findings: [],
    details,
  };
}
