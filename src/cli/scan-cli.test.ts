// `trustlens scan` against its contract (docs/contracts/SCAN.md): the JSON shape, SARIF 2.1.0
// validated against the OASIS schema (fixtures/scan/sarif/SOURCE.md), exit statuses, an unreadable
// file among good ones, and the known answers of the public fixtures (fixtures/scan/README.md).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../engine/evaluate';
import { prepareReaders, readInputs } from '../engine/scan/index';
import { claimsToken } from '../engine/token';
import { runCli } from '../../test/support/memory-io';

const AT = '2026-05-28T20:26:50Z';
const AT_SECONDS = Date.parse(AT) / 1000;

function filesUnder(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) Object.assign(files, filesUnder(path));
    else files[path] = readFileSync(path, 'utf8');
  }
  return files;
}

const FIXTURES = filesUnder('fixtures/scan');

interface ScanJson {
  scanned: number;
  skipped: number;
  errors: Array<{ source: { file: string; line?: number }; message: string }>;
  configurations: Array<{
    name: string;
    provider: string;
    source: { file: string; line?: number };
    issuers: string[];
    grade: string;
    reach: string;
    witness?: { axis: string; label: string; claims: Record<string, unknown>; at: string };
    findings: Array<{ severity: string; message: string }>;
  }>;
}

const REACHES = ['anyone', 'organization', 'repository', 'protected', 'none'];

async function scanJson(args: string[], files = FIXTURES) {
  const run = await runCli(['scan', ...args, '--at', AT, '--format', 'json'], files);
  return { ...run, report: JSON.parse(run.stdout) as ScanJson };
}

