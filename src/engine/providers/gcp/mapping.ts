/**
 * Attribute mapping: each target's CEL expression over `assertion` (the token's claims as JSON, so
 * numbers are doubles), then Google's type and size rules. REST reference (attributeMapping),
 * https://docs.cloud.google.com/iam/docs/workload-identity-federation#mapping; gcp.md §1.3.
 */
import type { Check } from '../../result';
import { variableFields } from './cel-source';
import { evaluateExpr, outcomeOf } from './condition';
import {
  ATTRIBUTES_TOO_LARGE,
  GROUP_ELEMENTS_MUST_BE_STRINGS,
  GROUPS_MUST_BE_LIST,
  mustBeString,
  SUBJECT_TOO_LONG,
} from './messages';
import type { GcpPolicy, MappingEntry } from './parse';
import { LIMITS } from './validate';
import { celToDisplay, celTypeName, errorText, jsonToCel } from './values';
import { isCelList } from '@bufbuild/cel';

export type AttributeStatus = 'ok' | 'error' | 'missing-claim' | 'wrong-type' | 'too-long' | 'empty';

export interface AttributeOutcome {
  key: string;
  expression: string;
  status: AttributeStatus;
  /** The mapped value: a string, or the list of groups. */
  value?: string | string[];
  /** What the expression produced, for the trace (also when it is of the wrong type). */
  display?: unknown;
  /** The STS text, or the evaluation error. */
  message?: string;
  missingClaims?: string[];
}

export interface MappingResult {
  attributes: AttributeOutcome[];
  google: { subject?: string; groups?: string[] };
  custom: Record<string, string>;
  totalBytes: number;
  /** The claims as CEL reads them, converted once for the mappings and the condition. */
  assertion: Record<string, unknown>;
}

const utf8 = new TextEncoder();
export const byteLength = (text: string) => utf8.encode(text).length;

function missingClaimsOf(mapping: MappingEntry, claims: Record<string, unknown>): string[] {
  return variableFields(mapping.cel.parsed.expr, 'assertion')
    .filter((f) => !f.testOnly && !Object.prototype.hasOwnProperty.call(claims, f.field))
    .map((f) => f.field)
    .filter((field, index, all) => all.indexOf(field) === index);
}

function evaluateOne(mapping: MappingEntry, claims: Record<string, unknown>, assertion: unknown): AttributeOutcome {
  const base = { key: mapping.key, expression: mapping.cel.text };
  const value = evaluateExpr(mapping.cel.parsed.expr, { assertion });
  if (outcomeOf(value) === 'error') {
    const message = errorText(value as { message: string });
    const missingClaims = missingClaimsOf(mapping, claims);
    return { ...base, status: missingClaims.length ? 'missing-claim' : 'error', message, missingClaims, display: { error: message } };
  }
  const display = celToDisplay(value);
  if (mapping.key === 'google.groups') {
    if (!isCelList(value)) return { ...base, status: 'wrong-type', message: GROUPS_MUST_BE_LIST, display };
    const groups = Array.from(value);
    if (!groups.every((g): g is string => typeof g === 'string')) return { ...base, status: 'wrong-type', message: GROUP_ELEMENTS_MUST_BE_STRINGS, display };
    return { ...base, status: 'ok', value: groups, display };
  }
  if (typeof value !== 'string') return { ...base, status: 'wrong-type', message: `${mustBeString(mapping.key)} (it is ${celTypeName(value)})`, display };
  if (mapping.key === 'google.subject') {
    if (byteLength(value) > LIMITS.subjectBytes) return { ...base, status: 'too-long', message: SUBJECT_TOO_LONG, value, display };
    if (value === '') return { ...base, status: 'empty', message: 'The mapped attribute google.subject is empty (inferred: an empty subject identifies no principal).', value, display };
  }
  return { ...base, status: 'ok', value, display };
}

export function evaluateMappings(policy: GcpPolicy, claims: Record<string, unknown>): MappingResult {
  const assertion = jsonToCel(claims);
  const attributes = policy.mappings.map((mapping) => evaluateOne(mapping, claims, assertion));
  const google: MappingResult['google'] = {};
  const custom: Record<string, string> = {};
  let totalBytes = 0;
  for (const attribute of attributes) {
    if (attribute.status !== 'ok' || attribute.value === undefined) continue;
    const values = Array.isArray(attribute.value) ? attribute.value : [attribute.value];
    totalBytes += values.reduce((sum, v) => sum + byteLength(v), 0);
    if (attribute.key === 'google.subject') google.subject = attribute.value as string;
    else if (attribute.key === 'google.groups') google.groups = attribute.value as string[];
    else custom[attribute.key.slice('attribute.'.length)] = attribute.value as string;
  }
  return { attributes, google, custom, totalBytes, assertion: assertion as Record<string, unknown> };
}

/** `has()` guard for a mapping that reads claims the token may lack. */
export function hasGuardFix(outcome: AttributeOutcome): string {
  const claims = outcome.missingClaims ?? [];
  const guard = claims.map((claim) => (/^[_a-zA-Z][_a-zA-Z0-9]*$/.test(claim) ? `has(assertion.${claim})` : `'${claim}' in assertion`)).join(' && ');
  return `${guard} ? ${outcome.expression} : ''`;
}

export function mappingChecks(policy: GcpPolicy, result: MappingResult): Check[] {
  const checks: Check[] = result.attributes.map((attribute, index) => {
    const mapping = policy.mappings[index];
    const check: Check = {
      id: `mapping.${attribute.key}`,
      label: `Attribute mapping ${attribute.key}`,
      result: 'pass',
      expected: attribute.key === 'google.groups' ? 'a list of strings' : attribute.key === 'google.subject' ? `a non-empty string of at most ${LIMITS.subjectBytes} bytes` : 'a string',
      actual: attribute.display,
      reason: '',
      source: mapping.range,
    };
    switch (attribute.status) {
      case 'ok':
        check.reason = `\`${attribute.expression}\` gives ${JSON.stringify(attribute.display)}.`;
        break;
      case 'missing-claim':
        check.result = 'error';
        check.reason = `\`${attribute.expression}\` reads ${attribute.missingClaims!.map((c) => `"${c}"`).join(', ')}, which the token does not carry (${attribute.message}). Google does not document what happens then; the WIF emulator fails the exchange, and so does this evaluation. Guard it: ${hasGuardFix(attribute)}.`;
        break;
      case 'error':
        check.result = 'error';
        check.reason = `\`${attribute.expression}\` cannot be evaluated: ${attribute.message}.`;
        break;
      case 'too-long':
        check.result = 'fail';
        check.actual = `${attribute.value} (${byteLength(attribute.value as string)} bytes, ${[...(attribute.value as string)].length} characters)`;
        check.reason = `${attribute.message} The limit counts UTF-8 bytes, not characters.`;
        break;
      default:
        check.result = 'fail';
        check.reason = attribute.message ?? 'The mapped value is not usable.';
    }
    return check;
  });
  const failed = result.attributes.some((a) => a.status !== 'ok');
  checks.push({
    id: 'mapping.size',
    label: 'Total size of mapped attributes',
    result: failed ? 'skip' : result.totalBytes > LIMITS.mappedBytes ? 'fail' : 'pass',
    expected: `at most ${LIMITS.mappedBytes} bytes`,
    actual: `${result.totalBytes} bytes`,
    reason: result.totalBytes > LIMITS.mappedBytes ? ATTRIBUTES_TOO_LARGE : `The mapped attributes total ${result.totalBytes} bytes.`,
  });
  return checks;
}
