// The one page-side worker client, against a stand-in worker whose answers the test controls; and
// the evaluation client's promise face, which the verdict query uses.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EvaluationInput } from '../../engine/evaluate-with';
import { claimsToken } from '../../engine/token';
import { WorkerChannel, type Outcome } from './channel';
import { EvaluationClient } from './client';

class StandInWorker {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  received: Array<Record<string, unknown>> = [];
  terminated = false;
  postMessage(message: Record<string, unknown>) {
    this.received.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  reply(message: unknown) {
    this.onmessage?.({ data: message } as MessageEvent);
  }
  calls() {
    return this.received.filter((message) => typeof message.id === 'number');
  }
}

type Task = { kind: 'square'; n: number };

describe('WorkerChannel', () => {
  let workers: StandInWorker[];
  const create = () => {
    const worker = new StandInWorker();
    workers.push(worker);
    return worker as unknown as Worker;
  };
  beforeEach(() => {
    vi.useFakeTimers();
    workers = [];
  });
  afterEach(() => vi.useRealTimers());

  it('sends each call in the envelope and settles it from its own reply', () => {
    const channel = new WorkerChannel<Task, number>({ create, deadlineMs: 1_000, deadlineFrom: 'posted', respawn: 'on-demand' });
    const outcomes: Array<Outcome<number>> = [];
    channel.call({ kind: 'square', n: 2 }, (outcome) => outcomes.push(outcome));
    channel.call({ kind: 'square', n: 3 }, (outcome) => outcomes.push(outcome));
    const [first, second] = workers[0].calls();
    expect(first).toEqual({ kind: 'square', n: 2, id: first.id });
    workers[0].reply({ id: second.id, ok: true, value: 9 });
    workers[0].reply({ id: first.id, ok: false, error: 'no' });
    expect(outcomes).toEqual([
      { ok: true, value: 9 },
      { ok: false, reason: 'failed', message: 'no' },
    ]);
  });

  it('counts the deadline from `started` when asked, and a stop fails every waiting call', () => {
    const channel = new WorkerChannel<Task, number>({ create, deadlineMs: 1_000, deadlineFrom: 'started', respawn: 'on-demand' });
    const outcomes: Array<Outcome<number>> = [];
    const started: number[] = [];
    channel.call({ kind: 'square', n: 2 }, (outcome) => outcomes.push(outcome), () => started.push(1));
    channel.call({ kind: 'square', n: 3 }, (outcome) => outcomes.push(outcome));
    vi.advanceTimersByTime(5_000);
    expect(workers[0].terminated).toBe(false);
    workers[0].reply({ kind: 'started', id: workers[0].calls()[0].id });
    expect(started).toEqual([1]);
    vi.advanceTimersByTime(1_000);
    expect(workers[0].terminated).toBe(true);
    expect(outcomes.map((outcome) => !outcome.ok && outcome.reason)).toEqual(['deadline', 'deadline']);
    // On demand: no successor until the next call.
    expect(workers).toHaveLength(1);
  });

  it('gives every fresh worker the hints first, after a crash too', () => {
    const hints = [{ kind: 'preload', provider: 'gcp' }];
    const channel = new WorkerChannel<Task, number, (typeof hints)[number]>({ create, deadlineMs: 1_000, deadlineFrom: 'posted', respawn: 'on-demand', hints: () => hints });
    const outcomes: Array<Outcome<number>> = [];
    channel.call({ kind: 'square', n: 2 }, (outcome) => outcomes.push(outcome));
    workers[0].onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent);
    expect(outcomes).toEqual([{ ok: false, reason: 'crashed', message: 'boom' }]);
    channel.call({ kind: 'square', n: 3 }, (outcome) => outcomes.push(outcome));
    expect(workers[1].received[0]).toEqual({ kind: 'preload', provider: 'gcp' });
    expect(workers[1].received[1]).toMatchObject({ kind: 'square', n: 3 });
  });
});

function inputWith(policyText: string): EvaluationInput {
  return { policyText, provider: 'aws', token: { ok: true, token: claimsToken({ sub: 'x' }) }, at: 1_700_000_000 };
}

describe('EvaluationClient.evaluate', () => {
  it('rejects an input replaced before it started, and one whose reader went away, without running it', async () => {
    const workers: StandInWorker[] = [];
    const client = new EvaluationClient(() => {
      const worker = new StandInWorker();
      workers.push(worker);
      return worker as unknown as Worker;
    });
    const first = client.evaluate(inputWith('a'));
    const replaced = client.evaluate(inputWith('b'));
    const gone = new AbortController();
    const abandoned = client.evaluate(inputWith('c'), gone.signal);
    await expect(replaced).rejects.toThrow('replaced by a newer input');
    gone.abort(new Error('nobody shows it'));
    await expect(abandoned).rejects.toThrow('nobody shows it');
    const newest = client.evaluate(inputWith('d'));
    const [a] = workers[0].calls();
    workers[0].reply({ kind: 'started', id: a.id });
    workers[0].reply({ kind: 'result', id: a.id, result: { provider: 'aws', decision: 'allow', message: 'a', checks: [], findings: [], details: {} } });
    await expect(first).resolves.toMatchObject({ message: 'a' });
    const texts = workers[0].calls().map((call) => (call.input as EvaluationInput).policyText);
    expect(texts).toEqual(['a', 'd']);
    const d = workers[0].calls()[1];
    workers[0].reply({ kind: 'result', id: d.id, result: { provider: 'aws', decision: 'deny', message: 'd', checks: [], findings: [], details: {} } });
    await expect(newest).resolves.toMatchObject({ decision: 'deny' });
  });
});
