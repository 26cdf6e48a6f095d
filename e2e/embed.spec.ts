import { expect, test } from '@playwright/test';
import { GITLAB_AWS_POLICY, stateUrl } from './helpers';

test('embed mode renders chrome-less, links to the full app and posts its height and decision', async ({ page }) => {
  await page.goto('/embed-demo.html');
  const frame = page.frameLocator('iframe#trustlens');
  await expect(frame.getByTestId('verdict')).toHaveAttribute('data-decision', /^(allow|deny|error)$/);
  await expect(frame.locator('.app-header')).toHaveCount(0);
  await expect(frame.getByTestId('open-in-trustlens')).toHaveAttribute('href', /#s=/);

  await expect.poll(() => page.evaluate(() => (window as unknown as { trustlensMessages: unknown[] }).trustlensMessages.length)).toBeGreaterThan(1);
  const messages = await page.evaluate(() => (window as unknown as { trustlensMessages: Array<Record<string, unknown>> }).trustlensMessages);
  const resize = messages.find((message) => message.type === 'trustlens:resize');
  expect(resize?.height).toBeGreaterThan(100);
  const decision = messages.find((message) => message.type === 'trustlens:decision');
  expect(['allow', 'deny', 'error']).toContain(decision?.decision);
  expect(typeof decision?.message).toBe('string');
  // The demo page sizes the iframe from the message.
  await expect.poll(() => page.locator('iframe#trustlens').evaluate((frame) => frame.clientHeight)).toBe(Math.round(Number(messages.filter((m) => m.type === 'trustlens:resize').at(-1)?.height)));
});

test('embed mode opened directly evaluates the state in its fragment', async ({ page }) => {
  await page.goto(stateUrl({ v: 1, provider: 'aws', policy: GITLAB_AWS_POLICY, claims: { iss: 'https://gitlab.com' }, token: null, at: null }, true));
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', /^(allow|deny|error)$/);
  await page.getByText('Token and trust configuration').click();
  await expect(page.getByTestId('policy-input')).toHaveValue(GITLAB_AWS_POLICY);
  const href = await page.getByTestId('open-in-trustlens').getAttribute('href');
  expect(href).not.toContain('embed=1');
});

test('embed mode shows the deciding check once, under the verdict, and folds the passing ones', async ({ page }) => {
  // A tag where the documented policy wants main: the sub condition decides.
  const claims = { iss: 'https://gitlab.com', aud: 'https://gitlab.com', sub: 'project_path:mygroup/myproject:ref_type:tag:ref:v1.0', iat: 1700000000, exp: 1700000300 };
  await page.goto(stateUrl({ v: 1, provider: 'aws', policy: GITLAB_AWS_POLICY, claims, token: null, at: 1700000010 }, true));
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'deny');
  const decisiveId = await page.getByTestId('verdict-decisive').getAttribute('data-check-id');
  expect(decisiveId).toBeTruthy();
  await expect(page.locator(`[data-testid="check"][data-check-id="${decisiveId}"]`)).toHaveCount(0);
  await expect(page.locator('details.all-checks [data-testid="check"][data-result="pass"]').first()).toBeAttached();
});

/**
 * A framing page learns the decision and the service's wording, never a claim value (docs/embed.md).
 * This parent is hostile: it records every message the embed posts, whatever its type, and the
 * reader replaces the link's claims twice — by pasting their own, then with "Load this token".
 * Vault's allowed message names the entity alias (`user_claim`, here `sub`), so a message masked
 * with the wrong token's claims would carry a subject.
 */
test('a hostile framing page never receives a claim value of any token, even while the verdict catches up', async ({ page }) => {
  const now = Math.floor(Date.now() / 1000);
  const role = JSON.stringify(
    {
      config: { oidc_discovery_url: 'https://gitlab.com', bound_issuer: 'https://gitlab.com' },
      role: { role_type: 'jwt', policies: ['deploy'], user_claim: 'sub', bound_audiences: 'https://vault.example.com', bound_claims_type: 'glob', bound_claims: { project_path: 'acme-*' } },
    },
    null,
    2,
  );
  const job = (project: string, ref: string) => ({
    iss: 'https://gitlab.com',
    aud: 'https://vault.example.com',
    sub: `project_path:${project}:ref_type:branch:ref:${ref}`,
    project_path: project,
    namespace_path: project.split('/')[0],
    ref,
    ref_type: 'branch',
    iat: now - 10,
    nbf: now - 15,
    exp: now + 3000,
  });
  const linked = job('acme-internal/payroll-svc', 'hotfix-cve-2026-1234');
  const pasted = job('acme-readers/private-notes', 'reader-branch-9876');
  const embedUrl = `/?embed=1&exposure=1${stateUrl({ v: 1, provider: 'vault', policy: role, claims: linked, token: null, at: null }).slice(1)}`;
  await page.route('**/hostile-parent.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html><head><title>parent</title></head><body>
<iframe id="embed" title="trustlens" style="width:100%;height:2400px;border:0" src="${embedUrl}"></iframe>
<script>window.received = []; window.addEventListener('message', (event) => window.received.push(JSON.stringify(event.data)));</script>
</body></html>`,
    }),
  );
  await page.goto('/hostile-parent.html');
  const decisions = () => page.evaluate(() => (window as unknown as { received: string[] }).received.filter((text) => text.includes('trustlens:decision')));
  await expect.poll(async () => (await decisions()).length).toBeGreaterThan(0);
  const frame = page.frameLocator('iframe#embed');
  await expect(frame.getByTestId('verdict')).toHaveAttribute('data-decision', 'allow');

  await frame.getByText('Token and trust configuration').click();
  await frame.getByTestId('token-input').fill(JSON.stringify(pasted, null, 2));
  await expect.poll(async () => (await decisions()).some((text) => text.includes('allow'))).toBe(true);
  await expect(frame.locator('.verdict-pane')).toHaveAttribute('aria-busy', 'false');
  await frame.getByTestId('exposure-load').first().click();
  // Another token is in the pane now: the witness's, whatever it keeps of the pasted one.
  await expect(frame.getByTestId('token-input')).not.toHaveValue(JSON.stringify(pasted, null, 2));
  await expect(frame.locator('.verdict-pane')).toHaveAttribute('aria-busy', 'false');
  // Messages cross to the parent as tasks: let the ones posted while the verdict caught up arrive.
  await page.waitForTimeout(500);
  const loaded = JSON.parse(await frame.getByTestId('token-input').inputValue()) as Record<string, unknown>;

  const secrets = [linked, pasted, loaded].flatMap((claims) => Object.values(claims).filter((value): value is string => typeof value === 'string' && /payroll|hotfix|private-notes|reader-branch|project_path:/.test(value)));
  expect(secrets.length).toBeGreaterThan(4);
  const received = await page.evaluate(() => (window as unknown as { received: string[] }).received);
  for (const text of received) {
    for (const secret of secrets) expect(text, `posted: ${text}`).not.toContain(secret);
    for (const fragment of ['payroll-svc', 'hotfix-cve', 'private-notes', 'reader-branch']) expect(text, `posted: ${text}`).not.toContain(fragment);
  }
});

test('an embed naming an unknown example says there is no such example, as the full app does', async ({ page }) => {
  await page.goto('/?embed=1#example=no-such-example');
  await expect(page.getByTestId('fragment-error')).toContainText('no example with id "no-such-example"');
  await expect(page.getByText('not valid JSON')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/embed-unknown-example.png' });
});
