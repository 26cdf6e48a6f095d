/** The page's one evaluation worker; the page starts it before its first render (`Root.tsx`), so it boots alongside the page. */
import { afterFirstVerdict } from '../state/firstVerdict';
import { AnalysisClient, ANALYSIS_DEADLINE_MS } from './analysis-client';
import AnalysisWorker from './analysis.worker.ts?worker';
import { EvaluationClient } from './client';
import EvaluationWorker from './evaluation.worker.ts?worker';
import { evaluationWorkerName } from './protocol';

export const evaluationClient = new EvaluationClient((preload) => new EvaluationWorker({ name: evaluationWorkerName(preload) }));

/**
 * The analysis worker (who else gets in, compare mode, the matrix) needs every provider's code: it
 * starts with the first analysis, never before the first verdict.
 */
export const analysisClient = new AnalysisClient(() => new AnalysisWorker({ name: 'trustlens analysis' }), ANALYSIS_DEADLINE_MS, () => afterFirstVerdict());
