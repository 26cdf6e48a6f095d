import { expect, test } from '@playwright/test';
import { verdictOf } from './helpers';

// A Google Cloud denial by the attribute condition shows, on the first screen, the clause that
// failed, the token's value for it and a one-line fix, as AWS, Azure and Vault denials do.
for (const [width, height, name] of [[1440, 900, 'desktop'], [390, 844, 'phone']] as const) {
  test(`a Google Cloud condition denial names the failing clause, the token's value and a fix (${name})`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto('/#example=gcp-gitlab-other-group');
    const verdict = await verdictOf(page);
    await expect(verdict).toHaveAttribute('data-decision', 'deny');
    const decisive = page.getByTestId('verdict-decisive');
    await expect(decisive).toContainText("assertion.namespace_id == '72'");
    await expect(decisive).toContainText('assertion.namespace_id = "99"');
    await expect(page.getByTestId('verdict-fix')).toContainText('assertion.namespace_id in ["72", "99"]');
    await expect(page.getByTestId('verdict-fix')).toBeInViewport();
    await page.screenshot({ path: `test-results/gcp-reason-${name}.png` });
  });
}
