/**
 * Compare mode: an earlier configuration beside the current one, the token under both, and the
 * tokens the change lets in or shuts out (docs/contracts/EXPOSURE.md, "Policy diff").
 */
import lzString from 'lz-string';
import { expect, test } from '@playwright/test';
import { exampleById } from '../src/engine/examples';
import { collectPageErrors, GITLAB_AWS_POLICY, verdictOf } from './helpers';
import { pasteInto } from './exposure-helpers';

const wildcard = exampleById('gitlab-aws-group-wildcard')!;
/** GitLab's documented policy, pinned to mygroup/myproject on main: the "before" of a broadening change. */
const PINNED = GITLAB_AWS_POLICY;
const MAIN_CLAIMS = exampleById('gitlab-aws-branch')!.claims;

function comparingUrl(before: string, after: string, claims: Record<string, unknown>, at: number): string {
  const state = { v: 1, provider: 'aws', policy: after, claims, token: null, at, before };
  return `/#s=${lzString.compressToEncodedURIComponent(JSON.stringify(state))}`;
}

function decodedState(url: string): Record<string, unknown> {
  const fragment = new URL(url).hash.replace(/^#s=/, '');
  return JSON.parse(lzString.decompressFromEncodedURIComponent(fragment) ?? 'null') as Record<string, unknown>;
}

test('widening a pinned sub to project_path:mygroup/* lists the broadened tokens, and one loads', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const errors = collectPageErrors(page);
  await page.goto('/#example=gitlab-aws-group-wildcard');
  await verdictOf(page);
  await page.getByTestId('compare-toggle').click();
  await expect(page.getByTestId('compare-toggle')).toHaveAttribute('aria-pressed', 'true');
  await pasteInto(page, page.getByTestId('compare-before-input').locator('.editor.original'), PINNED);

  // The example's own token (a subgroup project on a feature branch) was refused before.
  await expect(page.getByTestId('compare-before-verdict')).toHaveAttribute('data-decision', 'deny');
  await expect(page.getByTestId('compare-after-verdict')).toHaveAttribute('data-decision', 'allow');
  // Another project of the group: refused by the pinned sub, let in by the wildcard.
  const otherProject = page.locator('[data-testid="diff-broadened"][data-axis="other-project"]').first();
  await expect(otherProject).toBeVisible();
  await expect(otherProject).toContainText('before: denied');
  await expect(otherProject).toContainText('now: allowed');
  await expect(otherProject.locator('.witness-changes').first()).toContainText('project_path');
  await expect(page.getByTestId('diff-narrowed')).toHaveCount(0);

  await otherProject.getByTestId('exposure-load').click();
  await expect.poll(async () => (JSON.parse(await page.getByTestId('token-input').inputValue()) as { project_path: string }).project_path).toMatch(/^mygroup\/.*other-project$/);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'allow');
  await expect(page.getByTestId('compare-before-verdict')).toHaveAttribute('data-decision', 'deny');
  // The fragment now carries both versions.
  await expect.poll(() => decodedState(page.url()).before).toBe(PINNED);

  await page.getByTestId('compare-toggle').click();
  await expect(page.getByTestId('compare-before-input')).toHaveCount(0);
  await expect(page.getByTestId('diff-broadened')).toHaveCount(0);
  // Back on: "before" starts again as a copy of the current configuration, so nothing differs.
  await page.getByTestId('compare-toggle').click();
  await expect(page.getByTestId('compare-before-input').locator('.editor.original .view-lines')).toBeVisible();
  await expect(page.getByTestId('compare-verdict').getByText('Let in by the change')).toBeVisible();
  await expect(page.getByTestId('diff-broadened')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a share link with "before" round-trips compare mode', async ({ page, context }) => {
  await page.goto(comparingUrl(PINNED, wildcard.policy, MAIN_CLAIMS, wildcard.at));
  await expect(await verdictOf(page)).toHaveAttribute('data-decision', 'allow');
  await expect(page.getByTestId('compare-toggle')).toHaveAttribute('aria-pressed', 'true');
  // The main-branch token of mygroup/myproject is let in by both versions.
  await expect(page.getByTestId('compare-before-verdict')).toHaveAttribute('data-decision', 'allow');
  await expect(page.getByTestId('diff-broadened').first()).toBeVisible();
  const broadenedCount = await page.getByTestId('diff-broadened').count();

  await page.getByTestId('share-link').click();
  const link = await page.getByTestId('share-url').inputValue();
  const state = decodedState(link);
  expect(state.before).toBe(PINNED);
  expect(state.policy).toBe(wildcard.policy);

  const other = await context.newPage();
  await other.goto(link);
  await expect(await verdictOf(other)).toHaveAttribute('data-decision', 'allow');
  await expect(other.getByTestId('compare-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect(other.getByTestId('compare-before-verdict')).toHaveAttribute('data-decision', 'allow');
  await expect(other.getByTestId('diff-broadened')).toHaveCount(broadenedCount);
});

test('a link without "before" opens with compare mode off', async ({ page }) => {
  const state = { v: 1, provider: 'aws', policy: wildcard.policy, claims: MAIN_CLAIMS, token: null, at: wildcard.at };
  await page.goto(`/#s=${lzString.compressToEncodedURIComponent(JSON.stringify(state))}`);
  await expect(await verdictOf(page)).toHaveAttribute('data-decision', 'allow');
  await expect(page.getByTestId('compare-toggle')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('compare-before-input')).toHaveCount(0);
});
