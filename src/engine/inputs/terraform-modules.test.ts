/**
 * Module calls evaluated by the module's rules. Each expectation is what the module renders at the
 * release Terraform installs, read from its source (see terraform-modules.ts for repository, path
 * and commit of each release read):
 * - github.com/terraform-aws-modules/terraform-aws-iam modules/iam-github-oidc-role/main.tf
 *   (v5.6.0 4bd4c1e6, v5.7.0 3ec0f0fd, v5.45.0 95c49ef4, v5.60.0 c29ec1ed), modules/iam-role/main.tf
 *   (v6.0.0 4d779a52, v6.5.0 981121bc), modules/iam-assumable-role-with-oidc/main.tf (v5.60.0);
 * - github.com/terraform-module/terraform-aws-gitlab-oidc-provider main.tf (v1.1.0 ad489a33);
 * - github.com/terraform-google-modules/terraform-google-github-actions-runners modules/gh-oidc
 *   (v3.1.0 a1625d1e, v5.1.0 9c9c95c0).
 * The release chosen: the newest meeting the constraint, constraints as hashicorp/go-version
 * (constraint.go) reads them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate';
import { parseClaims } from '../token';
import { convertIac, loadIacReaders, type Conversion } from './index';

beforeAll(async () => {
  await loadIacReaders('module "x" {}');
}, 60_000);

const DEPLOYED = { 'data.aws_caller_identity.current.account_id': '111122223333', 'data.aws_partition.current.partition': 'aws' };

function convert(text: string, vars: Record<string, string> = DEPLOYED, resource?: string): Conversion {
  const outcome = convertIac(text, 'terraform', { vars, resource });
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.conversion;
}
const json = (text: string, vars?: Record<string, string>, resource?: string) => JSON.parse(convert(text, vars, resource).text);
function refusal(text: string, vars: Record<string, string> = DEPLOYED, resource?: string): string {
  const outcome = convertIac(text, 'terraform', { vars, resource });
  if (outcome.ok) throw new Error('converted');
  return outcome.message;
}

const github = (sub: string, aud = 'sts.amazonaws.com') =>
  JSON.stringify({ iss: 'https://token.actions.githubusercontent.com', aud, sub, repository: sub.split(':')[1], iat: 1700000000, nbf: 1700000000, exp: 1700000300 });
const decide = (text: string, token: string, vars: Record<string, string> = {}) =>
  evaluate({ policyText: text, token: parseClaims(token), at: 1700000100, options: Object.fromEntries(Object.entries(vars).map(([k, v]) => [`iac.var.${k}`, v])) });
const MAIN = 'repo:octo-org/octo-repo:ref:refs/heads/main';

const githubRole = (version: string, extra = '') => `module "gh" {
  source       = "terraform-aws-modules/iam/aws//modules/iam-github-oidc-role"
  version      = "${version}"
  provider_url = "https://token.actions.githubusercontent.com"
  subjects     = ["repo:octo-org/octo-repo:ref:refs/heads/main", "octo-org/tools:*"]
${extra}}
`;

describe('terraform-aws-modules/iam iam-github-oidc-role (v5)', () => {
  it('~> 5.0 installs 5.60.0: the trust policy the module renders, https:// and repo: normalised', () => {
    const conversion = convert(githubRole('~> 5.0'));
    expect(conversion.resource).toBe('module.gh.aws_iam_role.this[0]');
    expect(JSON.parse(conversion.text)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'GithubOidcAuth',
          Effect: 'Allow',
          Action: ['sts:TagSession', 'sts:AssumeRoleWithWebIdentity'],
          Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
          Condition: {
            'ForAllValues:StringEquals': {
              'token.actions.githubusercontent.com:iss': 'https://token.actions.githubusercontent.com',
              'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            },
            StringLike: { 'token.actions.githubusercontent.com:sub': ['repo:octo-org/octo-repo:ref:refs/heads/main', 'repo:octo-org/tools:*'] },
          },
        },
      ],
    });
    expect(decide(githubRole('~> 5.0'), github(MAIN)).decision).toBe('allow');
    expect(decide(githubRole('~> 5.0'), github('repo:octo-org/octo-repo:ref:refs/heads/feature')).decision).toBe('deny');
    expect(decide(githubRole('~> 5.0'), github('repo:octo-org/tools:pull_request')).decision).toBe('allow');
  });

  it('5.6.0 as released: repo: is prefixed again and the iss condition names http://', () => {
    const policy = json(githubRole('5.6.0'));
    expect(policy.Statement[0].Condition['ForAllValues:StringEquals']['token.actions.githubusercontent.com:iss']).toBe('http://token.actions.githubusercontent.com');
    expect(policy.Statement[0].Condition.StringLike['token.actions.githubusercontent.com:sub']).toEqual(['repo:repo:octo-org/octo-repo:ref:refs/heads/main', 'repo:octo-org/tools:*']);
    expect(decide(githubRole('5.6.0'), github(MAIN)).decision).toBe('deny');
  });

  it('subject_condition (from 5.45.0) and additional_trust_policy_conditions (from 5.53.0) shape the policy; before, they are arguments Terraform refuses', () => {
    const extra = `  subject_condition = "StringEquals"
  additional_trust_policy_conditions = [{ test = "StringEquals", variable = "token.actions.githubusercontent.com:repository_owner", values = ["octo-org"] }]
`;
    const policy = json(githubRole('5.60.0', extra));
    expect(policy.Statement[0].Condition.StringEquals).toEqual({
      'token.actions.githubusercontent.com:sub': ['repo:octo-org/octo-repo:ref:refs/heads/main', 'repo:octo-org/tools:*'],
      'token.actions.githubusercontent.com:repository_owner': 'octo-org',
    });
    // Before 5.45.0 the module has no such variable: Terraform refuses the call.
    const early = convertIac(githubRole('5.44.0', '  subject_condition = "StringEquals"\n'), 'terraform', { vars: DEPLOYED });
    expect(early.ok).toBe(false);
    if (!early.ok) {
      expect(early.message).toContain('Unsupported argument: an argument named "subject_condition" is not expected here (release 5.44.0');
      expect(early.source).toMatchObject({ line: 6, column: 3 });
    }
  });

  it('an input the text does not give stays unknown, by its name, until --var gives it', () => {
    const text = `variable "subjects" {
  type = list(string)
}
module "gh" {
  source   = "terraform-aws-modules/iam/aws//modules/iam-github-oidc-role"
  version  = "5.60.0"
  subjects = var.subjects
}
`;
    expect(convert(text).placeholders.map((p) => p.name)).toEqual(['var.subjects']);
    expect(decide(text, github(MAIN)).decision).not.toBe('allow');
    expect(decide(text, github(MAIN), { subjects: '["octo-org/octo-repo:*"]' }).decision).toBe('allow');
  });

  it('create = false makes no role; an unknown create is an unknown role', () => {
    expect(refusal(githubRole('5.60.0', '  create = false\n'))).toContain('holds no trust configuration');
    const unknownCreate = `variable "create" {}\n${githubRole('5.60.0', '  create = var.create\n')}`;
    expect(convert(unknownCreate).placeholders.map((p) => p.name)).toContain('var.create');
  });

  it('count and for_each on the call make one role per instance', () => {
    const text = githubRole('5.60.0', '  for_each = toset(["a", "b"])\n  name = each.key\n');
    const outcome = convertIac(text, 'terraform', { vars: DEPLOYED });
    expect(outcome.ok ? [] : outcome.resources.map((r) => r.address)).toEqual(['module.gh["a"].aws_iam_role.this[0]', 'module.gh["b"].aws_iam_role.this[0]']);
  });
});

describe('which release a call installs, and calls not followed', () => {
  it('a constraint that admits a release not read is not followed, named with the releases modelled', () => {
    expect(refusal(githubRole('>= 5.0'))).toContain('module "gh" (terraform-aws-modules/iam/aws//modules/iam-github-oidc-role) is not followed: its version ">= 5.0" admits releases after 5.60.0');
    expect(refusal(githubRole('6.1.2'))).toContain('no release trustlens models (5.6.0 to 5.60.0) meets its version "6.1.2"');
    const unpinned = 'module "gh" {\n  source = "terraform-aws-modules/iam/aws//modules/iam-github-oidc-role"\n}\n';
    expect(refusal(unpinned)).toContain('it has no version');
    const v6 = (version: string) => `module "ci" {\n  source  = "terraform-aws-modules/iam/aws//modules/iam-role"\n  version = "${version}"\n  enable_github_oidc = true\n  oidc_wildcard_subjects = ["octo-org/octo-repo:*"]\n}\n`;
    expect(refusal(v6('~> 6.0'))).toContain('admits releases after 6.5.0');
    expect(refusal(v6('~> 6.5.0'))).toContain('admits releases after 6.5.0');
    expect(convert(v6('6.5.0')).resource).toBe('module.ci.aws_iam_role.this[0]');
  });

  it("go-version's ~> 1 has no upper bound; ~> 1.0 stops before 2.0.0", () => {
    const gitlab = (version: string) => `module "gl" {\n  source  = "terraform-module/gitlab-oidc-provider/aws"\n  version = "${version}"\n  project_paths = ["project_path:mygroup/*"]\n}\n`;
    expect(refusal(gitlab('~> 1'))).toContain('admits releases after 1.1.0');
    expect(refusal(gitlab('~> 1.0'))).toContain('admits releases after 1.1.0');
    expect(refusal(gitlab('~> 1.1.0'))).toContain('admits releases after 1.1.0');
    expect(convert(gitlab('1.1.0')).resource).toBe('module.gl.aws_iam_role.this[0]');
  });

  it('a GitHub source pinned to a release tag is followed; a branch is not', () => {
    const git = (ref: string) => `module "gh" {\n  source   = "git::https://github.com/terraform-aws-modules/terraform-aws-iam.git//modules/iam-github-oidc-role?ref=${ref}"\n  subjects = ["octo-org/octo-repo:*"]\n}\n`;
    expect(convert(git('v5.60.0')).resource).toBe('module.gh.aws_iam_role.this[0]');
    expect(refusal(git('master'))).toContain('its ref master is not a release tag');
  });
});

describe('terraform-aws-modules/iam iam-role (v6)', () => {
  it('enable_github_oidc: GithubOidcAuth with the default audience and repo:-prefixed wildcard subjects', () => {
    const text = `module "ci" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-role"
  version = "6.5.0"
  name    = "ci"
  enable_github_oidc     = true
  oidc_wildcard_subjects = ["octo-org/octo-repo:*"]
}
`;
    expect(json(text)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'GithubOidcAuth',
          Effect: 'Allow',
          Action: ['sts:TagSession', 'sts:AssumeRoleWithWebIdentity'],
          Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
          Condition: {
            'ForAllValues:StringEquals': {
              'token.actions.githubusercontent.com:iss': 'https://token.actions.githubusercontent.com',
              'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            },
            StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:*' },
          },
        },
      ],
    });
    expect(decide(text, github(MAIN)).decision).toBe('allow');
    expect(decide(text, github('repo:octo-org/other:ref:refs/heads/main')).decision).toBe('deny');
  });

  it('enable_oidc: a statement per provider URL without https://; before 6.1.2 two URLs fail in one()', () => {
    const text = (version: string, urls: string) => `module "ci" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-role"
  version = "${version}"
  enable_oidc        = true
  oidc_provider_urls = ${urls}
  oidc_subjects      = ["project_path:mygroup/myproject:ref_type:branch:ref:main"]
  oidc_audiences     = ["https://gitlab.com"]
}
`;
    const policy = json(text('6.5.0', '["https://gitlab.com"]'));
    expect(policy.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: ['sts:TagSession', 'sts:AssumeRoleWithWebIdentity'],
        Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/gitlab.com' },
        Condition: { StringEquals: { 'gitlab.com:sub': 'project_path:mygroup/myproject:ref_type:branch:ref:main', 'gitlab.com:aud': 'https://gitlab.com' } },
      },
    ]);
    expect(json(text('6.5.0', '["https://gitlab.com", "https://gitlab.example.com"]')).Statement).toHaveLength(2);
    expect(refusal(text('6.0.0', '["https://gitlab.com", "https://gitlab.example.com"]'))).toContain('either zero or one elements');
  });
});

describe('terraform-aws-modules/iam iam-assumable-role-with-oidc (v5)', () => {
  it('create_role defaults to false; with it, StringEquals on the subjects and StringLike on the audiences', () => {
    const text = (extra: string) => `module "irsa" {
  source       = "terraform-aws-modules/iam/aws//modules/iam-assumable-role-with-oidc"
  version      = "5.60.0"
  provider_url = "https://gitlab.com"
  oidc_fully_qualified_subjects  = ["project_path:mygroup/myproject:ref_type:branch:ref:main"]
  oidc_fully_qualified_audiences = ["https://gitlab.com"]
${extra}}
`;
    expect(refusal(text(''))).toContain('holds no trust configuration');
    expect(json(text('  create_role = true\n')).Statement).toEqual([
      {
        Effect: 'Allow',
        Action: ['sts:TagSession', 'sts:AssumeRoleWithWebIdentity'],
        Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/gitlab.com' },
        Condition: { StringEquals: { 'gitlab.com:sub': 'project_path:mygroup/myproject:ref_type:branch:ref:main' }, StringLike: { 'gitlab.com:aud': 'https://gitlab.com' } },
      },
    ]);
    expect(json(text('  create_role = true\n'), DEPLOYED).Statement).toHaveLength(1);
  });
});

describe('terraform-module/gitlab-oidc-provider', () => {
  // The variable's validation admits after the project path either the rest of a path or a lone
  // "*", so "project_path:group/project:*" is refused and a named project is never a prefix.
  it('StringLike on the stored provider URL and match_field, over the project paths as given; the validation refuses a bad path', () => {
    const text = (paths: string, version = '1.1.0') => `module "gl" {\n  source  = "terraform-module/gitlab-oidc-provider/aws"\n  version = "${version}"\n  url     = "https://gitlab.example.com"\n  project_paths = ${paths}\n}\n`;
    expect(json(text('["project_path:mygroup/*"]')).Statement).toEqual([
      {
        Effect: 'Allow',
        Action: 'sts:AssumeRoleWithWebIdentity',
        Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/gitlab.example.com' },
        Condition: { StringLike: { 'gitlab.example.com:sub': 'project_path:mygroup/*' } },
      },
    ]);
    expect(refusal(text('["project_path:mygroup/myproject:*"]'))).toContain('Projects must be specified in the "project_path:namespace/project" format.');
    const http = 'module "gl" {\n  source  = "terraform-module/gitlab-oidc-provider/aws"\n  version = "1.1.0"\n  url     = "http://gitlab.example.com"\n}\n';
    expect(refusal(http)).toContain('"url" has to use HTTPS scheme');
  });
});

describe('terraform-google-modules gh-oidc', () => {
  const text = (mapping: string, version = '5.1.0') => `module "gh_oidc" {
  source      = "terraform-google-modules/github-actions-runners/google//modules/gh-oidc"
  version     = "${version}"
  project_id  = "my-project"
  pool_id     = "pool"
  provider_id = "gh"
  attribute_condition = "assertion.repository_owner == 'octo-org'"
  sa_mapping = ${mapping}
}
`;
  const one = '{ deployer = { sa_name = "projects/my-project/serviceAccounts/deployer@my-project.iam.gserviceaccount.com", attribute = "attribute.repository/octo-org/octo-repo" } }';

  it('the pool provider with the default attribute mapping, and the grant as a principalSet binding', () => {
    const config = json(text(one), { project_number: '42' });
    expect(config).toEqual({
      provider: {
        name: 'projects/42/locations/global/workloadIdentityPools/pool/providers/gh',
        attributeMapping: { 'google.subject': 'assertion.sub', 'attribute.actor': 'assertion.actor', 'attribute.aud': 'assertion.aud', 'attribute.repository': 'assertion.repository' },
        attributeCondition: "assertion.repository_owner == 'octo-org'",
        oidc: { issuerUri: 'https://token.actions.githubusercontent.com' },
      },
      iamPolicy: { bindings: [{ role: 'roles/iam.workloadIdentityUser', members: ['principalSet://iam.googleapis.com/projects/42/locations/global/workloadIdentityPools/pool/attribute.repository/octo-org/octo-repo'] }] },
    });
    const aud = 'https://iam.googleapis.com/projects/42/locations/global/workloadIdentityPools/pool/providers/gh';
    const token = (repo: string) => JSON.stringify({ iss: 'https://token.actions.githubusercontent.com', aud, sub: `repo:${repo}:ref:refs/heads/main`, repository: repo, repository_owner: repo.split('/')[0], actor: 'octocat', iat: 1700000000, exp: 1700000300 });
    expect(decide(text(one), token('octo-org/octo-repo'), { project_number: '42' }).decision).toBe('allow');
    expect(decide(text(one), token('octo-org/other'), { project_number: '42' }).decision).toBe('deny');
  });

  it('grants on several service accounts are each their own candidate; the project number stays unknown until given', () => {
    const two = '{ a = { sa_name = "projects/p/serviceAccounts/a@p.iam.gserviceaccount.com", attribute = "*" }, b = { sa_name = "projects/p/serviceAccounts/b@p.iam.gserviceaccount.com", attribute = "attribute.repository/octo-org/octo-repo" } }';
    const outcome = convertIac(text(two), 'terraform', {});
    expect(outcome.ok ? [] : outcome.resources.map((r) => r.address)).toEqual(['module.gh_oidc.google_service_account_iam_member.wif-sa["a"]', 'module.gh_oidc.google_service_account_iam_member.wif-sa["b"]']);
    expect(convert(text(one), {}).placeholders.map((p) => p.name)).toContain('project_number');
  });
});
