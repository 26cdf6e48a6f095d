/**
 * The exposure analysis ("who else gets in") and the policy diff built on it. Pure: no DOM, no
 * I/O. Contract: docs/contracts/EXPOSURE.md.
 */
import { analyse } from './analyse';
import type { ExposureInput, ExposureReport } from './types';

export type * from './types';
export { diffPolicies, type DiffInput } from './diff';
export { AXES } from './axes';

export function analyseExposure(input: ExposureInput): ExposureReport {
  try {
    const { report, base } = analyse(input);
    return base ? { ...report, intended: base } : report;
  } catch (error) {
    return {
      provider: input.provider ?? 'aws',
      grade: 'pinned',
      reach: 'none',
      summary: [],
      opaque: [],
      witnesses: [],
      error: `internal error while analysing: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
