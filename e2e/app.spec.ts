import { expect, test } from '@playwright/test';
import { DEFAULT_EXAMPLE_ID, exampleById } from '../src/engine/examples';
import { collectPageErrors, GITLAB_AWS_POLICY, signedGitLabToken, stateUrl, verdictOf } from './helpers';

test('the default screen is evaluated without a click', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto('/');
  const verdict = await verdictOf(page);
  const example = exampleById(DEFAULT_EXAMPLE_ID);
  if (example) {
    await expect(verdict).toHaveAttribute('data-decision', example.expect.decision);
    await expect(page.getByTestId('token-input')).toHaveValue(/"iss"/);
  }
  await expect(page.getByTestId('provider-select')).toBeVisible();
  await expect(page.getByTestId('policy-input')).toBeVisible();
  await expect(page.getByTestId('verdict-message')).not.toBeEmpty();
  expect(errors).toEqual([]);
});

test('the editor starts as a textarea and becomes Monaco, served from this origin', async ({ page }) => {
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  await page.addInitScript(() => {
    const record = window as unknown as { mostPolicyInputs: number };
    record.mostPolicyInputs = 0;
    new MutationObserver(() => {
      record.mostPolicyInputs = Math.max(record.mostPolicyInputs, document.querySelectorAll('[data-testid="policy-input"]').length);
    }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-testid'] });
  });
  await page.goto(stateUrl({ v: 1, provider: 'aws', policy: GITLAB_AWS_POLICY, claims: { iss: 'https://gitlab.com' }, token: null, at: null }));
  await expect(page.locator('.monaco-editor').first()).toBeVisible();
  await expect(page.getByTestId('policy-input')).toContainText('AssumeRoleWithWebIdentity');
  // Across the swap, the placeholder and the editor never carry the input's id at the same time.
  expect(await page.evaluate(() => (window as unknown as { mostPolicyInputs: number }).mostPolicyInputs)).toBe(1);
  await expect.poll(() => workers.length).toBeGreaterThan(0);
  for (const url of workers) expect(new URL(url).origin).toBe(new URL(page.url()).origin);
});

test('a check\'s line clicked before Monaco has arrived is where the editor opens', async ({ page }) => {
  // Hold Monaco's chunk back, so the click lands while the textarea stands in for the editor.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/monacoSetup-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/#example=gitlab-aws-tag-denied');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'deny');
  const decisive = page.getByTestId('verdict-decisive');
  const line = Number((await decisive.getByRole('button', { name: /^line \d+$/ }).first().innerText()).replace('line ', ''));
  expect(line).toBeGreaterThan(1);
  await expect(page.locator('textarea[data-testid="policy-input"]')).toBeVisible();
  await decisive.getByRole('button', { name: `line ${line}` }).first().click();
  release();
  await expect(page.locator('.monaco-editor').first()).toBeVisible();
  await expect(page.locator('.monaco-editor .active-line-number')).toHaveText(String(line));
});

test('pasting a signed GitLab token shows its claims explained, its time status and the live warning', async ({ page }) => {
  const { token, jwks } = await signedGitLabToken();
  await page.goto(stateUrl({ v: 1, provider: 'aws', policy: GITLAB_AWS_POLICY, claims: {}, token: null, at: null }));
  await page.getByTestId('token-input').fill(`Bearer ${token}\n`);
  const table = page.getByTestId('claims-table');
  await expect(table.locator('tr[data-claim="project_path"]')).toContainText('mygroup/myproject');
  await expect(table.locator('tr[data-claim="ref_protected"]')).toContainText('true');
  await expect(page.getByTestId('time-status')).toContainText(/expires in \d+ min/);
  await expect(page.getByTestId('time-status')).toContainText(/issued \d+ s ago/);
  await expect(page.getByTestId('live-warning')).toBeVisible();
  await expect(page.getByTestId('token-trust')).toHaveAttribute('data-state', 'decoded');
  await verdictOf(page);

  // Decoded is not verified: only a matching key turns the badge into "verified".
  await page.getByText('Verify the signature').click();
  await page.getByLabel('Public key: JWKS, JWK or PEM').fill(JSON.stringify(jwks));
  await expect(page.getByTestId('token-trust')).toHaveAttribute('data-state', 'verified');
  await expect(page.getByTestId('token-trust')).toContainText('kid=test-key-1');
  await expect(page.locator('[data-testid="check"][data-check-id="token.signature"]')).toHaveAttribute('data-result', 'pass');

  const other = await signedGitLabToken();
  await page.getByLabel('Public key: JWKS, JWK or PEM').fill(JSON.stringify({ keys: [{ ...other.jwks.keys[0] }] }));
  await expect(page.getByTestId('token-trust')).toHaveAttribute('data-state', 'invalid');
  await expect(page.locator('[data-testid="check"][data-check-id="token.signature"]')).toHaveAttribute('data-result', 'fail');
});

test('clicking a check with a source reveals its line in the editor', async ({ page }) => {
  const example = exampleById(DEFAULT_EXAMPLE_ID);
  test.skip(!example, 'needs the default example');
  await page.goto('/');
  await expect(page.locator('.monaco-editor').first()).toBeVisible();
  const withLine = page.getByTestId('check').getByRole('button', { name: /^line \d+$/ }).first();
  await expect(withLine).toBeVisible();
  const label = await withLine.innerText();
  await withLine.click();
  const line = label.replace('line ', '');
  await expect(page.locator('.monaco-editor.focused')).toBeVisible();
  await expect(page.locator('.monaco-editor .active-line-number')).toHaveText(line);
});

test('the evaluation time can be set and reset to now', async ({ page }) => {
  const { claims } = await signedGitLabToken(1_700_000_000, 300);
  const full = { ...claims, iss: 'https://gitlab.com', sub: 'project_path:mygroup/myproject:ref_type:branch:ref:main', aud: 'sts.amazonaws.com', iat: 1_700_000_000, exp: 1_700_000_300 };
  await page.goto(stateUrl({ v: 1, provider: 'aws', policy: GITLAB_AWS_POLICY, claims: full, token: null, at: 1_700_000_100 }));
  await expect(page.getByLabel('Evaluated at')).toHaveValue('2023-11-14T22:15:00Z');
  await expect(page.getByTestId('time-status')).toContainText('expires in 3 min');
  await page.getByLabel('Evaluated at').fill('2023-11-14T23:00:00Z');
  await expect(page.getByTestId('time-status')).toContainText('expired 41 min ago');
  await page.getByRole('button', { name: 'Now', exact: true }).click();
  await expect(page.getByTestId('time-status')).toContainText(/expired \d+ d ago/);
});
