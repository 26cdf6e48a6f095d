/**
 * The web app for `npm run bench`, in headless Chromium against the production build served on
 * 127.0.0.1: time from navigation to the first verdict on a cold page (one example per provider,
 * and a link carrying Terraform text), which scripts arrived before it, and keystroke → verdict
 * with a 50-statement trust policy. Printed, never asserted. `npx tsx scripts/bench-web.ts` runs
 * this part alone.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import lzString from 'lz-string';
import { exampleById } from '../src/engine/examples';
import { fiftyGroupStatementsPolicy } from './bench-workloads';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function serve(root: string, port: number): Promise<ChildProcess> {
  const server = spawn(process.execPath, [join(root, 'scripts/serve.mjs')], { env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' }, stdio: 'ignore' });
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  server.kill();
  throw new Error('the app server did not start');
}

/**
 * Records, in the page's own clock (ms since navigation start), when the verdict first carries a
 * decision, when that verdict is final (Terraform read before HashiCorp's parser arrived is
 * marked until the parser has checked it), and when Monaco appears.
 */
const OBSERVE_FIRST_VERDICT = () => {
  const marks: Record<string, number> = {};
  (window as unknown as { __bench: Record<string, number> }).__bench = marks;
  new MutationObserver(() => {
    if (marks.verdict === undefined && document.querySelector('[data-testid="verdict"][data-decision]')) {
      marks.verdict = performance.now();
      marks.verdictWall = Date.now();
    }
    if (marks.verdict !== undefined && marks.checked === undefined && !document.querySelector('[data-testid="iac-unchecked"]')) marks.checked = performance.now();
    if (marks.monaco === undefined && document.querySelector('.monaco-editor')) marks.monaco = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true });
};

