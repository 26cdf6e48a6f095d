/**
 * Runs the analyses that evaluate many tokens (who else gets in, the policy diff, the scenario
 * matrix) off the page's thread. They need every provider, so this worker is started only after
 * the first verdict, and the page stops it when an analysis overruns its deadline.
 */
/// <reference lib="webworker" />
import { evaluate } from '../../engine/evaluate';
import { analyseExposure, diffPolicies } from '../../engine/exposure/index';
import { loadIacReaders } from '../../engine/inputs/index';
import { runMatrix } from '../../engine/share/matrix-run';
import { prepareReaders, scanInputs } from '../../engine/scan/index';
import type { AnalysisRequest, AnalysisResponse, AnalysisTask, ScanResult } from './analysis-protocol';

declare const self: DedicatedWorkerGlobalScope;

// Analyses need no network, whatever a configuration or a token holds (code chunks still load through import()).
for (const name of ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts'] as const) {
  Object.defineProperty(self, name, { value: undefined, configurable: false, writable: false });
}

async function run(task: AnalysisTask): Promise<unknown> {
  switch (task.kind) {
    case 'exposure':
      await loadIacReaders(task.input.policyText);
      return analyseExposure(task.input);
    case 'diff':
      await loadIacReaders(task.input.before);
      await loadIacReaders(task.input.after);
      return diffPolicies(task.input);
    case 'evaluate':
      await loadIacReaders(task.input.policyText);
      return evaluate(task.input);
    case 'matrix':
      await loadIacReaders(task.configuration.policy);
      return runMatrix(task.configuration, task.entries);
    case 'scan': {
      for (const input of task.inputs) await prepareReaders(input.file, input.text);
      const { read, ...report } = scanInputs(task.inputs, task.at);
      // Each row opens the configuration it was read from (matched by name and place).
      const openable = report.configurations.map((row) => {
        const found = read.configurations.find((c) => c.name === row.name && c.source.file === row.source.file && c.source.line === row.source.line && !c.pending);
        return found ? { provider: found.provider, policyText: found.policyText, options: found.options ?? {} } : null;
      });
      return { report, openable } satisfies ScanResult;
    }
  }
}

self.onmessage = async (event: MessageEvent<AnalysisRequest>) => {
  const { id, task } = event.data;
  let response: AnalysisResponse;
  try {
    response = { id, ok: true, value: await run(task) };
  } catch (error) {
    response = { id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  try {
    self.postMessage(response);
  } catch (error) {
    self.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies AnalysisResponse);
  }
};
