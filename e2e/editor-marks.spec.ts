import { expect, test } from '@playwright/test';
import { stateUrl } from './helpers';

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

const GITHUB = { iss: 'https://token.actions.githubusercontent.com', aud: 'sts.amazonaws.com', sub: 'repo:octo-org/octo-repo:ref:refs/heads/main', iat: 1700000000, exp: 1700000300 };
const FEDERATED = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';

/** The text each editor line underlines as a warning, spaces normalised. */
async function warned(page: import('@playwright/test').Page): Promise<string[]> {
  const lines = page.getByTestId('policy-input').locator('.view-line');
  return lines.evaluateAll((nodes) =>
    nodes
      .map((node) => [...node.querySelectorAll('span[class*="mark-warning"]')].map((span) => span.textContent ?? '').join('').replace(/\u00a0/g, ' '))
      .filter((text) => text !== ''),
  );
}

test('an empty Sid underlines the Sid member, not its statement; a Terraform document without a sid has none to mark', async ({ page }) => {
  const policy = JSON.stringify(
    { Version: '2012-10-17', Statement: [{ Sid: '', Effect: 'Allow', Principal: { Federated: FEDERATED }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'token.actions.githubusercontent.com:sub': GITHUB.sub, 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } } }] },
    null,
    2,
  );
  await page.goto(stateUrl({ v: 1, provider: 'aws', policy, claims: GITHUB, token: null, at: 1700000100 }));
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'allow');
  await expect(page.locator('[data-testid="finding"]', { hasText: 'Empty Sid value' })).toHaveCount(1);
  await expect.poll(() => warned(page)).toContain('"Sid": ""');
  for (const text of await warned(page)) expect(text).not.toContain('"Effect"');

  // The AWS provider writes no Sid for a statement without one (v5.0.0 on), so nothing marks the block.
  const terraform = `data "aws_iam_policy_document" "assume" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["${FEDERATED}"]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["${GITHUB.sub}"]
    }
  }
}
resource "aws_iam_role" "r" {
  assume_role_policy = data.aws_iam_policy_document.assume.json
}
`;
  await page.goto('about:blank');
  await page.goto(stateUrl({ v: 1, provider: 'aws', policy: terraform, claims: GITHUB, token: null, at: 1700000100 }));
  // The HCL reader loads first: on a loaded machine that alone can take a while.
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'allow', { timeout: 90_000 });
  await expect(page.locator('.monaco-editor').first()).toBeVisible();
  await expect(page.locator('[data-testid="finding"]', { hasText: 'Empty Sid value' })).toHaveCount(0);
  // Other findings may mark their own lines (a condition); the statement's head and members stay clear.
  for (const text of await warned(page)) expect(text).not.toMatch(/^\s*(statement \{|effect\s+=|actions\s+=)/);
});
