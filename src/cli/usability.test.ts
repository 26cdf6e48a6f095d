/**
 * The CLI's answers to the ways people actually misuse it: help and version flags, swapped
 * --token/--claims, unusable key files, syntax errors, scenario files that name the real policy
 * file, and a busy port for `npm start`. Contract: docs/contracts/CLI.md (exit 2 = input error,
 * one line on standard error naming the file).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/trustlens.mjs');
const work = mkdtempSync(join(tmpdir(), 'trustlens-usability-'));

function run(args: string[], cwd = work) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const GITLAB_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/gitlab.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'gitlab.com:aud': 'https://gitlab.com' }, StringLike: { 'gitlab.com:sub': 'project_path:g/p:ref_type:branch:ref:main' } },
    },
  ],
}, null, 2);
const CLAIMS = { iss: 'https://gitlab.com', aud: 'https://gitlab.com', sub: 'project_path:g/p:ref_type:branch:ref:main', iat: 1700000000, exp: 1700000300 };
// A compact JWS carrying CLAIMS (signature bytes irrelevant: nothing here verifies it).
const JWS = [
  Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'k1' })).toString('base64url'),
  Buffer.from(JSON.stringify(CLAIMS)).toString('base64url'),
  'c2lnbmF0dXJl',
].join('.');

writeFileSync(join(work, 'policy.json'), GITLAB_POLICY);
writeFileSync(join(work, 'claims.json'), JSON.stringify(CLAIMS, null, 2));
writeFileSync(join(work, 'job.jwt'), `${JWS}\n`);
const AT = ['--at', '1700000010'];

describe('help and version', () => {
  it('prints each command\'s usage for --help and -h, exit 0', () => {
    for (const flag of ['--help', '-h']) {
      const evalHelp = run(['eval', flag]);
      expect(evalHelp.code).toBe(0);
      expect(evalHelp.stdout).toMatch(/^usage: trustlens eval --policy FILE/);
      expect(evalHelp.stderr).toBe('');
      const testHelp = run(['test', flag]);
      expect(testHelp.code).toBe(0);
      expect(testHelp.stdout).toMatch(/^usage: trustlens test FILE/);
    }
  });

  it('prints the package version for --version', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const result = run(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(`trustlens ${version}`);
  });
});

describe('eval text output', () => {
  it('prints the one-line fix under a denial, the same one the JSON output carries', () => {
    writeFileSync(join(work, 'tag-claims.json'), JSON.stringify({ ...CLAIMS, sub: 'project_path:g/p:ref_type:tag:ref:main' }));
    const text = run(['eval', '--policy', 'policy.json', '--claims', 'tag-claims.json', ...AT]);
    const json = run(['eval', '--policy', 'policy.json', '--claims', 'tag-claims.json', ...AT, '--format', 'json']);
    expect(text.code).toBe(1);
    const fix = (JSON.parse(json.stdout) as { details: { fix?: string } }).details.fix;
    expect(fix).toBeTruthy();
    expect(text.stdout.split('\n')[1]).toBe(`  Fix: ${fix}`);
    // An allowed token needs no fix.
    expect(run(['eval', '--policy', 'policy.json', '--claims', 'claims.json', ...AT]).stdout).not.toContain('Fix:');
  });
});

describe('eval input errors', () => {
  it('takes --provider in any case', () => {
    expect(run(['eval', '--policy', 'policy.json', '--claims', 'claims.json', ...AT, '--provider', 'AWS']).code).toBe(0);
    expect(run(['eval', '--policy', 'policy.json', '--claims', 'claims.json', ...AT, '--provider', 'Aws']).code).toBe(0);
  });

  it('treats an unreadable --jwks file as an input error naming it, not a denial', () => {
    const result = run(['eval', '--policy', 'policy.json', '--token', 'job.jwt', ...AT, '--jwks', 'missing-keys.json']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('missing-keys.json');
  });

  it('treats a --jwks file that is not a JWKS as an input error naming it', () => {
    writeFileSync(join(work, 'not-json.txt'), 'these are not keys\n');
    writeFileSync(join(work, 'no-keys.json'), '{"keys": "none"}');
    for (const file of ['not-json.txt', 'no-keys.json']) {
      const result = run(['eval', '--policy', 'policy.json', '--token', 'job.jwt', ...AT, '--jwks', file, '--format', 'json']);
      expect(result.code, file).toBe(2);
      expect(result.stderr, file).toContain(`--jwks ${file}: not a JWKS document`);
      expect(JSON.parse(result.stdout).decision).toBe('error');
    }
  });

  it('hints at --claims when a claims object is given to --token, and at --token for a JWS given to --claims', () => {
    const claimsAsToken = run(['eval', '--policy', 'policy.json', '--token', 'claims.json', ...AT]);
    expect(claimsAsToken.code).toBe(2);
    expect(claimsAsToken.stderr).toContain('claims.json');
    expect(claimsAsToken.stderr).toContain('pass it with --claims');
    const tokenAsClaims = run(['eval', '--policy', 'policy.json', '--claims', 'job.jwt', ...AT]);
    expect(tokenAsClaims.code).toBe(2);
    expect(tokenAsClaims.stderr).toContain('job.jwt');
    expect(tokenAsClaims.stderr).toContain('pass it with --token');
    // The right flag still works on the same files.
    expect(run(['eval', '--policy', 'policy.json', '--token', 'job.jwt', ...AT]).code).toBe(0);
  });

  it('prints one error for a configuration syntax error, nothing about an unknown provider', () => {
    writeFileSync(join(work, 'broken.json'), '{\n  "Version": "2012-10-17",,\n}');
    const result = run(['eval', '--policy', 'broken.json', '--claims', 'claims.json']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^trustlens: broken\.json.*line 2, column 27/);
    expect(result.stderr).not.toContain('unknown provider');
  });
});

describe('scenario files naming the configuration by path', () => {
  it('resolves policyFile against the scenario file, so the tests follow the real file', () => {
    mkdirSync(join(work, 'infra'), { recursive: true });
    mkdirSync(join(work, 'tests'), { recursive: true });
    writeFileSync(join(work, 'infra/role.json'), GITLAB_POLICY);
    writeFileSync(
      join(work, 'tests/role.scenarios.yaml'),
      [
        'provider: aws',
        'policyFile: ../infra/role.json',
        'scenarios:',
        '  - name: main branch',
        `    claims: ${JSON.stringify(CLAIMS)}`,
        '    at: 1700000010',
        '    expect: {decision: allow}',
        '  - name: a tag is refused',
        `    claims: ${JSON.stringify({ ...CLAIMS, sub: 'project_path:g/p:ref_type:tag:ref:v1' })}`,
        '    at: 1700000010',
        '    expect: {decision: deny, message: "Not authorized to perform sts:AssumeRoleWithWebIdentity"}',
      ].join('\n'),
    );
    // Run from another directory: the path is relative to the scenario file, not the shell.
    const result = run(['test', join('tests', 'role.scenarios.yaml')]);
    expect(result.stdout.trim().split('\n').at(-1)).toBe('2 passed, 0 failed');
    expect(result.code).toBe(0);
  });

  it('is an input error naming the path when policyFile cannot be read', () => {
    mkdirSync(join(work, 'tests'), { recursive: true });
    writeFileSync(join(work, 'tests/missing.scenarios.yaml'), ['policyFile: ../infra/gone.json', 'scenarios:', `  - claims: ${JSON.stringify(CLAIMS)}`, '    expect: {decision: allow}'].join('\n'));
    const result = run(['test', join('tests', 'missing.scenarios.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('../infra/gone.json');
  });
});

describe('npm start on a busy port', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((server) => server.close()));

  it('says so in one line instead of a stack trace', async () => {
    const busy = createServer();
    servers.push(busy);
    await new Promise<void>((done) => busy.listen(0, '127.0.0.1', () => done()));
    const port = (busy.address() as { port: number }).port;
    const site = join(work, 'site');
    mkdirSync(site, { recursive: true });
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>t</title>');
    const child = spawn(process.execPath, [join(ROOT, 'scripts/serve.mjs'), '--root', site], { env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' } });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`port ${port}`);
    expect(stderr).toContain('already in use');
  });
});
