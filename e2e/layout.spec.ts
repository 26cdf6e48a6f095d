import { expect, test } from '@playwright/test';
import lzString from 'lz-string';
import { GITLAB_AWS_POLICY, stateUrl, verdictOf } from './helpers';

// A real GitLab token's long unbroken values (ci_config_ref_uri, an aud URL, sha) must wrap inside
// the token card rather than push the claims table past it.
test('long claim values wrap inside the token card at 1440 px', async ({ page }) => {
  const claims = {
    iss: 'https://gitlab.com',
    aud: 'https://vault.internal.platform-engineering.example-corporation.com/v1/auth/jwt-gitlab-production/login',
    sub: 'project_path:platform-engineering/infrastructure/terraform-modules/aws-organisation-baseline:ref_type:branch:ref:feature/JIRA-12345-rotate-the-production-deploy-role-credentials',
    project_path: 'platform-engineering/infrastructure/terraform-modules/aws-organisation-baseline',
    ci_config_ref_uri: 'gitlab.com/platform-engineering/infrastructure/terraform-modules/aws-organisation-baseline//.gitlab-ci.yml@refs/heads/feature/JIRA-12345-rotate-the-production-deploy-role-credentials',
    ci_config_sha: '714a629c0b401fdce83e847fc9589983fc6f46bc714a629c0b401fdce83e847fc9589983fc6f46bc',
    iat: 1700000000,
    exp: 1700000300,
  };
  await page.goto(stateUrl({ v: 1, provider: 'aws', policy: GITLAB_AWS_POLICY, claims, token: null, at: 1700000010 }));
  await verdictOf(page);
  const table = page.getByTestId('claims-table');
  await expect(table).toBeVisible();
  const overflow = await page.locator('.pane-token').evaluate((pane) => {
    const box = pane.getBoundingClientRect();
    let worst = 0;
    for (const element of pane.querySelectorAll('*')) {
      const rect = element.getBoundingClientRect();
      if (rect.width > 0) worst = Math.max(worst, rect.right - box.right);
    }
    return { worst: Math.round(worst), scroll: pane.scrollWidth - pane.clientWidth };
  });
  await page.screenshot({ path: 'test-results/layout-long-claims.png', fullPage: false });
  expect(overflow.worst, 'pixels past the token card').toBeLessThanOrEqual(0);
  expect(overflow.scroll).toBeLessThanOrEqual(0);
});

test('comparing at 1440 px: each side of the diff is readable and a change far down is brought into view', async ({ page }) => {
  const statement = (index: number, ref: string) => ({
    Sid: `Deploy${index}`,
    Effect: 'Allow',
    Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/gitlab.com' },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringEquals: { 'gitlab.com:sub': `project_path:mygroup/project-${index}:ref_type:branch:ref:${ref}` } },
  });
  const policy = (lastRef: string) => JSON.stringify({ Version: '2012-10-17', Statement: Array.from({ length: 12 }, (_, i) => statement(i, i === 11 ? lastRef : 'main')) }, null, 2);
  const claims = { iss: 'https://gitlab.com', aud: 'https://gitlab.com', sub: 'project_path:mygroup/project-0:ref_type:branch:ref:main', iat: 1700000000, exp: 1700000300 };
  // The earlier version differs only in the last statement, about 190 lines down.
  const state = { v: 1, provider: 'aws', policy: policy('release-*'), claims, token: null, at: 1700000010, before: policy('main') };
  await page.goto(`/#s=${lzString.compressToEncodedURIComponent(JSON.stringify(state))}`);
  await verdictOf(page);
  const diff = page.getByTestId('compare-before-input');
  await expect(diff.locator('.editor.modified')).toBeVisible();
  for (const side of ['.editor.original', '.editor.modified']) {
    expect(await diff.locator(side).evaluate((element) => element.getBoundingClientRect().width), side).toBeGreaterThanOrEqual(320);
  }
  // Monaco renders only the lines in view: the change is drawn only if it was scrolled to.
  await expect(diff.locator('.editor.modified .char-insert, .editor.modified .line-insert').first()).toBeVisible();
  await expect(diff.locator('.editor.modified .view-lines')).toContainText('release-*');
  await page.screenshot({ path: 'test-results/layout-compare.png' });
});

test("the scenario matrix's Load buttons stay inside the matrix at 1440 px", async ({ page }) => {
  await page.goto('/#example=gitlab-aws-group-wildcard');
  await verdictOf(page);
  const matrix = page.getByTestId('scenario-matrix');
  await matrix.locator('summary').click();
  await expect(matrix.getByTestId('matrix-row').first()).toBeVisible();
  const box = (await matrix.boundingBox())!;
  const loads = matrix.locator('.matrix-load button');
  expect(await loads.count()).toBeGreaterThan(0);
  for (const load of await loads.all()) {
    const rect = (await load.boundingBox())!;
    expect(rect.x + rect.width, 'a Load button past the matrix').toBeLessThanOrEqual(box.x + box.width + 0.5);
  }
  await matrix.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/layout-matrix.png' });
});
