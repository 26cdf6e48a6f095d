/**
 * Policy variables in condition values: `${key}`, `${key, 'default'}`, and the escapes `${*}`,
 * `${?}`, `${$}`. They are variables only under Version 2012-10-17; otherwise literal text.
 * Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */
import type { RequestContext } from './context';
import { LITERAL_QUESTION, LITERAL_STAR } from './operators';

export type Substitution =
  | { ok: true; value: string; substituted: boolean }
  /** A variable whose key has no value and no default: "the policy statement does not take effect". */
  | { ok: false; key: string; reason: string };

const VARIABLE = /\$\{([^}]*)\}/g;
const KEY_WITH_DEFAULT = /^([^\s,']+)(?:, '([^']*)')?$/;

export function hasVariables(text: string): boolean {
  return /\$\{[^}]*\}/.test(text);
}

export function substituteVariables(text: string, context: RequestContext): Substitution {
  let failure: Substitution | null = null;
  let substituted = false;
  const value = text.replace(VARIABLE, (whole, inner: string) => {
    if (failure) return whole;
    if (inner === '*') return LITERAL_STAR;
    if (inner === '?') return LITERAL_QUESTION;
    if (inner === '$') return '$';
    const parsed = KEY_WITH_DEFAULT.exec(inner);
    // Malformed variable text stays literal; Access Analyzer reports it at write time.
    if (!parsed) return whole;
    const [, key, fallback] = parsed;
    substituted = true;
    const lookup = context.lookup(key);
    if (lookup.present && !lookup.entry.multivalued) return lookup.entry.values[0];
    if (fallback !== undefined) return fallback;
    failure = {
      ok: false,
      key,
      reason: lookup.present
        ? `the variable \${${key}} is multivalued, and a multivalued key cannot be a policy variable`
        : `the variable \${${key}} has no value (${lookup.reason.replace(/^absent: /, '')})`,
    };
    return whole;
  });
  return failure ?? { ok: true, value, substituted };
}

/** Literal markers back to the characters they stand for, for display. */
export function displayValue(text: string): string {
  return text.replaceAll(LITERAL_STAR, '*').replaceAll(LITERAL_QUESTION, '?');
}
