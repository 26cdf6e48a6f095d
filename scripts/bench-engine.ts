/**
 * Engine benchmarks for `npm run bench`: decisions per second through each path, and wildcard
 * matching against a backtracking RegExp. Every baseline is measured in the same run on the same
 * machine; only ratios and rates are printed, nothing is asserted.
 */
import { spawnSync } from 'node:child_process';
import { prepare } from '../src/engine/evaluate';
import { evaluate } from '../src/engine/evaluate';
import { EXAMPLES } from '../src/engine/examples';
import { compileWildcard } from '../src/engine/match';
import { clearPrepared } from '../src/engine/prepare';
import type { ProviderId } from '../src/engine/result';
import { PROVIDERS } from '../src/engine/providers/index';
import { claimsToken, type Token } from '../src/engine/token';
import { SIGNATURE_NOT_CHECKED } from '../src/engine/verify';
import { fiftyGroupStatementsPolicy } from './bench-workloads';

type Table = { title: string; header: string[]; rows: string[][] };

export function printTable(table: Table): void {
  const widths = table.header.map((cell, index) => Math.max(cell.length, ...table.rows.map((row) => row[index].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, index) => cell.padEnd(widths[index])).join(' | ')} |`;
  console.log(`\n${table.title}\n`);
  console.log(line(table.header));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of table.rows) console.log(line(row));
}

/** Calls per second of `fn` over the given inputs, cycling, for at least `minMs`. */
export function rate<T>(inputs: T[], fn: (input: T) => void, minMs = 1_000): number {
  for (let i = 0; i < Math.min(inputs.length, 200); i++) fn(inputs[i]); // warm up
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 100; i++) fn(inputs[(calls + i) % inputs.length]);
    calls += 100;
    elapsed = performance.now() - start;
  }
  return (calls / elapsed) * 1000;
}

export const perSecond = (value: number) => (value >= 10_000 ? `${Math.round(value / 1000)} k/s` : `${Math.round(value)} /s`);
export const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`;

export interface Workload {
  name: string;
  provider: ProviderId;
  policyText: string;
  tokens: Token[];
  at: number;
  options: Record<string, string>;
}

/** A 50-statement trust policy (one per group) and GitLab tokens of 60 groups, a third of them tags. */
export function fiftyStatements(): Workload {
  const tokens = Array.from({ length: 1_000 }, (_, i) =>
    claimsToken({
      iss: 'https://gitlab.com',
      aud: 'https://gitlab.com',
      sub: `project_path:group-${i % 60}/project-${i}:ref_type:${i % 3 === 0 ? 'tag' : 'branch'}:ref:main`,
      iat: 1700000000,
      exp: 1700000300,
    }),
  );
  return { name: 'aws: 50-statement policy, 1,000 tokens', provider: 'aws', policyText: fiftyGroupStatementsPolicy(), tokens, at: 1700000010, options: {} };
}

export function galleryWorkload(id: string): Workload {
  const example = EXAMPLES.find((candidate) => candidate.id === id);
  if (!example) throw new Error(`no gallery example ${id}`);
  return { name: `${example.provider}: ${id}`, provider: example.provider, policyText: example.policy, tokens: [claimsToken(example.claims)], at: example.at, options: example.options ?? {} };
}

export function engineDecisions(): void {
  const workloads = [
    galleryWorkload('gitlab-aws-branch'),
    fiftyStatements(),
    galleryWorkload('github-aws-org-wildcard'),
    galleryWorkload('vault-gitlab-staging-main'),
    galleryWorkload('vault-gitlab-production-auto-deploy'),
    galleryWorkload('gcp-gitlab-user-login'),
    galleryWorkload('azure-github-environment'),
    galleryWorkload('azure-flexible-branch-wildcard'),
  ];
  const rows: string[][] = [];
  for (const workload of workloads) {
    const { provider, policyText, at, options } = workload;
    const module = PROVIDERS[provider];
    // Baseline 1: the previous evaluate(), which parsed (and linted) the text on every call.
    const parsing = rate(workload.tokens, (token) => {
      clearPrepared();
      evaluate({ policyText, provider, token: { ok: true, token }, at, options });
    });
    // Baseline 2: the traced evaluation with the policy parsed once.
    const parsed = module.parse(policyText);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const context = { at, signature: SIGNATURE_NOT_CHECKED, options };
    const plan = module.plan(parsed.policy);
    const traced = rate(workload.tokens, (token) => void plan.explain(token, context));
    const cached = rate(workload.tokens, (token) => void evaluate({ policyText, provider, token: { ok: true, token }, at, options }));
    const compiled = prepare({ policyText, provider, options });
    const decide = rate(workload.tokens, (token) => void compiled.decide(token, { at }));
    rows.push([workload.name, perSecond(parsing), perSecond(traced), perSecond(cached), perSecond(decide), ratio(decide, parsing), ratio(decide, traced)]);
  }
  printTable({
    title: 'Engine: decisions per second (same run; baselines are the parse-every-call evaluate() and the traced path with the policy parsed once)',
    header: ['configuration', 'evaluate, parsing each call', 'explain, planned once', 'evaluate() (prepare cache)', 'decide, planned once', 'decide ÷ parsing', 'decide ÷ explain'],
    rows,
  });
}

/** The pattern as a backtracking RegExp, as common evaluators translate IAM wildcards. */
function regexSource(pattern: string): string {
  return `^${[...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'))).join('')}$`;
}

const REGEX_CAP_MS = 3_000;

/** ms per RegExp test, in a child process killed at the cap (catastrophic backtracking cannot hang the bench). */
function regexMs(pattern: string, text: string): number | null {
  const script = `
    let input = '';
    process.stdin.on('data', (chunk) => (input += chunk));
    process.stdin.on('end', () => {
      const { source, text } = JSON.parse(input);
      const regex = new RegExp(source, 's');
      let runs = 0;
      const start = performance.now();
      do { regex.test(text); runs++; } while (performance.now() - start < 200);
      process.stdout.write(String((performance.now() - start) / runs));
    });`;
  const child = spawnSync(process.execPath, ['-e', script], { input: JSON.stringify({ source: regexSource(pattern), text }), timeout: REGEX_CAP_MS, encoding: 'utf8' });
  if (child.status !== 0 || !child.stdout) return null;
  return Number(child.stdout);
}

function msPer(fn: () => void, minMs = 200): number {
  fn();
  let runs = 0;
  const start = performance.now();
  do {
    fn();
    runs++;
  } while (performance.now() - start < minMs);
  return (performance.now() - start) / runs;
}

/** A deterministic text of `length` lower-case letters. */
export function letters(length: number, seed = 7): string {
  let state = seed;
  let text = '';
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    text += String.fromCharCode(97 + (state % 26));
  }
  return text;
}

