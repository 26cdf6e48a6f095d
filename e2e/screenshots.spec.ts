/**
 * Screenshots for review and for the README. `npm test` writes them under test-results/ (ignored,
 * so the suite never modifies tracked files); `npm run screenshots` writes them to docs/screenshots/,
 * where the README shows them. They are taken from examples pinned in time, so they only change
 * when the app does.
 */
import { expect, test, type Page } from '@playwright/test';
import { stateUrl, verdictOf } from './helpers';
import { AT, BY_ACCOUNT, CLAIMS } from './terraform-needing-values';

const DIR = process.env.SCREENSHOTS_DIR ?? 'test-results/screenshots';

async function ready(page: Page) {
  await verdictOf(page);
  await expect(page.locator('.monaco-editor').first()).toBeVisible();
  await page.evaluate(() => document.fonts.ready);
  // Let Monaco finish decorating (markers, glyphs) before the picture is taken.
  await page.waitForTimeout(600);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`screenshots of the app and each pane (${colorScheme})`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme, viewport: { width: 1440, height: 1000 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto('/');
    await ready(page);
    const suffix = colorScheme === 'light' ? '' : '-dark';
    await page.screenshot({ path: `${DIR}/app${suffix}.png` });
    await page.locator('.pane-token').screenshot({ path: `${DIR}/pane-token${suffix}.png` });
    await page.locator('.pane-policy').screenshot({ path: `${DIR}/pane-policy${suffix}.png` });
    await page.locator('.pane-verdict').screenshot({ path: `${DIR}/pane-verdict${suffix}.png` });
    if ((await page.getByTestId('gallery').count()) > 0) {
      await page.getByTestId('gallery').screenshot({ path: `${DIR}/gallery${suffix}.png` });
    }
    await page.getByTestId('share-link').click();
    await page.locator('.share-panel').screenshot({ path: `${DIR}/share${suffix}.png` });

    // A denial: the decisive failing condition in the verdict and in the editor.
    const deny = await context.newPage();
    await deny.goto('/#example=gitlab-aws-tag-denied');
    await ready(deny);
    await deny.screenshot({ path: `${DIR}/app-deny${suffix}.png` });
    await deny.setViewportSize({ width: 1440, height: 900 });
    await deny.screenshot({ path: `${DIR}/app-deny-first-screen${suffix}.png` });
    // CEL inside a Google Cloud provider's JSON strings, coloured, and its failing clause.
    const gcp = await context.newPage();
    await gcp.goto('/#example=gcp-gitlab-other-group');
    await ready(gcp);
    await gcp.locator('.pane-policy').screenshot({ path: `${DIR}/pane-policy-gcp${suffix}.png` });
    await gcp.setViewportSize({ width: 1440, height: 900 });
    await gcp.screenshot({ path: `${DIR}/app-gcp-deny-first-screen${suffix}.png` });
    await context.close();
  });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`screenshot of a denial on a phone (${colorScheme})`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme, viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto('/#example=gitlab-aws-tag-denied');
    await ready(page);
    await page.screenshot({ path: `${DIR}/app-deny-phone${colorScheme === 'light' ? '' : '-dark'}.png` });
    await context.close();
  });
}

test('screenshot of embed mode', async ({ page }) => {
  await page.setViewportSize({ width: 1000, height: 800 });
  await page.goto('/embed-demo.html');
  await expect(page.frameLocator('iframe#trustlens').getByTestId('verdict')).toHaveAttribute('data-decision', /^(allow|deny|error)$/);
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${DIR}/embed.png`, fullPage: true });
});

test('screenshot of Terraform that needs values', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(stateUrl({ v: 1, provider: 'aws', policy: BY_ACCOUNT, claims: CLAIMS, token: null, at: AT }));
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-state', 'needs-values', { timeout: 90_000 });
  await expect(page.locator('.monaco-editor').first()).toBeVisible();
  await page.waitForTimeout(600);
  await page.screenshot({ path: `${DIR}/app-terraform-needs-values.png` });
  await context.close();
});
