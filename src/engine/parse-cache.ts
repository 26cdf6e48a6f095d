/**
 * Parsed configurations, kept for the texts evaluated most recently. The app re-evaluates on every
 * keystroke of the token, a scenario file runs many tokens against one policy, and exposure
 * analysis tries thousands of candidate tokens: the configuration text rarely changes between
 * calls, so parsing it again is wasted work. Parsed policies are treated as immutable by every
 * provider, which is what makes sharing them safe.
 */
import type { ParseOutcome, ProviderModule } from './provider';
import type { Finding, ProviderId } from './result';

/** Entries kept; a small number covers "the policy being edited" and a batch's few policies. */
const CAPACITY = 32;
/** Larger texts are parsed every time rather than pinned in memory. */
const MAX_CACHED_TEXT = 512 * 1024;

const parsed = new Map<string, ParseOutcome<unknown>>();
const lints = new WeakMap<object, Finding[]>();

/** `provider.parse(text)`, answered from the cache when the same provider saw the same text. */
export function parseCached(providerId: ProviderId, provider: ProviderModule<unknown>, text: string): ParseOutcome<unknown> {
  if (text.length > MAX_CACHED_TEXT) return provider.parse(text);
  const key = `${providerId}\u0000${text}`;
  const hit = parsed.get(key);
  if (hit) {
    // Least recently used goes first: re-inserting moves the entry to the end.
    parsed.delete(key);
    parsed.set(key, hit);
    return hit;
  }
  const outcome = provider.parse(text);
  if (parsed.size >= CAPACITY) parsed.delete(parsed.keys().next().value!);
  parsed.set(key, outcome);
  return outcome;
}

/** `provider.lint(policy)` once per parsed policy (lint depends on the configuration alone). */
export function lintCached(policy: unknown, lint: () => Finding[]): Finding[] {
  if (typeof policy !== 'object' || policy === null) return lint();
  let findings = lints.get(policy);
  if (!findings) {
    findings = lint();
    lints.set(policy, findings);
  }
  return findings;
}

/** Forget every cached parse (tests that count parses). */
export function clearParseCache(): void {
  parsed.clear();
}
