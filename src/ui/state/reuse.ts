/**
 * Keeps the previous verdict's check and finding objects where the new verdict has equal ones, so
 * a keystroke that changes one check re-renders one check: results cross from the worker as fresh
 * copies, which would otherwise make every memoised row look new.
 */
import type { EvaluationResult } from '../../engine/result';

function reuseList<T>(previous: T[], next: T[]): T[] {
  let same = previous.length === next.length;
  const merged = next.map((item, index) => {
    const before = previous[index];
    if (before !== undefined && JSON.stringify(before) === JSON.stringify(item)) return before;
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
    JSON.stringify(previous.details) === JSON.stringify(next.details);
  return unchanged ? previous : { ...next, checks, findings };
}
