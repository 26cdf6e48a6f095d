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

// Documentation links `#example=<id>`: each must keep opening with the decision it promises.
for (const example of EXAMPLES) {
  test(`#example=${example.id} opens with decision ${example.expect.decision}`, async ({ page }) => {
    await page.goto(`/#example=${example.id}`);
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', example.expect.decision);
    if (example.expect.message) await expect(page.getByTestId('verdict-message')).toContainText(example.expect.message);
    await expect(page.getByTestId('provider-select')).toHaveValue(example.provider);
  });
}
