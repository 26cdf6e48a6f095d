/**
 * Editor support for the CEL inside a Google Cloud provider's JSON: highlight
 * the CEL, show its parse errors at the right column.
 */
import { expect, test } from '@playwright/test';
import { exampleById } from '../src/engine/examples';
import { hoverUntilShown, markedText, stateUrl } from './helpers';

const gitlab = exampleById('gcp-gitlab-user-login');

/** 1-based line and column of the first `needle` in `text`, plus `shift` columns. */
function positionOf(text: string, needle: string, shift = 0): { line: number; column: number } {
  const offset = text.indexOf(needle);
  expect(offset, `${needle} is in the policy`).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, offset + shift);
  return { line: before.split('\n').length, column: offset + shift - before.lastIndexOf('\n') };
}

test('the CEL in attributeMapping and attributeCondition is highlighted and its syntax errors are marked where they are', async ({ page }) => {
  test.skip(!gitlab, 'needs the GitLab Google Cloud example');
  const example = gitlab!;
  const state = (policy: string) => stateUrl({ v: 1, provider: 'gcp', policy, claims: example.claims, token: null, at: example.at });

  await page.goto(state(example.policy));
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'allow');
  // Every CEL string is a region, coloured token by token.
  await expect.poll(() => markedText(page, 'cel-region')).toContain("assertion.namespace_id == '72' && assertion.namespace_path == 'my-group'");
  await expect.poll(() => markedText(page, 'cel-identifier')).toContain('assertion');
  expect(await markedText(page, 'cel-string')).toContain("'my-group'");
  expect(await markedText(page, 'mark-syntax')).toBe('');

  // `=` is not a CEL operator, and the message says so.
  const broken = example.policy.replace("assertion.namespace_id == '72'", "assertion.namespace_id = '72'");
  const at = positionOf(broken, " = '72'", 1);
  await page.goto('about:blank');
  await page.goto(state(broken));
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'error');
  await expect(page.getByTestId('verdict-message')).toContainText(`attributeCondition is not valid CEL`);
  await expect(page.getByTestId('verdict-message')).toContainText(`line ${at.line}, column ${at.column}`);
  await expect(page.getByTestId('verdict-message')).toContainText("'=' is not a CEL operator: use '==' for equality");
  // The marker sits on exactly that character, and its hover says what is wrong.
  await expect.poll(() => markedText(page, 'mark-syntax')).toBe('=');
  const marker = page.getByTestId('policy-input').locator('.view-lines .mark-syntax').first();
  await hoverUntilShown(page, marker, page.locator('.monaco-hover').filter({ hasText: 'CEL syntax error in provider.attributeCondition' }).first());

  // Each broken expression gets its own marker, not only the first one the evaluation meets.
  const twice = broken.replace('"assertion.user_login"', '"assertion.user_login +"');
  await page.goto('about:blank');
  await page.goto(state(twice));
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-decision', 'error');
  // In reading order: the mapping's dangling `+` (line 8), then the condition's `=` (line 12).
  await expect.poll(() => markedText(page, 'mark-syntax')).toBe('+=');

  // An unclosed `(` is marked where it opens, not at the end of the expression where the parser gave up.
  const unclosed = example.policy.replace("assertion.namespace_id == '72'", "(assertion.namespace_id == '72'");
  const opener = positionOf(unclosed, "(assertion.namespace_id");
  await page.goto('about:blank');
  await page.goto(state(unclosed));
  await expect(page.getByTestId('verdict-message')).toContainText(`unclosed '(' opened at line ${opener.line}, column ${opener.column}`);
  await expect.poll(() => markedText(page, 'mark-syntax')).toBe('(');
});
