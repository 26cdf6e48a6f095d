import { expect, test } from '@playwright/test';

// The "Other issuers" tab loads a documented sample token per issuer; the token pane then names the
// issuer and splits its sub into labelled parts (Bitbucket's example payload: a deployment step's
// sub is {repositoryUuid}:{environmentUuid}:{stepUuid}).
test('an issuer template loads its claims and explains its subject', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('token-mode-template').click();
  await expect(page.getByTestId('issuer-family')).toContainText('Kubernetes service account');
  await expect(page.getByTestId('subject-explained')).toContainText('namespace');
  await expect(page.getByTestId('subject-explained')).toContainText('pods.eks.amazonaws.com');

  await page.getByTestId('token-template').selectOption('bitbucket-deployment');
  await expect(page.getByTestId('issuer-family')).toContainText('Bitbucket Pipelines');
  const subject = page.getByTestId('subject-explained');
  await expect(subject).toContainText('repository UUID');
  await expect(subject).toContainText('deployment environment UUID');
  await expect(subject).toContainText('step UUID');

  await page.getByTestId('token-template').selectOption('terraform-cloud');
  await expect(page.getByTestId('issuer-family')).toContainText('HCP Terraform');
  await expect(page.getByTestId('subject-explained')).toContainText('run phase');
});
