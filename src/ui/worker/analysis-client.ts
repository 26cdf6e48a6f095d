/**
 * The page's side of the analysis worker: each task is a promise. An analysis that overruns the
 * deadline has its worker terminated (the only way to stop a busy thread); every task still
 * waiting on it fails with a clear message, and the next task starts a fresh worker.
 */
import type { DiffOutcome } from '../../engine/exposure/diff';
import type { ExposureReport } from '../../engine/exposure/types';
import type { EvaluationResult } from '../../engine/result';
import type { MatrixRow } from '../../engine/share/matrix';
import type { AnalysisTask, ScanResult } from './analysis-protocol';
import { WorkerChannel } from './channel';

export const ANALYSIS_DEADLINE_MS = 20_000;

export function analysisTooExpensive(deadlineMs: number): string {
  return `too expensive to analyse in the browser (stopped after ${deadlineMs / 1000} s)`;
}

type ResultOf<T extends AnalysisTask> = T extends { kind: 'exposure' }
  ? ExposureReport
  : T extends { kind: 'diff' }
    ? DiffOutcome
    : T extends { kind: 'evaluate' }
      ? EvaluationResult
      : T extends { kind: 'scan' }
        ? ScanResult
        : MatrixRow[];

export class AnalysisClient {
  private readonly channel: WorkerChannel<AnalysisTask, unknown>;

  constructor(
    createWorker: () => Worker,
    deadlineMs = ANALYSIS_DEADLINE_MS,
    /** Resolves when the worker may start (after the first verdict, so it never competes with it). */
    private readonly startWhen: () => Promise<void> = () => Promise.resolve(),
  ) {
    // The worker needs every provider's code: a stopped one is replaced only when a task needs it.
    this.channel = new WorkerChannel({ create: createWorker, deadlineMs, deadlineFrom: 'posted', respawn: 'on-demand' });
  }

  async run<T extends AnalysisTask>(task: T): Promise<ResultOf<T>> {
    await this.startWhen();
    return new Promise<ResultOf<T>>((resolve, reject) => {
      this.channel.call(task, (outcome) => {
        if (outcome.ok) resolve(outcome.value as ResultOf<T>);
        else if (outcome.reason === 'deadline') reject(new Error(analysisTooExpensive(this.channel.deadlineMs)));
        else if (outcome.reason === 'crashed') reject(new Error(`the analysis failed: ${outcome.message || 'the worker stopped'}`));
        else reject(new Error(outcome.message));
      });
    });
  }
}
