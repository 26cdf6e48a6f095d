import { expect, test } from '@playwright/test';
import { EXAMPLES } from '../src/engine/examples';

test('the gallery lists every example with a deep link', async ({ page }) => {
  test.skip(EXAMPLES.length === 0, 'no examples yet');
  await page.goto('/');
  const items = page.getByTestId('gallery-item');
  await expect(items).toHaveCount(EXAMPLES.length);
  const first = EXAMPLES[EXAMPLES.length - 1];
  await page.locator(`[data-example-id="${first.id}"] a`).click();
  await expect(page).toHaveURL(new RegExp(`#example=${first.id}$`));
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', first.expect.decision);
  await expect(page.getByTestId('provider-select')).toHaveValue(first.provider);
});

// Documentation links `#example=<id>`: each must keep opening with the decision it promises. One page
// per provider serves all of that provider's links: the first is opened as a reader opens it, a
// full page load; the rest follow as the fragment changes, which also proves that nothing of the
// previous example lingers. (A fresh page per link cost about a second of CPU each and tested the
// same lookup.) Soft assertions report every broken link of a run, not only the first.
for (const provider of ['aws', 'vault', 'gcp', 'azure'] as const) {
  const examples = EXAMPLES.filter((example) => example.provider === provider);
  test(`every ${provider} #example= link opens with the decision it promises (${examples.length} links)`, async ({ page }) => {
    for (const [index, example] of examples.entries()) {
      await test.step(`#example=${example.id} → ${example.expect.decision}`, async () => {
        if (index === 0) await page.goto(`/#example=${example.id}`, { waitUntil: 'commit' });
        else await page.evaluate((hash) => (window.location.hash = hash), `#example=${example.id}`);
        // The menu names the example in the same render that replaces the inputs; the verdict pane
        // is busy until its result is for those inputs, so an earlier example's verdict never counts.
        await expect(page.locator('#examples-menu')).toHaveValue(example.id);
        await expect(page.locator('.verdict-pane')).toHaveAttribute('aria-busy', 'false');
        await expect.soft(page.getByTestId('verdict')).toHaveAttribute('data-decision', example.expect.decision);
        if (example.expect.message) await expect.soft(page.getByTestId('verdict-message')).toContainText(example.expect.message);
        await expect.soft(page.getByTestId('provider-select')).toHaveValue(example.provider);
      });
    }
  });
}
