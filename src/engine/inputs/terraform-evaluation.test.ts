import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate';
import { parseClaims } from '../token';
import { convertIac, loadIacReaders, type Conversion } from './index';

beforeAll(async () => {
  await loadIacReaders('resource "aws_iam_role" "x" {}');
}, 60_000);

function convert(text: string, vars: Record<string, string> = {}, resource?: string): Conversion {
  const outcome = convertIac(text, 'terraform', { vars, resource });
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.conversion;
}

const names = (text: string, vars: Record<string, string> = {}) => convert(text, vars).placeholders.map((p) => p.name);
const json = (text: string, vars: Record<string, string> = {}, resource?: string) => JSON.parse(convert(text, vars, resource).text);

// docs.github.com/en/actions/how-tos/secure-your-work/security-harden-deployments/oidc-in-aws
const claims = (sub: string) =>
  parseClaims(JSON.stringify({ iss: 'https://token.actions.githubusercontent.com', aud: 'sts.amazonaws.com', sub, iat: 1700000000, exp: 1700000300 }));
const MAIN = 'repo:octo-org/octo-repo:ref:refs/heads/main';
const FEATURE = 'repo:octo-org/octo-repo:ref:refs/heads/feature';
const decide = (text: string, sub: string, vars: Record<string, string> = {}) => {
  const options = Object.fromEntries(Object.entries(vars).map(([k, v]) => [`iac.var.${k}`, v]));
  return evaluate({ policyText: text, token: claims(sub), at: 1700000100, options });
};

const document = (conditions: string, extra = '') => `${extra}
data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }
${conditions}
  }
}
resource "aws_iam_role" "ci" {
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
`;

describe('dynamic blocks (developer.hashicorp.com/terraform/language/expressions/dynamic-blocks)', () => {
  const dynamicCondition = `    dynamic "condition" {
      for_each = var.subjects
      content {
        test     = "StringLike"
        variable = "token.actions.githubusercontent.com:sub"
        values   = condition.value
      }
    }`;

  it('a dynamic condition over a variable default narrows the trust: the feature branch is denied', () => {
    const text = document(dynamicCondition, 'variable "subjects" {\n  default = [["repo:octo-org/octo-repo:ref:refs/heads/main"]]\n}');
    expect(decide(text, MAIN).decision).toBe('allow');
    expect(decide(text, FEATURE).decision).toBe('deny');
  });

  it('a dynamic condition whose for_each the text does not give is never dropped: the verdict depends on it', () => {
    const text = document(dynamicCondition, 'variable "subjects" {\n  type = list(list(string))\n}');
    expect(names(text)).toEqual(['var.subjects']);
    const result = decide(text, FEATURE);
    expect(result.decision).toBe('error');
    expect(result.message).toContain('var.subjects');
    // Filled in exactly by the name shown, as Terraform reads -var for a list type.
    expect(decide(text, FEATURE, { subjects: '[["repo:octo-org/octo-repo:ref:refs/heads/main"]]' }).decision).toBe('deny');
    expect(decide(text, MAIN, { subjects: '[["repo:octo-org/octo-repo:ref:refs/heads/main"]]' }).decision).toBe('allow');
  });

  it('a custom iterator, a map for_each and a dynamic statement', () => {
    const text = `locals {
  trusted = { main = "${MAIN}" }
}
data "aws_iam_policy_document" "trust" {
  dynamic "statement" {
    for_each = local.trusted
    iterator = branch
    content {
      sid     = branch.key
      actions = ["sts:AssumeRoleWithWebIdentity"]
      principals {
        type        = "Federated"
        identifiers = ["arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"]
      }
      condition {
        test     = "StringEquals"
        variable = "token.actions.githubusercontent.com:sub"
        values   = [branch.value]
      }
    }
  }
}
`;
    const policy = json(text);
    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0].Sid).toBe('main');
    expect(policy.Statement[0].Condition.StringEquals['token.actions.githubusercontent.com:sub']).toBe(MAIN);
    expect(decide(text, FEATURE).decision).toBe('deny');
  });
});

