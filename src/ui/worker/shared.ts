/** The page's one evaluation worker, started as soon as this module loads so it boots alongside the page. */
import { EvaluationClient } from './client';
import EvaluationWorker from './evaluation.worker.ts?worker';

export const evaluationClient = new EvaluationClient(() => new EvaluationWorker({ name: 'trustlens evaluation' }));
if (typeof Worker !== 'undefined') evaluationClient.warm();
