/**
 * One end-to-end path per provider: a documented configuration lets the example token in, a
 * one-claim edit in the token textarea turns it into a denial, and the verdict and the editor
 * both point at the condition that failed.
 */
import { expect, test, type Page } from '@playwright/test';
import { exampleById } from '../src/engine/examples';
import { checkById, editToken, markedText, stateUrl } from './helpers';

function example(id: string) {
  const found = exampleById(id);
  if (!found) throw new Error(`no example ${id}`);
  return found;
}

async function expectDecision(page: Page, decision: 'allow' | 'deny' | 'error') {
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', decision);
}

test.describe('AWS (GitLab example via the fragment, change the ref, the failing condition highlighted)', () => {
  const gitlab = example('gitlab-aws-branch');
  const condition = 'statement[0].condition.StringEquals.gitlab.com:sub';

  for (const [how, url] of [
    ['#example=', `/#example=${gitlab.id}`],
    ['#s=', stateUrl({ v: 1, provider: gitlab.provider, policy: gitlab.policy, claims: gitlab.claims, token: null, at: gitlab.at })],
  ] as const) {
    test(`the GitLab docs' policy lets a main-branch job in (${how}); a v1.0 tag is denied at the sub condition`, async ({ page }) => {
      await page.goto(url);
      await expectDecision(page, 'allow');
      await expect(checkById(page, condition)).toHaveAttribute('data-result', 'pass');
      await expect(page.getByTestId('policy-input').locator('.monaco-editor')).toBeVisible();

      // GitLab's `sub` embeds ref_type and ref (docs.gitlab.com/ci/secrets/id_token_authentication/).
      await editToken(page, (text) =>
        text
          .replace('"ref": "main"', '"ref": "v1.0"')
          .replace('"ref_type": "branch"', '"ref_type": "tag"')
          .replace('ref_type:branch:ref:main', 'ref_type:tag:ref:v1.0'),
      );
      await expectDecision(page, 'deny');
      // The message STS answers with for a policy deny (aws.md, "Not authorized to perform").
      await expect(page.getByTestId('verdict-message')).toContainText('Not authorized to perform sts:AssumeRoleWithWebIdentity');
      const failing = checkById(page, condition);
      await expect(failing).toHaveAttribute('data-result', 'fail');
      await expect(failing).toHaveAttribute('data-decisive', 'true');
      await expect(failing).toContainText('tag:ref:v1.0');

      // The editor highlights exactly the condition's line as the decisive failure.
      await expect.poll(() => markedText(page, 'mark-decisive')).toBe('"gitlab.com:sub": "project_path:mygroup/myproject:ref_type:branch:ref:main"');
      await expect(page.getByTestId('policy-input').locator('.view-overlays .decisive-range').first()).toBeAttached();
    });
  }
});

test.describe('Vault (GitLab production role, auto-deploy branch)', () => {
  test('a protected auto-deploy-2020-04-01 branch is let in; an unprotected one gets the exact claims error', async ({ page }) => {
    const production = example('vault-gitlab-production-auto-deploy');
    expect(production.policy).toContain('"ref": "auto-deploy-*"');
    expect(production.policy).toContain('"ref_protected": "true"');
    await page.goto(`/#example=${production.id}`);
    await expectDecision(page, 'allow');
    await expect(checkById(page, 'role.bound_claims.ref')).toHaveAttribute('data-result', 'pass');

    await editToken(page, (text) => text.replace('"ref_protected": "true"', '"ref_protected": "false"'));
    await expectDecision(page, 'deny');
    // vault-plugin-auth-jwt claims.go validateBoundClaims, wrapped by path_login.go (vault.md §2.8).
    await expect(page.getByTestId('verdict-message')).toHaveText(
      'error validating claims: claim "ref_protected" does not match any associated bound claim values',
    );
    const failing = checkById(page, 'role.bound_claims.ref_protected');
    await expect(failing).toHaveAttribute('data-result', 'fail');
    await expect(failing).toHaveAttribute('data-decisive', 'true');
    await expect.poll(() => markedText(page, 'mark-decisive')).toBe('"ref_protected": "true"');
  });
});

test.describe('Google Cloud (GitLab example allowed; another namespace fails its condition clause)', () => {
  test('the attribute condition rejects another namespace_path and the failing clause is marked', async ({ page }) => {
    const gitlab = example('gcp-gitlab-user-login');
    await page.goto(`/#example=${gitlab.id}`);
    await expectDecision(page, 'allow');
    await expect(checkById(page, 'condition')).toHaveAttribute('data-result', 'pass');

    await editToken(page, (text) => text.replace('"namespace_path": "my-group"', '"namespace_path": "other-group"'));
    await expectDecision(page, 'deny');
    // Google STS's answer for a false condition (gcp.md, [R14]).
    await expect(page.getByTestId('verdict-message')).toContainText('The given credential is rejected by the attribute condition.');
    await expect(checkById(page, 'condition')).toHaveAttribute('data-decisive', 'true');
    await expect(checkById(page, 'condition.clause[0]')).toHaveAttribute('data-result', 'pass');
    const clause = checkById(page, 'condition.clause[1]');
    await expect(clause).toHaveAttribute('data-result', 'fail');
    await expect(clause).toContainText("assertion.namespace_path == 'my-group'");

    // Inside the condition's JSON string, the failing clause is marked apart from the decisive condition.
    await expect.poll(() => markedText(page, 'mark-fail')).toBe("assertion.namespace_path == 'my-group'");
    await expect.poll(() => markedText(page, 'mark-decisive')).toBe("assertion.namespace_id == '72' && assertion.namespace_path == 'my-group'");
  });
});

test.describe('Azure (GitHub environment credential)', () => {
  test('another environment is refused with AADSTS700213 and the subject is marked', async ({ page }) => {
    const credential = example('azure-github-environment');
    await page.goto(`/#example=${credential.id}`);
    await expectDecision(page, 'allow');

    // GitHub's environment subject is repo:ORG/REPO:environment:NAME (GitHub OIDC docs).
    await editToken(page, (text) => text.replace('"environment": "Production"', '"environment": "Staging"').replace('environment:Production', 'environment:Staging'));
    await expectDecision(page, 'deny');
    // Entra ID's answer when no credential's subject matches (azure.md §1.4, §1.5).
    await expect(page.getByTestId('verdict-message')).toContainText(
      "AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:octo-org/octo-repo:environment:Staging'",
    );
    const subject = checkById(page, 'credential[0].subject');
    await expect(subject).toHaveAttribute('data-result', 'fail');
    await expect(subject).toHaveAttribute('data-decisive', 'true');
    await expect.poll(() => markedText(page, 'mark-decisive')).toBe('"subject": "repo:octo-org/octo-repo:environment:Production"');
  });
});
