import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { verdictOf } from './helpers';

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no serious or critical accessibility violations (${colorScheme})`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto('/');
    await verdictOf(page);
    await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
    await expect(page.locator('.monaco-editor').first()).toBeVisible();
    await page.getByTestId('share-link').click();
    const results = await new AxeBuilder({ page }).exclude('.monaco-editor .view-lines').analyze();
    const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
    await context.close();
  });
}

test('the main controls are reachable with the keyboard', async ({ page }) => {
  await page.goto('/');
  await verdictOf(page);
  const reached = new Set<string>();
  for (let i = 0; i < 160; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      return element?.dataset.testid ?? element?.id ?? element?.closest('[data-testid]')?.getAttribute('data-testid') ?? '';
    });
    if (id) reached.add(id);
  }
  for (const hook of ['token-input', 'provider-select', 'share-link', 'theme-toggle']) expect([...reached]).toContain(hook);
});

test('the theme toggle switches and remembers only the preference', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await page.evaluate(() => Object.keys(localStorage))).toEqual(['trustlens.theme']);
});
