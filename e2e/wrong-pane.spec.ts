import { expect, test } from '@playwright/test';
import { GITLAB_AWS_POLICY, signedGitLabToken, stateUrl } from './helpers';

test('an AWS policy pasted into the token pane says what it is and moves to the configuration pane in one click', async ({ page }) => {
  await page.goto('/#example=gitlab-aws-branch');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'allow');
  await page.getByTestId('token-input').fill(GITLAB_AWS_POLICY);
  const hint = page.locator('.pane-token').getByTestId('wrong-pane-hint');
  await expect(hint).toContainText('This looks like an AWS IAM role trust policy: it belongs in the Trust configuration pane');
  await page.screenshot({ path: 'test-results/wrong-pane-token.png' });
  await hint.getByTestId('wrong-pane-move').click();
  await expect(page.getByTestId('token-input')).toHaveValue('');
  await expect(page.getByTestId('policy-input')).toContainText('AssumeRoleWithWebIdentity');
  await expect(page.getByTestId('wrong-pane-hint')).toHaveCount(0);
});

test('a token pasted into the configuration pane, behind CI_JOB_JWT_V2= or an Authorization header, moves to the token pane', async ({ page }) => {
  const { token } = await signedGitLabToken();
  for (const [prefix, removed] of [
    ['Authorization: Bearer ', 'A leading "Authorization: Bearer" was removed.'],
    ['CI_JOB_JWT_V2=', 'A leading "CI_JOB_JWT_V2=" was removed.'],
  ]) {
    await page.goto(stateUrl({ v: 1, provider: 'aws', policy: `${prefix}${token}`, claims: { iss: 'https://gitlab.com', sub: 'project_path:mygroup/other:ref_type:branch:ref:main' }, token: null, at: null }));
    const hint = page.locator('.pane-policy').getByTestId('wrong-pane-hint');
    await expect(hint).toContainText('This looks like a job token (JWT): it belongs in the Token pane');
    if (prefix === 'CI_JOB_JWT_V2=') {
      await page.screenshot({ path: 'test-results/wrong-pane-policy.png' });
      await page.setViewportSize({ width: 390, height: 844 });
      await hint.scrollIntoViewIfNeeded();
      await page.screenshot({ path: 'test-results/wrong-pane-policy-phone.png' });
    }
    await hint.getByTestId('wrong-pane-move').click();
    await expect(page.getByTestId('token-input')).toHaveValue(`${prefix}${token}`);
    await expect(page.getByTestId('token-details')).toContainText(removed);
    await expect(page.getByTestId('issuer-family')).toContainText(/GitLab/);
    await expect(page.getByTestId('wrong-pane-hint')).toHaveCount(0);
  }
});
