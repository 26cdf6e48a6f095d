/**
 * One bound claim, evaluated as claims.go validateBoundClaims / matchFound / normalizeList do:
 * missing → "is missing"; the token value and the role value must normalise to lists; then any role
 * value matching any token value passes. String mode compares Go type and value; glob mode is
 * ryanuber/go-glob (`*` only, anchored, case-sensitive) and skips non-string token values.
 */
import { compileWildcard, describeDivergence, matchWildcard, wildcardMatches, type CompiledWildcard } from '../../match';
import type { Flavour } from './fields';
import { getClaim, type Lookup } from './lookup';
import { describeTyped, goEqual, goFormat, scalarText, typeWord, type GoValue } from './value';

export type BoundClaimStatus = 'pass' | 'missing' | 'received-not-list' | 'bound-not-list' | 'glob-not-string' | 'no-match' | 'panic';

export interface BoundClaimOutcome {
  status: BoundClaimStatus;
  /** Vault's error text without the `error validating claims: ` prefix; undefined on pass. */
  error?: string;
  lookup: Lookup;
  /** Why, in one or more sentences: type mismatches, glob divergence, lookup rules. */
  notes: string[];
  /** The role value that matched, on pass. */
  matched?: { expected: GoValue; actual: GoValue };
}

/** normalizeList: a list as is; a string, bool or json.Number as one element; anything else fails. */
export function normalizeList(value: GoValue): GoValue[] | null {
  if (value.kind === 'list') return value.items;
  if (value.kind === 'string' || value.kind === 'bool' || value.kind === 'number') return [value];
  return null;
}

/** ryanuber/go-glob semantics through the shared matcher's `glob` flavour. */
export function globMatch(pattern: string, text: string): boolean {
  return wildcardMatches(pattern, text, { flavour: 'glob' });
}

/** The outcome without its explanation: what a decision needs, and what the notes build on. */
export type BoundClaimMatch = Omit<BoundClaimOutcome, 'notes'>;

/**
 * A bound claim as the role holds it, read once for every login: the role's values normalised and,
 * in glob mode, each pattern compiled. Whether the role's value normalises is only reported after
 * the token's lookup (matchFound's order), so a value that does not stays `null` here.
 */
export interface PlannedBoundClaim {
  key: string;
  expected: GoValue;
  mode: 'string' | 'glob';
  expectedValues: GoValue[] | null;
  /** Per role value in glob mode: its compiled pattern, or null for a value that is not a string. */
  patterns: Array<CompiledWildcard | null> | null;
}

export function planBoundClaim(key: string, expected: GoValue, mode: 'string' | 'glob'): PlannedBoundClaim {
  const expectedValues = normalizeList(expected);
  const patterns =
    mode === 'glob' && expectedValues
      ? expectedValues.map((value) => (value.kind === 'string' ? compileWildcard(value.value, { flavour: 'glob' }) : null))
      : null;
  return { key, expected, mode, expectedValues, patterns };
}

/** matchFound over normalised lists: role values outer, token values inner; the first match or error ends the loop. */
export function matchPlannedBoundClaim(planned: PlannedBoundClaim, claims: Record<string, unknown>, flavour: Flavour): BoundClaimMatch {
  const { key, expectedValues, patterns } = planned;
  const lookup = getClaim(claims, key, flavour);
  if (lookup.value === undefined) return { status: 'missing', error: `claim ${JSON.stringify(key)} is missing`, lookup };
  const actualValues = normalizeList(lookup.value);
  if (!actualValues) return { status: 'received-not-list', error: `received claim is not a string, bool, int or list: ${goFormat(lookup.value)}`, lookup };
  if (!expectedValues) return { status: 'bound-not-list', error: `bound claim is not a string, bool, int or list: ${goFormat(planned.expected)}`, lookup };
  for (let index = 0; index < expectedValues.length; index++) {
    const expectedValue = expectedValues[index];
    const pattern = patterns ? patterns[index] : null;
    for (const actualValue of actualValues) {
      if (patterns) {
        if (!pattern) return { status: 'glob-not-string', error: `received claim is not a glob string: ${badVerbE(expectedValue)}xpVal`, lookup };
        if (actualValue.kind !== 'string') continue;
        if (!pattern.test(actualValue.value)) continue;
      } else {
        const equality = goEqual(actualValue, expectedValue);
        if (equality.panics) return { status: 'panic', error: `runtime error: comparing uncomparable type ${equality.typeName}`, lookup };
        if (!equality.equal) continue;
      }
      return { status: 'pass', lookup, matched: { expected: expectedValue, actual: actualValue } };
    }
  }
  return { status: 'no-match', error: `claim ${JSON.stringify(key)} does not match any associated bound claim values`, lookup };
}

export function matchBoundClaim(key: string, expected: GoValue, claims: Record<string, unknown>, mode: 'string' | 'glob', flavour: Flavour): BoundClaimMatch {
  return matchPlannedBoundClaim(planBoundClaim(key, expected, mode), claims, flavour);
}

export function evaluateBoundClaim(
  key: string,
  expected: GoValue,
  claims: Record<string, unknown>,
  mode: 'string' | 'glob',
  flavour: Flavour,
): BoundClaimOutcome {
  const match = matchBoundClaim(key, expected, claims, mode, flavour);
  return { ...match, notes: boundClaimNotes(key, expected, match, mode) };
}

