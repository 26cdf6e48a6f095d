#!/usr/bin/env node
// The package as npm installs it: `npm pack`, then an install into an empty folder with
// --omit=dev, then `trustlens --version`, `eval`, `exposure`, `diff` and `scan` run from there on
// the repository's fixtures, with no TypeScript tooling on the path. Exits non-zero on any miss.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'trustlens-pack-'));
const AT = '2026-05-28T20:26:50Z';
let failures = 0;

function check(name, args, expectedStatus, expectedText) {
  const run = spawnSync(join(work, 'app/node_modules/.bin/trustlens'), args, { cwd: join(work, 'app'), encoding: 'utf8', env: { ...process.env, PATH: `${dirname(process.execPath)}:/usr/bin:/bin` } });
  const ok = run.status === expectedStatus && run.stdout.includes(expectedText);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: exit ${run.status}${ok ? '' : `, expected ${expectedStatus} and "${expectedText}"\n${run.stdout}${run.stderr}`}`);
  if (!ok) failures++;
}

try {
  const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop();
  const app = join(work, 'app');
  execFileSync('npm', ['init', '-y'], { cwd: (cpSync(join(root, 'fixtures/scan'), join(app, 'scan'), { recursive: true }), app), stdio: 'ignore' });
  execFileSync('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', join(work, tarball)], { cwd: app, stdio: 'ignore' });
  const account = JSON.parse(readFileSync(join(app, 'scan/account/authorization-details.json'), 'utf8'));
  const policy = account.RoleDetailList.find((role) => role.RoleName === 'gitlab-deploy-main').AssumeRolePolicyDocument;
  writeFileSync(join(app, 'policy.json'), JSON.stringify(policy, null, 2));
  const broader = structuredClone(policy);
  broader.Statement[0].Condition = { StringLike: { 'gitlab.com:sub': 'project_path:mygroup/*' } };
  writeFileSync(join(app, 'after.json'), JSON.stringify(broader, null, 2));
  writeFileSync(join(app, 'claims.json'), JSON.stringify({ iss: 'https://gitlab.com', aud: 'https://gitlab.com', sub: 'project_path:mygroup/myproject:ref_type:branch:ref:main', iat: 1780000000, nbf: 1780000000, exp: 1780003600 }));
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  check('--version', ['--version'], 0, `trustlens ${version}`);
  check('eval', ['eval', '--policy', 'policy.json', '--claims', 'claims.json', '--at', AT], 0, 'aws: ALLOW');
  check('exposure', ['exposure', '--policy', 'policy.json', '--at', AT], 1, 'aws: exposure');
  check('diff', ['diff', '--before', 'policy.json', '--after', 'after.json', '--at', AT], 1, 'broadened');
  check('scan', ['scan', 'scan/account', 'scan/terraform', '--at', AT, '--fail-on', 'anyone'], 1, 'github-actions-any');
  check('scan --format sarif', ['scan', 'scan/terraform', '--at', AT, '--format', 'sarif'], 0, '"name": "trustlens"');
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (failures > 0) {
  console.error(`${failures} check(s) failed`);
  process.exit(1);
}
