/** The README is what people copy from: its example table, its scenario file and its commands must hold. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
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

const root = resolve(import.meta.dirname, '..');

/**
 * Every `npx trustlens …` line of the README's shell blocks, as a reader copies it. The CI snippets
 * (YAML, `- run: npx trustlens diff --before /tmp/before.json …`) name files of the reader's own
 * repository and are not commands to paste here.
 */
function readmeCommands(): string[] {
  const commands: string[] = [];
  for (const block of readme.matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const line of block[1].split('\n')) if (line.startsWith('npx trustlens ')) commands.push(line);
  }
  return commands;
}

function run(command: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile('sh', ['-c', command], { cwd: root, env: { ...process.env, npm_config_yes: 'false' } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 127) : 0;
      done({ code, stdout, stderr });
    });
  });
}

describe('every trustlens command the README prints runs as printed from a clone', () => {
  const commands = readmeCommands();
  it('finds the commands', () => {
    for (const verb of ['eval', 'test', 'exposure', 'diff']) expect(commands.some((command) => command.startsWith(`npx trustlens ${verb} `)), verb).toBe(true);
  });
  // 0 (allowed, passed, nothing found) or 1 (denied, failed, witnesses): never 2, an input error.
  it.each(commands)('%s', async (command) => {
    // A command that writes a file (`> trustlens.sarif`) writes it outside the checkout here.
    const redirect = / > (\S+)\s*(#.*)?$/.exec(command);
    const target = redirect ? join(mkdtempSync(join(tmpdir(), 'trustlens-readme-')), redirect[1]) : null;
    const { code, stdout, stderr } = await run(redirect && target ? command.replace(redirect[0], ` > ${target}`) : command);
    expect(stderr, command).toBe('');
    expect([0, 1], `${command}\n${stdout}`).toContain(code);
    expect((target ? readFileSync(target, 'utf8') : stdout).length).toBeGreaterThan(0);
  });
});

it('exposure and diff print their usage for --help and exit 0, like eval and test', async () => {
  for (const verb of ['eval', 'test', 'exposure', 'diff']) {
    let stdout = '';
    let stderr = '';
    const code = await main([verb, '--help'], {
      stdout: (text) => void (stdout += text),
      stderr: (text) => void (stderr += text),
      readFile: async (path) => readFileSync(path, 'utf8'),
      readStdin: async () => '',
      now: () => Date.now(),
    });
    expect(stderr, verb).toBe('');
    expect(stdout, verb).toContain(`usage: trustlens ${verb}`);
    expect(code, verb).toBe(0);
  }
});
