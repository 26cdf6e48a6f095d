import { expect, test } from '@playwright/test';
import { GITLAB_AWS_POLICY, signedGitLabToken, stateUrl, verdictOf } from './helpers';

test('paste → evaluate → share: no request leaves the origin, none carries the token, nothing stores it', async ({ page, context }) => {
  const { token } = await signedGitLabToken();
  const [, payload, signature] = token.split('.');
  const requests: Array<{ url: string; body: string }> = [];
  context.on('request', (request) => requests.push({ url: request.url(), body: request.postData() ?? '' }));
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });

  await page.goto(stateUrl({ v: 1, provider: 'aws', policy: GITLAB_AWS_POLICY, claims: {}, token: null, at: null }));
  await verdictOf(page);
  await page.getByTestId('token-input').fill(token);
  await expect(page.getByTestId('claims-table')).toContainText('mygroup/myproject');
  await verdictOf(page);
  await expect(page.locator('.monaco-editor').first()).toBeVisible();

  await page.getByTestId('share-link').click();
  const link = await page.getByTestId('share-url').inputValue();
  expect(link).not.toContain(signature);
  await page.getByTestId('share-include-token').check();
  await expect(page.getByTestId('share-url')).not.toHaveValue(link);
  await page.getByTestId('share-include-token').uncheck();
  await page.waitForTimeout(500);

  const origin = new URL(page.url()).origin;
  expect(requests.length).toBeGreaterThan(0);
  for (const request of requests) {
    expect(new URL(request.url).origin, request.url).toBe(origin);
    for (const secret of [token, payload, signature]) {
      expect(request.url.includes(secret), `request ${request.url} carries the token`).toBe(false);
      expect(request.body.includes(secret)).toBe(false);
    }
  }
  // The address bar mirrors the state without the signature.
  expect(page.url()).not.toContain(signature);

  const stored = await page.evaluate(async () => {
    const databases = 'databases' in indexedDB ? await indexedDB.databases() : [];
    return {
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
      indexedDb: databases.map((database) => database.name),
    };
  });
  for (const secret of [payload, signature]) {
    expect(stored.local).not.toContain(secret);
    expect(stored.session).not.toContain(secret);
  }
  expect(stored.session).toBe('{}');
  expect(stored.indexedDb).toEqual([]);
  expect(violations).toEqual([]);
});

test('the server sends the Content-Security-Policy and frame-ancestors headers', async ({ request }) => {
  const response = await request.get('/');
  const csp = response.headers()['content-security-policy'];
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain('frame-ancestors');
  const fallback = await request.get('/some/deep/link');
  expect(fallback.status()).toBe(200);
  expect(await fallback.text()).toContain('<div id="root">');
});
