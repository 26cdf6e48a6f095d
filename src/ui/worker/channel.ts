/**
 * The page's side of a worker, for both workers: calls with ids, a deadline per call, and the
 * only way to stop a busy thread — terminating it. A call that overruns its deadline stops the
 * worker and fails every call still waiting on it; a worker that fails (an uncaught error) fails
 * them too. The next call, or at once when asked, starts a fresh worker, which first gets the
 * hints its predecessor had (the providers to preload).
 */
import { messageOf, settlementOf, type Call, type Notice, type Reply } from './envelope';

export type Outcome<V> =
  | { ok: true; value: V }
  /**
   * `deadline`: stopped after the deadline; `failed`: the worker answered with an error or could not
   * be sent the call; `crashed`: the worker itself failed; `abandoned`: the page gave up on it.
   */
  | { ok: false; reason: 'deadline' | 'failed' | 'crashed' | 'abandoned'; message: string };

export interface ChannelOptions<H> {
  create: () => Worker;
  deadlineMs: number;
  /** Whether the deadline counts from posting the call or from the worker's `started` reply. */
  deadlineFrom: 'posted' | 'started';
  /** After a deadline stop, start the successor at once (ready for the next keystroke) or with the next call. */
  respawn: 'at-once' | 'on-demand';
  /** The hints a fresh worker is given before anything else. */
  hints?: () => H[];
  /** Told when a fresh worker starts: whatever its predecessor had loaded is gone. */
  spawned?: () => void;
  /** Told of each notice the worker sends. */
  notice?: (notice: string) => void;
}

interface Pending<V> {
  settle: (outcome: Outcome<V>) => void;
  onStarted?: () => void;
  timer: ReturnType<typeof setTimeout> | null;
}

export class WorkerChannel<T extends { kind: string }, V, H = never> {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending<V>>();
  private nextId = 1;

  constructor(private readonly options: ChannelOptions<H>) {}

  get deadlineMs(): number {
    return this.options.deadlineMs;
  }

  /** Starts the worker (its script downloads and compiles) before any call. */
  warm(): void {
    this.ensureWorker();
  }

  /**
   * Sends a hint. The caller remembers it in `hints`: a worker not started yet gets it from
   * there, and so does every successor.
   */
  hint(message: H): void {
    if (this.worker) this.worker.postMessage(message);
    else this.ensureWorker();
  }

  /** Sends a call; `settle` is called once, synchronously with the reply that settles it. Returns the call's id. */
  call(task: T, settle: (outcome: Outcome<V>) => void, onStarted?: () => void): number {
    const id = this.nextId++;
    const pending: Pending<V> = { settle, onStarted, timer: null };
    this.pending.set(id, pending);
    if (this.options.deadlineFrom === 'posted') this.arm(id, pending);
    try {
      this.ensureWorker().postMessage({ ...task, id } as Call<T>);
    } catch (error) {
      this.settle(id, { ok: false, reason: 'failed', message: messageOf(error) });
    }
    return id;
  }

  /** Terminates the worker and abandons every call waiting on it; a fresh worker starts at once. */
  restart(): void {
    this.terminate();
    this.failAll({ ok: false, reason: 'abandoned', message: 'abandoned' });
    this.ensureWorker();
  }

  dispose(): void {
    this.terminate();
    this.failAll({ ok: false, reason: 'abandoned', message: 'abandoned' });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.options.create();
    worker.onmessage = (event: MessageEvent<Reply<V> | Notice>) => {
      const message = event.data;
      if ('kind' in message && message.kind === 'notice') {
        if (this.worker === worker) this.options.notice?.(message.notice);
      } else this.receive(message);
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault?.();
      // A worker that failed this way may be unusable: the next call gets a new one.
      if (this.worker === worker) this.worker = null;
      worker.terminate();
      this.failAll({ ok: false, reason: 'crashed', message: event.message });
    };
    this.worker = worker;
    this.options.spawned?.();
    // A fresh worker has lost the chunks its predecessor loaded.
    for (const hint of this.options.hints?.() ?? []) worker.postMessage(hint);
    return worker;
  }

  private receive(reply: Reply<V>): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    const settlement = settlementOf(reply);
    if (settlement === null) {
      if (this.options.deadlineFrom === 'started' && pending.timer === null) {
        this.arm(reply.id, pending);
        pending.onStarted?.();
      }
      return;
    }
    this.settle(reply.id, settlement.ok ? settlement : { ok: false, reason: 'failed', message: settlement.error });
  }

  private arm(id: number, pending: Pending<V>): void {
    pending.timer = setTimeout(() => this.stop(id), this.options.deadlineMs);
  }

  private stop(id: number): void {
    if (!this.pending.has(id)) return;
    this.terminate();
    if (this.options.respawn === 'at-once') this.ensureWorker();
    this.failAll({ ok: false, reason: 'deadline', message: `stopped after ${this.options.deadlineMs / 1000} s` });
  }

  private terminate(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  private settle(id: number, outcome: Outcome<V>): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    if (pending.timer !== null) clearTimeout(pending.timer);
    pending.settle(outcome);
  }

  private failAll(outcome: Outcome<V>): void {
    for (const id of [...this.pending.keys()]) this.settle(id, outcome);
  }
}
