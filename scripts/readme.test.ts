/** The README is what people copy from: its example table and its scenario file must hold. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { main } from '../src/cli/main';
import { EXAMPLES } from '../src/engine/examples';

const readme = readFileSync(resolve(import.meta.dirname, '../README.md'), 'utf8');

it('lists every gallery example id with its decision', () => {
  for (const example of EXAMPLES) {
    expect(readme, example.id).toContain(`| \`${example.id}\` | ${example.provider} | ${example.expect.decision} |`);
  }
});

it('has a scenario file example that passes as written', async () => {
  const block = /`test` runs scenario files[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme);
  expect(block, 'the README shows a YAML scenario file after "`test` runs scenario files"').not.toBeNull();
  const file = join(mkdtempSync(join(tmpdir(), 'trustlens-readme-')), 'readme.scenarios.yaml');
  writeFileSync(file, block![1]);
  let stdout = '';
  let stderr = '';
  const code = await main(['test', file], {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readFile: async (path) => readFileSync(path, 'utf8'),
    readStdin: async () => '',
    now: () => Date.now(),
  });
  expect(stderr).toBe('');
  expect(stdout.trim().split('\n').at(-1)).toBe('2 passed, 0 failed');
  expect(code).toBe(0);
});

it('runs the scan commands of "Scan an account or a repository" as printed, on files of the repository', async () => {
  const section = /## Scan an account or a repository[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme);
  expect(section).not.toBeNull();
  const { nodeIO } = await import('../src/cli/main');
  const commands = section![1].split('\n').filter((line) => line.startsWith('npx trustlens scan'));
  expect(commands.length).toBeGreaterThan(0);
  for (const line of commands) {
    const [command, comment = ''] = line.split('#');
    const argv = command.replace(/>.*$/, '').trim().split(/\s+/).slice(2);
    const code = await main(argv, { ...nodeIO, stdout: () => undefined, stderr: () => undefined });
    expect(code, line).toBe(/exit 1/.test(comment) ? 1 : 0);
  }
});
