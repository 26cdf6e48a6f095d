/** The page's one evaluation worker, started as soon as this module loads so it boots alongside the page. */
import { afterFirstVerdict } from '../state/firstVerdict';
import { AnalysisClient, ANALYSIS_DEADLINE_MS } from './analysis-client';
import AnalysisWorker from './analysis.worker.ts?worker';
import { EvaluationClient } from './client';
import EvaluationWorker from './evaluation.worker.ts?worker';

export const evaluationClient = new EvaluationClient(() => new EvaluationWorker({ name: 'trustlens evaluation' }));
if (typeof Worker !== 'undefined') evaluationClient.warm();

/**
 * The analysis worker (who else gets in, compare mode, the matrix) needs every provider's code: it
 * starts with the first analysis, never before the first verdict.
 */
export const analysisClient = new AnalysisClient(() => new AnalysisWorker({ name: 'trustlens analysis' }), ANALYSIS_DEADLINE_MS, () => afterFirstVerdict());
