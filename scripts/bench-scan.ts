/**
 * `trustlens scan` over a generated 5,000-role account export (scripts/scan-export.ts) for
 * `npm run bench`: wall time and peak resident memory of the whole command, measured with
 * /usr/bin/time -v where it exists. Goal: ≤ 5 s and ≤ 500 MB on a 2-core machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateAccountExport } from './scan-export';

export function benchScan(root: string, roles = 5000): Array<[string, string]> {
  const work = mkdtempSync(join(tmpdir(), 'trustlens-scan-bench-'));
  try {
    const file = join(work, 'account.json');
    writeFileSync(file, generateAccountExport(roles));
    const command = [join(root, 'bin/trustlens.mjs'), 'scan', file, '--format', 'json', '--at', '2026-05-28T20:26:50Z'];
    const timed = existsSync('/usr/bin/time');
    const start = performance.now();
    const run = timed ? spawnSync('/usr/bin/time', ['-v', process.execPath, ...command], { encoding: 'utf8', maxBuffer: 1 << 28 }) : spawnSync(process.execPath, command, { encoding: 'utf8', maxBuffer: 1 << 28 });
    const ms = performance.now() - start;
    if (run.status !== 0) return [[`scan ${roles} roles`, `failed with status ${run.status}: ${run.stderr.split('\n')[0]}`]];
    const report = JSON.parse(run.stdout) as { scanned: number; skipped: number; configurations: unknown[] };
    const rss = timed ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1] ?? NaN) / 1024 : NaN;
    return [
      [`scan a ${roles}-role account export (wall time)`, `${(ms / 1000).toFixed(2)} s (${report.configurations.length} trust an OIDC issuer, ${report.skipped} skipped; goal ≤ 5 s)`],
      [`scan a ${roles}-role account export (peak RSS)`, Number.isNaN(rss) ? 'not measured (no /usr/bin/time)' : `${rss.toFixed(0)} MB (goal ≤ 500 MB)`],
    ];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('bench-scan.ts')) {
  for (const [name, value] of benchScan(join(import.meta.dirname, '..'))) console.log(`${name}: ${value}`);
}
