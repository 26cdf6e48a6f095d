/**
 * A trust policy compiled into a decision function: the statements read once, action patterns
 * decided once per required action, condition values prepared (wildcard matchers built, keys
 * lower-cased, operators specialised), and for each token only the condition keys the policy reads
 * are put in its request context. It answers what `evaluatePolicy` answers — decision and message —
 * without building checks; `evaluatePolicy` stays the explanation (and the reference: a property
 * test holds both to the same decisions and messages).
 */
import type { QuickDecision } from '../../result';
import type { Claims } from '../../token';
import { compileWildcard, type CompiledWildcard } from '../../match';
import { conditionValues } from './conditions';
import { buildRequestContext, type RequestContext } from './context';
import { CLAIM_KEYS_OPTION, requiredActions } from './evaluation';
import { ACTION, notAuthorized, SET_SOURCE_IDENTITY, TAG_SESSION } from './messages';
import { compareValue, LITERAL_QUESTION, LITERAL_STAR, parseOperator, type ConditionOperator } from './operators';
import type { AwsPolicy } from './parse';
import { principalMatches } from './principal';
import { actionMatches, readStatements, type StatementView } from './statements';
import { stsRefusal } from './sts';
import { validateDocument } from './validate';
import { hasVariables, substituteVariables } from './variables';

/** One policy value, ready to compare: a constant, or a text with variables to substitute per token. */
interface PreparedValue {
  text: string;
  variables: boolean;
  /** For a constant StringLike value with a wildcard: its compiled matcher. */
  matcher: CompiledWildcard | null;
  /** The value holds `${*}` / `${?}` markers, so the context value is compared in marker form. */
  markers: boolean;
}

type ValueTest = (actual: string, context: RequestContext) => boolean;

interface KeyTest {
  operator: ConditionOperator;
  /** Lower-cased, as the request context keys are. */
  key: string;
  written: string[];
  /** Whether any policy value matches one context value (the positive test, before negation). */
  anyMatch: ValueTest;
}

interface CompiledStatement {
  view: StatementView;
  /** Per required action: whether Action/NotAction covers it. */
  actionPasses: Map<string, boolean>;
  tests: KeyTest[];
  /** HCP Terraform's request-time control: whether a condition names `app.terraform.io:sub`. */
  evaluatesTerraformSub: boolean;
}

