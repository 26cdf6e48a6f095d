import { parseArgs } from './args';
import { dirname, resolve } from 'node:path';
import { wantsHelp } from './eval';
import { ExposurePool } from './exposure-pool';
import { runExposureScenario, type ExposureOutcome } from './exposure-scenario';
import type { CliIO } from './io';
import { OutputSpool } from './output-spool';
import { ScenarioDecider } from './scenario-decide';
import { streamScenarios } from './scenario-stream';
import { loadScenarioFile, messageMatches, type Scenario } from './scenarios';

export const TEST_USAGE = 'usage: trustlens test FILE... [--format text|json]';

interface Outcome {
  file: string;
  name: string;
  passed: boolean;
  expected: { decision?: string; message?: string | string[] };
  actual: { decision: string; message: string } | null;
  error?: string;
}

/** Progress is shown once a run has taken this long, and redrawn at most this often. */
const PROGRESS_AFTER_MS = 1000;
const PROGRESS_EVERY_MS = 200;
/** Exposure scenarios run in the main thread until this many: a short file is not worth starting workers. */
const INLINE_EXPOSURE = 32;
/** Outcomes waiting for an earlier exposure analysis before they can be written in order. */
const MAX_IN_FLIGHT = 256;

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * One `trustlens test` run: scenarios are decided as they are read, their lines held in a spool
 * (nothing reaches standard output unless the run completes) and counted.
 */
class TestRun {
  passed = 0;
  failed = 0;
  readonly spool = new OutputSpool();
  private readonly decider = new ScenarioDecider();
  private readonly started: number;
  private lastProgress = 0;
  private showedProgress = false;
  private exposures = 0;
  private pool: ExposurePool | null | undefined;
  /** Outcomes in file order, some still being analysed by a worker. */
  private inFlight: Array<Promise<Outcome>> = [];

  constructor(
    private readonly io: CliIO,
    private readonly format: 'text' | 'json',
    private readonly now: number,
  ) {
    this.started = Date.now();
  }

  /** Runs one file; the input error that stops the run, or null. */
  async runFile(file: string): Promise<string | null> {
    const mark = { spool: this.spool.mark(), passed: this.passed, failed: this.failed };
    if (this.io.openFile) {
      const policyFiles = new Map<string, string>();
      const stream = streamScenarios(this.io.openFile(file), file);
      let streamed: boolean;
      for (;;) {
        let next: IteratorResult<Scenario, 'done' | 'whole'>;
        try {
          next = await stream.next();
        } catch (error) {
          return `cannot read ${file}: ${reason(error)}`;
        }
        if (next.done) {
          streamed = next.value === 'done';
          break;
        }
        // A policyFile that cannot be read: the whole-file reader reports it after checking every scenario, as it always has.
        if ((await this.runScenario(next.value, file, policyFiles)) !== null) {
          await stream.return('whole');
          streamed = false;
          break;
        }
      }
      await this.settle();
      if (streamed) return null;
      this.spool.reset(mark.spool);
      this.passed = mark.passed;
      this.failed = mark.failed;
    }
    let text: string;
    try {
      text = await this.io.readFile(file);
    } catch (error) {
      return `cannot read ${file}: ${reason(error)}`;
    }
    const loaded = loadScenarioFile(text, file);
    if (!loaded.ok) return loaded.error;
    const policyFiles = new Map<string, string>();
    for (const scenario of loaded.scenarios) {
      const problem = await this.runScenario(scenario, file, policyFiles);
      if (problem !== null) return problem;
    }
    await this.settle();
    return null;
  }

  private async runScenario(scenario: Scenario, file: string, policyFiles: Map<string, string>): Promise<string | null> {
    let policyText = scenario.policyText;
    let policyName = `${file} (policy)`;
    if (scenario.policyFile !== undefined) {
      // Named by path so that the scenarios test the real file, resolved beside the scenario file.
      const path = resolve(dirname(file), scenario.policyFile);
      if (!policyFiles.has(path)) {
        try {
          policyFiles.set(path, await this.io.readFile(path));
        } catch (error) {
          return `${file}: cannot read policyFile ${scenario.policyFile}: ${reason(error).replace(/^[A-Z]+: /, '')}`;
        }
      }
      policyText = policyFiles.get(path)!;
      policyName = scenario.policyFile;
    }
    if (scenario.exposure) {
      const name = `${scenario.name} (exposure)`;
      const pool = this.poolFor();
      if (pool) {
        const job = { ...scenario, policyText };
        // A worker that fails leaves its scenario to the main thread.
        const outcome = pool.run(job, file, this.now).catch((): ExposureOutcome => runExposureScenario(job, file, this.now));
        await this.enqueue(outcome.then((result) => ({ file, name, ...result })));
      }
      else await this.enqueue({ file, name, ...runExposureScenario({ ...scenario, policyText }, file, this.now) });
      if (scenario.expect.decision === undefined) return null;
    }
    const request = {
      policyText,
      policyName,
      tokenText: scenario.tokenText,
      tokenName: `${file} (${scenario.tokenKind})`,
      tokenKind: scenario.tokenKind,
      provider: scenario.provider,
      at: scenario.at ?? this.now,
      options: scenario.options,
    };
    let result = await this.decider.decide(request, scenario.claimsValue);
    let passed = result.decision === scenario.expect.decision && messageMatches(result.message, scenario.expect.message);
    if (!passed) {
      // A failure is shown in the traced evaluation's own words.
      result = await this.decider.explain(request);
      passed = result.decision === scenario.expect.decision && messageMatches(result.message, scenario.expect.message);
    }
    await this.enqueue({ file, name: scenario.name, passed, expected: scenario.expect, actual: { decision: result.decision, message: result.message } });
    return null;
  }