describe('unknowns are named by what fills them in, never read as ${…} text', () => {
  it('an operator from a variable: depends on var.test, then decides', () => {
    const text = document(`    condition {
      test     = var.test
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["${MAIN}"]
    }`, 'variable "test" {}');
    expect(names(text)).toEqual(['var.test']);
    expect(decide(text, FEATURE).message).not.toContain('Invalid condition operator');
    expect(decide(text, FEATURE, { test: 'StringEquals' }).decision).toBe('deny');
  });

  it('a condition key built with format() from a variable', () => {
    const text = document(`    condition {
      test     = "StringEquals"
      variable = format("%s:sub", var.url)
      values   = ["${MAIN}"]
    }`, 'variable "url" {}');
    expect(names(text)).toEqual(['var.url']);
    expect(decide(text, MAIN, { url: 'token.actions.githubusercontent.com' }).decision).toBe('allow');
    expect(decide(text, FEATURE, { url: 'token.actions.githubusercontent.com' }).decision).toBe('deny');
  });

  it('jsonencode keys from a template and an index into a map by a variable', () => {
    const text = `variable "kind" {}
locals {
  subjects = { main = "${MAIN}" }
}
resource "aws_iam_role" "r" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
      Condition = { StringEquals = { "\${var.host}:sub" = local.subjects[var.kind] } }
    }]
  })
}
variable "host" {}
`;
    expect(names(text).sort()).toEqual(['var.host', 'var.kind']);
    expect(decide(text, MAIN, { host: 'token.actions.githubusercontent.com', kind: 'main' }).decision).toBe('allow');
  });

  it('nested locals and object variables; "${7*7}" is 49', () => {
    const text = `variable "repo" {
  default = { owner = "octo-org", name = "octo-repo" }
}
locals {
  gh = { host = "token.actions.githubusercontent.com", n = "\${7*7}" }
}
resource "aws_iam_role" "r" {
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/\${local.gh.host}" }
      Condition = { StringLike = { "\${local.gh.host}:sub" = "repo:\${var.repo.owner}/\${var.repo.name}:ref:refs/heads/main" }, NumericEquals = { "x" = local.gh.n } }
    }]
  })
}
`;
    const policy = json(text);
    expect(policy.Statement[0].Condition.StringLike['token.actions.githubusercontent.com:sub']).toBe(MAIN);
    expect(policy.Statement[0].Condition.NumericEquals.x).toBe(49);
    const missing = text.replace('default = { owner = "octo-org", name = "octo-repo" }', '');
    expect(names(missing)).toEqual(['var.repo']);
  });

  it('$${aws:username} is the AWS policy variable, kept as written (expressions/strings#escape-sequences)', () => {
    const text = `resource "aws_iam_role" "r" {
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "*" }, Condition = { StringEquals = { "aws:PrincipalTag/u" = "$\${aws:username}" } } }] })
}
`;
    const conversion = convert(text);
    expect(conversion.placeholders).toEqual([]);
    expect(JSON.parse(conversion.text).Statement[0].Condition.StringEquals['aws:PrincipalTag/u']).toBe('${aws:username}');
  });
});

