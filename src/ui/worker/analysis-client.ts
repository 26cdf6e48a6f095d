/**
 * The page's side of the analysis worker: each task is a promise. An analysis that overruns the
 * deadline has its worker terminated (the only way to stop a busy thread); every task still
 * waiting on it fails with a clear message, and the next task starts a fresh worker.
 */
import type { DiffOutcome } from '../../engine/exposure/diff';
import type { ExposureReport } from '../../engine/exposure/types';
import type { EvaluationResult } from '../../engine/result';
import type { MatrixRow } from '../../engine/share/matrix';
import type { AnalysisResponse, AnalysisTask, ScanResult } from './analysis-protocol';

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

interface Waiting {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class AnalysisClient {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;

  constructor(
    private readonly createWorker: () => Worker,
    private readonly deadlineMs = ANALYSIS_DEADLINE_MS,
    /** Resolves when the worker may start (after the first verdict, so it never competes with it). */
    private readonly startWhen: () => Promise<void> = () => Promise.resolve(),
  ) {}

  async run<T extends AnalysisTask>(task: T): Promise<ResultOf<T>> {
    await this.startWhen();
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<ResultOf<T>>((resolve, reject) => {
      const timer = setTimeout(() => this.stop(), this.deadlineMs);
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      worker.postMessage({ id, task });
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.onmessage = (event: MessageEvent<AnalysisResponse>) => {
      const response = event.data;
      const waiting = this.waiting.get(response.id);
      if (!waiting) return;
      this.waiting.delete(response.id);
      clearTimeout(waiting.timer);
      if (response.ok) waiting.resolve(response.value);
      else waiting.reject(new Error(response.error));
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault?.();
      this.failAll(`the analysis failed: ${event.message || 'the worker stopped'}`);
      this.worker?.terminate();
      this.worker = null;
    };
    this.worker = worker;
    return worker;
  }

  private stop() {
    this.worker?.terminate();
    this.worker = null;
    this.failAll(analysisTooExpensive(this.deadlineMs));
  }

  private failAll(message: string) {
    for (const waiting of this.waiting.values()) {
      clearTimeout(waiting.timer);
      waiting.reject(new Error(message));
    }
    this.waiting.clear();
  }
}
