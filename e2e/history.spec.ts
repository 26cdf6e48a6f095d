import { expect, test } from '@playwright/test';
import { GITLAB_AWS_POLICY, stateUrl, verdictOf } from './helpers';

// Steps a reader would undo get history entries; typing rewrites the current one (shared docs WEB.md:
// the fragment is kept with history.replaceState as the user edits).
test('Back undoes picking an example, turning compare on and loading a witness; typing adds no entry', async ({ page }) => {
  await page.goto('/#example=gitlab-aws-branch');
  await verdictOf(page);
  const tokenOf = () => page.getByTestId('token-input').inputValue();
  const first = await tokenOf();

  await page.locator('#examples-menu').selectOption('gitlab-aws-tag-denied');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'deny');
  await page.goBack();
  await expect(page.locator('#examples-menu')).toHaveValue('gitlab-aws-branch');
  await expect(page.getByTestId('token-input')).toHaveValue(first);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'allow');

  const length = await page.evaluate(() => history.length);
  await page.getByTestId('token-input').fill(first.replace('"main"', '"mainx"'));
  await page.getByTestId('token-input').fill(first);
  await page.waitForTimeout(600);
  expect(await page.evaluate(() => history.length)).toBe(length);

  await page.getByTestId('compare-toggle').click();
  await expect(page.getByTestId('compare-verdict')).toBeVisible();
  await page.goBack();
  await expect(page.getByTestId('compare-verdict')).toHaveCount(0);
  await expect(page.getByTestId('compare-toggle')).toHaveAttribute('aria-pressed', 'false');

  await page.getByTestId('exposure-load').first().click();
  await expect(page.getByTestId('token-input')).not.toHaveValue(first);
  await page.goBack();
  await expect(page.getByTestId('token-input')).toHaveValue(first);
  // Still in the app, on the first example.
  expect(page.url()).toContain('127.0.0.1');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'allow');
});

// A busy page may run the address bar's pending write (made a quarter second after an edit)
// between a navigation and its hashchange event; the event must still open what was navigated to.
test('a link followed while an edit waits to reach the address bar opens the link, and the address bar keeps it', async ({ page }) => {
  await page.addInitScript(() => {
    const listen = window.addEventListener.bind(window);
    // Every hashchange reaches the page's handlers 600 ms late, past the pending write.
    window.addEventListener = ((type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions) => {
      if (type !== 'hashchange') return listen(type, listener, options);
      const late = (event: Event) =>
        setTimeout(() => (typeof listener === 'function' ? listener.call(window, event) : listener.handleEvent(event)), 600);
      return listen(type, late, options);
    }) as typeof window.addEventListener;
  });
  await page.goto('/#example=gitlab-aws-branch');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'allow');
  const link = stateUrl({
    v: 1,
    provider: 'aws',
    policy: GITLAB_AWS_POLICY,
    claims: { iss: 'https://gitlab.com', aud: 'https://gitlab.com', sub: 'project_path:mygroup/linked:ref_type:tag:ref:v1.0' },
    token: null,
    at: null,
  });
  await page.getByTestId('token-input').fill('{"iss": "https://gitlab.com", "sub": "edited"}');
  await page.goto(link);
  await expect(page.getByTestId('token-input')).toHaveValue(/mygroup\/linked/);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'deny');
  await page.waitForTimeout(1_000);
  expect(new URL(page.url()).hash).toBe(new URL(link, 'http://127.0.0.1').hash);
});
