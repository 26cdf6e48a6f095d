/**
 * The page's side of the evaluation worker. One evaluation runs at a time; while it runs, only the
 * newest waiting input is kept (intermediate keystrokes are skipped, never queued). An evaluation
 * that overruns the deadline has its worker terminated — the only way to stop a busy thread — and
 * answers with an `error` verdict; a fresh worker takes the next input.
 */
import type { EvaluationInput } from '../../engine/evaluate-with';
import { errorResult, type EvaluationResult, type ProviderId } from '../../engine/result';
import type { WorkerRequest, WorkerResponse } from './protocol';

export const EVALUATION_DEADLINE_MS = 3_000;
/** An evaluation already this slow is abandoned for a newer input rather than waited for. */
export const SUPERSEDE_AFTER_MS = 1_000;

export function tooExpensiveMessage(deadlineMs: number): string {
  return `too expensive to evaluate in the browser (stopped after ${deadlineMs / 1000} s)`;
}

/** The input without the instant: an input stopped once is not run again merely because "now" moved on. */
function costKey(input: EvaluationInput): string {
  return JSON.stringify([input.provider ?? null, input.policyText, input.token, input.signature ?? null, input.options ?? null]);
}

type Deliver = ((result: EvaluationResult) => void) & {
  /** Told when a newer input replaces this one before it started: it will never be delivered. */
  dropped?: () => void;
};

interface Running {
  id: number;
  input: EvaluationInput;
  deliver: Deliver;
  /** Set once the worker reports that evaluation (not the download of the provider) has begun. */
  timer: ReturnType<typeof setTimeout> | null;
  startedAt: number | null;
}

export class EvaluationClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private running: Running | null = null;
  private waiting: { input: EvaluationInput; deliver: Deliver } | null = null;
  private readonly stopped = new Map<string, EvaluationResult>();
  private preloaded = new Set<ProviderId>();

  constructor(
    private readonly createWorker: () => Worker,
    private readonly deadlineMs = EVALUATION_DEADLINE_MS,
    private readonly supersedeAfterMs = SUPERSEDE_AFTER_MS,
  ) {}

  /** Start the worker (its script downloads and compiles) before any input is known. */
  warm(): void {
    this.ensureWorker();
  }

  /** Warm the worker and its provider chunk while the page is still loading. */
  preload(provider: ProviderId): void {
    if (this.preloaded.has(provider)) return;
    this.preloaded.add(provider);
    this.post({ kind: 'preload', provider });
  }

  /**
   * The verdict on `input` as a promise, for a query: it rejects when a newer input replaces this
   * one before it starts, or when `signal` aborts first (nobody shows it any more). An aborted
   * evaluation that is already running is not stopped — the next input may be the same.
   */
  evaluate(input: EvaluationInput, signal?: AbortSignal): Promise<EvaluationResult> {
    return new Promise<EvaluationResult>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const withdraw = () => {
        this.withdraw(deliver);
        reject(signal!.reason);
      };
      const deliver: Deliver = (result) => {
        signal?.removeEventListener('abort', withdraw);
        resolve(result);
      };
      deliver.dropped = () => {
        signal?.removeEventListener('abort', withdraw);
        reject(new Error('replaced by a newer input'));
      };
      signal?.addEventListener('abort', withdraw, { once: true });
      this.submit(input, deliver);
    });
  }

  /** Forget a delivery nobody waits for any more. */
  private withdraw(deliver: Deliver): void {
    if (this.waiting?.deliver === deliver) this.waiting = null;
    if (this.running?.deliver === deliver) this.running.deliver = () => undefined;
  }

  /** Evaluates `input`; `deliver` is called once, unless a newer input replaces this one before it starts. */
  submit(input: EvaluationInput, deliver: Deliver): void {
    // React's development double effects submit the same input twice.
    if (this.running?.input === input) {
      const before = this.running.deliver;
      this.running.deliver = deliver;
      if (before !== deliver) before.dropped?.();
      return;
    }
    const known = this.stopped.get(costKey(input));
    if (known) {
      deliver(known);
      return;
    }
    const running = this.running;
    if (running?.startedAt != null && Date.now() - running.startedAt >= this.supersedeAfterMs) {
      // A slow evaluation of an input the user has already changed: its answer would be out of
      // date on arrival, so a fresh worker takes the new input at once.
      clearTimeout(running.timer ?? undefined);
      running.deliver.dropped?.();
      this.waiting?.deliver.dropped?.();
      this.running = null;
      this.waiting = null;
      this.restartWorker();
      this.start(input, deliver);
    } else if (running) {
      this.waiting?.deliver.dropped?.();
      this.waiting = { input, deliver };
    } else this.start(input, deliver);
  }

  dispose(): void {
    if (this.running?.timer) clearTimeout(this.running.timer);
    this.running?.deliver.dropped?.();
    this.waiting?.deliver.dropped?.();
    this.running = null;
    this.waiting = null;
    this.worker?.terminate();
    this.worker = null;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const message = event.data;
      if (message.kind === 'started') this.startDeadline(message.id);
      else this.finish(message.id, message.result);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      // A worker that failed this way may be unusable: the next input gets a new one.
      if (this.worker === worker) this.worker = null;
      worker.terminate();
      if (this.running) this.finish(this.running.id, errorResult(this.running.input.provider ?? null, `internal error while evaluating: ${event.message || 'the evaluation worker failed'}`));
    };
    this.worker = worker;
    // A fresh worker has lost the chunks its predecessor loaded.
    const providers = [...this.preloaded];
    this.preloaded.clear();
    for (const provider of providers) this.preload(provider);
    return worker;
  }

  private post(request: WorkerRequest): void {
    this.ensureWorker().postMessage(request);
  }

  private start(input: EvaluationInput, deliver: (result: EvaluationResult) => void): void {
    const id = this.nextId++;
    this.running = { id, input, deliver, timer: null, startedAt: null };
    try {
      this.post({ kind: 'evaluate', id, input });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.finish(id, errorResult(input.provider ?? null, `internal error while evaluating: ${reason}`));
    }
  }

  private startDeadline(id: number): void {
    if (this.running?.id !== id || this.running.timer !== null) return;
    this.running.startedAt = Date.now();
    this.running.timer = setTimeout(() => this.stop(id), this.deadlineMs);
  }

  private finish(id: number, result: EvaluationResult): void {
    const running = this.running;
    if (!running || running.id !== id) return;
    if (running.timer !== null) clearTimeout(running.timer);
    this.running = null;
    running.deliver(result);
    const next = this.waiting;
    this.waiting = null;
    if (next) this.submit(next.input, next.deliver);
  }

  private stop(id: number): void {
    const running = this.running;
    if (!running || running.id !== id) return;
    this.restartWorker();
    const result = errorResult(running.input.provider ?? null, tooExpensiveMessage(this.deadlineMs), { details: { stoppedAfterMs: this.deadlineMs } });
    if (this.stopped.size >= 32) this.stopped.clear();
    this.stopped.set(costKey(running.input), result);
    this.finish(id, result);
  }

  /** Terminating is the only way to stop a busy worker; the successor starts at once, so it is ready for the next keystroke. */
  private restartWorker(): void {
    this.worker?.terminate();
    this.worker = null;
    this.ensureWorker();
  }
}
