#!/usr/bin/env node
// Bundles the command line (src/cli/main.ts and everything it imports, dependencies included)
// into build/cli/, so `trustlens` starts without compiling TypeScript. Run by `npm ci` (prepare)
// and before the acceptance cases. build/cli/inputs.json lists every project source the bundle
// was made from with its modification time and size: bin/trustlens.mjs runs the bundle only while
// all of them are unchanged, and the TypeScript sources otherwise.
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const outdir = join(root, 'build/cli');
const staging = join(root, `build/cli.${process.pid}.tmp`);

/** Every project file the bundle depends on, as seen before bundling, so an edit made during the build counts as a change. */
function stamp(path) {
  const stats = statSync(join(root, path));
  return { path, mtimeMs: stats.mtimeMs, size: stats.size };
}

async function bundle(outputDirectory, write = true) {
  return build({
    absWorkingDir: root,
    // Worker threads load their own entries beside the command's: the scan's and `trustlens test`'s exposure workers.
    entryPoints: { trustlens: 'src/cli/main.ts', 'scan-worker': 'src/cli/scan-worker.ts', 'exposure-worker': 'src/cli/exposure-worker.ts' },
    outdir: outputDirectory,
    bundle: true,
    // Providers load on demand (one chunk each), so `--help` and an AWS evaluation never parse CEL or RE2.
    splitting: true,
    format: 'esm',
    platform: 'node',
    // ES module builds first: jsonc-parser's CommonJS entry is a UMD wrapper that bundlers cannot follow.
    mainFields: ['module', 'main'],
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    // Some dependencies are CommonJS and call require() for Node built-ins.
    banner: { js: "import { createRequire as __trustlensRequire } from 'node:module'; const require = __trustlensRequire(import.meta.url);" },
    metafile: true,
    write,
    logLevel: 'warning',
    legalComments: 'none',
  });
}

// A first pass learns the inputs; their stamps are taken before the bundle that is kept is written.
const probe = await bundle(staging, false);
const inputs = Object.keys(probe.metafile.inputs)
  .filter((path) => !path.includes('node_modules/'))
  .sort();
const stamps = [...inputs, 'package.json', 'package-lock.json'].filter((path) => {
  try {
    statSync(join(root, path));
    return true;
  } catch {
    return false;
  }
}).map(stamp);
rmSync(staging, { recursive: true, force: true });
await bundle(staging);
writeFileSync(join(staging, 'inputs.json'), `${JSON.stringify({ inputs: stamps }, null, 1)}\n`);
mkdirSync(join(root, 'build'), { recursive: true });
rmSync(outdir, { recursive: true, force: true });
renameSync(staging, outdir);
if (!process.argv.includes('--quiet')) console.log(`trustlens CLI bundled into ${relative(root, outdir)}/ from ${inputs.length} sources`);
