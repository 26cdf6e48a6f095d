/**
 * What a witness card shows first: the claims whose value differs from the token the reviewer
 * compares with, those the configuration names before the rest (they are why the token gets in),
 * then the shortest values (names and ids before derived URIs).
 */
import type { Claims } from './types';

/** Whether `name` occurs in `text` as a whole claim name (`ref` inside `ref_type` does not count). */
function mentionedIn(text: string, name: string): boolean {
  // Most claim names never occur in the configuration: a plain search rules them out cheaply.
  if (!text.includes(name)) return false;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9_])${escaped}([^A-Za-z0-9_]|$)`).test(text);
}

/** Whether the configuration text names a claim, each name searched for once per text. */
export function claimMentions(texts: string[]): (name: string) => boolean {
  const answers = new Map<string, boolean>();
  return (name) => {
    let answer = answers.get(name);
    if (answer === undefined) {
      answer = texts.some((text) => mentionedIn(text, name));
      answers.set(name, answer);
    }
    return answer;
  };
}

/** A value's length as the page shows it: strings bare, anything else as JSON. */
function shownLength(value: unknown): number {
  if (typeof value === 'string') return value.length;
  try {
    return (JSON.stringify(value) ?? String(value)).length;
  } catch {
    return Number.MAX_SAFE_INTEGER;
  }
}

/** Claims whose value differs between two claim sets, by name. */
export function changedClaimNames(claims: Claims, base: Claims): string[] {
  const names = new Set([...Object.keys(claims), ...Object.keys(base)]);
  return [...names].filter((name) => JSON.stringify(claims[name]) !== JSON.stringify(base[name])).sort();
}

/** The claims of `claims` whose value differs from `base`, ranked (`rankClaims`). */
export function differences(claims: Claims, base: Claims, named: (name: string) => boolean): string[] {
  return rankClaims(changedClaimNames(claims, base), claims, named);
}

/** Named by the configuration first, then the shortest values of `claims`, then by name. */
export function rankClaims(names: string[], claims: Claims, named: (name: string) => boolean): string[] {
  const keyed = names.map((name) => ({ name, named: named(name) ? 0 : 1, length: shownLength(claims[name]) }));
  keyed.sort((a, b) => a.named - b.named || a.length - b.length || a.name.localeCompare(b.name));
  return keyed.map((entry) => entry.name);
}