const REQUEST_TIME_CONTROL_ISSUER = 'app.terraform.io';
const VARIABLE = /\$\{([^}]*)\}/g;
const KEY_WITH_DEFAULT = /^([^\s,']+)(?:, '([^']*)')?$/;

function withLiteralMarkers(text: string): string {
  return text.replaceAll('*', LITERAL_STAR).replaceAll('?', LITERAL_QUESTION);
}

/** The keys `${…}` variables in a value read, lower-cased (malformed variables stay literal text). */
function variableKeys(text: string): string[] {
  const keys: string[] = [];
  for (const match of text.matchAll(VARIABLE)) {
    const parsed = KEY_WITH_DEFAULT.exec(match[1]);
    if (parsed) keys.push(parsed[1].toLowerCase());
  }
  return keys;
}

function prepareValue(operator: ConditionOperator, text: string, variablesApply: boolean): PreparedValue {
  const variables = variablesApply && hasVariables(text);
  const like = operator.base.family === 'string' && operator.base.name.endsWith('Like');
  const wildcard = text.includes('*') || text.includes('?');
  return {
    text,
    variables,
    matcher: like && !variables && wildcard ? compileWildcard(text, { flavour: 'iam' }) : null,
    markers: text.includes(LITERAL_STAR) || text.includes(LITERAL_QUESTION),
  };
}

/** The positive comparison of one operator, specialised for the common string operators. */
function valueTest(operator: ConditionOperator, values: PreparedValue[]): ValueTest {
  const base = operator.base;
  const constants = values.every((value) => !value.variables);
  if (constants && base.name === 'StringEquals' && !values.some((value) => value.text.includes(LITERAL_STAR) || value.text.includes(LITERAL_QUESTION))) {
    const texts = values.map((value) => value.text);
    return (actual) => texts.includes(actual);
  }
  if (constants && base.name === 'StringLike' && !values.some((value) => value.markers)) {
    return (actual) => {
      for (const value of values) {
        if (value.matcher ? value.matcher.test(actual) : value.text === actual) return true;
      }
      return false;
    };
  }
  return (actual, context) => {
    for (const value of values) {
      let effective = value.text;
      if (value.variables) {
        const substitution = substituteVariables(value.text, context);
        if (!substitution.ok) continue;
        effective = substitution.value;
      }
      if (compareValue(base, effective, actual).matched) return true;
    }
    return false;
  };
}

function compileStatement(view: StatementView, variablesEnabled: boolean, wanted: Set<string>): CompiledStatement {
  const actionPasses = new Map<string, boolean>();
  for (const action of [ACTION, TAG_SESSION, SET_SOURCE_IDENTITY]) {
    const matching = view.actions.some((pattern) => actionMatches(pattern, action));
    actionPasses.set(action, view.notAction ? !matching : matching);
  }
  const tests: KeyTest[] = [];
  const condition = view.condition ?? {};
  for (const [operatorText, block] of Object.entries(condition)) {
    const parsed = parseOperator(operatorText);
    if (!parsed.ok || typeof block !== 'object' || block === null || Array.isArray(block)) continue;
    const operator = parsed.operator;
    const family = operator.base.family;
    const variablesApply = variablesEnabled && (family === 'string' || family === 'arn');
    for (const [key, raw] of Object.entries(block as Record<string, unknown>)) {
      const written = conditionValues(raw);
      const values = written.map((text) => prepareValue(operator, text, variablesApply));
      wanted.add(key.toLowerCase());
      for (const value of values) if (value.variables) for (const variableKey of variableKeys(value.text)) wanted.add(variableKey);
      tests.push({ operator, key: key.toLowerCase(), written, anyMatch: valueTest(operator, values) });
    }
  }
  const requiredKey = `${REQUEST_TIME_CONTROL_ISSUER}:sub`;
  const keys = Object.values(condition).flatMap((block) => (typeof block === 'object' && block !== null ? Object.keys(block) : []));
  return { view, actionPasses, tests, evaluatesTerraformSub: keys.some((key) => key.toLowerCase() === requiredKey) };
}

/** evaluateKeyTest's `passed`, without its check. */
function keyTestPasses(test: KeyTest, context: RequestContext): boolean {
  const operator = test.operator;
  const entry = context.entries.get(test.key);
  if (operator.base.family === 'null') {
    const present = entry !== undefined;
    return test.written.some((value) => (value.toLowerCase() === 'true' ? !present : value.toLowerCase() === 'false' ? present : false));
  }
  if (!entry) {
    if (operator.ifExists) return true;
    if (operator.qualifier === 'ForAllValues') return true;
    if (operator.qualifier === 'ForAnyValue') return false;
    return operator.base.negated;
  }
  const negated = operator.base.negated;
  if (operator.qualifier === null) {
    if (entry.multivalued) return false;
    return test.anyMatch(entry.values[0], context) !== negated;
  }
  if (operator.qualifier === 'ForAllValues') {
    for (const value of entry.values) if (test.anyMatch(value, context) === negated) return false;
    return true;
  }
  for (const value of entry.values) if (test.anyMatch(value, context) !== negated) return true;
  return false;
}

export type AwsDecider = (claims: Claims, at: number, options: Record<string, string>) => QuickDecision;

export function compileAwsDecider(policy: AwsPolicy): AwsDecider {
  const document = policy.document as Record<string, unknown>;
  const invalid = validateDocument(document);
  if (invalid) {
    const refusal: QuickDecision = { decision: 'error', message: invalid.message };
    return () => refusal;
  }
  const variablesEnabled = document.Version === '2012-10-17';
  const wanted = new Set<string>();
  const statements = readStatements(document).map((view) => compileStatement(view, variablesEnabled, wanted));
  // Principal matching depends only on the issuer's key prefix, which a batch of tokens shares.
  const principalsByPrefix = new Map<string | null, boolean[]>();
  const principalsFor = (prefix: string | null): boolean[] => {
    let matched = principalsByPrefix.get(prefix);
    if (!matched) {
      if (principalsByPrefix.size > 64) principalsByPrefix.clear();
      matched = statements.map((statement) => principalMatches(statement.view.principal, prefix).matched);
      principalsByPrefix.set(prefix, matched);
    }
    return matched;
  };

  return (claims, at, options) => {
    const refusal = stsRefusal(claims, at, policy.oidcProviders);
    if (refusal !== null) return { decision: 'deny', message: refusal };
    const mode = options[CLAIM_KEYS_OPTION] === '2026' || options[CLAIM_KEYS_OPTION] === 'legacy' ? (options[CLAIM_KEYS_OPTION] as '2026' | 'legacy') : 'by-date';
    const context = buildRequestContext(claims, { at, claimKeys: mode, wanted });
    const principals = principalsFor(context.prefix);
    const terraform = context.prefix === REQUEST_TIME_CONTROL_ISSUER;

    const actions = requiredActions(claims);
    let firstAllow = -1;
    for (const action of actions) {
      let allowedBy = -1;
      let denied = false;
      for (let index = 0; index < statements.length; index++) {
        const statement = statements[index];
        const isAllow = statement.view.effect === 'Allow';
        // A later Allow cannot change the outcome once one applies; a Deny always can.
        if (isAllow && allowedBy >= 0) continue;
        if (!principals[index] || !statement.actionPasses.get(action)) continue;
        if (terraform && isAllow && !statement.evaluatesTerraformSub) continue;
        let passes = true;
        for (const test of statement.tests) {
          if (!keyTestPasses(test, context)) {
            passes = false;
            break;
          }
        }
        if (!passes) continue;
        if (isAllow) allowedBy = index;
        else {
          denied = true;
          break;
        }
      }
      if (denied || allowedBy < 0) {
        const why = denied
          ? `explicit Deny for ${action}`
          : action === ACTION
            ? 'no statement allows it (implicit deny)'
            : action === TAG_SESSION
              ? `the token's session tags also need ${action}, which no statement allows`
              : `the token's source identity also needs ${action}, which no statement allows`;
        return { decision: 'deny', message: action === ACTION ? notAuthorized() : `${notAuthorized()} (${why})` };
      }
      if (action === ACTION) firstAllow = allowedBy;
    }
    const first = statements[firstAllow].view;
    return {
      decision: 'allow',
      message: `AssumeRoleWithWebIdentity allowed by statement ${first.index}${first.sid ? ` (Sid ${first.sid})` : ''}${actions.length > 1 ? `, with ${actions.slice(1).join(' and ')}` : ''}`,
    };
  };
}
