/**
 * The CLI as an outside test sees it: a real process, exit codes, stdout JSON, one stderr line.
 * Contract: docs/contracts/CLI.md (these tests pin its points).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeAt, parseJsonDocument } from '../engine/json';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/trustlens.mjs');
const work = mkdtempSync(join(tmpdir(), 'trustlens-cli-'));

function run(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: work, input, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Write a fixture case's policy and claims (raw text) to files; return their paths and `at`. */
function caseFiles(relative: string) {
  const text = readFileSync(join(ROOT, 'fixtures/cases', relative), 'utf8');
  const parsed = parseJsonDocument(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const raw = (key: string) => {
    const node = nodeAt(parsed.doc, [key])!;
    return text.slice(node.offset, node.offset + node.length);
  };
  const base = relative.replace(/[/.]/g, '_');
  writeFileSync(join(work, `${base}.policy.json`), raw('policy'));
  writeFileSync(join(work, `${base}.claims.json`), raw('claims'));
  return { policy: `${base}.policy.json`, claims: `${base}.claims.json`, at: String((parsed.doc.value as { at: string }).at) };
}

describe('trustlens eval', () => {
  it('exits 2 with one line naming the file when the policy cannot be read', () => {
    writeFileSync(join(work, 'claims.json'), '{"sub":"x"}');
    const { code, stderr } = run(['eval', '--policy', 'missing.json', '--claims', 'claims.json']);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('missing.json');
  });

  it('names the file, line and column of a JSON error, and prints an error object with --format json', () => {
    writeFileSync(join(work, 'broken.json'), '{\n  "Version": "2012-10-17",\n  "Statement": [\n}');
    writeFileSync(join(work, 'claims.json'), '{"sub":"x"}');
    const { code, stdout, stderr } = run(['eval', '--policy', 'broken.json', '--claims', 'claims.json', '--format', 'json']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/broken\.json.*line 4, column 1/);
    expect(JSON.parse(stdout)).toMatchObject({ decision: 'error' });
  });

  it('reads one FILE from standard input and refuses two', () => {
    const files = caseFiles('aws/A01.json');
    const policy = readFileSync(join(work, files.policy), 'utf8');
    const viaStdin = run(['eval', '--policy', '-', '--claims', files.claims, '--at', files.at, '--format', 'json'], policy);
    expect(viaStdin.code).toBe(0);
    expect(run(['eval', '--policy', '-', '--claims', '-']).code).toBe(2);
  });

  it('exits 0 on allow, 1 on deny, 2 on a configuration the service refuses', () => {
    const allow = caseFiles('aws/A01.json');
    expect(run(['eval', '--policy', allow.policy, '--claims', allow.claims, '--at', allow.at]).code).toBe(0);
    const deny = caseFiles('vault/A5.json');
    const denied = run(['eval', '--policy', deny.policy, '--claims', deny.claims, '--at', deny.at, '--format', 'json']);
    expect(denied.code).toBe(1);
    expect(JSON.parse(denied.stdout).message).toContain('error validating claims');
  });

  it('accepts --at as Unix seconds as well as ISO 8601 and rejects anything else', () => {
    const files = caseFiles('aws/A01.json');
    const seconds = String(Date.parse(files.at) / 1000);
    expect(run(['eval', '--policy', files.policy, '--claims', files.claims, '--at', seconds]).code).toBe(0);
    const bad = run(['eval', '--policy', files.policy, '--claims', files.claims, '--at', 'yesterday']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--at yesterday');
  });

  it('reports an unknown --provider as an input error', () => {
    const files = caseFiles('aws/A01.json');
    const { code, stderr } = run(['eval', '--policy', files.policy, '--claims', files.claims, '--provider', 'oracle']);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown provider oracle');
  });

  it('reports the signature as skipped without --jwks, never as passed', () => {
    const files = caseFiles('aws/A01.json');
    const { stdout } = run(['eval', '--policy', files.policy, '--claims', files.claims, '--at', files.at, '--format', 'json']);
    const checks = JSON.parse(stdout).checks as Array<{ id: string; result: string }>;
    expect(checks.find((c) => c.id === 'token.signature')?.result).toBe('skip');
  });
});

describe('trustlens test', () => {
  it('runs a YAML scenario file and closes with "N passed, N failed"', () => {
    writeFileSync(
      join(work, 'suite.yaml'),
      [
        'provider: aws',
        'policy: |',
        '  {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/gitlab.com"},',
        '   "Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"gitlab.com:sub":"project_path:g/p:ref_type:branch:ref:main"}}}]}',
        'scenarios:',
        '  - name: main branch',
        '    claims: {iss: "https://gitlab.com", sub: "project_path:g/p:ref_type:branch:ref:main", aud: "https://gitlab.com", iat: 1700000000, exp: 1700000300}',
        '    at: 2023-11-14T22:13:30Z',
        '    expect: {decision: allow}',
        '  - name: wrongly expected to pass',
        '    claims: {iss: "https://gitlab.com", sub: "project_path:g/p:ref_type:tag:ref:v1", aud: "https://gitlab.com", iat: 1700000000, exp: 1700000300}',
        '    at: 1700000010',
        '    expect: {decision: allow}',
      ].join('\n'),
    );
    const { code, stdout } = run(['test', 'suite.yaml']);
    expect(stdout.trim().split('\n').at(-1)).toBe('1 passed, 1 failed');
    expect(code).toBe(1);
  });
});

describe('provider options', () => {
  it('takes --option more than once, as exported CLI commands write them', () => {
    const files = caseFiles('aws/A01.json');
    const twice = run(['eval', '--policy', files.policy, '--claims', files.claims, '--at', files.at, '--option', 'a=1', '--option', 'b=2']);
    expect(twice.code).toBe(0);
    const malformed = run(['eval', '--policy', files.policy, '--claims', files.claims, '--option', 'novalue']);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('--option takes KEY=VALUE');
  });
});
