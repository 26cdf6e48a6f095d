/**
 * The page's side of the evaluation worker. One evaluation runs at a time; while it runs, only the
 * newest waiting input is kept (intermediate keystrokes are skipped, never queued). An evaluation
 * that overruns the deadline has its worker terminated — the only way to stop a busy thread — and
 * answers with an `error` verdict; a fresh worker takes the next input.
 */
import type { EvaluationInput } from '../../engine/evaluate-with';
import { looksLikeTerraform } from '../../engine/inputs/terraform-sniff';
import { errorResult, type EvaluationResult, type ProviderId } from '../../engine/result';
import { WorkerChannel, type Outcome } from './channel';
import { READER_READY, type EvaluationCall, type EvaluationHint } from './protocol';

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

type Deliver = ((result: EvaluationResult) => void) & {
  /** Told when a newer input replaces this one before it started: it will never be delivered. */
  dropped?: () => void;
};

interface Running {
  input: EvaluationInput;
  deliver: Deliver;
  /** Set once the worker reports that evaluation (not the download of the provider) has begun. */
  startedAt: number | null;
}

export class EvaluationClient {
  private readonly channel: WorkerChannel<EvaluationCall, EvaluationResult, EvaluationHint>;
  private running: Running | null = null;
  private waiting: { input: EvaluationInput; deliver: Deliver } | null = null;
  private readonly stopped = new Map<string, EvaluationResult>();
  private readonly preloaded = new Set<ProviderId>();
  private hclPreloaded = false;
  /** Whether this worker has HashiCorp's HCL library: a verdict read without it is asked for again once it has. */
  private readerReady = false;
  private readonly readerListeners = new Set<() => void>();

  constructor(
    /** Makes a worker that fetches these providers' code as it starts. */
    createWorker: (preload: readonly ProviderId[]) => Worker,
    deadlineMs = EVALUATION_DEADLINE_MS,
    private readonly supersedeAfterMs = SUPERSEDE_AFTER_MS,
  ) {
    this.channel = new WorkerChannel({
      create: () => createWorker([...this.preloaded]),
      deadlineMs,
      deadlineFrom: 'started',
      respawn: 'at-once',
      hints: () => [
        ...[...this.preloaded].map((provider) => ({ kind: 'preload' as const, provider })),
        ...(this.hclPreloaded ? [{ kind: 'preload-hcl' as const }] : []),
      ],
      spawned: () => this.setReaderReady(false),
      notice: (notice) => {
        if (notice === READER_READY) this.setReaderReady(true);
      },
    });
  }

  /** Start the worker (its script downloads and compiles) before any input is known. */
  warm(): void {
    this.channel.warm();
  }

  /** Warm the worker and its provider chunk while the page is still loading. */
  preload(provider: ProviderId): void {
    if (this.preloaded.has(provider)) return;
    this.preloaded.add(provider);
    this.channel.hint({ kind: 'preload', provider });
  }

  /**
   * Terraform text needs the HCL library, the largest chunk: the worker starts fetching it as soon
   * as such text is known, alongside the provider's code, before the page has read the token.
   */
  preloadReaderFor(policyText: string): void {
    if (this.hclPreloaded || !looksLikeTerraform(policyText)) return;
    this.hclPreloaded = true;
    this.channel.hint({ kind: 'preload-hcl' });
  }

  /** Whether the worker has HashiCorp's HCL library (for `useSyncExternalStore`). */
  readonly hasReader = (): boolean => this.readerReady;

  readonly subscribeReader = (listener: () => void): (() => void) => {
    this.readerListeners.add(listener);
    return () => this.readerListeners.delete(listener);
  };

  private setReaderReady(ready: boolean): void {
    if (this.readerReady === ready) return;
    this.readerReady = ready;
    for (const listener of this.readerListeners) listener();
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
    // The same input asked for again while it runs (a query fetched again) waits for that run.
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
      const waiting = this.waiting;
      this.running = null;
      this.waiting = null;
      this.channel.restart();
      running.deliver.dropped?.();
      waiting?.deliver.dropped?.();
      this.start(input, deliver);
    } else if (running) {
      this.waiting?.deliver.dropped?.();
      this.waiting = { input, deliver };
    } else this.start(input, deliver);
  }

  dispose(): void {
    const running = this.running;
    const waiting = this.waiting;
    this.running = null;
    this.waiting = null;
    this.channel.dispose();
    running?.deliver.dropped?.();
    waiting?.deliver.dropped?.();
  }

  private start(input: EvaluationInput, deliver: Deliver): void {
    const running: Running = { input, deliver, startedAt: null };
    this.running = running;
    this.channel.call(
      { kind: 'evaluate', input },
      (outcome) => this.settled(running, outcome),
      () => (running.startedAt = Date.now()),
    );
  }

  private settled(running: Running, outcome: Outcome<EvaluationResult>): void {
    // Abandoned for a newer input: nobody waits for this answer.
    if (this.running !== running) return;
    let result: EvaluationResult;
    if (outcome.ok) result = outcome.value;
    else if (outcome.reason === 'deadline') {
      const deadlineMs = this.channel.deadlineMs;
      result = errorResult(running.input.provider ?? null, tooExpensiveMessage(deadlineMs), { details: { stoppedAfterMs: deadlineMs } });
      if (this.stopped.size >= 32) this.stopped.clear();
      this.stopped.set(costKey(running.input), result);
    } else {
      const reason = outcome.reason === 'crashed' ? outcome.message || 'the evaluation worker failed' : outcome.message;
      result = errorResult(running.input.provider ?? null, `internal error while evaluating: ${reason}`);
    }
    this.running = null;
    running.deliver(result);
    const next = this.waiting;
    this.waiting = null;
    if (next) this.submit(next.input, next.deliver);
  }
}