/** Why a bound claim came out as it did: lookup rules, number conversion, type and glob mismatches. */
export function boundClaimNotes(key: string, expected: GoValue, match: BoundClaimMatch, mode: 'string' | 'glob'): string[] {
  const { lookup } = match;
  const notes: string[] = [];
  if (lookup.via === 'key' && key.includes('.') && lookup.value === undefined) {
    notes.push(`Vault reads "${key}" as one literal top-level claim name: there is no dot notation (use a JSON pointer such as "/${key.split('.').join('/')}").`);
  }
  if (lookup.pointerError) notes.push(`The JSON pointer does not resolve (${lookup.pointerError}); Vault treats that as a missing claim.`);
  if (match.status === 'missing') return notes;
  if (lookup.convertedFrom !== undefined && String(lookup.convertedFrom) !== (lookup.value as { text: string }).text) {
    notes.push(`The token's number ${lookup.convertedFrom} is read as the integer text ${(lookup.value as { text: string }).text} (Vault truncates float claims).`);
  }
  if (match.status === 'panic') {
    notes.push('Both the role value and the token value are lists or objects: Go cannot compare them and the login request panics.');
  } else if (match.status === 'no-match') {
    notes.push(...explainNoMatch(normalizeList(expected)!, normalizeList(lookup.value!)!, mode));
  }
  return notes;
}

/** Go's `%e` on a non-float operand: `%!e(json.Number=42)` (the plugin's format string has a typo). */
function badVerbE(value: GoValue): string {
  switch (value.kind) {
    case 'number':
      return `%!e(json.Number=${value.text})`;
    case 'bool':
      return `%!e(bool=${value.value})`;
    case 'nil':
      return '%!e(<nil>)';
    default:
      return `%!e(${goFormat(value)})`;
  }
}

function explainNoMatch(expectedValues: GoValue[], actualValues: GoValue[], mode: 'string' | 'glob'): string[] {
  const notes: string[] = [];
  if (expectedValues.length === 0) notes.push('The role lists no values for this claim, so nothing can match.');
  if (actualValues.length === 0) notes.push('The token carries an empty list for this claim, so nothing can match.');
  if (mode === 'glob') {
    const strings = actualValues.filter((v): v is Extract<GoValue, { kind: 'string' }> => v.kind === 'string');
    if (strings.length < actualValues.length) notes.push('Glob mode skips token values that are not strings.');
    for (const pattern of expectedValues) {
      if (pattern.kind !== 'string') continue;
      for (const actual of strings.slice(0, 3)) {
        const outcome = matchWildcard(pattern.value, actual.value, { flavour: 'glob' });
        if (outcome.divergedAt !== undefined) {
          notes.push(`Glob ${JSON.stringify(pattern.value)} vs ${JSON.stringify(actual.value)}: ${describeDivergence(pattern.value, actual.value, outcome.divergedAt, 'role')}.`);
        }
      }
      if (pattern.value.includes('?') || pattern.value.includes('[')) notes.push(`In Vault's glob mode only \`*\` is special: \`?\` and \`[\` in ${JSON.stringify(pattern.value)} are literal characters.`);
    }
    return notes;
  }
  const mismatch = findTypeMismatch(expectedValues, actualValues);
  if (mismatch) notes.push(mismatch);
  if (actualValues.some((v) => v.kind === 'float')) {
    notes.push('Numbers inside a token list stay float64 in Vault and never equal a role value.');
  }
  const stars = expectedValues.filter((v) => v.kind === 'string' && v.value.includes('*'));
  if (stars.length > 0) notes.push('`bound_claims_type` is "string", so `*` is a literal character here; set "glob" for wildcard matching.');
  if (!mismatch) {
    for (const expected of expectedValues.slice(0, 3)) {
      for (const actual of actualValues.slice(0, 3)) {
        if (expected.kind === 'string' && actual.kind === 'string' && expected.value.toLowerCase() === actual.value.toLowerCase()) {
          notes.push(`${JSON.stringify(expected.value)} and ${JSON.stringify(actual.value)} differ only in case: Vault compares exactly.`);
        }
      }
    }
  }
  return notes;
}

/** "role has number 22, token has string \"22\": Vault never matches across types". */
function findTypeMismatch(expectedValues: GoValue[], actualValues: GoValue[]): string | null {
  let fallback: string | null = null;
  for (const expected of expectedValues) {
    for (const actual of actualValues) {
      if (typeWord(expected) === typeWord(actual) && expected.kind === actual.kind) continue;
      const sentence = `role has ${describeTyped(expected)}, token has ${describeTyped(actual)}: Vault never matches across types`;
      const a = scalarText(expected);
      const b = scalarText(actual);
      if (a !== null && b !== null && a === b) return sentence;
      if (expected.kind === 'number' && actual.kind === 'number') continue;
      fallback ??= sentence;
    }
  }
  // Two json.Numbers with different text (role 7.0, token 7): textual comparison.
  for (const expected of expectedValues) {
    for (const actual of actualValues) {
      if (expected.kind === 'number' && actual.kind === 'number' && expected.text !== actual.text && Number(expected.text) === Number(actual.text)) {
        return `role has number ${expected.text}, token has number ${actual.text}: Vault compares role numbers as written text, so ${expected.text} ≠ ${actual.text}`;
      }
    }
  }
  const types = new Set(expectedValues.map(typeWord));
  const actualTypes = new Set(actualValues.map(typeWord));
  if (fallback && ![...types].some((t) => actualTypes.has(t))) return fallback;
  return null;
}
