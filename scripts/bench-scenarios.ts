/**
 * `trustlens test` on long scenario files for `npm run bench`: 100,000 decision scenarios (as JSON
 * and as YAML) and 1,000 exposure scenarios written by scripts/generate-scenarios.mjs, run through
 * the bundled command as a CI job runs it; wall time and peak memory (from /usr/bin/time when present).
 * Printed, never asserted.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function measure(root: string, file: string, goal: string): string {
  const time = '/usr/bin/time';
  const command = [join(root, 'bin/trustlens.mjs'), 'test', file];
  const started = performance.now();
  const run = existsSync(time)
    ? spawnSync(time, ['-f', '%M', process.execPath, ...command], { encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(process.execPath, command, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = (performance.now() - started) / 1000;
  const closing = run.stdout.trim().split('\n').at(-1) ?? '';
  const peak = existsSync(time) ? Number(run.stderr.trim().split('\n').at(-1)) : NaN;
  const memory = Number.isFinite(peak) ? `, peak ${(peak / 1024).toFixed(0)} MB` : '';
  return `${seconds.toFixed(1)} s${memory} (${closing}${goal})`;
}

export function benchScenarios(root: string): Array<[string, string]> {
  const built = spawnSync(process.execPath, [join(root, 'scripts/build-cli.mjs'), '--quiet'], { stdio: 'inherit' });
  if (built.status !== 0) return [['trustlens test, long files', 'the CLI bundle could not be built']];
  const dir = mkdtempSync(join(tmpdir(), 'trustlens-bench-'));
  try {
    const rows: Array<[string, string]> = [];
    for (const [label, args, goal, extension] of [
      ['trustlens test: 100,000 scenarios (JSON)', ['100000'], '; goal ≤ 10 s, ≤ 500 MB', 'json'],
      ['trustlens test: 100,000 scenarios (YAML)', ['100000', '--yaml'], '', 'yaml'],
      ['trustlens test: 1,000 exposure scenarios', ['1000', '--exposure'], '', 'json'],
    ] as const) {
      const file = join(dir, `${args.join('')}.${extension}`);
      const out = openSync(file, 'w');
      spawnSync(process.execPath, [join(root, 'scripts/generate-scenarios.mjs'), ...args], { stdio: ['ignore', out, 'inherit'] });
      closeSync(out);
      rows.push([label, measure(root, file, goal)]);
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
