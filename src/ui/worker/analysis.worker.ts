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
import type { AnalysisRequest, AnalysisTask, ScanResult } from './analysis-protocol';
import { lockDownNetwork, messageOf, postReply } from './envelope';

declare const self: DedicatedWorkerGlobalScope;

lockDownNetwork(self);

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
  const { id, ...task } = event.data;
  let value: unknown;
  try {
    value = await run(task as AnalysisTask);
  } catch (error) {
    self.postMessage({ id, ok: false, error: messageOf(error) });
    return;
  }
  postReply(self, { id, ok: true, value }, (reason) => ({ id, ok: false, error: reason }));
};