describe('references as Terraform resolves them', () => {
  it('count-indexed documents (data.…this[0].json) are linked to their role', () => {
    const text = `variable "create" {
  default = true
}
data "aws_iam_policy_document" "this" {
  count = var.create ? 1 : 0
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["${MAIN}"]
    }
  }
}
resource "aws_iam_role" "this" {
  count              = var.create ? 1 : 0
  assume_role_policy = data.aws_iam_policy_document.this[0].json
}
`;
    const conversion = convert(text);
    expect(conversion.resource).toBe('aws_iam_role.this[0]');
    expect(decide(text, MAIN).decision).toBe('allow');
    expect(decide(text, FEATURE).decision).toBe('deny');
  });

  // hashicorp/terraform-provider-aws internal/service/iam/validate.go (validOpenIDURL), the
  // url argument's ValidateFunc in internal/service/iam/openid_connect_provider.go.
  it('an OIDC provider url without https:// or with a query is the provider\'s validation error, at the url', () => {
    for (const [url, words] of [
      ['http://gitlab.example.com', '"url" has to use HTTPS scheme (i.e. begin with https://)'],
      ['gitlab.example.com', '"url" has to use HTTPS scheme (i.e. begin with https://)'],
      ['https://gitlab.example.com?tenant=a', '"url" cannot contain query parameters per the OIDC standard'],
    ]) {
      const text = `resource "aws_iam_openid_connect_provider" "p" {\n  url            = "${url}"\n  client_id_list = ["sts.amazonaws.com"]\n}\nresource "aws_iam_role" "r" {\n  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRoleWithWebIdentity", Principal = { Federated = aws_iam_openid_connect_provider.p.arn } }] })\n}\n`;
      const outcome = convertIac(text, 'terraform', {});
      expect(outcome.ok).toBe(false);
      if (outcome.ok) continue;
      expect(outcome.message).toContain(words);
      expect(outcome.source).toMatchObject({ line: 2 });
    }
    expect(convertIac('resource "aws_iam_openid_connect_provider" "p" {\n  url = "HTTPS://gitlab.example.com"\n}\nresource "aws_iam_role" "r" {\n  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { Federated = aws_iam_openid_connect_provider.p.arn } }] })\n}\n', 'terraform', {}).ok).toBe(true);
  });

  it('an OIDC provider\'s url is stored without https:// and its arn is built from it (terraform-provider-aws openid_connect_provider.go)', () => {
    const text = `resource "aws_iam_openid_connect_provider" "github" {
  url             = "https://token.actions.githubusercontent.com"
  client_id_list  = ["sts.amazonaws.com"]
}
resource "aws_iam_role" "r" {
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = aws_iam_openid_connect_provider.github.arn }
      Condition = { StringEquals = { "\${aws_iam_openid_connect_provider.github.url}:sub" = "${MAIN}" } }
    }]
  })
}
`;
    const policy = json(text, { 'data.aws_caller_identity.current.account_id': '111122223333', 'data.aws_partition.current.partition': 'aws' });
    expect(policy.Statement[0].Principal.Federated).toBe('arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com');
    expect(Object.keys(policy.Statement[0].Condition.StringEquals)).toEqual(['token.actions.githubusercontent.com:sub']);
    // The account and partition cannot change the verdict when the issuer matches.
    expect(decide(text, MAIN).decision).toBe('allow');
    expect(decide(text, FEATURE).decision).toBe('deny');
  });

  it('another resource\'s attribute the text does not give is an unknown by its address', () => {
    const text = document(`    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:sub"
      values   = [module.ci.subject]
    }`);
    expect(names(text)).toEqual(['module.ci.subject']);
    expect(decide(text, MAIN, { 'module.ci.subject': MAIN }).decision).toBe('allow');
  });

  it('an expression error is one located line', () => {
    const outcome = convertIac(document('', 'locals {\n  x = {}.missing\n}\nresource "aws_iam_role" "z" {\n  assume_role_policy = local.x\n}'), 'terraform', { resource: 'aws_iam_role.z' });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.message).toMatch(/no attribute or key "missing" \(line 2:7\)$/);
      expect(outcome.message).not.toContain("\n");
    }
  });
});

