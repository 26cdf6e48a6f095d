/**
 * Reach: the least-privileged party that can mint a token a configuration admits, as the exposure
 * analysis states it for the configuration and for each witness.
 */
import type { ExposureReport, Witness } from '../exposure/types';
import { REACH_ORDER, type Reach } from './types';

export function reachOf(report: ExposureReport): Reach {
  return report.reach;
}

export function witnessReach(witness: Witness): Reach {
  return witness.reach;
}

/** A witness of the widest reach (the first in the report's order among equals). */
export function witnessFor(report: ExposureReport): Witness | null {
  let best: Witness | null = null;
  for (const witness of report.witnesses) {
    if (!best || REACH_ORDER.indexOf(witness.reach) < REACH_ORDER.indexOf(best.reach)) best = witness;
  }
  return best;
}

/** Whether `reach` is `threshold` or wider. */
export function reaches(reach: Reach, threshold: Reach): boolean {
  return REACH_ORDER.indexOf(reach) <= REACH_ORDER.indexOf(threshold);
}
