/**
 * Worker threads for exposure scenarios, one per core: each analysis takes milliseconds, so a file
 * of thousands of them runs on every core while the main thread reads and decides the rest.
 * The bundled command runs build/cli/exposure-worker.mjs; the TypeScript sources run their own
 * worker through tsx.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ExposureOutcome } from './exposure-scenario';
import type { Scenario } from './scenarios';

interface Waiting {
  resolve: (outcome: ExposureOutcome) => void;
  reject: (error: Error) => void;
}

/** The worker: the bundled script, or (running from the TypeScript sources) a loader that registers tsx first. */
function workerScript(): { code: string; eval: boolean } | null {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    // The ES module entry of tsx's API (require.resolve names its CommonJS twin, in the same folder).
    const tsx = pathToFileURL(createRequire(here).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
    const worker = new URL('./exposure-worker.ts', here).href;
    return { code: `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(worker)}); });`, eval: true };
  }
  // The bundle's entry sits in build/cli/, its shared code possibly in build/cli/chunks/.
  for (const candidate of ['./exposure-worker.mjs', '../exposure-worker.mjs']) {
    const path = fileURLToPath(new URL(candidate, here));
    if (existsSync(path)) return { code: path, eval: false };
  }
  return null;
}

export class ExposurePool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private turn = 0;

  private constructor(script: { code: string; eval: boolean }, size: number) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script.code, { eval: script.eval });
      worker.on('message', (reply: { id: number; outcome?: ExposureOutcome; error?: string }) => {
        const waiting = this.waiting.get(reply.id);
        this.waiting.delete(reply.id);
        if (reply.outcome) waiting?.resolve(reply.outcome);
        else waiting?.reject(new Error(reply.error ?? 'exposure worker failed'));
      });
      worker.on('error', (error) => {
        for (const waiting of this.waiting.values()) waiting.reject(error);
        this.waiting.clear();
      });
      this.workers.push(worker);
    }
  }

  /** A pool sized to the cores, or null where no worker script is found (the caller runs inline). */
  static start(size = availableParallelism()): ExposurePool | null {
    const script = workerScript();
    return script ? new ExposurePool(script, Math.max(1, size)) : null;
  }

  run(scenario: Scenario, file: string, now: number): Promise<ExposureOutcome> {
    const id = this.nextId++;
    const worker = this.workers[this.turn++ % this.workers.length];
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, scenario, file, now });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
