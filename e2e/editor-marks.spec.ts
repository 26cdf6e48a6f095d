import { expect, test } from '@playwright/test';

test('a failing line keeps its red gutter mark when a warning sits on the same line', async ({ page }) => {
  // The group wildcard denial fails on line 12, where a finding about the wildcard also points.
  await page.goto('/#example=gitlab-aws-group-wildcard-denied');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'deny');
  const editor = page.getByTestId('policy-input');
  await expect(editor.locator('.glyph-error').first()).toBeVisible();
  const tops = (selector: string) => editor.locator(selector).evaluateAll((nodes) => nodes.map((node) => Math.round(node.getBoundingClientRect().top)));
  const errors = await tops('.glyph-error');
  const others = await tops('.glyph-warning, .glyph-info, .glyph-pass');
  expect(errors.length).toBeGreaterThan(0);
  for (const top of errors) expect(others, 'one glyph per line, and on a failing line it is the failure').not.toContain(top);
  await page.screenshot({ path: 'test-results/editor-marks.png' });
});
