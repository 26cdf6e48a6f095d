/**
 * Reach: the least-privileged party that can mint a token a configuration admits. The exposure
 * report states it where the analysis gives it; otherwise it follows from the grade and from
 * each witness's axis (open → anyone, broad → organization, narrow → repository).
 */
import { AXES } from '../exposure/axes';
import type { ExposureReport, Witness } from '../exposure/types';
import { REACH_ORDER, type Reach } from './types';

type WithReach<T> = T & { reach?: Reach };

const GRADE_REACH: Record<string, Reach> = { open: 'anyone', broad: 'organization', narrow: 'repository' };

export function reachOf(report: WithReach<ExposureReport>): Reach {
  if (report.reach) return report.reach;
  return GRADE_REACH[report.grade] ?? (report.witnesses.length > 0 ? 'protected' : 'none');
}

export function witnessReach(witness: WithReach<Witness>): Reach {
  if (witness.reach) return witness.reach;
  return GRADE_REACH[AXES[witness.axis]?.grade ?? 'narrow'] ?? 'protected';
}

/** A witness of the widest reach (the first in the report's order among equals). */
export function witnessFor(report: ExposureReport): Witness | null {
  let best: Witness | null = null;
  for (const witness of report.witnesses) {
    if (!best || REACH_ORDER.indexOf(witnessReach(witness)) < REACH_ORDER.indexOf(witnessReach(best))) best = witness;
  }
  return best;
}

/** Whether `reach` is `threshold` or wider. */
export function reaches(reach: Reach, threshold: Reach): boolean {
  return REACH_ORDER.indexOf(reach) <= REACH_ORDER.indexOf(threshold);
}
