/**
 * Terraform and CloudFormation policies through the CLI contract (docs/contracts/CLI.md):
 * `--policy` takes them as they are, `--resource` and `--var` steer the conversion, and the
 * decision and message are those of the equivalent JSON configuration.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { iacOptions } from './policy-input';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/trustlens.mjs');
const work = mkdtempSync(join(tmpdir(), 'trustlens-iac-'));

function run(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: work, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function fixture(name: string): { policy: string; claims: string; at: string } {
  const data = JSON.parse(readFileSync(join(ROOT, 'fixtures/own/iac', `${name}.json`), 'utf8')) as { policy: string; claims: unknown; at: string };
  writeFileSync(join(work, `${name}.tf`), data.policy);
  writeFileSync(join(work, `${name}.claims.json`), JSON.stringify(data.claims));
  return { policy: `${name}.tf`, claims: `${name}.claims.json`, at: data.at };
}

describe('trustlens eval with Terraform', () => {
  it('a Terraform role with --provider aws gets the verdict of its JSON policy', { timeout: 120_000 }, () => {
    const { policy, claims, at } = fixture('IAC-002');
    const fromTerraform = run(['eval', '--policy', policy, '--claims', claims, '--at', at, '--provider', 'aws', '--format', 'json']);
    const converted = JSON.parse(fromTerraform.stdout).details.iac.convertedText as string;
    writeFileSync(join(work, 'converted.json'), converted);
    const fromJson = run(['eval', '--policy', 'converted.json', '--claims', claims, '--at', at, '--format', 'json']);
    expect(fromTerraform.code).toBe(1);
    expect(fromJson.code).toBe(1);
    const a = JSON.parse(fromTerraform.stdout);
    const b = JSON.parse(fromJson.stdout);
    expect([a.decision, a.message]).toEqual([b.decision, b.message]);
  });

  it('--resource picks one of several; --var fills a variable', { timeout: 240_000 }, () => {
    const { policy, claims, at } = fixture('IAC-008');
    expect(run(['eval', '--policy', policy, '--claims', claims, '--at', at]).code).toBe(2);
    expect(run(['eval', '--policy', policy, '--claims', claims, '--at', at, '--resource', 'aws_iam_role.deploy']).code).toBe(0);
    const missing = fixture('IAC-007');
    const refused = run(['eval', '--policy', missing.policy, '--claims', missing.claims, '--at', missing.at]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('var.repository');
    expect(run(['eval', '--policy', missing.policy, '--claims', missing.claims, '--at', missing.at, '--var', 'repository=octo-org/octo-repo']).code).toBe(0);
  });

  it('--var needs NAME=VALUE', () => {
    expect(iacOptions(undefined, ['novalue'])).toEqual({ error: '--var takes NAME=VALUE, not novalue' });
    expect(iacOptions('aws_iam_role.x', ['a=b=c', 'AWS::AccountId=1'])).toEqual({ 'iac.resource': 'aws_iam_role.x', 'iac.var.a': 'b=c', 'iac.var.AWS::AccountId': '1' });
  });
});
