/**
 * Terraform that names values it does not give (variables without a default, as GitLab's and
 * GitHub's AWS guides write the account, the instance URL or the provider's ARN) has no verdict
 * until they are given: the verdict area asks for them, not an error, and who else gets in waits.
 */
import { expect, test, type Page } from '@playwright/test';
import { stateUrl } from './helpers';
import { AT, BY_ACCOUNT, CLAIMS, SUB } from './terraform-needing-values';

const ARN = 'arn:aws:iam::123456789012:oidc-provider/gitlab.example.com';

const BY_ARN = `variable "oidc_provider_arn" {
  type = string
}

variable "gitlab_url" {
  type = string
}

resource "aws_iam_role" "deploy" {
  name = "gitlab-deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = var.oidc_provider_arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "\${var.gitlab_url}:aud" = "https://\${var.gitlab_url}"
          "\${var.gitlab_url}:sub" = "${SUB}"
        }
      }
    }]
  })
}
`;


const field = (page: Page, name: string) => page.locator(`[data-testid="iac-var"][data-name="${name}"]`);

/** No `${…}`, no service error, no CLI flag: the state speaks of the values and the fields. */
async function expectCalm(page: Page) {
  const verdict = page.getByTestId('verdict');
  // The first Terraform text loads the HCL reader: on a loaded machine that alone can take a while.
  await expect(verdict).toHaveAttribute('data-decision', /./, { timeout: 90_000 });
  await expect(verdict).toHaveAttribute('data-state', 'needs-values');
  // The contract's decision stays the engine's; the words and colours are not an error's.
  await expect(verdict).toHaveAttribute('data-decision', 'error');
  await expect(verdict).not.toHaveClass(/verdict-error/);
  await expect(verdict.locator('.decision')).toHaveText('Needs values');
  await expect(verdict).not.toContainText('Error');
  await expect(page.getByTestId('verdict-message')).not.toContainText('--var');
  const exposure = page.getByTestId('exposure-panel');
  await expect(exposure.getByTestId('exposure-waiting')).toContainText('Waits for the same');
  await expect(exposure).not.toContainText('${');
  await expect(exposure).not.toContainText('MalformedPolicyDocument');
  await expect(exposure).not.toContainText('--var');
}

/** The whole value in sight: nothing scrolled away sideways or below. */
async function expectWholeValueVisible(page: Page, name: string) {
  const sizes = await field(page, name).evaluate((node) => ({ sw: node.scrollWidth, cw: node.clientWidth, sh: node.scrollHeight, ch: node.clientHeight }));
  expect(sizes.sw).toBeLessThanOrEqual(sizes.cw);
  expect(sizes.sh).toBeLessThanOrEqual(sizes.ch + 1);
}

test('values a Terraform text does not give: asked for by name, the first field a key away, who else gets in waits; then the verdict', async ({ page }) => {
  await page.goto(stateUrl({ v: 1, provider: 'aws', policy: BY_ARN, claims: CLAIMS, token: null, at: AT }));
  await expectCalm(page);
  const needed = page.getByTestId('needed-value');
  await expect(needed).toHaveCount(2);
  await expect(needed.nth(0)).toHaveAttribute('data-name', 'var.oidc_provider_arn');
  await expect(needed.nth(0).getByTestId('needed-hint')).toHaveText('the whole of Principal.Federated');
  await expect(needed.nth(1)).toHaveAttribute('data-name', 'var.gitlab_url');
  await expect(needed.nth(1).getByTestId('needed-hint')).toContainText('a key in Condition.StringEquals');
  await expect(page.getByTestId('verdict')).not.toContainText('${');
  await page.screenshot({ path: 'test-results/needs-values.png' });

  // Keyboard: from the verdict straight to the first field.
  await page.getByTestId('needs-values-go').focus();
  await page.keyboard.press('Enter');
  await expect(field(page, 'var.oidc_provider_arn')).toBeFocused();
  await page.keyboard.type(ARN);
  await expectWholeValueVisible(page, 'var.oidc_provider_arn');
  await page.locator('.iac-placeholders').screenshot({ path: 'test-results/needs-values-arn.png' });

  // One value left: still waiting, for that one only.
  await expect(page.getByTestId('needed-value')).toHaveCount(1);
  await expectCalm(page);
  await field(page, 'var.gitlab_url').fill('gitlab.example.com');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'allow');
  await expect(page.getByTestId('verdict')).not.toHaveAttribute('data-state', 'needs-values');
  await expect(page.getByTestId('exposure-waiting')).toHaveCount(0);
  // The filled fields keep their places.
  await expect(page.getByTestId('iac-var')).toHaveCount(2);
  await expect(page.getByTestId('iac-var').nth(0)).toHaveAttribute('data-name', 'var.oidc_provider_arn');

  // An emptied field is a value not given again, not an empty ARN the service would refuse.
  await field(page, 'var.oidc_provider_arn').fill('');
  await expectCalm(page);
  await expect(page.getByTestId('needed-value')).toHaveCount(1);
  await expect(page.getByTestId('needed-value')).toHaveAttribute('data-name', 'var.oidc_provider_arn');
});

test('on a phone: the values asked for, fields as wide as the pane, the bar at the foot waits too', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(stateUrl({ v: 1, provider: 'aws', policy: BY_ACCOUNT, claims: CLAIMS, token: null, at: AT }));
  await expectCalm(page);
  await expect(page.getByTestId('needed-value')).toHaveCount(2);
  await expect(page.getByTestId('needed-value').nth(0).getByTestId('needed-hint')).toContainText('arn:aws:iam::var.account_id:oidc-provider/');

  const fieldset = await page.locator('.iac-placeholders').boundingBox();
  const box = await field(page, 'var.account_id').boundingBox();
  expect(box!.width).toBeGreaterThan(fieldset!.width * 0.85);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await field(page, 'var.gitlab_url').fill(ARN);
  await expectWholeValueVisible(page, 'var.gitlab_url');
  await field(page, 'var.gitlab_url').fill('');

  // Typing in the fields, the verdict is out of sight: the bar says what it waits for, not "Error".
  await field(page, 'var.account_id').scrollIntoViewIfNeeded();
  const bar = page.getByTestId('verdict-bar');
  await expect(bar).toHaveAttribute('data-state', 'needs-values');
  await expect(bar).toContainText('Needs values');
  await expect(bar).not.toContainText('Error');
  await page.screenshot({ path: 'test-results/needs-values-phone-fields.png' });
  await page.getByTestId('verdict').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/needs-values-phone.png' });

  await page.getByTestId('needs-values-go').click();
  await expect(field(page, 'var.account_id')).toBeFocused();
  await page.keyboard.type('123456789012');
  await field(page, 'var.gitlab_url').fill('gitlab.example.com');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'allow');
  await context.close();
});
