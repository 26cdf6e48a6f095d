/**
 * One statement's Condition block against the request context. Operators AND, keys AND, values OR
 * (NOR under a negated operator); a missing key follows the table in the operators page
 * ("…the condition is false … If the policy condition requires that the key is not matched … true").
 * Sources: reference_policies_elements_condition_operators, reference_policies_condition-logic-
 * multiple-context-keys-or-values, reference_policies_condition-single-vs-multi-valued-context-keys.
 */
import { compileWildcard, describeDivergence, type CompiledWildcard } from '../../match';
import type { Check, SourceRange } from '../../result';
import type { RequestContext } from './context';
import { compareValue, LITERAL_QUESTION, LITERAL_STAR, parseOperator, type ConditionOperator, type ValueComparison } from './operators';
import { displayValue, hasVariables, substituteVariables } from './variables';

/** Condition values as IAM reads them: a scalar or a list of scalars, compared as text. */
export function conditionValues(raw: unknown): string[] {
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
}

/** A policy value as one token sees it: its variables substituted. */
interface SubstitutedValue {
  written: string;
  /** After variable substitution (with literal markers); null when a variable has no value. */
  effective: string | null;
  note?: string;
}

const quote = (text: string) => `\`${text}\``;

function listText(values: string[]): string {
  return values.length === 1 ? quote(values[0]) : `one of ${values.map(quote).join(', ')}`;
}

/** The best near miss among the policy values for one context value, as a sentence. */
function nearMiss(operator: ConditionOperator, values: SubstitutedValue[], actual: string): string | null {
  if (operator.base.family !== 'string' && operator.base.family !== 'arn' && operator.base.family !== 'binary') return null;
  let best: { value: string; at: number } | null = null;
  for (const value of values) {
    if (value.effective === null) continue;
    const outcome = compareValue(operator.base, value.effective, actual, true);
    if (outcome.divergedAt !== undefined && (!best || outcome.divergedAt > best.at)) best = { value: displayValue(value.effective), at: outcome.divergedAt };
  }
  return best ? describeDivergence(best.value, actual, best.at) : null;
}

function anyMatch(operator: ConditionOperator, values: SubstitutedValue[], actual: string): { matched: boolean; by?: string; invalid?: string } {
  let invalid: string | undefined;
  for (const value of values) {
    if (value.effective === null) continue;
    const outcome: ValueComparison = compareValue(operator.base, value.effective, actual);
    if (outcome.invalid) invalid = outcome.invalid;
    if (outcome.matched) return { matched: true, by: displayValue(value.effective) };
  }
  return { matched: false, invalid };
}

