import { readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { stateUrl, verdictSnapshot } from './helpers';

// GitHub's AWS trust policy (docs.github.com … oidc-in-aws) as JSON and as the aws_iam_role
// registry page writes it (jsonencode).
const POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: {
          'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
          'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:ref:refs/heads/main',
        },
      },
    },
  ],
};

const TERRAFORM = `variable "account_id" {
  default = "111122223333"
}

resource "aws_iam_role" "deploy" {
  name = "github-deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::\${var.account_id}:oidc-provider/token.actions.githubusercontent.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"
          "token.actions.githubusercontent.com:sub" = "repo:octo-org/octo-repo:ref:refs/heads/main"
        }
      }
    }]
  })
}
`;
const SUB_LINE = TERRAFORM.split('\n').findIndex((line) => line.includes('"token.actions.githubusercontent.com:sub" =')) + 1;

const AT = 1700000100;
const PULL_REQUEST = {
  iss: 'https://token.actions.githubusercontent.com',
  aud: 'sts.amazonaws.com',
  sub: 'repo:octo-org/octo-repo:pull_request',
  repository: 'octo-org/octo-repo',
  iat: 1700000000,
  exp: 1700000300,
};

test('a Terraform aws_iam_role gets the verdict of its JSON policy, the failing condition marked on its Terraform line', async ({ page }) => {
  await page.goto(stateUrl({ v: 1, provider: 'aws', policy: JSON.stringify(POLICY, null, 2), claims: PULL_REQUEST, token: null, at: AT }));
  const fromJson = await verdictSnapshot(page);
  expect(fromJson.decision).toBe('deny');

  await page.goto('about:blank');
  await page.goto(stateUrl({ v: 1, provider: 'aws', policy: TERRAFORM, claims: PULL_REQUEST, token: null, at: AT }));
  await expect(page.getByTestId('converted-config')).toBeVisible();
  const fromTerraform = await verdictSnapshot(page);
  expect(fromTerraform.decision).toBe(fromJson.decision);
  expect(fromTerraform.message).toBe(fromJson.message);

  const failing = page.locator('[data-testid="check"][data-result="fail"][data-check-id$="token.actions.githubusercontent.com:sub"]');
  await expect(failing).toHaveCount(1);
  await expect(failing.getByRole('button', { name: `line ${SUB_LINE}` })).toBeVisible();
  // Clicking it reveals that line of the Terraform text in the editor.
  await failing.getByRole('button', { name: `line ${SUB_LINE}` }).click();
  await expect(page.locator('.monaco-editor .active-line-number')).toHaveText(String(SUB_LINE));

  // The converted view shows what was evaluated.
  await page.getByTestId('converted-config').locator('summary').click();
  await expect(page.getByTestId('converted-config').locator('pre')).toContainText('"token.actions.githubusercontent.com:sub": "repo:octo-org/octo-repo:ref:refs/heads/main"');
  await page.screenshot({ path: 'test-results/iac-terraform.png', fullPage: true });
});

test('an unresolved var.x asks to be filled in, and the verdict follows the value', async ({ page }) => {
  const withVariable = TERRAFORM.replace('variable "account_id" {\n  default = "111122223333"\n}', 'variable "repository" {}').replace(
    'repo:octo-org/octo-repo:ref:refs/heads/main',
    'repo:${var.repository}:ref:refs/heads/main',
  ).replace('${var.account_id}', '111122223333');
  const main = { ...PULL_REQUEST, sub: 'repo:octo-org/octo-repo:ref:refs/heads/main' };
  await page.goto(stateUrl({ v: 1, provider: 'aws', policy: withVariable, claims: main, token: null, at: AT }));
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-decision', 'error');
  await expect(page.getByTestId('verdict-message')).toContainText('var.repository');
  // trustlens's own question, answered in the page: not "the service's message", no CLI flag.
  await expect(page.getByTestId('verdict')).toContainText('trustlens needs values the text does not give');
  await expect(page.getByTestId('verdict-message')).toContainText('fill it in with the fields under the editor');
  await expect(page.getByTestId('verdict-message')).not.toContainText('--var');
  const field = page.locator('[data-testid="iac-var"][data-name="var.repository"]');
  await expect(field).toBeVisible();
  await page.locator('.pane-policy').screenshot({ path: 'test-results/iac-placeholder.png' });
  await field.fill('octo-org/octo-repo');
  await expect(verdict).toHaveAttribute('data-decision', 'allow');
  await field.fill('octo-org/other');
  await expect(verdict).toHaveAttribute('data-decision', 'deny');
});

