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

/** Per provider, text → outcome; the caller's text is usually the same string object, whose hash V8 keeps. */
const parsed = new Map<ProviderId, Map<string, ParseOutcome<unknown>>>();
let size = 0;
const lints = new WeakMap<object, Finding[]>();

/** `provider.parse(text)`, answered from the cache when the same provider saw the same text. */
export function parseCached(providerId: ProviderId, provider: ProviderModule<unknown>, text: string): ParseOutcome<unknown> {
  if (text.length > MAX_CACHED_TEXT) return provider.parse(text);
  let texts = parsed.get(providerId);
  if (!texts) parsed.set(providerId, (texts = new Map()));
  const hit = texts.get(text);
  if (hit) {
    // Least recently used goes first: re-inserting moves the entry to the end.
    texts.delete(text);
    texts.set(text, hit);
    return hit;
  }
  const outcome = provider.parse(text);
  if (size >= CAPACITY) {
    // Evict from the fullest provider's oldest entries.
    const fullest = [...parsed.values()].reduce((a, b) => (b.size > a.size ? b : a));
    fullest.delete(fullest.keys().next().value!);
    size--;
  }
  texts.set(text, outcome);
  size++;
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
  detections.clear();
  size = 0;
}

const detections = new Map<string, unknown>();

/** Provider detection for a text (it parses the JSON), remembered for the most recent texts. */
export function detectCached<T>(text: string, detect: (text: string) => T): T {
  if (text.length > MAX_CACHED_TEXT) return detect(text);
  if (detections.has(text)) return detections.get(text) as T;
  const detection = detect(text);
  if (detections.size >= CAPACITY) detections.delete(detections.keys().next().value!);
  detections.set(text, detection);
  return detection;
}
