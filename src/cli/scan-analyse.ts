/**
 * The analysis step of a scan. Identical configurations are analysed once (an account often
 * holds many roles with one trust policy). When many distinct ones remain and the machine has
 * more than one core, they are spread over worker threads, one per core; otherwise they run in
 * this thread. Progress is reported about once a second.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { analyseConfiguration, analyseOne, cacheKey, type AnalysisCache, type AnalysisOutcome, type ScanConfiguration, type ScanError, type ScannedConfiguration } from '../engine/scan/index';
import type { WorkerReply, WorkerRequest } from './scan-worker';

export type Progress = (done: number, total: number) => void;

/**
 * Below this many distinct configurations, starting workers costs more than it saves: each loads
 * the engine (a few hundred milliseconds of CPU) and one analysis takes a few milliseconds, so on
 * two cores the 276 distinct policies of the generated 5,000-role export run faster in one thread.
 */
export const WORKER_THRESHOLD = 1000;

export interface Spread {
  /** Worker threads to use (the machine's cores by default); 1 keeps everything in this thread. */
  workers?: number;
  threshold?: number;
  /** Told how many worker threads did the analyses, when they did. */
  onWorkers?: (count: number) => void;
}

/** The worker's code: the bundled file beside the CLI bundle, or the TypeScript source in development. */
function workerFile(): { path: string; typescript: boolean } | null {
  for (const relative of ['./scan-worker.mjs', '../scan-worker.mjs', './scan-worker.ts']) {
    const path = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(path)) return { path, typescript: path.endsWith('.ts') };
  }
  return null;
}

/** In development the worker reads the TypeScript source through tsx, as bin/trustlens.mjs does. */
function sourceLoader(path: string): string {
  // The ES module entry of tsx's API (require.resolve names its CommonJS twin beside it).
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  return `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(pathToFileURL(path).href)}); });`;
}

async function inWorkers(unique: ScanConfiguration[], at: number, count: number, progress: (done: number) => void): Promise<AnalysisOutcome[] | null> {
  const file = workerFile();
  if (!file) return null;
  const outcomes: AnalysisOutcome[] = new Array(unique.length);
  let done = 0;
  // Round-robin shares: neighbouring roles of an export are often alike in cost.
  const shares = Array.from({ length: count }, (_, worker) => unique.map((configuration, index) => ({ index, configuration })).filter(({ index }) => index % count === worker));
  await Promise.all(
    shares.map(
      (items) =>
        new Promise<void>((resolve, reject) => {
          const worker = file.typescript ? new Worker(sourceLoader(file.path), { eval: true }) : new Worker(file.path);
          worker.on('message', (reply: WorkerReply) => {
            if ('done' in reply) {
              void worker.terminate();
              resolve();
              return;
            }
            outcomes[reply.index] = reply.outcome;
            progress(++done);
          });
          worker.on('error', reject);
          worker.postMessage({ at, items } satisfies WorkerRequest);
        }),
    ),
  );
  return outcomes;
}

export async function analyseAll(configurations: ScanConfiguration[], at: number, progress: Progress, { workers = availableParallelism(), threshold = WORKER_THRESHOLD, onWorkers }: Spread = {}): Promise<Array<{ configuration: ScannedConfiguration } | { error: ScanError }>> {
  const cache: AnalysisCache = new Map();
  const unique = new Map<string, ScanConfiguration>();
  for (const configuration of configurations) if (!unique.has(cacheKey(configuration))) unique.set(cacheKey(configuration), configuration);
  const distinct = [...unique.values()];
  let last = Date.now();
  const tick = (done: number) => {
    if (Date.now() - last < 1000) return;
    last = Date.now();
    progress(done, distinct.length);
  };
  let outcomes: AnalysisOutcome[] | null = null;
  if (distinct.length >= threshold && workers > 1) {
    try {
      outcomes = await inWorkers(distinct, at, workers, tick);
    } catch {
      outcomes = null;
    }
  }
  if (outcomes) {
    onWorkers?.(workers);
    distinct.forEach((configuration, index) => cache.set(cacheKey(configuration), outcomes![index]));
  } else {
    for (const [index, configuration] of distinct.entries()) {
      cache.set(cacheKey(configuration), safely(configuration, at));
      if (Date.now() - last >= 1000) {
        tick(index + 1);
        // Lets the progress line out.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }
  return configurations.map((configuration) => analyseConfiguration(configuration, at, cache));
}

function safely(configuration: ScanConfiguration, at: number): AnalysisOutcome {
  try {
    return analyseOne(configuration, at);
  } catch (error) {
    return { ok: false, message: `internal error while analysing: ${error instanceof Error ? error.message : String(error)}` };
  }
}
