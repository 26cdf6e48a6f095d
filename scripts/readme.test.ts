/** The README's example table is what documentation links rely on: keep it complete. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { EXAMPLES } from '../src/engine/examples';

it('lists every gallery example id with its decision', () => {
  const readme = readFileSync(resolve(import.meta.dirname, '../README.md'), 'utf8');
  for (const example of EXAMPLES) {
    expect(readme, example.id).toContain(`| \`${example.id}\` | ${example.provider} | ${example.expect.decision} |`);
  }
});
