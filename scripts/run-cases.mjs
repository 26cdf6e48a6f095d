#!/usr/bin/env node
// Runs every acceptance case through `trustlens test`: the project's copies of the shared cases,
// its own cases (fixtures/own) and, when present, ../shared/cases. Disputed cases (fixtures/disputed.json, with evidence) are run by the unit
// suite, which pins the engine's answer; here they are left out so the closing line is honest.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const disputed = JSON.parse(readFileSync(join(root, 'fixtures/disputed.json'), 'utf8'));
const files = [];
for (const folder of [join(root, 'fixtures/cases'), join(root, 'fixtures/own'), join(root, '../shared/cases')]) {
  if (!existsSync(folder)) continue;
  for (const provider of readdirSync(folder).sort()) {
    for (const name of readdirSync(join(folder, provider)).sort()) {
      if (!name.endsWith('.json') || `${provider}/${name.replace(/\.json$/, '')}` in disputed) continue;
      files.push(join(folder, provider, name));
    }
  }
}
// Bundle the current sources first: the cases then exercise the very command `npm ci` installs.
const bundled = spawnSync(process.execPath, [join(root, 'scripts/build-cli.mjs'), '--quiet'], { stdio: 'inherit' });
if (bundled.status !== 0) process.exit(bundled.status ?? 1);
const run = spawnSync(process.execPath, [join(root, 'bin/trustlens.mjs'), 'test', ...files], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
const lines = run.stdout.trim().split('\n');
for (const line of lines) if (!line.startsWith('PASS ')) console.log(line);
console.log(`acceptance cases: ${files.length} files, ${Object.keys(disputed).length} disputed (see fixtures/disputed.json)`);
process.exit(run.status ?? 1);
