/** Messages between the page and the analysis worker (who else gets in, compare mode, the matrix). */
import type { EvaluationInput } from '../../engine/evaluate-with';
import type { DiffInput } from '../../engine/exposure/diff';
import type { ExposureInput } from '../../engine/exposure/types';
import type { MatrixConfiguration, MatrixEntry } from '../../engine/share/matrix';

export type AnalysisTask =
  | { kind: 'exposure'; input: ExposureInput }
  | { kind: 'diff'; input: DiffInput }
  | { kind: 'evaluate'; input: EvaluationInput }
  | { kind: 'matrix'; configuration: MatrixConfiguration; entries: MatrixEntry[] };

export interface AnalysisRequest {
  id: number;
  task: AnalysisTask;
}

export type AnalysisResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };
