// `trustlens exposure` and `diff` read Terraform as `eval` does (the IaC contract addition: --policy
// takes Terraform text; --resource and --var as for eval). The role below is the Terraform form of
// the AWS trust policy in GitHub's OIDC-for-AWS guide
// (https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services).
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/memory-io';

const role = (sub: string) => `variable "account_id" {}

resource "aws_iam_role" "deploy" {
  name = "github-deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::\${var.account_id}:oidc-provider/token.actions.githubusercontent.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }
        StringLike   = { "token.actions.githubusercontent.com:sub" = "${sub}" }
      }
    }]
  })
}
`;

const AT = '2023-11-14T22:13:30Z';

describe('exposure and diff over Terraform', () => {
  it('an unfilled variable is an input error naming it; --var fills it and the org wildcard lets another repository in', async () => {
    const files = { 'main.tf': role('repo:octo-org/*') };
    const unfilled = await runCli(['exposure', '--policy', 'main.tf', '--provider', 'aws', '--at', AT, '--format', 'json'], files);
    expect(unfilled.code).toBe(2);
    expect(unfilled.stderr).toContain('account_id');

    const filled = await runCli(['exposure', '--policy', 'main.tf', '--provider', 'AWS', '--var', 'account_id=111122223333', '--at', AT, '--format', 'json'], files);
    expect(filled.stderr).toBe('');
    expect(filled.code).toBe(1);
    const report = JSON.parse(filled.stdout) as { witnesses: Array<{ axis: string; at: string; claims: Record<string, unknown> }> };
    const other = report.witnesses.find((witness) => witness.axis === 'other-repository');
    expect(other?.claims.repository_owner).toBe('octo-org');
    expect(other?.claims.repository).not.toBe('octo-org/octo-repo');
    // The contract: each witness is admitted by `eval --claims` on the same file and variables.
    for (const witness of report.witnesses) {
      const check = await runCli(['eval', '--policy', 'main.tf', '--claims', 'w.json', '--provider', 'aws', '--var', 'account_id=111122223333', '--at', witness.at], {
        ...files,
        'w.json': JSON.stringify(witness.claims),
      });
      expect(check.code, `${witness.axis}: ${check.stdout}${check.stderr}`).toBe(0);
    }
  });

  it('diff of two Terraform versions reports the broadening', async () => {
    const files = { 'before.tf': role('repo:octo-org/octo-repo:ref:refs/heads/main'), 'after.tf': role('repo:octo-org/*') };
    const run = await runCli(['diff', '--before', 'before.tf', '--after', 'after.tf', '--provider', 'aws', '--var', 'account_id=111122223333', '--at', AT, '--format', 'json'], files);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { broadened: Array<{ before: string; after: string }> };
    expect(report.broadened.length).toBeGreaterThan(0);
    expect(report.broadened.every((witness) => witness.before !== 'allow' && witness.after === 'allow')).toBe(true);
  });

  it('--var-file reads a .tfvars file for eval, exposure and diff; --var wins over it (language/values/variables#variable-definitions-tfvars-files)', async () => {
    const claims = JSON.stringify({ iss: 'https://token.actions.githubusercontent.com', aud: 'sts.amazonaws.com', sub: 'repo:octo-org/octo-repo:ref:refs/heads/main', iat: 1700000000, exp: 1700000300 });
    const files = { 'main.tf': role('repo:octo-org/*'), 'prod.tfvars': '# production\naccount_id = "111122223333"\n', 'c.json': claims, 'bad.tfvars': 'account_id = \n' };
    const evaluated = await runCli(['eval', '--policy', 'main.tf', '--claims', 'c.json', '--var-file', 'prod.tfvars', '--at', AT, '--format', 'json'], files);
    expect(evaluated.code).toBe(0);
    expect(JSON.parse(evaluated.stdout).details.iac.convertedText).toContain('arn:aws:iam::111122223333:oidc-provider/');
    const overridden = await runCli(['eval', '--policy', 'main.tf', '--claims', 'c.json', '--var-file', 'prod.tfvars', '--var', 'account_id=444455556666', '--at', AT, '--format', 'json'], files);
    expect(JSON.parse(overridden.stdout).details.iac.convertedText).toContain('arn:aws:iam::444455556666:oidc-provider/');
    const exposure = await runCli(['exposure', '--policy', 'main.tf', '--provider', 'aws', '--var-file', 'prod.tfvars', '--at', AT, '--format', 'json'], files);
    expect(exposure.stderr).toBe('');
    const diff = await runCli(['diff', '--before', 'main.tf', '--after', 'main.tf', '--provider', 'aws', '--var-file', 'prod.tfvars', '--at', AT, '--format', 'json'], files);
    expect(diff.stderr).toBe('');
    const bad = await runCli(['eval', '--policy', 'main.tf', '--claims', 'c.json', '--var-file', 'bad.tfvars', '--at', AT], files);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.tfvars: line 1:\d+: account_id/);
  });

  it('a malformed --var is an input error for both commands', async () => {
    const files = { 'main.tf': role('repo:octo-org/*') };
    for (const argv of [['exposure', '--policy', 'main.tf'], ['diff', '--before', 'main.tf', '--after', 'main.tf']]) {
      const run = await runCli([...argv, '--var', 'no-equals-sign'], files);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('--var takes NAME=VALUE');
    }
  });
});
