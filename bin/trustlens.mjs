#!/usr/bin/env node
// Runs the prebuilt bundle (build/cli/, made by `npm ci` through `prepare`, or `node scripts/build-cli.mjs`)
// when it was built from exactly the sources on disk, and the TypeScript sources through tsx otherwise:
// a missing or out-of-date bundle costs start-up time, never a wrong answer. An installed package
// holds the bundle only, and runs it.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'build/cli/trustlens.mjs');

function bundleIsCurrent() {
  if (process.env.TRUSTLENS_FROM_SOURCE === '1') return false;
  // An installed package (npm pack) ships the bundle without the sources it was built from.
  if (!existsSync(join(root, 'src/cli/main.ts'))) return existsSync(bundle);
  try {
    const { inputs } = JSON.parse(readFileSync(join(root, 'build/cli/inputs.json'), 'utf8'));
    statSync(bundle);
    return inputs.every(({ path, mtimeMs, size }) => {
      const stats = statSync(join(root, path));
      return stats.mtimeMs === mtimeMs && stats.size === size;
    });
  } catch {
    return false;
  }
}

let main;
if (bundleIsCurrent()) {
  ({ main } = await import(pathToFileURL(bundle).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
