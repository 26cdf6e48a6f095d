/**
 * Huge or deeply nested configurations pasted into the policy editor: the page keeps answering,
 * the text is kept, the editor's JSON worker never overflows its stack, and the verdict is one
 * located line. A Google Cloud condition deep inside parentheses gets the command line's verdict.
 */
import { expect, test, type Page } from '@playwright/test';
import { evaluate } from '../src/engine/evaluate';
import { exampleById } from '../src/engine/examples';
import { claimsToken } from '../src/engine/token';
import { stateUrl, verdictOf } from './helpers';

/** Every console error, page error and worker error, whatever thread it came from. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`${error.message}\n${error.stack ?? ''}`));
  return errors;
}

/** Pastes `text` over everything in the policy editor; the time until the page runs a frame again. */
async function pasteIntoPolicyEditor(page: Page, text: string): Promise<number> {
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  const editor = page.getByTestId('policy-input').locator('.monaco-editor');
  await expect(editor).toBeVisible();
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  const started = Date.now();
  await page.keyboard.press('ControlOrMeta+V');
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  return Date.now() - started;
}

/** A click and a keystroke in the token pane land within 2 s. */
async function expectTokenPaneAnswers(page: Page) {
  const input = page.getByTestId('token-input');
  const started = Date.now();
  await input.click({ timeout: 2_000 });
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' ');
  await expect(input).toHaveValue(/ $/, { timeout: 2_000 });
  expect(Date.now() - started, 'the token pane answered a click and a keystroke').toBeLessThanOrEqual(2_000);
}

function expectNoStackOverflow(errors: string[]) {
  expect(errors.filter((error) => /Maximum call stack|too much recursion|RangeError/i.test(error))).toEqual([]);
}

/** An AWS trust policy with thousands of statements, one per repository, at least `size` characters long. */
function hugeTrustPolicy(size: number): string {
  const statements = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const statement = {
      Sid: `Repository${i}`,
      Effect: 'Allow',
      Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/gitlab.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'gitlab.com:sub': `project_path:mygroup/project-${i}:ref_type:branch:ref:main` } },
    };
    statements.push(statement);
    length += JSON.stringify(statement, null, 2).length + 8;
  }
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}

test.describe('huge and deeply nested pastes into the policy editor', () => {
  test.beforeEach(async ({ context, page }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/#example=gitlab-aws-branch');
    await verdictOf(page);
  });

  test('a 2 MB trust policy: the page answers within 2 s, the text is kept, no stack overflow', async ({ page }) => {
    const errors = collectErrors(page);
    const policy = hugeTrustPolicy(2 * 1024 * 1024);
    expect(policy.length).toBeGreaterThanOrEqual(2 * 1024 * 1024);
    const elapsed = await pasteIntoPolicyEditor(page, policy);
    expect(elapsed, `the page answered after ${elapsed} ms`).toBeLessThanOrEqual(2_000);
    await expectTokenPaneAnswers(page);
    // The whole text reached the page (its length is in the verdict) and stays in the editor.
    await expect(page.getByTestId('verdict-message')).toHaveText(`The trust configuration could not be read: it is ${policy.length.toLocaleString('en-US')} characters long and trustlens reads up to 2,000,000 (line 1:1)`);
    await expect(page.getByTestId('verdict-message-label')).toHaveText('trustlens could not read the input');
    const lastSid = /"Sid": "(Repository\d+)"(?![\s\S]*"Sid")/.exec(policy)![1];
    await page.getByTestId('policy-input').locator('.view-lines').click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.press('PageUp');
    await expect(page.getByTestId('policy-input').locator('.view-lines')).toContainText(lastSid);
    // Long enough for the editor's workers to have read the text, were they given it.
    await page.waitForTimeout(2_000);
    expectNoStackOverflow(errors);
  });

  test('JSON nested 10,000 levels: the page answers within 2 s and the verdict is a located refusal', async ({ page }) => {
    const errors = collectErrors(page);
    const elapsed = await pasteIntoPolicyEditor(page, `${'['.repeat(10_000)}${']'.repeat(10_000)}`);
    expect(elapsed, `the page answered after ${elapsed} ms`).toBeLessThanOrEqual(2_000);
    await expectTokenPaneAnswers(page);
    await expect(page.getByTestId('verdict-message')).toHaveText('The trust policy is nested more than 256 levels deep at line 1, column 257');
    await expect(page.getByTestId('verdict-message-label')).toHaveText('trustlens could not read the input');
    await page.waitForTimeout(2_000);
    expectNoStackOverflow(errors);
  });

  for (const [name, nesting] of [
    ['10,000 brackets', `${'['.repeat(10_000)}${']'.repeat(10_000)}`],
    ['a flow sequence nested 10,000 deep', `[a, ${'[a, '.repeat(10_000)}b${']'.repeat(10_000)}]`],
  ] as const) {
    test(`a CloudFormation template with ${name}: the page answers within 2 s and the verdict is one located line by trustlens`, async ({ page }) => {
      const errors = collectErrors(page);
      const template = `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: ${nesting}\n`;
      const elapsed = await pasteIntoPolicyEditor(page, template);
      expect(elapsed, `the page answered after ${elapsed} ms`).toBeLessThanOrEqual(2_000);
      await expectTokenPaneAnswers(page);
      const column = 'AssumeRolePolicyDocument: '.length + 6 + 1 + (nesting.startsWith('[a, ') ? 4 * 100 : 100);
      await expect(page.getByTestId('verdict-message')).toHaveText(`The template is nested more than 100 levels deep (line 6:${column})`);
      await expect(page.getByTestId('verdict-message-label')).toHaveText('trustlens could not read the input');
      await page.waitForTimeout(1_000);
      expectNoStackOverflow(errors);
    });
  }
});

test.describe('a Google Cloud condition deep inside parentheses', () => {
  const example = exampleById('gcp-github-recommended')!;
  function wrapped(levels: number): string {
    const config = JSON.parse(example.policy) as { provider: { attributeCondition: string } };
    config.provider.attributeCondition = `${'('.repeat(levels)}${config.provider.attributeCondition}${')'.repeat(levels)}`;
    return JSON.stringify(config, null, 2);
  }

  // 240 levels are within cel-go's limit of 250 (github.com/google/cel-go parser/parser.go,
  // maxRecursionDepth, commit 14f6746a286f198c2a976749331b7bf4aa2d4bd2); 251 are past it.
  for (const levels of [240, 251]) {
    test(`${levels} parentheses: the page's verdict and message are the command line's`, async ({ page }) => {
      const policyText = wrapped(levels);
      // What `trustlens eval` decides: the same engine, on Node's stack.
      const cli = evaluate({ provider: 'gcp', policyText, token: { ok: true, token: claimsToken(example.claims) }, at: example.at });
      expect(cli.decision).toBe(levels <= 250 ? 'allow' : 'error');
      await page.goto(stateUrl({ v: 1, provider: 'gcp', policy: policyText, claims: example.claims, token: null, at: example.at }));
      const verdict = await verdictOf(page);
      await expect(verdict).toHaveAttribute('data-decision', cli.decision);
      await expect(page.getByTestId('verdict-message')).toHaveText(cli.message);
      await expect(page.getByTestId('verdict-message')).not.toContainText('Maximum call stack');
    });
  }
});
