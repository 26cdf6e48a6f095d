import { expect, test, type Page } from '@playwright/test';
import lzString from 'lz-string';
import { exampleById } from '../src/engine/examples';
import { GITLAB_AWS_POLICY, hoverUntilShown, signedGitLabToken, stateUrl, verdictOf } from './helpers';

/** Everything the address bar and history hold, decompressed, for the current page. */
async function fragmentState(page: Page): Promise<string> {
  const hash = await page.evaluate(() => window.location.hash);
  const value = hash.startsWith('#s=') ? hash.slice(3) : '';
  return `${hash} ${lzString.decompressFromEncodedURIComponent(value) ?? ''}`;
}

async function pasteAndSettle(page: Page, text: string) {
  await page.goto(stateUrl({ v: 1, provider: 'aws', policy: GITLAB_AWS_POLICY, claims: { iss: 'https://gitlab.com' }, token: null, at: null }));
  await verdictOf(page);
  await page.getByTestId('token-input').fill(text);
  // The fragment follows edits after a short pause; wait until it reflects this edit.
  await expect.poll(async () => (await fragmentState(page)).includes('"iss":"https://gitlab.com"}')).toBe(false);
  await verdictOf(page);
}

test.describe('pastes that are not one compact JWS keep the signature out of the URL', () => {
  test('a token with a trailing full stop', async ({ page }) => {
    const { token } = await signedGitLabToken();
    const signature = token.split('.')[2];
    await pasteAndSettle(page, `${token}.`);
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', /^(allow|deny)$/);
    expect(await fragmentState(page)).not.toContain(signature);
  });

  test('two tokens pasted together', async ({ page }) => {
    const first = await signedGitLabToken();
    const second = await signedGitLabToken();
    await pasteAndSettle(page, `${first.token}${second.token}`);
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'error');
    await expect(page.getByTestId('verdict-message')).toContainText('more than one token');
    await expect(page.getByTestId('fragment-error')).toContainText('leave it out');
    const state = await fragmentState(page);
    expect(state).not.toContain(first.token.split('.')[2]);
    expect(state).not.toContain(second.token.split('.')[2]);
  });

  test("GitHub's token endpoint reply pasted as claims", async ({ page }) => {
    const { token } = await signedGitLabToken();
    await pasteAndSettle(page, JSON.stringify({ count: 1, value: token }));
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', /^(allow|deny)$/);
    const state = await fragmentState(page);
    expect(state).not.toContain(token.split('.')[2]);
    expect(state).toContain('project_path:mygroup/myproject');
  });
});

test('a claim value holding Markdown shows as text in the editor hover', async ({ page }) => {
  const hostile = 'x` [verify](http://attacker.example/login) ![](data:image/png;base64,iVBORw0KGgo=) `';
  const policy = GITLAB_AWS_POLICY.replace(/"project_path:[^"]*"/, JSON.stringify(hostile));
  expect(policy).toContain('attacker.example');
  await page.goto(stateUrl({ v: 1, provider: 'aws', policy, claims: { iss: 'https://gitlab.com', aud: 'sts.amazonaws.com', sub: hostile, iat: 1_700_000_000, exp: 1_700_000_300 }, token: null, at: 1_700_000_060 }));
  await verdictOf(page);
  await expect(page.getByTestId('policy-input').locator('.monaco-editor')).toBeVisible();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'allow');
  // The condition's range (passing, so its hover is the editor's Markdown, not a marker's text).
  const mark = page.getByTestId('policy-input').locator('.view-lines .mark-pass', { hasText: 'verify' }).first();
  await expect(mark).toBeVisible();
  const hover = page.locator('.monaco-hover').filter({ hasText: 'attacker.example' }).first();
  await hoverUntilShown(page, mark, hover);
  await expect(hover).toContainText('[verify](http://attacker.example/login)');
  expect(await page.locator('.monaco-hover a[href*="attacker"], .monaco-hover img').count()).toBe(0);

  // Nor does the editor's own link detection: a hover on the URL itself offers no "Follow link".
  // Monaco looks for links a second after the text changes; the pause lets it, were it enabled.
  await page.waitForTimeout(1_500);
  const url = page.getByTestId('policy-input').locator('.view-lines span', { hasText: 'attacker.' }).last();
  await hoverUntilShown(page, url, page.locator('.monaco-hover').filter({ hasText: 'StringEquals' }).first());
  expect(await page.locator('.monaco-hover a[href*="attacker"], .view-lines .detected-link').count()).toBe(0);
});

test('a link with 10^9 CEL steps shows an error verdict instead of freezing the page', async ({ page }) => {
  const example = exampleById('gcp-github-recommended')!;
  const config = JSON.parse(example.policy) as { provider: { attributeCondition: string } };
  let condition = "assertion.repository_owner == 'nobody'";
  for (let level = 9; level >= 0; level--) condition = `[0,1,2,3,4,5,6,7,8,9].exists(x${level}, ${condition})`;
  config.provider.attributeCondition = condition;
  await page.goto(stateUrl({ v: 1, provider: 'gcp', policy: JSON.stringify(config, null, 2), claims: example.claims, token: null, at: example.at }));
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'error');
  await expect(page.getByTestId('verdict-message')).toContainText('too expensive to evaluate');
});
