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
import { matchWildcard } from '../src/engine/match';
import { PROVIDERS } from '../src/engine/providers/index';
import { claimsToken, decodeToken } from '../src/engine/token';
import { SIGNATURE_NOT_CHECKED } from '../src/engine/verify';

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

// 3. Wildcard worst cases: the automaton against a backtracking RegExp on the same input.
function wildcard(): void {
  const text = 'a'.repeat(100_000);
  const pattern = 'a*'.repeat(64) + 'b';
  const ours = time(() => void matchWildcard(pattern, text, { flavour: 'iam' }), 500);
  rows.push(['64-star pattern vs 100 KB text (no match)', `${ours.toFixed(1)} ms`]);
  const shortText = 'a'.repeat(25);
  const shortPattern = 'a*'.repeat(10) + 'b';
  const regex = new RegExp(`^${shortPattern.replace(/\*/g, '.*')}$`);
  const oursShort = time(() => void matchWildcard(shortPattern, shortText, { flavour: 'iam' }));
  const regexShort = time(() => void regex.test(shortText));
  rows.push(['10-star pattern vs 25 chars: backtracking RegExp / ours', `${(regexShort / oursShort).toFixed(1)}× (RegExp ${regexShort.toFixed(3)} ms, ours ${oursShort.toFixed(4)} ms)`]);
}

// 4. AWS at scale: a 50-statement trust policy against 10,000 different GitLab tokens.
function awsAtScale(): void {
  const statements = Array.from({ length: 50 }, (_, i) => ({
    Effect: 'Allow',
    Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/gitlab.com' },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: {
      StringEquals: { 'gitlab.com:aud': 'https://gitlab.com' },
      StringLike: { 'gitlab.com:sub': `project_path:group-${i}/*:ref_type:branch:ref:main` },
    },
  }));
  const policyText = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
  const tokens = Array.from({ length: 10_000 }, (_, i) =>
    claimsToken({
      iss: 'https://gitlab.com',
      aud: 'https://gitlab.com',
      sub: `project_path:group-${i % 60}/project-${i}:ref_type:${i % 3 === 0 ? 'tag' : 'branch'}:ref:main`,
      iat: 1700000000,
      exp: 1700000300,
    }),
  );
  let allowed = 0;
  const start = performance.now();
  for (const token of tokens) {
    if (evaluate({ policyText, provider: 'aws', token: { ok: true, token }, at: 1700000010 }).decision === 'allow') allowed++;
  }
  const ms = performance.now() - start;
  rows.push(['aws: 50-statement policy × 10,000 tokens, parsed each time', `${((tokens.length / ms) * 1000).toFixed(0)} evaluations/s, ${(ms / tokens.length).toFixed(3)} ms each (${allowed} allowed)`]);
  // The same with the policy parsed once, as a CI suite running many tokens against one policy would.
  const parsed = PROVIDERS.aws.parse(policyText);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const context = { at: 1700000010, signature: SIGNATURE_NOT_CHECKED, options: {} };
  const startParsed = performance.now();
  for (const token of tokens) PROVIDERS.aws.evaluate(parsed.policy, token, context);
  const msParsed = performance.now() - startParsed;
  rows.push(['aws: same, policy parsed once', `${((tokens.length / msParsed) * 1000).toFixed(0)} evaluations/s, ${(msParsed / tokens.length).toFixed(3)} ms each; parsing is ${(ms / msParsed).toFixed(1)}× the evaluation cost`]);
}

if (existsSync(join(ROOT, "index.html"))) initialJs();
else rows.push(["initial JS before the editor (gzip)", "no index.html: app not present"]);
latency();
wildcard();
awsAtScale();
// --- exposure analysis (scripts/bench-exposure.ts) ---
rows.push(...(await import('./bench-exposure')).benchExposure());
// --- end exposure analysis ---
const width = Math.max(...rows.map(([name]) => name.length));
console.log(`${'measure'.padEnd(width)} | result`);
console.log(`${'-'.repeat(width)} | ${'-'.repeat(40)}`);
for (const [name, value] of rows) console.log(`${name.padEnd(width)} | ${value}`);
