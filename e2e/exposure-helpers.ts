import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Replace the text of a Monaco editor the way a user pastes it: through the clipboard, so the
 * editor inserts it as is (typing would auto-close brackets and re-indent lines). The context
 * needs clipboard permissions.
 */
export async function pasteInto(page: Page, editor: Locator, text: string) {
  const lines = editor.locator('.view-lines').first();
  await expect(lines).toBeVisible();
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await lines.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
}
