import { expect, test, type Page } from '@playwright/test';
import { collectPageErrors, GITLAB_AWS_POLICY, stateUrl, verdictOf } from './helpers';

const START = stateUrl({ v: 1, provider: 'aws', policy: GITLAB_AWS_POLICY, claims: { iss: 'https://gitlab.com' }, token: null, at: null });

async function expectUsable(page: Page, typed: string) {
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'error');
  await expect(page.getByTestId('verdict-message')).not.toBeEmpty();
  await expect(page.getByTestId('token-input')).toBeVisible();
  // What the user typed is never lost.
  expect(await page.getByTestId('token-input').inputValue()).toBe(typed);
  await expect(page.getByTestId('provider-select')).toBeVisible();
}

test('random text gets a precise message', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto(START);
  const typed = 'not a token at all ✓ \u0000 %%%';
  await page.getByTestId('token-input').fill(typed);
  await expectUsable(page, typed);
  await expect(page.getByTestId('token-error')).toContainText('3 dot-separated segments');
  expect(errors).toEqual([]);
});

test('broken claims JSON is located by line and column', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto(START);
  const typed = '{\n  "iss": "https://gitlab.com",\n  "sub": \n}';
  await page.getByTestId('token-input').fill(typed);
  await expectUsable(page, typed);
  await expect(page.getByTestId('verdict-message')).toContainText(/line 4, column 1/);
  expect(errors).toEqual([]);
});

test('a 1 MB paste does not blank the page', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto(START);
  const typed = `eyJ${'A'.repeat(1024 * 1024)}`;
  await page.getByTestId('token-input').fill(typed);
  await expectUsable(page, typed);
  expect(errors).toEqual([]);
});

test('deeply nested JSON does not blank the page', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto(START);
  const depth = 20_000;
  const typed = `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`;
  await page.getByTestId('token-input').fill(typed);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', /^(allow|deny|error)$/);
  expect(await page.getByTestId('token-input').inputValue()).toBe(typed);
  await expect(page.getByTestId('provider-select')).toBeVisible();
  expect(errors).toEqual([]);
});

test('a broken trust configuration is located and the page stays usable', async ({ page }) => {
  const errors = collectPageErrors(page);
  const policy = '{\n  "Version": "2012-10-17",\n  "Statement": [ { "Effect": "Allow", }\n}';
  await page.goto(stateUrl({ v: 1, provider: 'aws', policy, claims: { iss: 'https://gitlab.com' }, token: null, at: null }));
  await verdictOf(page);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'error');
  await expect(page.getByTestId('token-input')).toBeVisible();
  expect(errors).toEqual([]);
});
