// The page's side of the evaluation worker, against a stand-in worker whose answers the test
// controls: newest input wins, an overrun is stopped with an error verdict, downloads do not count.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EvaluationInput } from '../../engine/evaluate-with';
import type { EvaluationResult } from '../../engine/result';
import { claimsToken } from '../../engine/token';
import { EvaluationClient, tooExpensiveMessage } from './client';
import type { WorkerRequest, WorkerResponse } from './protocol';

class StandInWorker {
  onmessage: ((event: MessageEvent<WorkerResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  received: WorkerRequest[] = [];
  terminated = false;
  postMessage(request: WorkerRequest) {
    this.received.push(request);
  }
  terminate() {
    this.terminated = true;
  }
  evaluations() {
    return this.received.filter((r): r is Extract<WorkerRequest, { kind: 'evaluate' }> => r.kind === 'evaluate');
  }
  send(message: WorkerResponse) {
    this.onmessage?.({ data: message } as MessageEvent<WorkerResponse>);
  }
  answer(index: number, decision: EvaluationResult['decision'] = 'allow') {
    const request = this.evaluations()[index];
    this.send({ kind: 'started', id: request.id });
    this.send({ kind: 'result', id: request.id, result: { provider: 'aws', decision, message: request.input.policyText, checks: [], findings: [], details: {} } });
  }
}

function inputWith(policyText: string, at = 1_700_000_000): EvaluationInput {
  return { policyText, provider: 'aws', token: { ok: true, token: claimsToken({ sub: 'x' }) }, at };
}

describe('EvaluationClient', () => {
  let workers: StandInWorker[];
  let client: EvaluationClient;
  beforeEach(() => {
    vi.useFakeTimers();
    workers = [];
    client = new EvaluationClient(() => {
      const worker = new StandInWorker();
      workers.push(worker);
      return worker as unknown as Worker;
    }, 3_000);
  });
  afterEach(() => vi.useRealTimers());

  it('starts a worker told, as it is made, the providers to fetch; a successor is told them too', () => {
    const told: Array<readonly string[]> = [];
    const made: StandInWorker[] = [];
    const named = new EvaluationClient((preload) => {
      told.push(preload);
      made.push(new StandInWorker());
      return made[made.length - 1] as unknown as Worker;
    }, 3_000);
    named.preload('vault');
    named.preload('aws');
    expect(told).toEqual([['vault']]);
    // An overrun stops the worker; its successor starts at once.
    named.submit(inputWith('slow'), () => undefined);
    made[0].send({ kind: 'started', id: made[0].evaluations()[0].id });
    vi.advanceTimersByTime(3_000);
    expect(told).toEqual([['vault'], ['vault', 'aws']]);
  });

  it('runs one evaluation at a time and skips inputs replaced while it runs', () => {
    const delivered: string[] = [];
    client.submit(inputWith('a'), (r) => delivered.push(r.message));
    client.submit(inputWith('b'), (r) => delivered.push(r.message));
    client.submit(inputWith('c'), (r) => delivered.push(r.message));
    expect(workers[0].evaluations().map((r) => r.input.policyText)).toEqual(['a']);
    workers[0].answer(0);
    expect(workers[0].evaluations().map((r) => r.input.policyText)).toEqual(['a', 'c']);
    workers[0].answer(1);
    expect(delivered).toEqual(['a', 'c']);
  });

  it('stops an evaluation that overruns the deadline, answers with an error and starts a fresh worker', () => {
    const delivered: EvaluationResult[] = [];
    client.preload('gcp');
    client.submit(inputWith('slow'), (r) => delivered.push(r));
    workers[0].send({ kind: 'started', id: workers[0].evaluations()[0].id });
    vi.advanceTimersByTime(2_999);
    expect(delivered).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(workers[0].terminated).toBe(true);
    expect(delivered).toHaveLength(1);
    expect(delivered[0].decision).toBe('error');
    expect(delivered[0].message).toBe('too expensive to evaluate in the browser (stopped after 3 s)');
    expect(delivered[0].message).toBe(tooExpensiveMessage(3_000));
    // The fresh worker is warmed with the providers the first one had.
    expect(workers).toHaveLength(2);
    expect(workers[1].received).toEqual([{ kind: 'preload', provider: 'gcp' }]);
    // The next input goes to the fresh worker.
    client.submit(inputWith('fast'), (r) => delivered.push(r));
    workers[1].answer(0);
    expect(delivered.map((r) => r.decision)).toEqual(['error', 'allow']);
  });

  it('abandons an evaluation running for a second or more when a newer input arrives', () => {
    const delivered: string[] = [];
    client.submit(inputWith('slow'), (r) => delivered.push(r.message));
    client.submit(inputWith('queued'), (r) => delivered.push(r.message));
    workers[0].send({ kind: 'started', id: workers[0].evaluations()[0].id });
    vi.advanceTimersByTime(999);
    client.submit(inputWith('still queued'), (r) => delivered.push(r.message));
    expect(workers).toHaveLength(1);
    vi.advanceTimersByTime(1);
    client.submit(inputWith('newest'), (r) => delivered.push(r.message));
    expect(workers[0].terminated).toBe(true);
    expect(workers[1].evaluations().map((r) => r.input.policyText)).toEqual(['newest']);
    workers[1].answer(0);
    expect(delivered).toEqual(['newest']);
    // Abandoned is not stopped: the slow input is evaluated again if it comes back.
    client.submit(inputWith('slow'), (r) => delivered.push(r.message));
    expect(workers[1].evaluations().map((r) => r.input.policyText)).toEqual(['newest', 'slow']);
  });

  it('does not run a stopped input again when only the instant moved on', () => {
    const delivered: EvaluationResult[] = [];
    client.submit(inputWith('slow', 1), (r) => delivered.push(r));
    workers[0].send({ kind: 'started', id: workers[0].evaluations()[0].id });
    vi.advanceTimersByTime(3_000);
    client.submit(inputWith('slow', 2), (r) => delivered.push(r));
    expect(workers[1]?.evaluations() ?? []).toEqual([]);
    expect(delivered.map((r) => r.decision)).toEqual(['error', 'error']);
  });

  it('asks the worker once to fetch the HCL library for text that reads as Terraform, and asks a fresh worker again', () => {
    client.warm();
    client.preloadReaderFor('{"Version": "2012-10-17"}');
    expect(workers[0].received).toEqual([]);
    client.preloadReaderFor('resource "aws_iam_role" "deploy" {\n}\n');
    client.preloadReaderFor('resource "aws_iam_role" "deploy" {\n  name = "x"\n}\n');
    expect(workers[0].received).toEqual([{ kind: 'preload-hcl' }]);
    client.submit(inputWith('slow'), () => undefined);
    workers[0].send({ kind: 'started', id: workers[0].evaluations()[0].id });
    vi.advanceTimersByTime(3_000);
    expect(workers[1].received).toEqual([{ kind: 'preload-hcl' }]);
  });

  it('tells its subscribers when the worker has the HCL library, and that a fresh worker has not', () => {
    const seen: boolean[] = [];
    const unsubscribe = client.subscribeReader(() => seen.push(client.hasReader()));
    client.preloadReaderFor('resource "aws_iam_role" "deploy" {\n}\n');
    expect(client.hasReader()).toBe(false);
    workers[0].send({ kind: 'notice', notice: 'reader-ready' });
    workers[0].send({ kind: 'notice', notice: 'reader-ready' });
    expect(client.hasReader()).toBe(true);
    // An overrun replaces the worker: the verdict must be asked for again once the new one has it.
    client.submit(inputWith('slow'), () => undefined);
    workers[0].send({ kind: 'started', id: workers[0].evaluations()[0].id });
    vi.advanceTimersByTime(3_000);
    expect(client.hasReader()).toBe(false);
    // The stopped worker's late news is not the new worker's.
    workers[0].send({ kind: 'notice', notice: 'reader-ready' });
    expect(client.hasReader()).toBe(false);
    workers[1].send({ kind: 'notice', notice: 'reader-ready' });
    expect(seen).toEqual([true, false, true]);
    unsubscribe();
  });

  it('does not count the download of a provider against the deadline', () => {
    const delivered: EvaluationResult[] = [];
    client.submit(inputWith('a'), (r) => delivered.push(r));
    vi.advanceTimersByTime(10_000);
    expect(workers[0].terminated).toBe(false);
    workers[0].answer(0);
    expect(delivered.map((r) => r.decision)).toEqual(['allow']);
  });

  it('a failing worker gives an error verdict, not silence', () => {
    const delivered: EvaluationResult[] = [];
    client.submit(inputWith('a'), (r) => delivered.push(r));
    workers[0].onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent);
    expect(delivered[0].decision).toBe('error');
    expect(delivered[0].message).toContain('boom');
  });
});