test('several resources: the picker chooses which one is evaluated', async ({ page }) => {
  const two = `${TERRAFORM}\nresource "aws_iam_role" "open" {\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }, Action = "sts:AssumeRoleWithWebIdentity" }]\n  })\n}\n`;
  await page.goto(stateUrl({ v: 1, provider: 'aws', policy: two, claims: PULL_REQUEST, token: null, at: AT }));
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-decision', 'error');
  await expect(page.getByTestId('verdict-message')).toContainText('aws_iam_role.deploy, aws_iam_role.open');
  await page.getByTestId('iac-resource').selectOption('aws_iam_role.open');
  await expect(verdict).toHaveAttribute('data-decision', 'allow');
  await page.getByTestId('iac-resource').selectOption('aws_iam_role.deploy');
  await expect(verdict).toHaveAttribute('data-decision', 'deny');
});

test('JSON input does not load the HCL library', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  await page.goto(stateUrl({ v: 1, provider: 'aws', policy: JSON.stringify(POLICY), claims: PULL_REQUEST, token: null, at: AT }));
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'deny');
  expect(requested.filter((url) => url.includes('hcl-parser-chunk'))).toEqual([]);
});

test('the HCL library is built once, and only workers fetch it', async ({ page }) => {
  // dist/ is the build this server runs (playwright.config.ts: npm run build).
  const chunks = readdirSync('dist/assets').filter((file) => /^hcl-parser-chunk-.*\.js$/.test(file));
  expect(chunks).toHaveLength(1);
  const requested: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('hcl-parser-chunk')) requested.push(request.url());
  });
  await page.goto(stateUrl({ v: 1, provider: 'aws', policy: TERRAFORM, claims: PULL_REQUEST, token: null, at: AT }));
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'deny');
  await expect(page.getByTestId('iac-unchecked')).toHaveCount(0);
  // The evaluation worker, and the analysis worker (who else gets in) if it has started, each load that one file.
  expect(requested.length).toBeGreaterThan(0);
  for (const url of requested) expect(url).toContain(`/assets/${chunks[0]}`);
  // The page's own thread never loaded it: a worker's downloads are in the worker's timeline only.
  expect(await page.evaluate(() => performance.getEntriesByType('resource').filter((entry) => entry.name.includes('hcl-parser-chunk')).length)).toBe(0);
});

test("the verdict does not wait for HashiCorp's parser: it is marked until the parser has checked the text", async ({ page, context }) => {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await context.route('**/hcl-parser-chunk-*', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(stateUrl({ v: 1, provider: 'aws', policy: TERRAFORM, claims: PULL_REQUEST, token: null, at: AT }));
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-decision', 'deny');
  await expect(page.getByTestId('iac-unchecked')).toBeVisible();
  const failing = page.locator('[data-testid="check"][data-result="fail"][data-check-id$="token.actions.githubusercontent.com:sub"]');
  await expect(failing.getByRole('button', { name: `line ${SUB_LINE}` })).toBeVisible();
  release();
  // Compiling the 3 MB parser is slow on a busy machine.
  await expect(page.getByTestId('iac-unchecked')).toHaveCount(0, { timeout: 90_000 });
  await expect(verdict).toHaveAttribute('data-decision', 'deny');
  await expect(failing.getByRole('button', { name: `line ${SUB_LINE}` })).toBeVisible();
});
