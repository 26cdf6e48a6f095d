/**
 * `npm run bench`: prints measurements as a table. Numbers are ratios and sizes measured in this
 * one run on this machine; nothing here is asserted.
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { evaluate } from '../src/engine/evaluate';
import { EXAMPLES } from '../src/engine/examples';
import { claimsToken, decodeToken } from '../src/engine/token';
import { SIGNATURE_NOT_CHECKED } from '../src/engine/verify';
import { benchCli } from './bench-cli';
import { benchWeb } from './bench-web';
import { engineDecisions, engineWildcards } from './bench-engine';
import { peerComparison } from './bench-peer';
import { benchScenarios } from './bench-scenarios';
import { benchTests } from './bench-tests';

const ROOT = resolve(import.meta.dirname, '..');
const rows: Array<[string, string]> = [];

function time(fn: () => void, minMs = 200): number {
  let runs = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    fn();
    runs++;
  }
  return (performance.now() - start) / runs;
}

// 1. Initial JavaScript before the editor arrives: the entry chunk and what index.html preloads.
function initialJs(): void {
  if (!existsSync(join(ROOT, 'dist/index.html'))) execSync('npx vite build', { cwd: ROOT, stdio: 'ignore' });
  const html = readFileSync(join(ROOT, 'dist/index.html'), 'utf8');
  const scripts = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  let raw = 0;
  let gzip = 0;
  for (const script of new Set(scripts)) {
    const bytes = readFileSync(join(ROOT, 'dist', script));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  const all = readdirSync(join(ROOT, 'dist/assets')).filter((f) => f.endsWith('.js'));
  const total = all.reduce((sum, f) => sum + statSync(join(ROOT, 'dist/assets', f)).size, 0);
  rows.push(['initial JS before the editor (gzip)', `${(gzip / 1024).toFixed(1)} KB (raw ${(raw / 1024).toFixed(1)} KB; target ≤ 120 KB gzip)`]);
  rows.push(['all JS in dist/assets (raw)', `${(total / 1024 / 1024).toFixed(2)} MB in ${all.length} files`]);
}

// 2. Decode + evaluate latency, per example (what every keystroke costs).
function latency(): void {
  for (const example of EXAMPLES) {
    const ms = time(() => {
      evaluate({ policyText: example.policy, provider: example.provider, token: { ok: true, token: claimsToken(example.claims) }, at: example.at, options: example.options });
    });
    rows.push([`evaluate ${example.id}`, `${(ms * 1000).toFixed(0)} µs`]);
  }
  const sample = EXAMPLES[0];
  if (sample) {
    const segment = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const jws = `${segment({ alg: 'RS256', kid: 'k' })}.${segment(sample.claims)}.c2ln`;
    const ms = time(() => void decodeToken(jws));
    rows.push(['decode a GitLab-sized JWS', `${(ms * 1000).toFixed(0)} µs`]);
  }
}

if (existsSync(join(ROOT, "index.html"))) initialJs();
else rows.push(["initial JS before the editor (gzip)", "no index.html: app not present"]);
latency();
rows.push(...benchCli(ROOT));
rows.push(...(await benchWeb(ROOT)));
// --- exposure analysis (scripts/bench-exposure.ts) ---
rows.push(...(await import('./bench-exposure')).benchExposure());
// --- end exposure analysis ---
// --- scan (scripts/bench-scan.ts; after benchCli, which builds the CLI bundle) ---
rows.push(...(await import('./bench-scan')).benchScan(ROOT));
rows.push(...(await (await import('./bench-iac')).benchIac()));
rows.push(...(await import('./bench-matrix')).benchMatrix());
rows.push(...benchScenarios(ROOT));
rows.push(...benchTests(ROOT, process.argv.includes('--tests')));
const width = Math.max(...rows.map(([name]) => name.length));
console.log(`${'measure'.padEnd(width)} | result`);
console.log(`${'-'.repeat(width)} | ${'-'.repeat(40)}`);
for (const [name, value] of rows) console.log(`${name.padEnd(width)} | ${value}`);

// Engine throughput and wildcard matching, each as its own table.
engineDecisions();
engineWildcards();
await peerComparison();
