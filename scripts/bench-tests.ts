/**
 * `npm run bench -- --tests`: times `npm test` step by step on this machine. Off by default, since
 * it takes as long as the suite itself; printed, never asserted.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const GOAL_SECONDS = 5 * 60;

/** The `npm run` steps of package.json's "test" script, in its order, read rather than restated. */
function testSteps(root: string): string[] {
  const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  return scripts.test.split('&&').map((part) => part.trim().replace(/^npm run /, ''));
}

export function benchTests(root: string, wanted: boolean): Array<[string, string]> {
  if (!wanted) return [['npm test, step by step', `not timed (npm run bench -- --tests; goal under ${GOAL_SECONDS / 60} minutes)`]];
  const rows: Array<[string, string]> = [];
  let total = 0;
  for (const step of testSteps(root)) {
    const start = performance.now();
    const run = spawnSync('npm', ['run', '--silent', step], { cwd: root, stdio: 'ignore' });
    const seconds = (performance.now() - start) / 1000;
    total += seconds;
    rows.push([`npm test: ${step}`, `${seconds.toFixed(0)} s${run.status === 0 ? '' : ` (FAILED, exit ${run.status})`}`]);
  }
  rows.push(['npm test: all steps', `${(total / 60).toFixed(1)} min (goal under ${GOAL_SECONDS / 60} min on a quiet 2-core machine)`]);
  return rows;
}
