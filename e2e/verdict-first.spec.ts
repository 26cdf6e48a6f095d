/**
 * What a user sees first: a token minted now is judged now, the reason for a denial is on the
 * first screen, a configuration of another cloud switches the provider (with an undo), info
 * notes do not underline the editor, and a phone shows the verdict first without sideways
 * scrolling. Contract hooks: docs/contracts/WEB.md (`verdict-decisive`, `check`).
 */
import { expect, test, type Page } from '@playwright/test';
import { exampleById } from '../src/engine/examples';
import { signedGitLabToken, stateUrl, verdictOf } from './helpers';

function example(id: string) {
  const found = exampleById(id);
  if (!found) throw new Error(`no example ${id}`);
  return found;
}

/** Replace the policy editor's whole text as a paste does. */
async function pastePolicy(page: Page, text: string) {
  const editor = page.getByTestId('policy-input').locator('.monaco-editor');
  await expect(editor).toBeVisible();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
}

test.describe('a token minted now', () => {
  const gitlab = example('gitlab-aws-branch');
  for (const [how, url] of [
    ['#example=', `/#example=${gitlab.id}`],
    ['#s= with a fixed at', stateUrl({ v: 1, provider: 'aws', policy: gitlab.policy, claims: gitlab.claims, token: null, at: gitlab.at })],
  ] as const) {
    test(`pasted over ${how} is judged now, and the page says so`, async ({ page }) => {
      expect(gitlab.at).not.toBeNull();
      await page.goto(url);
      await expect(page.getByTestId('verdict-instant')).toContainText('judged at');
      // Minted with jose, iat = now (the helper signs with iat now − 10 s).
      const { token } = await signedGitLabToken();
      const before = Date.now();
      await page.getByTestId('token-input').fill(token);
      await expect(page.getByTestId('workbench-notice')).toContainText('judged now');
      await expect(page.getByTestId('verdict-instant')).toContainText('judged now');
      const shown = (await page.getByTestId('verdict-instant').innerText()).match(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/)![0];
      expect(Math.abs(Date.parse(shown) - before)).toBeLessThan(120_000);
      await expect(page.locator('#eval-time')).toHaveValue('');
      await expect(page.getByTestId('time-status')).toContainText(/issued \d+ s ago/);
      await expect(page.getByTestId('time-status')).not.toContainText('future');
      await expect(page.getByTestId('live-warning')).toBeVisible();
      await expect(page.locator('[data-testid="check"][data-check-id="token.iat"][data-result="fail"]')).toHaveCount(0);
      await verdictOf(page);

      // The way back to the fixed instant.
      await page.getByTestId('notice-undo').click();
      await expect(page.getByTestId('verdict-instant')).toContainText('judged at');
    });
  }

  test('an edit that keeps the example\'s time claims keeps its instant', async ({ page }) => {
    await page.goto(`/#example=${gitlab.id}`);
    const input = page.getByTestId('token-input');
    await input.fill((await input.inputValue()).replace('ref_type:branch:ref:main', 'ref_type:branch:ref:dev'));
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'deny');
    await expect(page.getByTestId('verdict-instant')).toContainText('judged at');
    await expect(page.getByTestId('workbench-notice')).toHaveCount(0);
  });
});

test('a denial\'s deciding check is on the first screen, with both values and a fix', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/#example=gitlab-aws-tag-denied');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'deny');
  const decisive = page.getByTestId('verdict-decisive');
  await expect(decisive).toBeVisible();
  const id = await decisive.getAttribute('data-check-id');
  expect(id).toBe('statement[0].condition.StringEquals.gitlab.com:sub');
  await expect(page.locator(`[data-testid="check"][data-check-id="${id}"]`)).toHaveAttribute('data-result', 'fail');
  await expect(decisive).toContainText('StringEquals gitlab.com:sub');
  await expect(decisive).toContainText('policy wants project_path:mygroup/myproject:ref_type:branch:ref:main');
  await expect(decisive).toContainText('token has project_path:mygroup/myproject:ref_type:tag:ref:v1.0');
  await expect(page.getByTestId('verdict-fix')).toContainText('To let this job in');
  const box = (await decisive.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(900);
  await expect(page.getByTestId('verdict-message-label')).toHaveText("The service's message");
});

test('trustlens\'s own reading errors are labelled as trustlens\'s', async ({ page }) => {
  const gitlab = example('gitlab-aws-branch');
  await page.goto(stateUrl({ v: 1, provider: 'aws', policy: gitlab.policy, claims: gitlab.claims, token: null, at: gitlab.at }));
  await page.getByTestId('token-input').fill('eyJhbGciOiJSUzI1NiJ9.not-a-token');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'error');
  await expect(page.getByTestId('verdict-message-label')).toHaveText('trustlens could not read the input');
});

test('inferred wording is a quiet badge, not part of the message', async ({ page }) => {
  const github = example('gcp-github-recommended');
  const future = { ...github.claims, iat: (github.at ?? 0) + 600, exp: (github.at ?? 0) + 900 };
  await page.goto(stateUrl({ v: 1, provider: 'gcp', policy: github.policy, claims: future, token: null, at: github.at }));
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'deny');
  await expect(page.getByTestId('verdict-message')).not.toContainText('inferred');
  await expect(page.getByTestId('message-inferred')).toHaveAttribute('title', /does not document/);
});

