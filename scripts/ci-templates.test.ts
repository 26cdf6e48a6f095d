// The GitHub Action (action.yml) and the GitLab CI component (templates/trustlens-scan.yml) run
// shell steps; these tests run the same commands locally, with the variables the runners set,
// and the repository's CLI in place of the installed one (installing needs the network).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';

const ROOT = resolve(import.meta.dirname, '..');

function bash(script: string, env: Record<string, string>, cwd = ROOT) {
  return spawnSync('bash', ['-eo', 'pipefail', '-c', script], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
}

describe('action.yml', () => {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { runs: { using: string; steps: Array<{ id?: string; name?: string; run?: string; env?: Record<string, string> }> } };
  const step = (name: string) => action.runs.steps.find((s) => s.id === name || s.name === name)!;

  it('is a composite action whose scan step writes SARIF, a Markdown summary and the exit status, and whose gate fails on it', () => {
    expect(action.runs.using).toBe('composite');
    const work = mkdtempSync(join(tmpdir(), 'trustlens-action-'));
    const env = {
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_OUTPUT: join(work, 'output'),
      GITHUB_STEP_SUMMARY: join(work, 'summary.md'),
      TRUSTLENS_PATH: 'fixtures/scan/account fixtures/scan/terraform',
      TRUSTLENS_FAIL_ON: 'organization',
      TRUSTLENS_SARIF: join(work, 'trustlens.sarif'),
    };
    writeFileSync(env.GITHUB_OUTPUT, '');
    const scan = bash(step('scan').run!, env);
    expect(scan.status, scan.stderr).toBe(0);
    expect(readFileSync(env.GITHUB_OUTPUT, 'utf8')).toBe('status=1\n');
    const sarif = JSON.parse(readFileSync(env.TRUSTLENS_SARIF, 'utf8'));
    expect(sarif.runs[0].tool.driver.name).toBe('trustlens');
    expect(sarif.runs[0].results.length).toBe(9);
    expect(readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8')).toContain('| **anyone** | open | aws | github-actions-any |');
    const gate = bash(step('Gate').run!, { SCAN_STATUS: '1', DIFF_STATUS: '' });
    expect(gate.status).toBe(1);
    expect(bash(step('Gate').run!, { SCAN_STATUS: '0', DIFF_STATUS: '0' }).status).toBe(0);
  });
});

describe('templates/trustlens-scan.yml (GitLab CI component)', () => {
  const [header, body] = parseAllDocuments(readFileSync(join(ROOT, 'templates/trustlens-scan.yml'), 'utf8')).map((doc) => doc.toJS());
  const inputs = (header as { spec: { inputs: Record<string, { default: string }> } }).spec.inputs;

  it('declares its inputs and runs its script: reports as artifacts, exit 1 when fail-on is reached', () => {
    const job = (body as Record<string, { script: string[]; variables: Record<string, string>; artifacts: { paths: string[] } }>)['trustlens-scan'];
    expect(Object.keys(inputs)).toEqual(expect.arrayContaining(['path', 'fail-on', 'stage']));
    const work = mkdtempSync(join(tmpdir(), 'trustlens-gitlab-'));
    // The installed `trustlens` on PATH, here the repository's.
    writeFileSync(join(work, 'trustlens'), `#!/usr/bin/env bash\nexec node ${JSON.stringify(join(ROOT, 'bin/trustlens.mjs'))} "$@"\n`);
    chmodSync(join(work, 'trustlens'), 0o755);
    const script = job.script.filter((line) => !line.startsWith('npm install') && !line.startsWith('export PATH')).join('\n');
    const run = (failOn: string) =>
      bash(script, { PATH: `${work}:${process.env.PATH}`, CI_PROJECT_DIR: work, TRUSTLENS_PATH: join(ROOT, 'fixtures/scan/azure'), TRUSTLENS_FAIL_ON: failOn }, work);
    expect(run('organization').status).toBe(0);
    const failed = run('repository');
    expect(failed.status).toBe(1);
    expect(job.artifacts.paths).toEqual(['trustlens.sarif', 'trustlens.md']);
    expect(JSON.parse(readFileSync(join(work, 'trustlens.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(readFileSync(join(work, 'trustlens.md'), 'utf8')).toContain('octo-repo-pull-requests');
    expect(job.variables.TRUSTLENS_FAIL_ON).toBe('$[[ inputs.fail-on ]]');
  });
});
