/**
 * A worker thread of a large scan: analyses the configurations it is sent and posts each outcome
 * back (with its index), so the analyses of a big account spread over the machine's cores.
 */
import { parentPort } from 'node:worker_threads';
import { loadIacReaders } from '../engine/inputs/index';
import { analyseOne, type AnalysisOutcome, type ScanConfiguration } from '../engine/scan/index';

export interface WorkerRequest {
  at: number;
  items: Array<{ index: number; configuration: ScanConfiguration }>;
}

export type WorkerReply = { index: number; outcome: AnalysisOutcome } | { done: true };

parentPort?.on('message', async ({ at, items }: WorkerRequest) => {
  for (const { index, configuration } of items) {
    let outcome: AnalysisOutcome;
    try {
      await loadIacReaders(configuration.policyText);
      outcome = analyseOne(configuration, at);
    } catch (error) {
      outcome = { ok: false, message: `internal error while analysing: ${error instanceof Error ? error.message : String(error)}` };
    }
    parentPort!.postMessage({ index, outcome } satisfies WorkerReply);
  }
  parentPort!.postMessage({ done: true } satisfies WorkerReply);
});