describe('trustlens scan --format json', () => {
  it('has exactly the contract members, widest reach first, a witness exactly when something gets in', async () => {
    const { code, report, stderr } = await scanJson(['fixtures/scan']);
    expect(code).toBe(0);
    // Standard error carries progress only (when the scan runs over a second).
    expect(stderr.split('\n').filter((line) => line && !/^trustlens: analysed \d+ of \d+ configurations$/.test(line))).toEqual([]);
    expect(Object.keys(report)).toEqual(['scanned', 'skipped', 'errors', 'configurations']);
    expect(report.scanned).toBe(report.skipped + report.configurations.length);
    for (const c of report.configurations) {
      expect(Object.keys(c)).toEqual(['name', 'provider', 'source', 'issuers', 'grade', 'reach', ...(c.witness ? ['witness'] : []), 'findings']);
      expect(['aws', 'vault', 'gcp', 'azure']).toContain(c.provider);
      expect(['pinned', 'narrow', 'broad', 'open']).toContain(c.grade);
      expect(REACHES).toContain(c.reach);
      expect(c.witness !== undefined).toBe(c.reach !== 'none');
      if (c.witness) expect(Object.keys(c.witness)).toEqual(['axis', 'label', 'claims', 'at']);
      for (const finding of c.findings) {
        expect(Object.keys(finding)).toEqual(['severity', 'message']);
        expect(finding.message).not.toContain('\n');
      }
    }
    const order = report.configurations.map((c) => REACHES.indexOf(c.reach));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // Files under a scanned folder are named relative to it.
    expect(report.configurations.every((c) => !c.source.file.startsWith('fixtures/'))).toBe(true);
  });

  it('every witness is admitted by eval for its configuration at its instant', async () => {
    const { report } = await scanJson(['fixtures/scan']);
    const inputs = Object.entries(FIXTURES).map(([file, text]) => ({ file: file.replace(/^fixtures\/scan\//, ''), text }));
    for (const input of inputs) await prepareReaders(input.file, input.text);
    const read = readInputs(inputs);
    for (const c of report.configurations.filter((c) => c.witness)) {
      const configuration = read.configurations.find((r) => r.name === c.name && r.source.file === c.source.file)!;
      const result = evaluate({ policyText: configuration.policyText, provider: configuration.provider, token: { ok: true, token: claimsToken(c.witness!.claims) }, at: Date.parse(c.witness!.at) / 1000, options: configuration.options });
      expect(result.decision, `${c.name}: ${result.message}`).toBe('allow');
    }
  });

  it('gives the known answers for the public account export and Terraform tree', async () => {
    const account = await scanJson(['fixtures/scan/account/authorization-details.json']);
    expect(account.report.scanned).toBe(8);
    expect(account.report.skipped).toBe(4);
    expect(account.report.configurations.map((c) => [c.name, c.reach, c.witness?.axis, c.source])).toEqual([
      ['github-actions-any', 'anyone', 'any-repository', { file: 'fixtures/scan/account/authorization-details.json', line: 79 }],
      ['github-actions-org', 'organization', 'other-repository', { file: 'fixtures/scan/account/authorization-details.json', line: 97 }],
      ['gitlab-deploy-main', 'repository', 'unprotected-ref', { file: 'fixtures/scan/account/authorization-details.json', line: 115 }],
      ['github-production-environment', 'repository', 'pull-request', { file: 'fixtures/scan/account/authorization-details.json', line: 149 }],
    ]);
    const terraform = await scanJson(['fixtures/scan/terraform']);
    expect(terraform.report.skipped).toBe(1);
    expect(terraform.report.configurations.map((c) => [c.name, c.reach, `${c.source.file}:${c.source.line}`])).toEqual([
      ['aws_iam_role.gitlab_deploy', 'organization', 'ci.tf.json:27'],
      ['aws_iam_role.deploy', 'organization', 'main.tf:29'],
      ['vault_jwt_auth_backend_role.deploy', 'organization', 'modules/ci/vault.tf:9'],
      ['aws_iam_role.github_pages', 'repository', 'ci.tf.json:31'],
      ['aws_iam_role.release', 'repository', 'main.tf:34'],
    ]);
  });

  it('is byte-identical from run to run with --at', async () => {
    const first = await runCli(['scan', 'fixtures/scan', '--at', AT, '--format', 'json'], FIXTURES);
    const second = await runCli(['scan', 'fixtures/scan', '--at', AT, '--format', 'json'], FIXTURES);
    expect(second.stdout).toBe(first.stdout);
  });
});

describe('trustlens scan --format sarif', () => {
  it('validates against the SARIF 2.1.0 schema: one rule per axis, one result per configuration at its file and line, levels by reach', async () => {
    const json = (await scanJson(['fixtures/scan'])).report;
    const run = await runCli(['scan', 'fixtures/scan', '--at', AT, '--format', 'sarif'], FIXTURES);
    expect(run.code).toBe(0);
    const sarif = JSON.parse(run.stdout);
    const schema = JSON.parse(readFileSync('fixtures/scan/sarif/sarif-schema-2.1.0.json', 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].originalUriBaseIds.SCANROOT1.uri).toBe(`${pathToFileURL(resolve('fixtures/scan')).href}/`);
    const driver = sarif.runs[0].tool.driver;
    expect(driver.name).toBe('trustlens');
    const ruleIds = driver.rules.map((rule: { id: string }) => rule.id);
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    const results = sarif.runs[0].results;
    expect(results).toHaveLength(json.configurations.length);
    const level = (reach: string) => (reach === 'anyone' || reach === 'organization' ? 'error' : reach === 'repository' ? 'warning' : 'note');
    json.configurations.forEach((c, index) => {
      const result = results[index];
      expect(ruleIds[result.ruleIndex]).toBe(result.ruleId);
      expect(result.ruleId).toBe(c.witness?.axis ?? 'admits-nothing');
      expect(result.level).toBe(level(c.reach));
      expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe(c.source.file);
      // Named relative to the scanned folder, which the base id resolves to.
      expect(result.locations[0].physicalLocation.artifactLocation.uriBaseId).toBe('SCANROOT1');
      expect(result.locations[0].physicalLocation.region.startLine).toBe(c.source.line ?? 1);
      if (c.witness) expect(result.message.text).toContain(c.witness.label);
    });
  });
});

describe('trustlens scan: exit status and errors', () => {
  it('--fail-on exits 1 when a configuration reaches that far, 0 otherwise', async () => {
    expect((await runCli(['scan', 'fixtures/scan/account', '--at', AT, '--fail-on', 'anyone'], FIXTURES)).code).toBe(1);
    expect((await runCli(['scan', 'fixtures/scan/azure', '--at', AT, '--fail-on', 'organization'], FIXTURES)).code).toBe(0);
    expect((await runCli(['scan', 'fixtures/scan/azure', '--at', AT, '--fail-on', 'repository'], FIXTURES)).code).toBe(1);
    expect((await runCli(['scan', 'fixtures/scan/azure', '--at', AT], FIXTURES)).code).toBe(0);
  });

  it('an unreadable or broken file among good ones is listed under errors and the scan goes on', async () => {
    const { code, report } = await scanJson(['fixtures/scan/account', 'missing/roles.json', 'fixtures/scan/mixed']);
    expect(code).toBe(0);
    expect(report.configurations).toHaveLength(4);
    expect(report.errors.map((e) => e.source.file)).toEqual(['broken.json', 'missing/roles.json']);
    expect(report.errors[1].message).toMatch(/^cannot read: no such file/);
  });

  it('exits 2 only when no input could be read at all, or on a usage error; --help prints usage and exits 0', async () => {
    const none = await runCli(['scan', 'missing.json', 'also-missing.json'], FIXTURES);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no input could be read');
    // The report still says why, in the format asked for.
    const broken = await scanJson(['fixtures/scan/mixed/broken.json']);
    expect(broken.code).toBe(2);
    expect(broken.report.errors).toHaveLength(1);
    expect(broken.report.configurations).toEqual([]);
    expect((await runCli(['scan'], FIXTURES)).code).toBe(2);
    expect((await runCli(['scan', 'fixtures/scan', '--fail-on', 'protected'], FIXTURES)).code).toBe(2);
    expect((await runCli(['scan', 'fixtures/scan', '--format', 'xml'], FIXTURES)).code).toBe(2);
    const help = await runCli(['scan', '--help'], FIXTURES);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('usage: trustlens scan');
  });

  it('a file named on the command line that holds no configuration is an error; one found in a folder is passed over', async () => {
    const files = { 'repo/package.json': '{"name": "x"}', 'repo/roles/ci.json': FIXTURES['fixtures/scan/azure/app-credentials.json'] };
    const folder = await scanJson(['repo'], files);
    expect(folder.report.errors).toEqual([]);
    expect(folder.report.configurations).toHaveLength(2);
    const named = await scanJson(['repo/package.json', 'repo/roles/ci.json'], files);
    expect(named.report.errors).toEqual([{ source: { file: 'repo/package.json' }, message: 'not a trust configuration or an export trustlens reads' }]);
  });

  it('text and markdown lead with the widest reach', async () => {
    const text = await runCli(['scan', 'fixtures/scan/account', '--at', AT], FIXTURES);
    const rows = text.stdout.split('\n').filter((line) => /^(anyone|organization|repository|protected|none)\s/.test(line));
    expect(rows[0]).toMatch(/^anyone\s+open\s+aws\s+github-actions-any/);
    const markdown = await runCli(['scan', 'fixtures/scan/account', '--at', AT, '--format', 'markdown'], FIXTURES);
    expect(markdown.stdout).toContain('| **anyone** | open | aws | github-actions-any |');
    expect(markdown.stdout).toContain('### github-actions-any — anyone');
  });
});
