/**
 * Evaluates off the page's thread, so no configuration — however large or expensive — can freeze
 * typing: the page stops this worker when an evaluation overruns its deadline (`client.ts`).
 * It loads only the provider an evaluation names and never fetches anything else. This entry is
 * small: the engine (`evaluation-engine.ts`) and the provider's code download side by side.
 */
/// <reference lib="webworker" />
import { loadProvider } from '../../engine/providers/load';
import { errorResult, type EvaluationResult } from '../../engine/result';
import { lockDownNetwork, messageOf, postReply } from './envelope';
import { providersInWorkerName, READER_READY, type WorkerRequest, type WorkerResponse } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

lockDownNetwork(self);

for (const provider of providersInWorkerName(self.name)) loadProvider(provider).catch(() => undefined);

const engine = import('./evaluation-engine').then((module) => {
  module.onReaderReady(() => self.postMessage({ kind: 'notice', notice: READER_READY } satisfies WorkerResponse));
  return module;
});
// A failed download is reported with the first evaluation that needs it.
engine.catch(() => undefined);

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.kind === 'preload') {
    loadProvider(request.provider).catch(() => undefined);
    return;
  }
  if (request.kind === 'preload-hcl') {
    engine.then((module) => module.preloadHcl(), () => undefined);
    return;
  }
  let result: EvaluationResult;
  try {
    const { answer } = await engine;
    result = await answer(request, () => self.postMessage({ kind: 'started', id: request.id } satisfies WorkerResponse));
  } catch (error) {
    result = errorResult(request.input.provider ?? null, `internal error while evaluating: ${messageOf(error)}`);
  }
  postReply<EvaluationResult>(self, { kind: 'result', id: request.id, result }, (reason) => ({
    kind: 'result',
    id: request.id,
    result: errorResult(result.provider, `internal error while evaluating: ${reason}`),
  }));
};
