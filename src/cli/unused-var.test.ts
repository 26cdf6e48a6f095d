/** `--var` names that no placeholder or variable uses are reported, not silently accepted (CLI.md: `--var NAME=VALUE`). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/memory-io';

const examples = resolve(import.meta.dirname, '../../examples');
const files = {
  'main.tf': readFileSync(resolve(examples, 'main.tf'), 'utf8'),
  'claims.json': readFileSync(resolve(examples, 'claims.json'), 'utf8'),
  'trust-policy.json': readFileSync(resolve(examples, 'trust-policy.json'), 'utf8'),
};
const AT = ['--at', '2023-11-14T22:13:20Z'];

describe('an unused --var', () => {
  it('eval warns on standard error about a misspelt name and still evaluates', async () => {
    const run = await runCli(['eval', '--policy', 'main.tf', '--claims', 'claims.json', '--var', 'account_id=111122223333', '--var', 'acount_id=1', ...AT], files, '', () => 0);
    expect(run.stderr).toContain('trustlens: warning: --var acount_id=… is not used');
    expect(run.stderr).not.toContain('--var account_id');
    expect(run.stdout).toMatch(/^aws: ALLOW/);
    expect(run.code).toBe(0);
  });

  it('eval says nothing when every --var is used', async () => {
    const run = await runCli(['eval', '--policy', 'main.tf', '--claims', 'claims.json', '--var', 'account_id=111122223333', ...AT], files, '', () => 0);
    expect(run.stderr).toBe('');
  });

  it('a JSON policy has no placeholders: any --var is reported', async () => {
    const run = await runCli(['eval', '--policy', 'trust-policy.json', '--claims', 'claims.json', '--var', 'account_id=1', ...AT], files, '', () => 0);
    expect(run.stderr).toContain('--var account_id=… is not used');
    expect(run.code).toBe(0);
  });

  it('exposure and diff warn too', async () => {
    const exposure = await runCli(['exposure', '--policy', 'main.tf', '--var', 'account_id=111122223333', '--var', 'region=eu-west-1', ...AT], files, '', () => 0);
    expect(exposure.stderr).toContain('--var region=… is not used');
    expect(exposure.stderr).not.toContain('account_id');
    const diff = await runCli(['diff', '--before', 'main.tf', '--after', 'trust-policy.json', '--var', 'account_id=111122223333', '--var', 'region=eu-west-1', ...AT], files, '', () => 0);
    expect(diff.stderr).toContain('--var region=… is not used');
    expect(diff.stderr).not.toContain('account_id');
  });
});
