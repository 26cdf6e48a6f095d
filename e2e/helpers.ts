import { expect, type Locator, type Page } from '@playwright/test';
import lzString from 'lz-string';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

export interface ShareState {
  v: 1;
  provider: 'aws' | 'vault' | 'gcp' | 'azure';
  policy: string;
  claims: Record<string, unknown> | null;
  token: string | null;
  at: number | null;
}

export function stateUrl(state: ShareState, embed = false): string {
  return `/${embed ? '?embed=1' : ''}#s=${lzString.compressToEncodedURIComponent(JSON.stringify(state))}`;
}

/**
 * The verdict once it answers the current inputs. Right after an edit the pane still shows the
 * previous verdict (marked aria-busy) until the new evaluation arrives; reading it then would
 * compare against the inputs before the edit.
 */
export async function verdictOf(page: Page) {
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-decision', /^(allow|deny|error)$/);
  await expect(page.locator('.verdict-pane')).toHaveAttribute('aria-busy', 'false');
  return verdict;
}

/** The visible outcome a user compares: decision, message and every check. */
export async function verdictSnapshot(page: Page) {
  const verdict = await verdictOf(page);
  return {
    decision: await verdict.getAttribute('data-decision'),
    message: await page.getByTestId('verdict-message').innerText(),
    checks: await page.getByTestId('check').evaluateAll((nodes) =>
      nodes.map((node) => ({ id: node.getAttribute('data-check-id'), result: node.getAttribute('data-result'), text: (node as HTMLElement).innerText })),
    ),
  };
}

/** A GitLab-shaped job token, signed with a fresh RSA key, live for `lifetime` seconds. */
export async function signedGitLabToken(now = Math.floor(Date.now() / 1000), lifetime = 300) {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' };
  const claims = {
    namespace_id: '72',
    namespace_path: 'mygroup',
    project_id: '20',
    project_path: 'mygroup/myproject',
    user_id: '1',
    user_login: 'sample-user',
    user_email: 'sample-user@example.com',
    user_access_level: 'owner',
    pipeline_id: '574',
    pipeline_source: 'push',
    job_id: '302',
    ref: 'main',
    ref_type: 'branch',
    ref_path: 'refs/heads/main',
    ref_protected: 'true',
    runner_id: 1,
    runner_environment: 'gitlab-hosted',
    sha: '714a629c0b401fdce83e847fc9589983fc6f46bc',
    project_visibility: 'private',
    ci_config_ref_uri: 'gitlab.com/mygroup/myproject//.gitlab-ci.yml@refs/heads/main',
    ci_config_sha: '714a629c0b401fdce83e847fc9589983fc6f46bc',
    jti: '235b3a54-b797-45c7-ae9a-f72d7bc6ef5b',
  };
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'test-key-1', typ: 'JWT' })
    .setIssuer('https://gitlab.com')
    .setSubject('project_path:mygroup/myproject:ref_type:branch:ref:main')
    .setAudience('sts.amazonaws.com')
    .setIssuedAt(now - 10)
    .setNotBefore(now - 15)
    .setExpirationTime(now + lifetime)
    .sign(privateKey);
  return { token, jwks: { keys: [jwk] }, claims };
}

export const GITLAB_AWS_POLICY = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/gitlab.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'gitlab.com:sub': 'project_path:mygroup/myproject:ref_type:branch:ref:main' } },
      },
    ],
  },
  null,
  2,
);

/** Collects page errors so a test can assert none happened. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/**
 * The policy editor's characters that carry an annotation's inline mark (`mark-decisive`,
 * `mark-fail`, …), in reading order: what the editor shows as marked, read back from Monaco's
 * DOM (wrapped lines are joined back together).
 */
export async function markedText(page: Page, mark: string): Promise<string> {
  const editor = page.getByTestId('policy-input').locator('.monaco-editor');
  await expect(editor).toBeVisible();
  return editor.locator('.view-lines .view-line').evaluateAll(
    (lines, className) =>
      lines
        .map((line) => ({ top: parseFloat((line as HTMLElement).style.top) || 0, text: Array.from(line.querySelectorAll(`.${className}`), (span) => span.textContent ?? '').join('') }))
        .sort((a, b) => a.top - b.top)
        .map((line) => line.text)
        .join('')
        .replace(/\u00a0/g, ' '),
    mark,
  );
}

/** The check with this id in the verdict pane. */
export function checkById(page: Page, id: string) {
  return page.locator(`[data-testid="check"][data-check-id="${id}"]`);
}

/** Replace text in the token textarea (the claims JSON of an example). */
export async function editToken(page: Page, edit: (text: string) => string) {
  const input = page.getByTestId('token-input');
  const before = await input.inputValue();
  const after = edit(before);
  expect(after, 'the edit changed the token').not.toBe(before);
  await input.fill(after);
}

/**
 * Points at `target` until Monaco answers with `hover`. Monaco shows a hover only after the pointer
 * moves over text it has laid out; a pointer that arrived while the editor was still wrapping its
 * lines is moved off and back, as a user would.
 */
export async function hoverUntilShown(page: Page, target: Locator, hover: Locator) {
  await expect(async () => {
    await page.mouse.move(0, 0);
    await target.hover();
    await expect(hover).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}
