/**
 * Exposure on configurations as reviewers meet them: every way in analysed on its own, who can
 * reach each witness, honest edges, the same bytes on every run. Each case is a shape seen on real
 * configurations; the rules it rests on are cited beside it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/memory-io';
import { consistencyProblems } from '../claims/models';
import { evaluate } from '../evaluate';
import { exampleById } from '../examples';
import { loadIacReaders } from '../inputs/index';
import { parseInstant } from '../time';
import { claimsToken } from '../token';
import { diffPolicies } from './diff';
import { analyseExposure } from './index';
import type { ExposureReport } from './types';

const AT = 1_700_000_000;
/** An instant when AWS offers GitHub's job_workflow_ref key (the 2026 provider-specific keys). */
const AT_2026 = 1_796_000_000;
const GH = 'token.actions.githubusercontent.com';

function admitted(report: ExposureReport, policyText: string) {
  expect(report.error).toBeUndefined();
  for (const witness of report.witnesses) {
    expect(consistencyProblems(witness.claims)).toEqual([]);
    expect(evaluate({ policyText, provider: report.provider, token: { ok: true, token: claimsToken(witness.claims) }, at: parseInstant(witness.at)! }).decision).toBe('allow');
  }
}

const github = (condition: Record<string, Record<string, unknown>>, sid?: string) => ({
  ...(sid ? { Sid: sid } : {}),
  Effect: 'Allow',
  Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${GH}` },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: { StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', ...(condition.StringEquals ?? {}) }, ...(condition.StringLike ? { StringLike: condition.StringLike } : {}) },
});
const gitlab = (sub: string) => ({
  Effect: 'Allow',
  Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/gitlab.com' },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: { StringEquals: { 'gitlab.com:aud': 'https://gitlab.com' }, StringLike: { 'gitlab.com:sub': sub } },
});
const policy = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);

describe('every way in', () => {
  it('48 Allow statements: each is analysed, and a leading * lets a stranger\'s group in through its own statement', () => {
    const text = policy(Array.from({ length: 48 }, (_, i) => gitlab(i === 4 ? '*group-4/*' : `project_path:group-${i}/app:ref_type:branch:ref:main`)));
    const report = analyseExposure({ policyText: text, provider: 'aws', at: AT });
    admitted(report, text);
    // A top-level group is anyone's to create (docs.gitlab.com/user/group: "create a group"), so a
    // namespace matched only by `*group-4` is a stranger's.
    const stranger = report.witnesses.find((witness) => witness.reach === 'anyone')!;
    expect(stranger.via.label).toBe('the 5th statement');
    expect(String(stranger.claims.project_path).startsWith('group-4/')).toBe(false);
    expect(report.reach).toBe('anyone');
    expect(report.grade).toBe('open');
    const statements = new Set(report.witnesses.map((witness) => witness.via.label));
    expect(statements.size).toBe(48);
  });

  it('a 9th statement admitting another owner is a broadening, whatever the number of pinned ones', () => {
    const pinned = Array.from({ length: 8 }, (_, i) => github({ StringEquals: { [`${GH}:sub`]: `repo:octo-org/app-${i}:ref:refs/heads/main` } }));
    const before = policy(pinned);
    const after = policy([...pinned, github({ StringEquals: { [`${GH}:sub`]: 'repo:evil/attacker:ref:refs/heads/main' } })]);
    const report = diffPolicies({ before, after, provider: 'aws', at: AT });
    expect(report.broadened.some((witness) => witness.claims.repository === 'evil/attacker')).toBe(true);
  });

  it('an 11th value in a sub list is a way in of its own', () => {
    const subs = Array.from({ length: 10 }, (_, i) => `repo:octo-org/app-${i}:ref:refs/heads/main`);
    const before = policy([github({ StringEquals: { [`${GH}:sub`]: subs } })]);
    const after = policy([github({ StringEquals: { [`${GH}:sub`]: [...subs, 'repo:evil/attacker:ref:refs/heads/main'] } })]);
    expect(diffPolicies({ before, after, provider: 'aws', at: AT }).broadened.map((witness) => witness.claims.repository)).toContain('evil/attacker');
  });
});

const gcp = (condition: string) =>
  JSON.stringify({
    name: 'projects/1/locations/global/workloadIdentityPools/p/providers/q',
    attributeMapping: { 'google.subject': 'assertion.sub', 'attribute.repository': 'assertion.repository' },
    attributeCondition: condition,
    oidc: { issuerUri: 'https://token.actions.githubusercontent.com' },
  });
const clauses = (n: number) => Array.from({ length: n }, (_, i) => `assertion.repository == 'g/p${i}'`);

describe('every disjunct of a Google Cloud condition', () => {
  it('an 11th || clause admitting another repository is a broadening', () => {
    const before = gcp(clauses(10).join(' || '));
    const after = gcp([...clauses(10), "assertion.repository == 'evil/attacker'"].join(' || '));
    const report = diffPolicies({ before, after, provider: 'gcp', at: AT });
    expect(report.broadened.map((witness) => witness.claims.repository)).toContain('evil/attacker');
    // Each clause is its own way in: every one of the ten repositories is varied.
    const exposure = analyseExposure({ policyText: before, provider: 'gcp', at: AT });
    admitted(exposure, before);
    expect(new Set(exposure.witnesses.map((witness) => witness.claims.repository)).size).toBeGreaterThanOrEqual(10);
  });

  it('a condition eval refuses (over the 4096-character limit) is refused by the analysis with the same message', () => {
    // cloud.google.com/iam/docs/workload-identity-federation: attribute conditions are limited in length.
    const text = gcp(clauses(1000).join(' || '));
    const evaluated = evaluate({ policyText: text, provider: 'gcp', token: { ok: true, token: claimsToken({}) }, at: AT });
    expect(evaluated.decision).toBe('error');
    expect(analyseExposure({ policyText: text, provider: 'gcp', at: AT }).error).toBe(evaluated.message);
  });
});

describe('who can reach it', () => {
  it('two owners named by the policy are organizations, never "any repository"', () => {
    const text = policy([github({ StringLike: { [`${GH}:sub`]: ['repo:org1/*', 'repo:org2/*'] } })]);
    const report = analyseExposure({ policyText: text, provider: 'aws', at: AT });
    admitted(report, text);
    expect(report.reach).toBe('organization');
    expect(report.grade).toBe('broad');
    expect(report.witnesses.map((witness) => witness.axis)).not.toContain('any-repository');
    expect(report.summary).toContain('repository: any repository of org1 or org2');
  });

  it("GitHub's reusable-workflow trust (repo:octo-org/* and a pinned job_workflow_ref) lets any repository of the organisation in", () => {
    // docs.github.com/actions/how-tos/secure-your-work/security-harden-deployments/oidc-with-reusable-workflows
    const workflow = 'octo-org/shared/.github/workflows/deploy.yml@refs/heads/main';
    const text = policy([github({ StringEquals: { [`${GH}:job_workflow_ref`]: workflow }, StringLike: { [`${GH}:sub`]: 'repo:octo-org/*' } })]);
    const report = analyseExposure({ policyText: text, provider: 'aws', at: AT_2026 });
    admitted(report, text);
    const other = report.witnesses.find((witness) => witness.axis === 'other-repository')!;
    expect(other.claims.job_workflow_ref).toBe(workflow);
    expect(other.reach).toBe('organization');
    expect(report.grade).toBe('broad');
  });

  it('a custom subject holding only repo (include_claim_keys: [repo]) admits every branch and pull request of the repository', () => {
    // docs.github.com/actions/reference/security/oidc#customizing-the-subject-claims-for-an-organization-or-repository
    const text = policy([github({ StringEquals: { [`${GH}:sub`]: 'repo:octo-org/octo-repo' } })]);
    const report = analyseExposure({ policyText: text, provider: 'aws', at: AT });
    admitted(report, text);
    expect(report.witnesses.map((witness) => witness.axis)).toEqual(expect.arrayContaining(['other-branch', 'pull-request']));
    expect(report.reach).toBe('repository');
    expect(report.grade).toBe('narrow');
  });

  it('a release* branch prefix admits release-evil, which anyone who can push a branch creates', () => {
    const text = policy([github({ StringLike: { [`${GH}:sub`]: 'repo:octo-org/app:ref:refs/heads/release*' } })]);
    const report = analyseExposure({ policyText: text, provider: 'aws', at: AT });
    admitted(report, text);
    const branch = report.witnesses.find((witness) => witness.axis === 'other-branch')!;
    expect(branch.claims.ref).toBe('refs/heads/release-evil');
    expect(branch.reach).toBe('repository');
  });

  it('the token given chooses where to start, not what the configuration admits', () => {
    const example = exampleById('gitlab-aws-group-wildcard')!;
    const deep = analyseExposure({ policyText: example.policy, provider: 'aws', claims: example.claims, at: example.at! });
    const none = analyseExposure({ policyText: example.policy, provider: 'aws', at: example.at! });
    expect(deep.grade).toBe(none.grade);
    expect(deep.reach).toBe(none.reach);
    expect(deep.summary).toEqual(none.summary);
    expect(deep.summary).toContain('project_path: any project under mygroup/, at any depth');
    expect(deep.witnesses.some((witness) => String(witness.claims.project_path).startsWith('mygroup/') && !String(witness.claims.project_path).startsWith('mygroup/tools/'))).toBe(true);
  });
});

describe('real configurations (fixtures/own/iac, each citing its repository, path and commit)', () => {
  const real = (id: string) => JSON.parse(readFileSync(join(import.meta.dirname, '../../../fixtures/own/iac', `${id}.json`), 'utf8')) as { source: string; policy: unknown; options?: Record<string, string> };
  const AT_NOW = 1_796_342_400;

  it.each([
    // configure-aws-credentials' CloudFormation template with its default '*' repository: any repository of the organisation.
    ['IAC-020', 'organization', 'other-repository'],
    // terraform-aws-modules iam-github-oidc-role with one subject on main: pull_request_target runs carry the base ref.
    ['IAC-022', 'repository', 'pull-request-target'],
  ])('%s: reach %s, an %s witness, every witness admitted', async (id, reach, axis) => {
    const c = real(id);
    expect(c.source).toMatch(/^https:\/\/github\.com\/.+\/blob\/[0-9a-f]{40}\//);
    const policyText = typeof c.policy === 'string' ? c.policy : JSON.stringify(c.policy);
    await loadIacReaders(policyText);
    const report = analyseExposure({ policyText, at: AT_NOW, options: c.options });
    expect(report.error).toBeUndefined();
    expect(report.reach).toBe(reach);
    expect(report.witnesses.map((witness) => witness.axis)).toContain(axis);
    for (const witness of report.witnesses) {
      expect(consistencyProblems(witness.claims)).toEqual([]);
      expect(evaluate({ policyText, token: { ok: true, token: claimsToken(witness.claims) }, at: parseInstant(witness.at)!, options: c.options }).decision).toBe('allow');
    }
  });
});

describe('honest edges', () => {
  it('a Vault role without its mount config: issuer acceptance is a note, not an open door', () => {
    const text = JSON.stringify({ role_type: 'jwt', user_claim: 'user_email', bound_audiences: ['https://vault.example.com'], bound_claims: { project_id: '22', ref: 'main', ref_protected: 'true' } });
    const report = analyseExposure({ policyText: text, provider: 'vault', at: AT });
    admitted(report, text);
    expect(report.witnesses.map((witness) => witness.axis)).not.toContain('other-issuer');
    expect(report.grade).not.toBe('open');
    expect(report.opaque.some((line) => line.includes("depends on the mount's keys"))).toBe(true);
  });

  it('a Terraform value eval asks for stops the analysis with eval\'s message and exit 2', async () => {
    const tf = `variable "project_number" {}
resource "google_iam_workload_identity_pool_provider" "gitlab" {
  workload_identity_pool_id          = "gitlab"
  workload_identity_pool_provider_id = "gitlab"
  attribute_mapping = { "google.subject" = "assertion.sub" }
  attribute_condition = "assertion.namespace_path == 'my-group'"
  oidc {
    issuer_uri        = "https://gitlab.com"
    allowed_audiences = ["//iam.googleapis.com/projects/\${var.project_number}/locations/global/workloadIdentityPools/gitlab/providers/gitlab"]
  }
}
`;
    await loadIacReaders(tf);
    const evaluated = evaluate({ policyText: tf, token: { ok: true, token: claimsToken({ iss: 'https://gitlab.com' }) }, at: AT });
    expect(evaluated.decision).toBe('error');
    const report = analyseExposure({ policyText: tf, at: AT });
    expect(report.error).toBe(evaluated.message);
    expect(JSON.stringify(report)).not.toContain('${');
    const run = await runCli(['exposure', '--policy', 'main.tf', '--at', String(AT)], { 'main.tf': tf });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('project_number');
  });

  it('diff reads a multi-resource Terraform file with --resource alone, as eval does', async () => {
    const role = (name: string, operator: string, sub: string) => `resource "aws_iam_role" "${name}" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/gitlab.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = { ${operator} = { "gitlab.com:sub" = "${sub}" } }
    }]
  })
}
`;
    const pinned = 'project_path:mygroup/myproject:ref_type:branch:ref:main';
    const before = role('r0', 'StringEquals', pinned) + role('r1', 'StringLike', 'project_path:other/*');
    const after = role('r0', 'StringLike', 'project_path:mygroup/*') + role('r1', 'StringLike', 'project_path:other/*');
    const run = await runCli(['diff', '--before', 'before.tf', '--after', 'after.tf', '--resource', 'aws_iam_role.r0', '--at', String(AT)], { 'before.tf': before, 'after.tf': after });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')[0]).toBe('before: anyone who can push a branch, open a pull/merge request or run a job in the intended repository or project (repository); after: a member of an owner or group the configuration names (organization)');
  });

  it('the same inputs give the same bytes, and every witness is judged at the instant given', async () => {
    const example = exampleById('github-aws-org-wildcard')!;
    const files = { 'policy.json': example.policy };
    const args = ['exposure', '--policy', 'policy.json', '--at', '2023-11-14T22:13:20Z', '--format', 'json'];
    const first = await runCli(args, files);
    const second = await runCli(args, files);
    expect(first.stdout).toBe(second.stdout);
    const report = JSON.parse(first.stdout) as ExposureReport;
    expect(report.witnesses.length).toBeGreaterThan(0);
    for (const witness of report.witnesses) expect(witness.at).toBe('2023-11-14T22:13:20Z');
    expect((await runCli(args.map((arg) => (arg === 'json' ? 'text' : arg)), files)).stdout).toBe((await runCli(args.map((arg) => (arg === 'json' ? 'text' : arg)), files)).stdout);
  });
});
