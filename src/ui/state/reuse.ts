/**
 * Keeps the previous verdict's check and finding objects where the new verdict has equal ones, so
 * a keystroke that changes one check re-renders one check: results cross from the worker as fresh
 * copies, which would otherwise make every memoised row look new.
 */
import type { EvaluationResult } from '../../engine/result';

/** Equality of two JSON values (what crosses from the worker), stopping at the first difference. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index++) if (!sameJson(a[index], b[index])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  for (let index = 0; index < keysA.length; index++) {
    const key = keysA[index];
    // Same keys in the same order, as JSON.stringify would compare them.
    if (key !== keysB[index] || !sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

function reuseList<T>(previous: T[], next: T[]): T[] {
  let same = previous.length === next.length;
  const merged = next.map((item, index) => {
    const before = previous[index];
    if (before !== undefined && sameJson(before, item)) return before;
    same = false;
    return item;
  });
  return same ? previous : merged;
}

export function reuseUnchanged(previous: EvaluationResult | null, next: EvaluationResult): EvaluationResult {
  if (!previous) return next;
  const checks = reuseList(previous.checks, next.checks);
  const findings = reuseList(previous.findings, next.findings);
  const unchanged =
    checks === previous.checks &&
    findings === previous.findings &&
    previous.decision === next.decision &&
    previous.message === next.message &&
    previous.provider === next.provider &&
    sameJson(previous.details, next.details);
  return unchanged ? previous : { ...next, checks, findings };
}
