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

  it('evaluates a verdict read before the HCL library arrived again once the worker has it, unless the input changed', () => {
    const delivered: Array<[string, boolean]> = [];
    const deliver = (r: EvaluationResult) => delivered.push([r.message, (r.details.iac as { unchecked?: boolean } | undefined)?.unchecked === true]);
    const reply = (index: number, unchecked: boolean) => {
      const request = workers[0].evaluations()[index];
      workers[0].send({ kind: 'started', id: request.id });
      workers[0].send({ kind: 'result', id: request.id, result: { provider: 'aws', decision: 'allow', message: request.input.policyText, checks: [], findings: [], details: { iac: { format: 'terraform', resources: [], ...(unchecked ? { unchecked: true } : {}) } } } });
    };
    client.submit(inputWith('tf 1'), deliver);
    reply(0, true);
    client.submit(inputWith('tf 2'), deliver);
    reply(1, true);
    expect(workers[0].evaluations()).toHaveLength(2);
    workers[0].send({ kind: 'reader-ready' });
    // Only the newest input is evaluated again.
    expect(workers[0].evaluations().map((r) => r.input.policyText)).toEqual(['tf 1', 'tf 2', 'tf 2']);
    reply(2, false);
    expect(delivered).toEqual([['tf 1', true], ['tf 2', true], ['tf 2', false]]);
    // Checked now: nothing runs again.
    workers[0].send({ kind: 'reader-ready' });
    expect(workers[0].evaluations()).toHaveLength(3);
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