test.describe('the provider follows the configuration\'s shape', () => {
  const vaultRole = example('vault-gitlab-staging-main');

  test('pasting a Vault role while AWS is selected switches to Vault, with an undo', async ({ page }) => {
    await page.goto('/#example=gitlab-aws-branch');
    await expect(page.getByTestId('provider-select')).toHaveValue('aws');
    await pastePolicy(page, vaultRole.policy);
    await expect(page.getByTestId('provider-select')).toHaveValue('vault');
    await expect(page.getByTestId('workbench-notice')).toContainText('Switched the provider to Vault');
    await expect(page.getByTestId('verdict-message')).not.toContainText('Missing statement');
    await page.getByTestId('notice-undo').click();
    await expect(page.getByTestId('provider-select')).toHaveValue('aws');
  });

  test('an explicit choice of provider is kept', async ({ page }) => {
    await page.goto('/#example=gitlab-aws-branch');
    await page.getByTestId('provider-select').selectOption('gcp');
    await page.getByTestId('provider-select').selectOption('aws');
    await pastePolicy(page, vaultRole.policy);
    await expect(page.getByTestId('policy-input')).toContainText('bound_claims');
    await expect(page.getByTestId('provider-select')).toHaveValue('aws');
    await expect(page.locator('.pane-policy').getByText('This looks like a Vault')).toBeVisible();
  });
});

test('info findings get no squiggle in the editor', async ({ page }) => {
  const vault = example('vault-gitlab-staging-main');
  // `vault read -format=json auth/jwt/role/…` output: the role alone, without the auth method's config.
  const role = (JSON.parse(vault.policy) as { role: Record<string, unknown> }).role;
  const readOutput = JSON.stringify({ request_id: '5d4a8f0e', lease_id: '', lease_duration: 0, renewable: false, data: role, warnings: null }, null, 2);
  await page.goto(stateUrl({ v: 1, provider: 'vault', policy: readOutput, claims: vault.claims, token: null, at: vault.at }));
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'allow');
  await expect(page.locator('[data-testid="finding"][data-severity="info"]').first()).toBeVisible();
  const editor = page.getByTestId('policy-input').locator('.monaco-editor');
  await expect(editor).toBeVisible();
  await expect(editor.locator('.glyph-info').first()).toBeAttached();
  // The info note about the missing config underlined the whole data block (28 lines); now only
  // the medium finding (ref bound without ref_protected) keeps its squiggle, on its own line.
  await expect(page.locator('[data-testid="finding"][data-severity="medium"]')).toHaveCount(1);
  await expect(editor.locator('.squiggly-info')).toHaveCount(0);
  await expect(editor.locator('.squiggly-info, .squiggly-warning, .squiggly-error')).toHaveCount(1);
});

test('Escape then Tab leaves the editor', async ({ page }) => {
  await page.goto('/');
  const editor = page.getByTestId('policy-input').locator('.monaco-editor');
  await editor.locator('.view-lines').click();
  await expect(page.locator('.monaco-editor.focused')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(page.locator('.monaco-editor.focused')).toHaveCount(0);
  await expect(page.getByTestId('editor-keys')).toContainText('Ctrl');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  for (const id of ['gitlab-aws-tag-denied', 'vault-gitlab-production-unprotected', 'gcp-github-other-repo']) {
    test(`the verdict comes first and nothing scrolls sideways (${id})`, async ({ page }) => {
      await page.goto(`/#example=${id}`);
      await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'deny');
      await expect(page.locator('.monaco-editor').first()).toBeVisible();
      const verdictTop = (await page.getByTestId('verdict').boundingBox())!.y;
      const tokenTop = (await page.locator('.pane-token').boundingBox())!.y;
      expect(verdictTop).toBeLessThan(tokenTop);
      expect(verdictTop).toBeLessThan(844);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    });
  }
});

test('a self-managed GitLab issuer gets the commands to fetch its keys, and the key can be pasted', async ({ page }) => {
  const { generateKeyPair, exportJWK, SignJWT } = await import('jose');
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'self-managed', alg: 'RS256', use: 'sig' }] };
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ project_path: 'mygroup/myproject', ref: 'main', ref_type: 'branch' })
    .setProtectedHeader({ alg: 'RS256', kid: 'self-managed' })
    .setIssuer('https://gitlab.example.com')
    .setSubject('project_path:mygroup/myproject:ref_type:branch:ref:main')
    .setAudience('sts.amazonaws.com')
    .setIssuedAt(now)
    .setExpirationTime(now + 300)
    .sign(privateKey);
  await page.goto('/#example=gitlab-aws-self-managed');
  await page.getByTestId('token-input').fill(token);
  await page.getByText('Verify the signature').click();
  await expect(page.getByTestId('discovery-commands')).toHaveText(
    [
      "curl -s 'https://gitlab.example.com/.well-known/openid-configuration'",
      `curl -s "$(curl -s 'https://gitlab.example.com/.well-known/openid-configuration' | jq -r .jwks_uri)"`,
    ].join('\n'),
  );
  await expect(page.getByRole('button', { name: 'Fetch issuer keys' })).toHaveCount(0);
  await page.getByLabel('Public key: JWKS, JWK or PEM').fill(JSON.stringify(jwks));
  await expect(page.getByTestId('token-trust')).toHaveAttribute('data-state', 'verified');
});