  private poolFor(): ExposurePool | null {
    if (++this.exposures <= INLINE_EXPOSURE) return null;
    if (this.pool === undefined) this.pool = ExposurePool.start();
    return this.pool;
  }

  /** Records an outcome in file order: at once when nothing is pending before it. */
  private async enqueue(outcome: Outcome | Promise<Outcome>): Promise<void> {
    if (this.inFlight.length === 0 && !(outcome instanceof Promise)) {
      this.record(outcome);
      return;
    }
    this.inFlight.push(Promise.resolve(outcome));
    while (this.inFlight.length > MAX_IN_FLIGHT) this.record(await this.inFlight.shift()!);
  }

  /** Records every pending outcome. */
  async settle(): Promise<void> {
    while (this.inFlight.length > 0) this.record(await this.inFlight.shift()!);
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }

  private record(o: Outcome): void {
    if (this.format === 'json') {
      const first = this.passed + this.failed === 0;
      this.spool.push(`${first ? '' : ',\n'}${JSON.stringify(o, null, 2).replace(/^/gm, '    ')}`);
    } else {
      const got = o.actual ? `${o.actual.decision}: ${o.actual.message}` : String(o.error);
      if (o.passed) this.spool.push(`PASS ${o.file} › ${o.name} (${got})\n`);
      else {
        const wanted = `${o.expected.decision}${o.expected.message ? ` with ${JSON.stringify(o.expected.message)}` : ''}`;
        this.spool.push(`FAIL ${o.file} › ${o.name}: expected ${wanted}, got ${got}\n`);
      }
    }
    if (o.passed) this.passed++;
    else this.failed++;
    this.progress();
  }

  private progress(): void {
    if (!this.io.progress || (this.passed + this.failed) % 256 !== 0) return;
    const now = Date.now();
    if (now - this.started < PROGRESS_AFTER_MS || now - this.lastProgress < PROGRESS_EVERY_MS) return;
    this.lastProgress = now;
    this.showedProgress = true;
    this.io.progress(`${this.passed + this.failed} scenarios…`);
  }

  clearProgress(): void {
    if (this.showedProgress) this.io.progress?.(null);
  }

  async finish(): Promise<void> {
    const { io } = this;
    const write = (text: string): void | Promise<void> => (io.stdoutFlowing ? io.stdoutFlowing(text) : io.stdout(text));
    if (this.format === 'json') {
      const any = this.passed + this.failed > 0;
      io.stdout(`{\n  "passed": ${this.passed},\n  "failed": ${this.failed},\n  "scenarios": [${any ? '\n' : ''}`);
      await this.spool.drain(write);
      io.stdout(`${any ? '\n  ' : ''}]\n}\n`);
    } else {
      await this.spool.drain(write);
      io.stdout(`${this.passed} passed, ${this.failed} failed\n`);
    }
  }
}

export async function testCommand(argv: string[], io: CliIO): Promise<number> {
  if (wantsHelp(argv)) {
    io.stdout(`${TEST_USAGE}\n`);
    return 0;
  }
  const args = parseArgs(argv, ['format']);
  if ('error' in args) {
    io.stderr(`trustlens: ${args.error}\n${TEST_USAGE}\n`);
    return 2;
  }
  const format = args.flags.get('format') ?? 'text';
  if (format !== 'text' && format !== 'json') {
    io.stderr(`trustlens: --format must be text or json, not ${format}\n`);
    return 2;
  }
  if (args.positional.length === 0) {
    io.stderr(`trustlens: no scenario files given\n${TEST_USAGE}\n`);
    return 2;
  }
  const run = new TestRun(io, format, Math.floor(io.now() / 1000));
  try {
    for (const file of args.positional) {
      const problem = await run.runFile(file);
      if (problem !== null) {
        run.clearProgress();
        io.stderr(`trustlens: ${problem}\n`);
        return 2;
      }
    }
    run.clearProgress();
    await run.finish();
  } finally {
    run.spool.dispose();
    await run.close();
  }
  return run.failed > 0 ? 1 : 0;
}
