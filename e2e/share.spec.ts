import lzString from 'lz-string';
import { expect, test } from '@playwright/test';
import { GITLAB_AWS_POLICY, signedGitLabToken, stateUrl, verdictSnapshot } from './helpers';

test('share round-trip: the link opens the same verdict and checks', async ({ page, context }) => {
  await page.goto('/');
  const before = await verdictSnapshot(page);
  await page.getByTestId('share-link').click();
  const link = await page.getByTestId('share-url').inputValue();
  expect(link).toMatch(/#s=/);
  await expect(page.getByTestId('share-length')).toContainText('characters');

  const other = await context.newPage();
  await other.goto(link);
  expect(await verdictSnapshot(other)).toEqual(before);
  expect(await other.getByTestId('token-input').inputValue()).toBe(await page.getByTestId('token-input').inputValue());
});

test('a pasted token is shared without its signature unless asked', async ({ page, context }) => {
  const { token } = await signedGitLabToken();
  const [header, payload, signature] = token.split('.');
  await page.goto(stateUrl({ v: 1, provider: 'aws', policy: GITLAB_AWS_POLICY, claims: {}, token: null, at: null }));
  await page.getByTestId('token-input').fill(token);
  await expect(page.getByTestId('claims-table')).toBeVisible();
  const before = await verdictSnapshot(page);
  await page.getByTestId('share-link').click();
  const link = await page.getByTestId('share-url').inputValue();
  expect(link).not.toContain(signature);

  const other = await context.newPage();
  await other.goto(link);
  const restored = await other.getByTestId('token-input').inputValue();
  expect(restored).toBe(`${header}.${payload}.`);
  const after = await verdictSnapshot(other);
  expect(after.decision).toBe(before.decision);
  expect(after.checks.map((check) => [check.id, check.result])).toEqual(before.checks.map((check) => [check.id, check.result]));

  await page.getByTestId('share-include-token').check();
  await expect(page.getByText(/This token is live/)).toBeVisible();
  const withToken = await page.getByTestId('share-url').inputValue();
  await other.goto('about:blank');
  await other.goto(withToken);
  await expect(other.getByTestId('token-input')).toHaveValue(token);
});

for (const [name, fragment, reason] of [
  ['garbage', '#s=%%%not-lz', /never has.*nothing was loaded/],
  ['cut short', '#s=N4IgLgFghgzgsgDgFQQ', /nothing was loaded/],
  ['unknown example', '#example=no-such-example', /no example with id "no-such-example"/],
] as const) {
  test(`a malformed fragment (${name}) says why and leaves the app usable`, async ({ page }) => {
    await page.goto(`/${fragment}`);
    await expect(page.getByTestId('fragment-error')).toContainText(reason);
    // Nothing was loaded: no scenario stands in for the linked one.
    await expect(page.getByTestId('token-input')).toHaveValue('');
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', /^(allow|deny|error)$/);
    await page.getByTestId('token-input').fill('{"iss": "https://gitlab.com"}');
    await expect(page.getByTestId('token-input')).toHaveValue('{"iss": "https://gitlab.com"}');
  });
}

test('an unknown state version is refused with its reason', async ({ page }) => {
  const state = lzString.compressToEncodedURIComponent(JSON.stringify({ v: 2, provider: 'aws', policy: '{}', claims: {}, token: null, at: null }));
  await page.goto(`/#s=${state}`);
  await expect(page.getByTestId('fragment-error')).toContainText('version 2');
});

test('redaction masks identifying claims in the link', async ({ page, context }) => {
  const { token, claims } = await signedGitLabToken();
  await page.goto(stateUrl({ v: 1, provider: 'aws', policy: GITLAB_AWS_POLICY, claims: {}, token: null, at: null }));
  await page.getByTestId('token-input').fill(token);
  await expect(page.getByTestId('claims-table')).toBeVisible();
  await page.getByTestId('share-link').click();
  await page.getByTestId('share-redact').check();
  await expect(page.getByTestId('share-redacted')).toContainText('jti');
  const link = await page.getByTestId('share-url').inputValue();
  const other = await context.newPage();
  await other.goto(link);
  // The token comes back as header.payload. (no signature) with the masked claims in its payload.
  const [, restoredPayload, restoredSignature] = (await other.getByTestId('token-input').inputValue()).split('.');
  expect(restoredSignature).toBe('');
  await expect(other.getByTestId('token-trust')).toHaveAttribute('data-state', 'unsigned');
  const restored = JSON.parse(Buffer.from(restoredPayload, 'base64url').toString('utf8')) as Record<string, unknown>;
  expect(restored.jti).toBe('[redacted]');
  expect(restored.user_email).toBe('[redacted]');
  expect(JSON.stringify(restored)).not.toContain(claims.jti);
  expect(restored.project_path).toBe('mygroup/myproject');
});

test('hand-offs: the report, scenario file and CLI command come from the current verdict', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/#example=gitlab-aws-tag-denied');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'deny');
  await page.getByTestId('share-link').click();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-report').click()]);
  expect(download.suggestedFilename()).toBe('trustlens-report.md');
  const report = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  expect(report).toContain('# trustlens report: DENY');
  expect(report).toContain('Not authorized to perform sts:AssumeRoleWithWebIdentity');

  await page.getByTestId('copy-scenario').click();
  await expect(page.getByText('Scenario file copied.')).toBeVisible();
  const scenario = await page.evaluate(() => navigator.clipboard.readText());
  expect(scenario).toContain('provider: aws');
  expect(scenario).toContain('decision: deny');

  await page.getByTestId('copy-cli').click();
  await expect(page.getByText('CLI command copied.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/npx trustlens eval --provider aws --policy policy.json --claims claims.json --at \S+ --format text/);
});

test('the exported report carries who else gets in and, in compare mode, what the change lets in', async ({ page }) => {
  await page.goto('/#example=gitlab-aws-tag-denied');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'deny');
  await expect(page.getByTestId('exposure-panel')).toBeVisible();
  await expect(page.getByTestId('exposure-load').first()).toBeVisible();
  await page.getByTestId('compare-toggle').click();
  await expect(page.getByTestId('compare-verdict')).toBeVisible();
  await page.getByTestId('share-link').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-report').click()]);
  const report = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  expect(report).toContain('## Who else gets in');
  expect(report).toMatch(/\*\*Grade:\*\* (pinned|narrow|broad|open)/);
  expect(report).toMatch(/\| `[a-z-]+` \|/);
  expect(report).toContain('## Compared with an earlier version');
  expect(report).toContain('### Earlier configuration');
});
