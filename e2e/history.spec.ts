import { expect, test } from '@playwright/test';
import { verdictOf } from './helpers';

// Steps a reader would undo get history entries; typing rewrites the current one (shared docs WEB.md:
// the fragment is kept with history.replaceState as the user edits).
test('Back undoes picking an example, turning compare on and loading a witness; typing adds no entry', async ({ page }) => {
  await page.goto('/#example=gitlab-aws-branch');
  await verdictOf(page);
  const tokenOf = () => page.getByTestId('token-input').inputValue();
  const first = await tokenOf();

  await page.locator('#examples-menu').selectOption('gitlab-aws-tag-denied');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'deny');
  await page.goBack();
  await expect(page.locator('#examples-menu')).toHaveValue('gitlab-aws-branch');
  await expect(page.getByTestId('token-input')).toHaveValue(first);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'allow');

  const length = await page.evaluate(() => history.length);
  await page.getByTestId('token-input').fill(first.replace('"main"', '"mainx"'));
  await page.getByTestId('token-input').fill(first);
  await page.waitForTimeout(600);
  expect(await page.evaluate(() => history.length)).toBe(length);

  await page.getByTestId('compare-toggle').click();
  await expect(page.getByTestId('compare-verdict')).toBeVisible();
  await page.goBack();
  await expect(page.getByTestId('compare-verdict')).toHaveCount(0);
  await expect(page.getByTestId('compare-toggle')).toHaveAttribute('aria-pressed', 'false');

  await page.getByTestId('exposure-load').first().click();
  await expect(page.getByTestId('token-input')).not.toHaveValue(first);
  await page.goBack();
  await expect(page.getByTestId('token-input')).toHaveValue(first);
  // Still in the app, on the first example.
  expect(page.url()).toContain('127.0.0.1');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'allow');
});