function displayActual(values: string[], multivalued: boolean): unknown {
  return multivalued ? values : values[0];
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One policy value, ready to compare: a constant, or a text with variables to substitute per token. */
interface PlannedValue {
  text: string;
  variables: boolean;
  /** For a constant …Like value with a wildcard: its compiled matcher. */
  matcher: CompiledWildcard | null;
  /** The value holds `${*}` / `${?}` markers, so the context value is compared in marker form. */
  markers: boolean;
}

/** Whether any policy value matches one context value (the positive test, before negation). */
type ValueTest = (actual: string, context: RequestContext) => boolean;

/** One key under one operator of a Condition block, prepared once per policy. */
export interface PlannedKeyTest {
  operator: ConditionOperator;
  /** As written, for the explanation. */
  key: string;
  /** Lower-cased, as the request context keys are. */
  lowerKey: string;
  raw: unknown;
  written: string[];
  values: PlannedValue[];
  anyMatch: ValueTest;
}

const VARIABLE = /\$\{([^}]*)\}/g;
const KEY_WITH_DEFAULT = /^([^\s,']+)(?:, '([^']*)')?$/;

/** The keys `${…}` variables in a value read, lower-cased (malformed variables stay literal text). */
function variableKeys(text: string): string[] {
  const keys: string[] = [];
  for (const match of text.matchAll(VARIABLE)) {
    const parsed = KEY_WITH_DEFAULT.exec(match[1]);
    if (parsed) keys.push(parsed[1].toLowerCase());
  }
  return keys;
}

function planValue(operator: ConditionOperator, text: string, variablesApply: boolean): PlannedValue {
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
function valueTest(operator: ConditionOperator, values: PlannedValue[]): ValueTest {
  const base = operator.base;
  const constants = values.every((value) => !value.variables);
  if (constants && base.name === 'StringEquals' && !values.some((value) => value.markers)) {
    const texts = values.map((value) => value.text);
    // Most conditions name one value.
    if (texts.length === 1) {
      const only = texts[0];
      return (actual) => actual === only;
    }
    return (actual) => texts.includes(actual);
  }
  if (constants && base.name === 'StringLike' && !values.some((value) => value.markers)) {
    if (values.length === 1) {
      const { matcher, text } = values[0];
      return matcher ? (actual) => matcher.test(actual) : (actual) => actual === text;
    }
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

/**
 * Every key test of a validated Condition block, in the order written, with the context keys
 * they read (the tested keys and the keys their variables name) added to `reads`.
 */
export function planConditionBlock(condition: Record<string, unknown>, variablesEnabled: boolean, reads: Set<string>): PlannedKeyTest[] {
  const tests: PlannedKeyTest[] = [];
  for (const [operatorText, block] of Object.entries(condition)) {
    const parsed = parseOperator(operatorText);
    if (!parsed.ok || typeof block !== 'object' || block === null || Array.isArray(block)) continue;
    const operator = parsed.operator;
    const family = operator.base.family;
    const variablesApply = variablesEnabled && (family === 'string' || family === 'arn');
    for (const [key, raw] of Object.entries(block as Record<string, unknown>)) {
      const written = conditionValues(raw);
      const values = written.map((text) => planValue(operator, text, variablesApply));
      const lowerKey = key.toLowerCase();
      reads.add(lowerKey);
      for (const value of values) if (value.variables) for (const variableKey of variableKeys(value.text)) reads.add(variableKey);
      tests.push({ operator, key, lowerKey, raw, written, values, anyMatch: valueTest(operator, values) });
    }
  }
  return tests;
}

/** Whether one key test holds for the request context. */
export function keyTestPasses(test: PlannedKeyTest, context: RequestContext): boolean {
  const operator = test.operator;
  const entry = context.entries.get(test.lowerKey);
  if (operator.base.family === 'null') {
    // Null: "true" means the key must be absent, "false" that it must be present.
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
  // Set operators: a single value is a one-element set (observed; forAllValuesMisused).
  if (operator.qualifier === 'ForAllValues') {
    for (const value of entry.values) if (test.anyMatch(value, context) === negated) return false;
    return true;
  }
  for (const value of entry.values) if (test.anyMatch(value, context) !== negated) return true;
  return false;
}

function substitutedValues(test: PlannedKeyTest, context: RequestContext): SubstitutedValue[] {
  return test.values.map(({ text, variables }) => {
    if (!variables) return { written: text, effective: text };
    const substitution = substituteVariables(text, context);
    if (!substitution.ok) return { written: text, effective: null, note: substitution.reason };
    return { written: text, effective: substitution.value, note: substitution.substituted ? `${text} resolves to ${displayValue(substitution.value)}` : undefined };
  });
}

/** The check for one key test whose outcome `passed` is decided: what was compared, and why it held or not. */
export function describeKeyTest(test: PlannedKeyTest, context: RequestContext, passed: boolean, id: string, source: SourceRange | undefined): Check {
  const { operator, key, written } = test;
  const values = substitutedValues(test, context);
  const expected = Array.isArray(test.raw) ? written : written[0];
  const lookup = context.lookup(key);
  const make = (actual: unknown, reason: string): Check => ({ id, label: `${operator.text} ${key}`, result: passed ? 'pass' : 'fail', expected, actual, reason, source });
  const notes = values.filter((value) => value.note).map((value) => value.note!);
  const withNotes = (reason: string) => (notes.length ? `${reason} (${notes.join('; ')})` : reason);

  if (operator.base.family === 'null') {
    const actual = lookup.present ? displayActual(lookup.entry.values, lookup.entry.multivalued) : lookup.reason;
    return make(actual, `${key} is ${lookup.present ? 'present' : 'absent'}, so Null ${listText(written)} is ${passed}.`);
  }

  if (!lookup.present) {
    const why = operator.ifExists
      ? 'the key is not present, so …IfExists makes the test true'
      : operator.qualifier === 'ForAllValues'
        ? 'ForAllValues is true when the key is missing (vacuous truth)'
        : operator.qualifier === 'ForAnyValue'
          ? 'ForAnyValue is false when the key is missing'
          : operator.base.negated
            ? `a missing key satisfies the negated operator ${operator.base.name}`
            : `a missing key never matches ${operator.base.name}`;
    return make(lookup.reason, `${capitalise(lookup.reason.replace(/^absent: /, `${key} is absent: `))}; ${why}.`);
  }

  const entry = lookup.entry;
  const actual = displayActual(entry.values, entry.multivalued);
  if (operator.qualifier === null) {
    if (entry.multivalued) {
      return make(actual, `${key} has ${entry.values.length} values; a plain ${operator.base.name} on a multivalued key is false (Access Analyzer: "Missing qualifier", use ForAnyValue or ForAllValues).`);
    }
    const value = entry.values[0];
    const match = anyMatch(operator, values, value);
    if (operator.base.negated) {
      return make(actual, withNotes(passed ? `${quote(value)} matches none of the excluded values ${listText(written)}` : `${quote(value)} matches the excluded value ${quote(match.by!)}`) + '.');
    }
    if (passed) {
      const name = operator.base.name;
      const how = name.endsWith('Like')
        ? `matches the pattern ${quote(match.by!)}`
        : name === 'StringEquals'
          ? values.length > 1 ? `equals the policy value ${quote(match.by!)}` : 'equals the policy value exactly'
          : name === 'StringEqualsIgnoreCase'
            ? `equals ${quote(match.by!)} ignoring case`
            : `satisfies ${name} ${quote(match.by!)}`;
      return make(actual, withNotes(`${quote(value)} ${how}`) + '.');
    }
    const miss = nearMiss(operator, values, value);
    const invalid = match.invalid ? `; ${match.invalid}` : '';
    const reason = miss
      ? values.length > 1
        ? `Matches none of the ${values.length} values; closest: ${miss}`
        : capitalise(miss)
      : `${quote(value)} does not satisfy ${operator.base.name} ${listText(written)}${invalid}`;
    return make(actual, withNotes(reason) + '.');
  }

  const holds = (value: string) => test.anyMatch(value, context) !== operator.base.negated;
  if (operator.qualifier === 'ForAllValues') {
    const failing = passed ? undefined : entry.values.find((value) => !holds(value));
    return make(
      actual,
      withNotes(passed ? `Every value of ${key} satisfies ${operator.base.name} ${listText(written)}` : `${quote(failing!)} does not satisfy ${operator.base.name} ${listText(written)}, and ForAllValues needs every value to`) + '.',
    );
  }
  const satisfying = passed ? entry.values.find((value) => holds(value)) : undefined;
  return make(
    actual,
    withNotes(passed ? `${quote(satisfying!)} satisfies ${operator.base.name} ${listText(written)}` : `No value of ${key} satisfies ${operator.base.name} ${listText(written)}`) + '.',
  );
}