describe('property: nothing the provider reads is ${…} text unless written as $${…}', () => {
  const piece = fc.constantFrom(
    'var.a',
    'var.o.x',
    'local.l',
    'local.m.k',
    'format("%s:sub", var.a)',
    'replace(var.a, "https://", "")',
    'lookup(local.m, var.a, "d")',
    'local.m[var.a]',
    '[for s in var.list : "repo:${s}"]',
    'var.a == "x" ? "y" : "z"',
    'merge(local.m, { k2 = var.a })',
    'join(",", var.list)',
    '"${7*7}"',
    '"$${aws:username}"',
    'module.m.out',
    'aws_iam_openid_connect_provider.p.url',
    'aws_iam_openid_connect_provider.p.arn',
    'data.aws_caller_identity.current.account_id',
    'templatefile("x.tpl", {})',
    'try(var.o.x, "fallback")',
    'upper(local.l)',
  );
  const varDefault = fc.option(fc.constantFrom('"x"', '{ x = "y" }', '["a", "b"]'), { nil: undefined });

  it('holds for generated trust policies', () => {
    fc.assert(
      fc.property(piece, piece, piece, varDefault, fc.boolean(), (key, value, principal, withDefault, dynamic) => {
        const text = `variable "a" {${withDefault ? `\n  default = ${withDefault}\n` : ''}}
variable "o" {}
variable "list" {
  default = ["a"]
}
locals {
  l = "l"
  m = { k = "v" }
}
resource "aws_iam_openid_connect_provider" "p" {
  url = "https://token.actions.githubusercontent.com"
}
data "aws_iam_policy_document" "d" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [tostring(${principal})]
    }
    ${dynamic ? `dynamic "condition" {
      for_each = var.o
      content {
        test = "StringEquals"
        variable = condition.key
        values = [condition.value]
      }
    }` : ''}
    condition {
      test     = "StringEquals"
      variable = tostring(${key})
      values   = [tostring(${value})]
    }
  }
}
`;
        const outcome = convertIac(text, 'terraform', {});
        if (!outcome.ok) {
          expect(outcome.message).not.toContain("\n");
          return;
        }
        const { placeholders, text: converted } = outcome.conversion;
        if (placeholders.length > 0) return;
        const literal = [key, value, principal].filter((p) => p.includes('$${')).length;
        expect(converted.split('${').length - 1).toBeLessThanOrEqual(literal);
        expect(converted).not.toMatch(/\$\{(?!aws:username\})/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('whole configurations', () => {
  const gitlab = (sub: string) =>
    parseClaims(JSON.stringify({ iss: 'https://gitlab.com', aud: 'api://AzureADTokenExchange', sub, iat: 1700000000, exp: 1700000300 }));

  it('all federated credentials of one Azure application are decided together, as Entra does', () => {
    // learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation: a token is exchanged
    // when it matches any federated identity credential of the application.
    const credential = (name: string, ref: string) => `resource "azuread_application_federated_identity_credential" "${name}" {
  application_id = azuread_application.app.id
  display_name   = "${name}"
  audiences      = ["api://AzureADTokenExchange"]
  issuer         = "https://gitlab.com"
  subject        = "project_path:g/p:ref_type:branch:ref:${ref}"
}
`;
    const text = credential('main', 'main') + credential('release', 'release');
    const outcome = convertIac(text, 'terraform', {});
    expect(outcome.ok).toBe(true);
    const release = evaluate({ policyText: text, token: gitlab('project_path:g/p:ref_type:branch:ref:release'), at: 1700000100 });
    expect(release.decision).toBe('allow');
    expect(evaluate({ policyText: text, token: gitlab('project_path:g/p:ref_type:branch:ref:dev'), at: 1700000100 }).decision).toBe('deny');
  });

  const pool = `resource "google_iam_workload_identity_pool_provider" "gh" {
  workload_identity_pool_id          = "pool"
  workload_identity_pool_provider_id = "gh"
  attribute_mapping                  = { "google.subject" = "assertion.sub", "attribute.repository" = "assertion.repository" }
  oidc {
    issuer_uri = "https://token.actions.githubusercontent.com"
  }
}
`;
  const member = (name: string, account: string, repo: string) => `resource "google_service_account_iam_member" "${name}" {
  service_account_id = "projects/p/serviceAccounts/${account}@p.iam.gserviceaccount.com"
  role               = "roles/iam.workloadIdentityUser"
  member             = "principalSet://iam.googleapis.com/projects/42/locations/global/workloadIdentityPools/pool/attribute.repository/${repo}"
}
`;

  it('Google Cloud grants on different service accounts are separate policies, chosen by grant', () => {
    const text = pool + member('deploy', 'deploy', 'octo-org/app') + member('audit', 'audit', 'octo-org/audit');
    const outcome = convertIac(text, 'terraform', { vars: { project_number: '42' } });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toContain('google_service_account_iam_member.deploy, google_service_account_iam_member.audit; choose one with --resource');
    const provider = convertIac(text, 'terraform', { vars: { project_number: '42' }, resource: 'google_iam_workload_identity_pool_provider.gh' });
    expect(!provider.ok && provider.message).toContain('several service accounts');
    const deploy = JSON.parse(convert(text, { project_number: '42' }, 'google_service_account_iam_member.deploy').text);
    expect(deploy.iamPolicy.bindings).toHaveLength(1);
    expect(deploy.iamPolicy.bindings[0].members[0]).toContain('octo-org/app');
  });

  it('google_service_account_iam_policy is read from data "google_iam_policy"', () => {
    const text = `${pool}data "google_iam_policy" "wif" {
  binding {
    role    = "roles/iam.workloadIdentityUser"
    members = ["principalSet://iam.googleapis.com/projects/42/locations/global/workloadIdentityPools/pool/attribute.repository/octo-org/app"]
  }
}
resource "google_service_account_iam_policy" "deploy" {
  service_account_id = "projects/p/serviceAccounts/deploy@p.iam.gserviceaccount.com"
  policy_data        = data.google_iam_policy.wif.policy_data
}
`;
    const config = JSON.parse(convert(text, { project_number: '42' }).text);
    expect(config.iamPolicy.bindings).toEqual([{ role: 'roles/iam.workloadIdentityUser', members: ['principalSet://iam.googleapis.com/projects/42/locations/global/workloadIdentityPools/pool/attribute.repository/octo-org/app'] }]);
  });
});

describe('module calls', () => {
  it('a call of a module trustlens does not model is named as not followed, pointing at the plan instead', () => {
    const text = `module "ci_role" {
  source   = "./modules/ci-role"
  subjects = ["octo-org/octo-repo:ref:refs/heads/main"]
}
`;
    const outcome = convertIac(text, 'terraform', {});
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.message).toContain('module "ci_role" (./modules/ci-role) is not followed: trustlens does not model this module');
      expect(outcome.message).toContain('terraform show -json plan.out');
      expect(outcome.source?.line).toBe(1);
    }
    expect(evaluate({ policyText: text, token: claims(MAIN), at: 1700000100 }).message).toContain('is not followed');
  });
});

describe('variable defaults and for_each values as Terraform reads them', () => {
  it('a null default is the value null, not an unknown (language/values/variables#default-values)', () => {
    const text = document(`    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:sub"
      values   = [coalesce(var.subject, "${MAIN}")]
    }`, 'variable "subject" {\n  type    = string\n  default = null\n}');
    expect(names(text)).toEqual([]);
    expect(decide(text, MAIN).decision).toBe('allow');
  });

  it('a dynamic block over null is refused as Terraform refuses it, at the for_each', () => {
    const text = document(`    dynamic "condition" {
      for_each = null
      content {
        test     = "StringEquals"
        variable = "token.actions.githubusercontent.com:sub"
        values   = ["x"]
      }
    }`);
    const outcome = convertIac(text, 'terraform', {});
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toMatch(/for_each must be a list, set or map, not null \(line \d+:\d+\)/);
  });
});

describe('a real dynamic condition (champ-oss/terraform-aws-oidc-github data.tf @ 0e2e68021344b0163dd91c9659de31ba5f2ff4b8)', () => {
  // Its content reads each.value, which Terraform refuses inside a dynamic block (the iterator
  // there is condition.value: language/expressions/dynamic-blocks). Never dropped, never guessed.
  const text = `variable "trusted_repos" {
  type = list(object({ values = string }))
}
data "aws_iam_policy_document" "this" {
  statement {
    principals {
      identifiers = ["arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"]
      type        = "Federated"
    }
    actions = ["sts:AssumeRoleWithWebIdentity"]
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }
    dynamic "condition" {
      for_each = var.trusted_repos
      content {
        test     = "StringLike"
        variable = "token.actions.githubusercontent.com:sub"
        values = [
          each.value.values
        ]
      }
    }
  }
}
`;

  it('without the variable, the verdict depends on it', () => {
    expect(names(text)).toEqual(['var.trusted_repos']);
    expect(decide(text, FEATURE).decision).toBe('error');
  });

  it('with it, the each.value Terraform refuses is refused at its place', () => {
    const outcome = convertIac(text, 'terraform', { vars: { trusted_repos: '[{ values = "repo:octo-org/octo-repo:*" }]' } });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toMatch(/each\.value cannot be used here: the block has no for_each \(line 22:11\)/);
    const fixed = text.replace('each.value.values', 'condition.value.values');
    expect(decide(fixed, MAIN, { trusted_repos: '[{ values = "repo:octo-org/octo-repo:ref:refs/heads/main" }]' }).decision).toBe('allow');
    expect(decide(fixed, FEATURE, { trusted_repos: '[{ values = "repo:octo-org/octo-repo:ref:refs/heads/main" }]' }).decision).toBe('deny');
  });
});
