import { expect, test } from '@playwright/test';
import { verdictOf } from './helpers';

const MB2 = 2 * 1024 * 1024;

// A paste of megabytes into the token pane held the tab for many seconds (Chromium lays out and
// edits the whole text, then the page reads it). It is refused before any of that work.
for (const [name, build] of [
  ['one huge claim value', () => JSON.stringify({ iss: 'https://gitlab.com', sub: 'x', blob: 'a'.repeat(MB2) })],
  ['tens of thousands of claims, one per line', () => JSON.stringify(Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`claim_${i}`, `value-${i}-${'v'.repeat(20)}`])), null, 2)],
] as const) {
  test(`a 2 MB paste (${name}) leaves the page answering within 2 s, refused with its size`, async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/#example=gitlab-aws-branch');
    await verdictOf(page);
    const before = await page.getByTestId('token-input').inputValue();
    const text = build();
    expect(text.length).toBeGreaterThan(MB2 * 0.9);
    await page.evaluate((value) => navigator.clipboard.writeText(value), text);
    await page.getByTestId('token-input').focus();
    await page.keyboard.press('ControlOrMeta+A');
    const started = Date.now();
    await page.keyboard.press('ControlOrMeta+V');
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
    const elapsed = Date.now() - started;
    expect(elapsed, `the page answered after ${elapsed} ms`).toBeLessThanOrEqual(2_000);
    await expect(page.getByTestId('paste-refused')).toContainText(/Not pasted: the clipboard holds \d\.\d MB/);
    await expect(page.getByTestId('paste-refused')).toContainText('AWS refuses tokens over 20,000 characters');
    await expect(page.getByTestId('token-input')).toHaveValue(before);
    if (name === 'one huge claim value') {
      await page.screenshot({ path: 'test-results/big-paste.png' });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByTestId('paste-refused').scrollIntoViewIfNeeded();
      await page.screenshot({ path: 'test-results/big-paste-phone.png' });
    }
    // Typing goes on as before, and clears the note.
    await page.getByTestId('token-input').fill(before.replace('"main"', '"mainx"'));
    await expect(page.getByTestId('paste-refused')).toHaveCount(0);
  });
}
