import { expect, test } from '@playwright/test';
import { GITLAB_AWS_POLICY, stateUrl } from './helpers';

test('embed mode renders chrome-less, links to the full app and posts its height and decision', async ({ page }) => {
  await page.goto('/embed-demo.html');
  const frame = page.frameLocator('iframe#trustlens');
  await expect(frame.getByTestId('verdict')).toHaveAttribute('data-decision', /^(allow|deny|error)$/);
  await expect(frame.locator('.app-header')).toHaveCount(0);
  await expect(frame.getByTestId('open-in-trustlens')).toHaveAttribute('href', /#s=/);

  await expect.poll(() => page.evaluate(() => (window as unknown as { trustlensMessages: unknown[] }).trustlensMessages.length)).toBeGreaterThan(1);
  const messages = await page.evaluate(() => (window as unknown as { trustlensMessages: Array<Record<string, unknown>> }).trustlensMessages);
  const resize = messages.find((message) => message.type === 'trustlens:resize');
  expect(resize?.height).toBeGreaterThan(100);
  const decision = messages.find((message) => message.type === 'trustlens:decision');
  expect(['allow', 'deny', 'error']).toContain(decision?.decision);
  expect(typeof decision?.message).toBe('string');
  // The demo page sizes the iframe from the message.
  await expect.poll(() => page.locator('iframe#trustlens').evaluate((frame) => frame.clientHeight)).toBe(Math.round(Number(messages.filter((m) => m.type === 'trustlens:resize').at(-1)?.height)));
});

test('embed mode opened directly evaluates the state in its fragment', async ({ page }) => {
  await page.goto(stateUrl({ v: 1, provider: 'aws', policy: GITLAB_AWS_POLICY, claims: { iss: 'https://gitlab.com' }, token: null, at: null }, true));
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', /^(allow|deny|error)$/);
  await page.getByText('Token and trust configuration').click();
  await expect(page.getByTestId('policy-input')).toHaveValue(GITLAB_AWS_POLICY);
  const href = await page.getByTestId('open-in-trustlens').getAttribute('href');
  expect(href).not.toContain('embed=1');
});

test('embed mode shows the deciding check once, under the verdict, and folds the passing ones', async ({ page }) => {
  // A tag where the documented policy wants main: the sub condition decides.
  const claims = { iss: 'https://gitlab.com', aud: 'https://gitlab.com', sub: 'project_path:mygroup/myproject:ref_type:tag:ref:v1.0', iat: 1700000000, exp: 1700000300 };
  await page.goto(stateUrl({ v: 1, provider: 'aws', policy: GITLAB_AWS_POLICY, claims, token: null, at: 1700000010 }, true));
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'deny');
  const decisiveId = await page.getByTestId('verdict-decisive').getAttribute('data-check-id');
  expect(decisiveId).toBeTruthy();
  await expect(page.locator(`[data-testid="check"][data-check-id="${decisiveId}"]`)).toHaveCount(0);
  await expect(page.locator('details.all-checks [data-testid="check"][data-result="pass"]').first()).toBeAttached();
});