async function firstVerdict(browser: Browser, url: string, runs: number) {
  const verdicts: number[] = [];
  const monaco: number[] = [];
  const checked: number[] = [];
  let scriptsBefore: string[] = [];
  for (let i = 0; i < runs; i++) {
    // A cold page: a fresh context (its own empty HTTP and code caches), with caching off as well.
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.addInitScript(OBSERVE_FIRST_VERDICT);
    const requests: Array<{ url: string; at: number }> = [];
    page.on('request', (request) => requests.push({ url: request.url(), at: Date.now() }));
    await page.goto(url);
    await page.waitForSelector('[data-testid="verdict"][data-decision]', { timeout: 60_000 });
    await page.waitForFunction(() => (window as unknown as { __bench: Record<string, number> }).__bench.checked !== undefined, undefined, { timeout: 60_000 });
    await page.waitForSelector('.monaco-editor', { timeout: 60_000 }).catch(() => undefined);
    const marks = await page.evaluate(() => (window as unknown as { __bench: Record<string, number> }).__bench);
    verdicts.push(marks.verdict);
    checked.push(marks.checked);
    if (marks.monaco !== undefined) monaco.push(marks.monaco);
    scriptsBefore = requests.filter((r) => r.at <= marks.verdictWall && /\.js(\?|$)/.test(r.url)).map((r) => r.url.replace(/^.*\/assets\//, ''));
    await context.close();
  }
  return { verdict: median(verdicts), min: Math.min(...verdicts), max: Math.max(...verdicts), checked: median(checked), monaco: monaco.length ? median(monaco) : null, scriptsBefore };
}

function stateFragment(state: { provider: string; policy: string; claims: Record<string, unknown>; at: number }): string {
  return `#s=${lzString.compressToEncodedURIComponent(JSON.stringify({ v: 1, token: null, ...state }))}`;
}

/**
 * A link carrying Terraform text: GitLab's documented trust policy (the `gitlab-aws-branch`
 * example) as an `aws_iam_role`'s heredoc, the way many modules write it.
 */
function terraformState(): string | null {
  const example = exampleById('gitlab-aws-branch');
  if (!example) return null;
  const policy = `resource "aws_iam_role" "deploy" {\n  name = "gitlab-deploy"\n  assume_role_policy = <<EOF\n${example.policy}\nEOF\n}\n`;
  return stateFragment({ provider: 'aws', policy, claims: example.claims, at: example.at });
}

function fiftyStatementState(): string {
  const state = {
    v: 1,
    provider: 'aws',
    policy: fiftyGroupStatementsPolicy(),
    claims: { iss: 'https://gitlab.com', aud: 'https://gitlab.com', sub: 'project_path:group-49/app:ref_type:branch:ref:main', iat: 1700000000, exp: 1700000300 },
    token: null,
    at: 1700000010,
  };
  return `#s=${lzString.compressToEncodedURIComponent(JSON.stringify(state))}`;
}

/** Pauses between keys, longer than the wait before who else gets in is analysed again (300 ms). */
const PAUSES_MS = [350, 420, 500, 560, 640, 700, 380, 460, 530, 610];

/**
 * Types into the token's `sub`, one character at a time, and times each keystroke (the keydown
 * event) until the verdict's checks show the new `sub`, i.e. the page has a verdict for it. Only
 * the verdict is watched: reading the text of the whole pane, with the hundreds of tokens "who
 * else gets in" lists below it, on every change would slow the page it measures.
 */
async function keystrokes(page: Page, count: number, pausesMs: readonly number[] = []): Promise<number[]> {
  const tokenInput = page.getByTestId('token-input');
  await tokenInput.evaluate((element) => {
    const input = element as HTMLTextAreaElement;
    const at = input.value.indexOf(':ref:main') + ':ref:main'.length;
    input.focus();
    input.setSelectionRange(at, at);
  });
  const latencies: number[] = [];
  // The sub as the pane holds it now (a warm-up may have typed into it already): the verdict shows
  // the old one until the new one is decided, so the new one must not be a part of the old.
  let sub = (JSON.parse(await tokenInput.inputValue()) as { sub: string }).sub;
  for (let i = 0; i < count; i++) {
    sub += 'x';
    await page.evaluate((expected) => {
      const state: { expected: string; down?: number; done?: number } = { expected };
      (window as unknown as { __keystroke: typeof state }).__keystroke = state;
      const verdictPane = document.querySelector('.verdict-pane') ?? document.body;
      // No named helpers in here: the page receives this function's text, without the runner's helpers.
      new MutationObserver((_records, observer) => {
        if (state.done === undefined && state.down !== undefined && verdictPane.textContent?.includes(expected)) {
          state.done = performance.now();
          observer.disconnect();
        }
      }).observe(verdictPane, { subtree: true, childList: true, characterData: true, attributes: true });
      document.addEventListener('keydown', (event) => void (state.down = event.timeStamp), { once: true, capture: true });
    }, sub);
    await page.keyboard.type('x');
    await page.waitForFunction(() => (window as unknown as { __keystroke: { done?: number } }).__keystroke.done !== undefined, undefined, { timeout: 30_000 });
    latencies.push(await page.evaluate(() => {
      const state = (window as unknown as { __keystroke: { down: number; done: number } }).__keystroke;
      return state.done - state.down;
    }));
    if (pausesMs.length > 0) await page.waitForTimeout(pausesMs[i % pausesMs.length]);
  }
  return latencies;
}

export async function benchWeb(root: string): Promise<Array<[string, string]>> {
  const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) return [['web', 'vite build failed']];
  const port = await freePort();
  const server = await serve(root, port);
  const base = `http://127.0.0.1:${port}/`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] });
  const rows: Array<[string, string]> = [];
  try {
    const runs = 5;
    // One example per provider, then Terraform text in a link.
    const pages: Array<[string, string | null]> = ['gitlab-aws-branch', 'vault-gitlab-staging-main', 'gcp-github-recommended', 'azure-github-environment'].map((id) => [id, exampleById(id) ? `#example=${id}` : null]);
    pages.push(['terraform aws_iam_role link', terraformState()]);
    // TRUSTLENS_BENCH_WEB=keystrokes times the keystrokes alone.
    const keystrokesOnly = process.env.TRUSTLENS_BENCH_WEB === 'keystrokes';
    for (const [name, fragment] of pages) {
      if (fragment === null || keystrokesOnly) continue;
      const first = await firstVerdict(browser, `${base}${fragment}`, runs);
      rows.push([`web: first verdict on a cold page, ${name} (median of ${runs})`, `${first.verdict.toFixed(0)} ms (${first.min.toFixed(0)}–${first.max.toFixed(0)}; target ≤ 1000 ms)${name.startsWith('terraform') ? `, checked by HashiCorp's parser at ${first.checked.toFixed(0)} ms` : ''}; Monaco at ${first.monaco === null ? '—' : `${first.monaco.toFixed(0)} ms`}`]);
      rows.push([`web: scripts requested before that verdict`, first.scriptsBefore.join(', ')]);
    }
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}${fiftyStatementState()}`);
    await page.waitForSelector('[data-testid="verdict"][data-decision]', { timeout: 60_000 });
    await page.waitForSelector('.monaco-editor', { timeout: 60_000 }).catch(() => undefined);
    // Typed once the page is as a reader finds it: the verdict and, below it, who else gets in.
    await page.waitForSelector('[data-testid="exposure-witness"]', { timeout: 60_000 });
    const listed = await page.getByTestId('exposure-witness').count();
    await keystrokes(page, 5); // warm-up
    const latencies = await keystrokes(page, 40);
    rows.push([`web: keystroke → verdict, 50-statement aws policy, ${listed} tokens listed under who else gets in (40 keys)`, `median ${median(latencies).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms (target p95 ≤ 16 ms)`]);
    // Typing with pauses past the analysis's wait: who else gets in is analysed again between keys,
    // and its answer may arrive as the next key is pressed.
    const paused = await keystrokes(page, 40, PAUSES_MS);
    rows.push([`web: the same, pausing ${Math.min(...PAUSES_MS)}–${Math.max(...PAUSES_MS)} ms after each verdict (40 keys)`, `median ${median(paused).toFixed(1)} ms, p95 ${percentile(paused, 95).toFixed(1)} ms, slowest ${Math.max(...paused).toFixed(1)} ms`]);
    await context.close();
  } finally {
    await browser.close();
    server.kill();
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const rows = await benchWeb(resolve(import.meta.dirname, '..'));
  for (const [name, value] of rows) console.log(`${name} | ${value}`);
}
