/** A worker thread of `trustlens test` that runs exposure scenarios, the expensive kind, off the main thread. */
import { parentPort } from 'node:worker_threads';
import { runExposureScenario } from './exposure-scenario';
import type { Scenario } from './scenarios';

export interface ExposureJob {
  id: number;
  scenario: Scenario;
  file: string;
  now: number;
}

parentPort?.on('message', ({ id, scenario, file, now }: ExposureJob) => {
  let reply;
  try {
    reply = { id, outcome: runExposureScenario(scenario, file, now) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
