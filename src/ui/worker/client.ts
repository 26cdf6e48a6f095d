/**
 * The page's side of the evaluation worker. One evaluation runs at a time; while it runs, only the
 * newest waiting input is kept (intermediate keystrokes are skipped, never queued). An evaluation
 * that overruns the deadline has its worker terminated — the only way to stop a busy thread — and
 * answers with an `error` verdict; a fresh worker takes the next input.
 */
import type { EvaluationInput } from '../../engine/evaluate-with';
import { looksLikeTerraform } from '../../engine/inputs/terraform-sniff';
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
  // The policy is appended as it is: escaping megabytes of JSON into the key cost most of a second.
  // JSON text never holds a raw NUL, so the first one ends the rest.
  return `${JSON.stringify([input.provider ?? null, input.token, input.signature ?? null, input.options ?? null])}\u0000${input.policyText}`;
}

interface Running {
  id: number;
  input: EvaluationInput;
  deliver: (result: EvaluationResult) => void;
  /** Set once the worker reports that evaluation (not the download of the provider) has begun. */
  timer: ReturnType<typeof setTimeout> | null;
  startedAt: number | null;
}

export class EvaluationClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private running: Running | null = null;
  private waiting: { input: EvaluationInput; deliver: (result: EvaluationResult) => void } | null = null;
  private readonly stopped = new Map<string, EvaluationResult>();
  private preloaded = new Set<ProviderId>();
  private hclPreloaded = false;
  /** Whether this worker has HashiCorp's HCL library, and the latest verdict still to be checked with it. */
  private readerReady = false;
  private unchecked: { input: EvaluationInput; deliver: (result: EvaluationResult) => void } | null = null;

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
   * Terraform text needs the HCL library, the largest chunk: the worker starts fetching it as soon
   * as such text is known, alongside the provider's code, before the page has read the token.
   */
  preloadReaderFor(policyText: string): void {
    if (this.hclPreloaded || !looksLikeTerraform(policyText)) return;
    this.hclPreloaded = true;
    this.post({ kind: 'preload-hcl' });
  }

  /** Evaluates `input`; `deliver` is called once, unless a newer input replaces this one before it starts. */
  submit(input: EvaluationInput, deliver: (result: EvaluationResult) => void): void {
    this.unchecked = null;
    // React's development double effects submit the same input twice.
    if (this.running?.input === input) {
      this.running.deliver = deliver;
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
      this.running = null;
      this.waiting = null;
      this.restartWorker();
      this.start(input, deliver);
    } else if (running) this.waiting = { input, deliver };
    else this.start(input, deliver);
  }

  dispose(): void {
    if (this.running?.timer) clearTimeout(this.running.timer);
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
      else if (message.kind === 'reader-ready') {
        this.readerReady = true;
        this.recheck();
      } else this.finish(message.id, message.result);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      // A worker that failed this way may be unusable: the next input gets a new one.
      if (this.worker === worker) this.worker = null;
      worker.terminate();
      if (this.running) this.finish(this.running.id, errorResult(this.running.input.provider ?? null, `internal error while evaluating: ${event.message || 'the evaluation worker failed'}`));
    };
    this.worker = worker;
    this.readerReady = false;
    // A fresh worker has lost the chunks its predecessor loaded.
    const providers = [...this.preloaded];
    this.preloaded.clear();
    for (const provider of providers) this.preload(provider);
    if (this.hclPreloaded) worker.postMessage({ kind: 'preload-hcl' } satisfies WorkerRequest);
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
    const iac = result.details.iac as { unchecked?: boolean } | undefined;
    this.unchecked = iac?.unchecked === true ? { input: running.input, deliver: running.deliver } : null;
    const next = this.waiting;
    this.waiting = null;
    if (next) this.submit(next.input, next.deliver);
    else this.recheck();
  }

  /** A verdict read before HashiCorp's parser arrived is evaluated again once it is there. */
  private recheck(): void {
    const unchecked = this.unchecked;
    if (!this.readerReady || !unchecked || this.running || this.waiting) return;
    this.unchecked = null;
    this.start(unchecked.input, unchecked.deliver);
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
