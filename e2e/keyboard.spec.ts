import { expect, test, type Page } from '@playwright/test';
import { verdictOf } from './helpers';

/** Where focus is: the test id of the focused element or of its nearest ancestor that has one. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return element?.closest('[data-testid]')?.getAttribute('data-testid') ?? element?.id ?? element?.tagName ?? '';
  });

async function editorReady(page: Page) {
  await page.goto('/');
  await verdictOf(page);
  await expect(page.getByTestId('policy-input').locator('.monaco-editor')).toBeVisible();
}

test('Shift+Tab passes through the configuration editor instead of trapping focus in it', async ({ page }) => {
  await editorReady(page);
  const before = await page.getByTestId('policy-input').locator('.view-lines').innerText();
  await page.getByTestId('compare-toggle').focus();
  await page.keyboard.press('Shift+Tab');
  await expect.poll(() => focused(page)).toBe('policy-input');
  await page.keyboard.press('Shift+Tab');
  await expect.poll(() => focused(page)).not.toBe('policy-input');
  // It went backwards, to a control above the editor, and the text was not outdented.
  expect(await page.evaluate(() => {
    const editor = document.querySelector('[data-testid="policy-input"]')!;
    return !!(editor.compareDocumentPosition(document.activeElement!) & Node.DOCUMENT_POSITION_PRECEDING);
  })).toBe(true);
  expect(await page.getByTestId('policy-input').locator('.view-lines').innerText()).toBe(before);

  // Once the reader works in the editor (a click), Tab indents again, as the note under it says.
  await page.getByTestId('policy-input').locator('.view-lines').click();
  await page.keyboard.press('Tab');
  await expect.poll(() => focused(page)).toBe('policy-input');
});

test('from the token pane to the editor takes few Tab stops: the claims docs links are one stop, moved through with the arrow keys', async ({ page }) => {
  await editorReady(page);
  await page.getByTestId('token-input').focus();
  let presses = 0;
  while ((await focused(page)) !== 'policy-input' && presses < 60) {
    await page.keyboard.press('Tab');
    presses++;
  }
  expect(await focused(page)).toBe('policy-input');
  expect(presses).toBeLessThanOrEqual(16);

  const docs = page.getByTestId('claims-table').locator('a[data-claim-doc]');
  expect(await docs.count()).toBeGreaterThan(5);
  await docs.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(docs.nth(1)).toBeFocused();
  await page.keyboard.press('End');
  await expect(docs.last()).toBeFocused();
  // The link reached last is the table's one Tab stop.
  await expect(page.getByTestId('claims-table').locator('a[data-claim-doc][tabindex="0"]')).toHaveCount(1);
});

test('Esc closes the Share panel and returns focus to the Share button', async ({ page }) => {
  await editorReady(page);
  await page.getByTestId('share-link').click();
  await expect(page.getByTestId('share-url')).toBeVisible();
  await page.getByTestId('share-url').focus();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('share-url')).toHaveCount(0);
  await expect(page.getByTestId('share-link')).toBeFocused();
});
