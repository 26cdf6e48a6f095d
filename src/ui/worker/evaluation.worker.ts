/**
 * Evaluates off the page's thread, so no configuration — however large or expensive — can freeze
 * typing: the page stops this worker when an evaluation overruns its deadline (`client.ts`).
 * It loads only the provider an evaluation names and never fetches anything else.
 */
/// <reference lib="webworker" />
import { evaluateWith, type ProviderRegistry } from '../../engine/evaluate-with';
import { loadIacReaders } from '../../engine/inputs/index';
import { loadProvider } from '../../engine/providers/load';
import { errorResult, PROVIDER_IDS, type EvaluationResult } from '../../engine/result';
import { lockDownNetwork, messageOf, postReply } from './envelope';
import type { WorkerRequest, WorkerResponse } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

lockDownNetwork(self);

async function answer(request: Extract<WorkerRequest, { kind: 'evaluate' }>): Promise<EvaluationResult> {
  const { input } = request;
  const providers: ProviderRegistry = {};
  // The page always names the provider; detecting one needs them all.
  const wanted = input.provider ? [input.provider] : PROVIDER_IDS;
  for (const id of wanted) providers[id] = await loadProvider(id);
  // Terraform needs HashiCorp's HCL reader, its own chunk, loaded only when such text arrives.
  await loadIacReaders(input.policyText);
  self.postMessage({ kind: 'started', id: request.id } satisfies WorkerResponse);
  return evaluateWith(providers, input);
}

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.kind === 'preload') {
    loadProvider(request.provider).catch(() => undefined);
    return;
  }
  let result: EvaluationResult;
  try {
    result = await answer(request);
  } catch (error) {
    result = errorResult(request.input.provider ?? null, `internal error while evaluating: ${messageOf(error)}`);
  }
  postReply<EvaluationResult>(self, { kind: 'result', id: request.id, result }, (reason) => ({
    kind: 'result',
    id: request.id,
    result: errorResult(result.provider, `internal error while evaluating: ${reason}`),
  }));
};