/** `stars` stars around pieces of the text (each with one `?`), so the pattern matches. */
export function matchingPattern(text: string, stars: number): string {
  const pieces: string[] = [];
  const step = Math.floor(text.length / stars);
  for (let i = 1; i < stars; i++) {
    const piece = text.slice(i * step, i * step + 8);
    pieces.push(`${piece.slice(0, 3)}?${piece.slice(4)}`);
  }
  return `*${pieces.join('*')}*`;
}

export function engineWildcards(): void {
  const text10k = letters(10_000);
  const text100k = letters(100_000);
  const cases: Array<{ name: string; pattern: string; text: string; expect: boolean }> = [
    { name: '16 stars × 10 KB, matches', pattern: matchingPattern(text10k, 16), text: text10k, expect: true },
    { name: '64 stars × 100 KB, matches', pattern: matchingPattern(text100k, 64), text: text100k, expect: true },
    { name: '64 stars × 100 KB, last segment missing', pattern: `${matchingPattern(text100k, 64)}0000*`, text: text100k, expect: false },
    { name: '`a*`×64 + `b` × 100 KB of `a` (no match)', pattern: `${'a*'.repeat(64)}b`, text: 'a'.repeat(100_000), expect: false },
    { name: '`*a`×64 + `*b` × 100 KB of `a` + `c`', pattern: `${'*a'.repeat(64)}*b*`, text: `${'a'.repeat(100_000)}c`, expect: false },
    { name: '`a*`×10 + `b` × 25 chars of `a`', pattern: `${'a*'.repeat(10)}b`, text: 'a'.repeat(25), expect: false },
    { name: '`repo:octo-org/*` × a GitHub sub', pattern: 'repo:octo-org/*', text: 'repo:octo-org/octo-repo:ref:refs/heads/main', expect: true },
  ];
  const rows: string[][] = [];
  for (const item of cases) {
    const matcher = compileWildcard(item.pattern, { flavour: 'iam' });
    if (matcher.test(item.text) !== item.expect) throw new Error(`wildcard bench case "${item.name}" gave the wrong answer`);
    const ours = msPer(() => void matcher.test(item.text));
    const regex = regexMs(item.pattern, item.text);
    rows.push([
      item.name,
      ours < 0.01 ? `${(ours * 1000).toFixed(2)} µs` : `${ours.toFixed(3)} ms`,
      regex === null ? `> ${REGEX_CAP_MS / 1000} s (cap)` : regex < 0.01 ? `${(regex * 1000).toFixed(2)} µs` : `${regex.toFixed(3)} ms`,
      regex === null ? `> ${Math.round(REGEX_CAP_MS / ours).toLocaleString('en')}×` : ratio(regex, ours),
    ]);
  }
  printTable({
    title: 'Wildcards: compiled segment search vs the same pattern as a backtracking RegExp (RegExp runs in a child process, capped)',
    header: ['case', 'trustlens', 'backtracking RegExp', 'RegExp ÷ trustlens'],
    rows,
  });
}
