/**
 * CLI start-up for `npm run bench`: `trustlens --help` and `trustlens eval` against `node -e 0`,
 * all measured in this run, interleaved, as the median of several cold processes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleById } from '../src/engine/examples';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function wallTime(args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { stdio: 'ignore', env });
  const ms = performance.now() - start;
  if (run.status !== 0 && run.status !== 1) throw new Error(`node ${args.join(' ')} exited with ${run.status}`);
  return ms;
}

export function benchCli(root: string, runs = 11): Array<[string, string]> {
  const built = spawnSync(process.execPath, [join(root, 'scripts/build-cli.mjs'), '--quiet'], { stdio: 'inherit' });
  if (built.status !== 0) return [['CLI cold start', 'the CLI bundle could not be built']];
  const example = exampleById('gitlab-aws-branch')!;
  const work = mkdtempSync(join(tmpdir(), 'trustlens-bench-'));
  try {
    writeFileSync(join(work, 'policy.json'), example.policy);
    writeFileSync(join(work, 'claims.json'), JSON.stringify(example.claims));
    const bin = join(root, 'bin/trustlens.mjs');
    const evalArgs = [bin, 'eval', '--policy', join(work, 'policy.json'), '--claims', join(work, 'claims.json'), '--at', String(example.at)];
    const commands: Record<string, string[]> = { node: ['-e', '0'], help: [bin, '--help'], eval: evalArgs };
    const times: Record<string, number[]> = { node: [], help: [], eval: [] };
    // One warm-up of each (file system cache), then interleaved runs so load affects all alike.
    for (const args of Object.values(commands)) wallTime(args);
    for (let i = 0; i < runs; i++) for (const [name, args] of Object.entries(commands)) times[name].push(wallTime(args));
    const fromSource = [0, 1, 2].map(() => wallTime(evalArgs, { ...process.env, TRUSTLENS_FROM_SOURCE: '1' }));
    const node = median(times.node);
    const ratio = (ms: number) => `${ms.toFixed(0)} ms, ${(ms / node).toFixed(1)}× node -e 0 (target ≤ 300 ms and ≤ 5×)`;
    return [
      [`CLI: node -e 0 (median of ${runs})`, `${node.toFixed(0)} ms`],
      [`CLI: trustlens --help cold (median of ${runs})`, ratio(median(times.help))],
      [`CLI: trustlens eval cold, aws (median of ${runs})`, ratio(median(times.eval))],
      ['CLI: trustlens eval from the TypeScript sources (tsx, no bundle; median of 3)', `${median(fromSource).toFixed(0)} ms, ${(median(fromSource) / node).toFixed(1)}× node -e 0`],
    ];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
