/**
 * The app's scan: an account export pasted in the page lists every configuration that trusts a CI
 * issuer with its reach (docs/contracts/SCAN.md), sortable, and a row opens that configuration in
 * the workbench with who else gets in.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { collectPageErrors } from './helpers';

const ACCOUNT = readFileSync('fixtures/scan/account/authorization-details.json', 'utf8');

test('a pasted account export lists each OIDC role widest reach first, and a row opens in the workbench', async ({ page }) => {
  const errors = collectPageErrors(page);
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto('/#example=gitlab-aws-branch');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'allow');
  const section = page.getByTestId('scan-section');
  await section.locator('summary').click();
  await section.getByTestId('scan-input').fill(ACCOUNT);
  await section.getByTestId('scan-run').click();
  // Four roles trust an OIDC issuer, four are service roles (the CLI's answer for the same file).
  await expect(section.getByTestId('scan-summary')).toContainText('8 configurations read, 4 trust no OIDC issuer, 4 analysed');
  const rows = section.getByTestId('scan-row');
  await expect(rows).toHaveCount(4);
  await expect(rows.first()).toHaveAttribute('data-reach', 'anyone');
  await expect(rows.first()).toContainText('github-actions-any');
  await section.screenshot({ path: 'test-results/scan-section.png' });

  // Sorting by name puts github-actions-any first among the names, then reversed puts it last.
  await section.getByRole('button', { name: 'Name' }).click();
  await expect(rows.first()).toContainText('github-actions-any');
  await section.getByRole('button', { name: 'Name' }).click();
  await expect(rows.last()).toContainText('github-actions-any');
  await section.getByRole('button', { name: 'Reach' }).click();
  await expect(rows.first()).toHaveAttribute('data-reach', 'anyone');

  await rows.first().getByTestId('scan-open').click();
  await expect(page.getByTestId('exposure-grade')).toHaveAttribute('data-reach', 'anyone');
  await expect(page.getByTestId('exposure-grade')).toHaveAttribute('data-grade', 'open');
  // Everything stayed in the page: no request carried the export.
  expect(requests.filter((url) => !url.startsWith('http://127.0.0.1'))).toEqual([]);
  expect(errors).toEqual([]);
});

test('on a phone the scan table scrolls inside its card, never the page, and Scan is reached with the keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/#example=gitlab-aws-branch');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'allow');
  const section = page.getByTestId('scan-section');
  await section.locator('summary').focus();
  await page.keyboard.press('Enter');
  await section.getByTestId('scan-input').fill(ACCOUNT);
  await section.getByTestId('scan-run').focus();
  await page.keyboard.press('Enter');
  await expect(section.getByTestId('scan-row')).toHaveCount(4);
  await section.screenshot({ path: 'test-results/scan-section-phone.png' });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
