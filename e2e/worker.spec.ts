// Evaluation runs in a Web Worker with a deadline: a configuration whose evaluation never ends
// (ten nested CEL comprehensions over ten elements: 10^10 steps) is stopped with an error verdict,
// typing stays possible meanwhile, and the next configuration is evaluated by a fresh worker.
import { expect, test, type Page, type Response } from '@playwright/test';
import { exampleById } from '../src/engine/examples';
import { stateUrl } from './helpers';

function endlessGcpState() {
  const example = exampleById('gcp-github-recommended')!;
  const policy = JSON.parse(example.policy);
  let condition = 'false';
  for (const variable of 'abcdefghij') condition = `[0,1,2,3,4,5,6,7,8,9].exists(${variable}, ${condition})`;
  (policy.provider ?? policy).attributeCondition = condition;
  return stateUrl({ v: 1, provider: 'gcp', policy: JSON.stringify(policy, null, 2), claims: example.claims, token: null, at: example.at });
}

test('an evaluation that never ends is stopped with an error verdict and typing stays responsive', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(endlessGcpState());
  const tokenInput = page.getByTestId('token-input');
  await expect(tokenInput).toHaveValue(/"iss"/);

  // Typing while the worker is busy: each keystroke lands in the input (a frozen page would not take it).
  await tokenInput.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('   ');
  await expect(tokenInput).toHaveValue(/ {3}$/);

  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-decision', 'error', { timeout: 45_000 });
  // The engine's CEL budget usually ends it first; the worker's deadline is the backstop for anything else.
  await expect(page.getByTestId('verdict-message')).toContainText(/too expensive to evaluate/);

  await page.keyboard.type(' \n');
  await expect(tokenInput).toHaveValue(/ {4}\n$/);

  // A fresh worker evaluates the next configuration.
  await page.getByLabel('Example', { exact: true }).selectOption('gcp-github-recommended');
  await expect(verdict).toHaveAttribute('data-decision', 'allow', { timeout: 30_000 });
});

/** Every script the page and its workers requested before the first verdict was painted, by URL. */
async function scriptsOf(page: Page, path: string): Promise<Map<string, string>> {
  const bodies = new Map<string, { startTime: number; body: Promise<string> }>();
  page.on('response', (response: Response) => {
    if (/\.js(\?|$)/.test(response.url())) bodies.set(response.url(), { startTime: response.request().timing().startTime, body: response.text().catch(() => '') });
  });
  await page.goto(path);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', /^(allow|deny)$/);
  // The app marks the first painted verdict; afterwards the analyses (who else gets in) load every
  // provider in their own worker, which is not what this measures.
  await page.waitForFunction(() => performance.getEntriesByName('trustlens:first-verdict').length > 0);
  const firstVerdict = await page.evaluate(() => performance.timeOrigin + performance.getEntriesByName('trustlens:first-verdict')[0].startTime);
  await expect(page.locator('.monaco-editor').first()).toBeVisible();
  const texts = new Map<string, string>();
  for (const [url, { startTime, body }] of bodies) if (startTime < firstVerdict) texts.set(url, await body);
  return texts;
}

// CEL (with its protobuf runtime) and RE2 are Google Cloud's alone; their text gives them away.
const GOOGLE_CLOUD_ONLY = ['google.protobuf.Timestamp', 'missing closing'];

test('an AWS verdict loads no Google Cloud code before it appears; a Google Cloud one does', async ({ page, context }) => {
  test.setTimeout(120_000);
  const aws = await scriptsOf(page, '/#example=gitlab-aws-branch');
  for (const [url, text] of aws) for (const marker of GOOGLE_CLOUD_ONLY) expect(text.includes(marker), `${url} holds ${marker}`).toBe(false);

  const gcp = await scriptsOf(await context.newPage(), '/#example=gcp-github-recommended');
  for (const marker of GOOGLE_CLOUD_ONLY) expect([...gcp.values()].some((text) => text.includes(marker)), marker).toBe(true);
});
