/**
 * Screenshots for the README and for review (docs/screenshots/). They are taken from the default
 * example, which is pinned in time, so they only change when the app does.
 */
import { expect, test, type Page } from '@playwright/test';
import { verdictOf } from './helpers';

const DIR = 'docs/screenshots';

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
    // CEL inside a Google Cloud provider's JSON strings, coloured, and its failing clause.
    const gcp = await context.newPage();
    await gcp.goto('/#example=gcp-gitlab-other-group');
    await ready(gcp);
    await gcp.locator('.pane-policy').screenshot({ path: `${DIR}/pane-policy-gcp${suffix}.png` });
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
