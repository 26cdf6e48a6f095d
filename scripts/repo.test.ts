/** Repository hygiene: nothing tracked is also ignored (an ignored tracked file hides its edits from review tools). */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const inGit = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: root, encoding: 'utf8' }).stdout.trim() === 'true';

it.skipIf(!inGit)('.gitignore matches no tracked file', () => {
  const listed = spawnSync('git', ['ls-files', '--cached', '--ignored', '--exclude-standard'], { cwd: root, encoding: 'utf8' });
  expect(listed.status).toBe(0);
  expect(listed.stdout.trim().split('\n').filter(Boolean)).toEqual([]);
});

describe('contracts', () => {
  // docs/contracts holds the contracts tests outside the project rely on; where the shared copy is
  // beside the checkout, the two must say exactly the same.
  const shared = resolve(import.meta.dirname, '../../shared/docs');
  it.each(['CLI.md', 'WEB.md', 'EXPOSURE.md', 'SCAN.md'])('%s is the shared contract, word for word', (name) => {
    const own = readFileSync(resolve(import.meta.dirname, '../docs/contracts', name), 'utf8');
    expect(own.length).toBeGreaterThan(500);
    if (existsSync(join(shared, name))) expect(own).toBe(readFileSync(join(shared, name), 'utf8'));
  });
});
