/**
 * Evaluates off the page's thread, so no configuration — however large or expensive — can freeze
 * typing: the page stops this worker when an evaluation overruns its deadline (`client.ts`).
 * It loads only the provider an evaluation names and never fetches anything else.
 */
/// <reference lib="webworker" />
import { evaluateWith, type ProviderRegistry } from '../../engine/evaluate-with';
import { loadHclLibrary } from '../../engine/inputs/hcl-library';
import { iacReadersReady, loadIacReaders, readTerraformBeforeItsParser } from '../../engine/inputs/index';
import { loadProvider } from '../../engine/providers/load';
import { errorResult, PROVIDER_IDS, type EvaluationResult } from '../../engine/result';
import { lockDownNetwork, messageOf, postReply } from './envelope';
import { READER_READY, type WorkerRequest, type WorkerResponse } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

lockDownNetwork(self);

// Terraform is read by trustlens's own reader while HashiCorp's parser downloads (a verdict says
// `unchecked`); the page asks again once the parser is here.
readTerraformBeforeItsParser();
let readerAnnounced = false;
function announceWhenLoaded(loading: Promise<unknown>): void {
  loading.then(
    () => {
      if (readerAnnounced) return;
      readerAnnounced = true;
      self.postMessage({ kind: 'notice', notice: READER_READY } satisfies WorkerResponse);
    },
    () => undefined,
  );
}

async function answer(request: Extract<WorkerRequest, { kind: 'evaluate' }>): Promise<EvaluationResult> {
  const { input } = request;
  const providers: ProviderRegistry = {};
  // The page always names the provider; detecting one needs them all.
  const wanted = input.provider ? [input.provider] : PROVIDER_IDS;
  // Terraform needs HashiCorp's HCL reader, its own chunk, loaded only when such text arrives;
  // the verdict does not wait for it.
  if (!iacReadersReady(input.policyText)) announceWhenLoaded(loadIacReaders(input.policyText));
  for (const id of wanted) providers[id] = await loadProvider(id);
  self.postMessage({ kind: 'started', id: request.id } satisfies WorkerResponse);
  return evaluateWith(providers, input);
}

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.kind === 'preload') {
    loadProvider(request.provider).catch(() => undefined);
    return;
  }
  if (request.kind === 'preload-hcl') {
    announceWhenLoaded(loadHclLibrary());
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
