import { expect, test } from '@playwright/test';
import { editToken, verdictOf } from './helpers';

test('on a phone the decision stays in sight while editing far below the verdict, and one tap goes back to it', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/#example=gitlab-aws-branch');
  await verdictOf(page);
  await expect(page.getByTestId('verdict-bar')).toHaveCount(0);
  await expect(page.getByTestId('policy-input').locator('.monaco-editor')).toBeAttached();
  await page.getByTestId('policy-input').scrollIntoViewIfNeeded();
  const bar = page.getByTestId('verdict-bar');
  await expect(bar).toBeInViewport();
  await expect(bar).toHaveAttribute('data-decision', 'allow');
  // An edit far from the verdict shows its decision in the bar.
  await editToken(page, (text) => text.replace('ref_type:branch:ref:main', 'ref_type:tag:ref:main'));
  await expect(bar).toHaveAttribute('data-decision', 'deny');
  await expect(bar).toContainText('Denied');
  await page.screenshot({ path: 'test-results/verdict-bar-phone.png' });
  await bar.getByRole('button', { name: 'Show the verdict' }).click();
  await expect(page.getByTestId('verdict')).toBeInViewport();
  await expect(bar).toHaveCount(0);
});

test('on a desktop the panes stand side by side and no bar is shown', async ({ page }) => {
  await page.goto('/#example=gitlab-aws-branch');
  await verdictOf(page);
  await page.getByTestId('scenario-matrix').scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, 3000);
  await expect(page.getByTestId('verdict-bar')).not.toBeVisible();
});
