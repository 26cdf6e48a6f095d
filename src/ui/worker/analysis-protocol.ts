/** Messages between the page and the analysis worker (who else gets in, compare mode, the matrix, the scan), in the workers' one envelope (`envelope.ts`). */
import type { EvaluationInput } from '../../engine/evaluate-with';
import type { DiffInput } from '../../engine/exposure/diff';
import type { ExposureInput } from '../../engine/exposure/types';
import type { MatrixConfiguration, MatrixEntry } from '../../engine/share/matrix';
import type { ScanInput, ScanReport } from '../../engine/scan/index';
import type { ProviderId } from '../../engine/result';
import type { Call, Reply } from './envelope';

export type AnalysisTask =
  | { kind: 'exposure'; input: ExposureInput }
  | { kind: 'diff'; input: DiffInput }
  | { kind: 'evaluate'; input: EvaluationInput }
  | { kind: 'matrix'; configuration: MatrixConfiguration; entries: MatrixEntry[] }
  | { kind: 'scan'; inputs: ScanInput[]; at: number };

/** What a row of the scan needs to open its configuration in the workbench. */
export interface ScanOpenable {
  provider: ProviderId;
  policyText: string;
  options: Record<string, string>;
}

/** The scan's report, each configuration with what opens it (null where it cannot be opened alone). */
export interface ScanResult {
  report: ScanReport;
  openable: Array<ScanOpenable | null>;
}

export type AnalysisRequest = Call<AnalysisTask>;
export type AnalysisResponse = Reply<unknown>;
