/**
 * "Who else gets in" (docs/contracts/EXPOSURE.md): under the verdict, the configuration's grade and
 * concrete tokens it lets in, each loadable into the token pane to see its full verdict.
 */
import { expect, test, type Page } from '@playwright/test';
import { exampleById } from '../src/engine/examples';
import { collectPageErrors, markedText, stateUrl, verdictOf } from './helpers';
import { pasteInto } from './exposure-helpers';

const wildcard = exampleById('gitlab-aws-group-wildcard')!;

/** The claims in the token pane, as JSON. */
async function tokenClaims(page: Page): Promise<Record<string, unknown>> {
  return JSON.parse(await page.getByTestId('token-input').inputValue()) as Record<string, unknown>;
}

test('a group wildcard lets another project in, and loading that token shows its own allow', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto('/#example=gitlab-aws-group-wildcard');
  await expect(await verdictOf(page)).toHaveAttribute('data-decision', 'allow');
  const panel = page.getByTestId('exposure-panel');
  await expect(panel.getByTestId('exposure-grade')).toHaveAttribute('data-grade', /^(narrow|broad|open)$/);

  const witness = panel.locator('[data-testid="exposure-witness"][data-axis="other-project"]').first();
  await expect(witness).toBeVisible();
  // Who can mint it and the way in: any member of mygroup, through the policy's only statement.
  await expect(panel.getByTestId('exposure-grade')).toHaveAttribute('data-reach', 'organization');
  await expect(witness).toHaveAttribute('data-reach', 'organization');
  await expect(witness.locator('.witness-outcome')).toContainText('via the 1st statement');
  await witness.screenshot({ path: 'test-results/exposure-witness-reach.png' });
  // The way in is a line of the configuration: one click shows it in the editor.
  await expect(page.locator('.monaco-editor').first()).toBeVisible();
  await witness.getByTestId('exposure-via').click();
  await expect(page.locator('.monaco-editor.focused')).toBeVisible();
  await expect(page.locator('.monaco-editor .active-line-number').first()).toHaveText('4');
  // What differs from the token in the pane is shown: another project path.
  await expect(witness.locator('.witness-changes').first()).toContainText('project_path');

  const before = await tokenClaims(page);
  await witness.getByTestId('exposure-load').click();
  await expect.poll(async () => (await tokenClaims(page)).project_path).not.toBe(before.project_path);
  const loaded = await tokenClaims(page);
  expect(String(loaded.project_path)).toMatch(/^mygroup\//);
  expect(loaded.sub).toBe(`project_path:${String(loaded.project_path)}:ref_type:${String(loaded.ref_type)}:ref:${String(loaded.ref)}`);
  // The verdict is now that token's, decided by the evaluator: the wildcard lets it in.
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'allow');
  await expect(page.getByTestId('verdict-message')).toContainText(wildcard.expect.message!);
  expect(errors).toEqual([]);
});

test('a witness of a refused token turns the verdict from deny to allow when loaded', async ({ page }) => {
  await page.goto('/#example=gitlab-aws-group-wildcard-denied');
  await expect(await verdictOf(page)).toHaveAttribute('data-decision', 'deny');
  // othergroup/myproject is refused; the analysis varies a token the policy admits instead.
  const witness = page.locator('[data-testid="exposure-witness"][data-axis="other-project"]').first();
  await expect(witness).toBeVisible();
  // Compared with the refused token in the pane, the group differs.
  await expect(witness.locator('.witness-changes').first()).toContainText('othergroup/myproject');
  await witness.getByTestId('exposure-load').click();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'allow');
  expect(String((await tokenClaims(page)).project_path)).toMatch(/^mygroup\//);
});

test('a condition the analysis cannot read is named and marked in the editor', async ({ page }) => {
  const example = exampleById('gcp-gitlab-user-login')!;
  const policy = example.policy.replace("assertion.namespace_id == '72'", "assertion.namespace_id == '72' && assertion.sub.size() > 3");
  expect(policy).not.toBe(example.policy);
  await page.goto(stateUrl({ v: 1, provider: 'gcp', policy, claims: example.claims, token: null, at: example.at }));
  await expect(await verdictOf(page)).toHaveAttribute('data-decision', 'allow');
  await expect(page.getByTestId('exposure-opaque')).toContainText('attributeCondition');
  await expect.poll(() => markedText(page, 'mark-opaque')).toContain('assertion.sub.size() > 3');
});

test('the panel follows the configuration as it is edited', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/#example=gitlab-aws-group-wildcard');
  await expect(page.getByTestId('exposure-witness').first()).toBeVisible();
  // The same token on a pinned policy: no other project gets in any more.
  const pinned = wildcard.policy.replace('project_path:mygroup/*', 'project_path:mygroup/tools/deep-project:ref_type:branch:ref:feature').replace('StringLike', 'StringEquals');
  expect(pinned).not.toBe(wildcard.policy);
  await pasteInto(page, page.getByTestId('policy-input'), pinned);
  await expect(page.locator('[data-testid="exposure-witness"][data-axis="other-project"]')).toHaveCount(0);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'allow');
});

test('the embed shows who else gets in only when asked', async ({ page }) => {
  await page.goto('/?embed=1&exposure=1#example=gitlab-aws-group-wildcard');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'allow');
  await expect(page.getByTestId('exposure-panel').getByTestId('exposure-grade')).toBeVisible();
  await expect(page.getByTestId('exposure-witness').first()).toBeVisible();

  await page.goto('about:blank');
  await page.goto('/?embed=1#example=gitlab-aws-group-wildcard');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'allow');
  await expect(page.getByTestId('exposure-panel')).toHaveCount(0);
});

test('the scenario matrix runs the gallery tokens of the issuer and exports a scenario file', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/#example=gitlab-aws-group-wildcard');
  await verdictOf(page);
  const matrix = page.getByTestId('scenario-matrix');
  await matrix.locator('summary').click();
  await matrix.getByTestId('matrix-source-gallery').check();
  const rows = matrix.getByTestId('matrix-row');
  await expect(rows.first()).toBeVisible();
  // Both gallery tokens of this wildcard policy appear with the decision the gallery states.
  await expect(rows.filter({ hasText: wildcard.title })).toHaveAttribute('data-decision', 'allow');
  await expect(rows.filter({ hasText: exampleById('gitlab-aws-group-wildcard-denied')!.title })).toHaveAttribute('data-decision', 'deny');

  await matrix.getByTestId('matrix-source-pasted').check();
  const line = (project: string) =>
    JSON.stringify({ iss: 'https://gitlab.com', aud: 'https://gitlab.com', sub: `project_path:${project}:ref_type:branch:ref:main`, iat: wildcard.at - 10, exp: wildcard.at + 290 });
  await matrix.getByTestId('matrix-paste').fill(`${line('mygroup/a')}\n\n${line('other/a')}`);
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveAttribute('data-decision', 'allow');
  await expect(rows.nth(1)).toHaveAttribute('data-decision', 'deny');
  await matrix.getByTestId('matrix-copy').click();
  await expect(matrix.getByText('Scenario file copied.')).toBeVisible();
  const file = await page.evaluate(() => navigator.clipboard.readText());
  expect(file).toContain('provider: aws');
  expect(file).toContain('name: line 1');
  expect(file).toContain('name: line 3');
  expect(file).toContain('decision: deny');

  await matrix.getByTestId('matrix-paste').fill(`${line('mygroup/a')}\nnot json`);
  await expect(matrix.getByTestId('matrix-problem')).toContainText('Line 2 is not valid JSON');
});
