// The page's side of the analysis worker, against a stand-in worker whose answers the test controls.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AnalysisClient, analysisTooExpensive } from './analysis-client';
import type { AnalysisRequest, AnalysisResponse, AnalysisTask } from './analysis-protocol';

class StandInWorker {
  onmessage: ((event: MessageEvent<AnalysisResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  received: AnalysisRequest[] = [];
  terminated = false;
  postMessage(request: AnalysisRequest) {
    this.received.push(request);
  }
  terminate() {
    this.terminated = true;
  }
  reply(response: AnalysisResponse) {
    this.onmessage?.({ data: response } as MessageEvent<AnalysisResponse>);
  }
}

const task: AnalysisTask = { kind: 'matrix', configuration: { provider: 'aws', policy: '{}' }, entries: [] };

describe('AnalysisClient', () => {
  let workers: StandInWorker[];
  let client: AnalysisClient;
  beforeEach(() => {
    vi.useFakeTimers();
    workers = [];
    client = new AnalysisClient(() => {
      const worker = new StandInWorker();
      workers.push(worker);
      return worker as unknown as Worker;
    }, 5_000);
  });
  afterEach(() => vi.useRealTimers());

  it('answers each task with its own reply, one worker for all', async () => {
    const first = client.run(task);
    const second = client.run(task);
    await vi.advanceTimersByTimeAsync(0);
    expect(workers).toHaveLength(1);
    const [a, b] = workers[0].received;
    workers[0].reply({ id: b.id, ok: true, value: ['second'] });
    workers[0].reply({ id: a.id, ok: false, error: 'bad input' });
    await expect(second).resolves.toEqual(['second']);
    await expect(first).rejects.toThrow('bad input');
  });

  it('stops an analysis that overruns the deadline, fails what waited on it, and starts afresh', async () => {
    const slow = client.run(task);
    const failed = expect(slow).rejects.toThrow(analysisTooExpensive(5_000));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(workers[0].terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await failed;
    expect(workers[0].terminated).toBe(true);
    const next = client.run(task);
    await vi.advanceTimersByTimeAsync(0);
    expect(workers).toHaveLength(2);
    workers[1].reply({ id: workers[1].received[0].id, ok: true, value: [] });
    await expect(next).resolves.toEqual([]);
  });

  it('a failing worker fails its tasks in words, not silence', async () => {
    const pending = client.run(task);
    await vi.advanceTimersByTimeAsync(0);
    workers[0].onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent);
    await expect(pending).rejects.toThrow('boom');
  });
});
