import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate';
import { parseClaims } from '../token';
import { convertIac, detectIacFormat, loadIacReaders, type Conversion } from './index';

beforeAll(async () => {
  await loadIacReaders('resource "aws_iam_role" "x" {}');
}, 60_000);

function convert(text: string, request: Parameters<typeof convertIac>[2] = {}): Conversion {
  const outcome = convertIac(text, 'terraform', request);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.conversion;
}

const json = (conversion: Conversion): unknown => JSON.parse(conversion.text);

const GITHUB_CLAIMS = JSON.stringify({
  iss: 'https://token.actions.githubusercontent.com',
  aud: 'sts.amazonaws.com',
  sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
  iat: 1700000000,
  exp: 1700000300,
});

// Trust policy of GitHub's AWS guide (docs.github.com … oidc-in-aws), written the way the
// aws_iam_role registry page writes policies (jsonencode).
const ROLE = `variable "account_id" {
  default = "111122223333"
}

locals {
  issuer = "token.actions.githubusercontent.com"
}

resource "aws_iam_role" "deploy" {
  name = "deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::\${var.account_id}:oidc-provider/\${local.issuer}" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "token.actions.githubusercontent.com:sub" = "repo:octo-org/octo-repo:ref:refs/heads/prod"
        }
      }
    }]
  })
}
`;

const ROLE_JSON = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:ref:refs/heads/prod' } },
    },
  ],
};

describe('detection by content', () => {
  it('reads Terraform, CloudFormation and JSON apart', () => {
    expect(detectIacFormat(ROLE)).toBe('terraform');
    expect(detectIacFormat('AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n')).toBe('cloudformation');
    expect(detectIacFormat(JSON.stringify(ROLE_JSON))).toBeNull();
    expect(detectIacFormat('vault write auth/jwt/role/x user_claim=sub')).toBeNull();
  });
});

describe('aws_iam_role', () => {
  it('jsonencode with a variable default and a local gives the JSON policy', () => {
    expect(json(convert(ROLE))).toEqual(ROLE_JSON);
  });

  it('a failing condition is marked on its Terraform line, and the verdict is the JSON one', () => {
    const token = parseClaims(GITHUB_CLAIMS);
    const fromTerraform = evaluate({ policyText: ROLE, token, at: 1700000100 });
    const fromJson = evaluate({ policyText: JSON.stringify(ROLE_JSON, null, 2), token, at: 1700000100 });
    expect(fromTerraform.decision).toBe('deny');
    expect([fromTerraform.decision, fromTerraform.message]).toEqual([fromJson.decision, fromJson.message]);
    const failing = fromTerraform.checks.find((c) => c.result === 'fail' && c.id.includes('condition'));
    const line = ROLE.split('\n').findIndex((l) => l.includes('"token.actions.githubusercontent.com:sub" =')) + 1;
    expect(failing?.source?.line).toBe(line);
  });

  it('--var overrides a default; a variable without one is a named placeholder', () => {
    const overridden = convert(ROLE, { vars: { account_id: '444455556666' } });
    expect(overridden.text).toContain('arn:aws:iam::444455556666:oidc-provider/');
    const noDefault = ROLE.replace('default = "111122223333"', '');
    const conversion = convert(noDefault);
    expect(conversion.placeholders.map((p) => p.name)).toEqual(['var.account_id']);
    const result = evaluate({ policyText: noDefault, token: parseClaims(GITHUB_CLAIMS), at: 1700000100 });
    expect(result.decision).toBe('error');
    expect(result.message).toContain('var.account_id');
  });

  it('a heredoc policy maps each JSON part to its own line', () => {
    const text = `resource "aws_iam_role" "r" {
  assume_role_policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": {"StringEquals": {"token.actions.githubusercontent.com:sub": "repo:octo-org/octo-repo:ref:refs/heads/prod"}}}]
    }
  EOT
}
`;
    const result = evaluate({ policyText: text, token: parseClaims(GITHUB_CLAIMS), at: 1700000100 });
    expect(result.decision).toBe('deny');
    const failing = result.checks.find((c) => c.result === 'fail' && c.id.includes('condition'));
    expect(failing?.source?.line).toBe(7);
    expect(failing?.source?.column).toBeGreaterThan(20);
  });

  it('several roles need --resource; the error lists them', () => {
    const two = `${ROLE}\nresource "aws_iam_role" "other" {\n  assume_role_policy = "{}"\n}\n`;
    const outcome = convertIac(two, 'terraform', {});
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toContain('aws_iam_role.deploy, aws_iam_role.other');
    expect(convert(two, { resource: 'aws_iam_role.deploy' }).resource).toBe('aws_iam_role.deploy');
  });
});

describe('syntax errors', () => {
  it('name the attribute whose expression is missing, on its own line', () => {
    const broken = `${ROLE}\nresource "aws_iam_role" "broken" {\n  name = \n  assume_role_policy = "{}"\n}\n`;
    const outcome = convertIac(broken, 'terraform', {});
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.message).toContain('not valid HCL: name: an expression is missing');
      expect(outcome.source?.line).toBe(ROLE.split('\n').length + 2);
    }
  });
});

describe('data "aws_iam_policy_document" (policy_document.go rules)', () => {
  const documentText = `data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:TagSession", "sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::111122223333:oidc-provider/gitlab.com"]
    }
    condition {
      test     = "StringLike"
      variable = "gitlab.com:sub"
      values   = ["project_path:g/a:*", "project_path:g/b:*"]
    }
    condition {
      test     = "StringEquals"
      variable = "gitlab.com:aud"
      values   = ["https://gitlab.com"]
    }
  }
}
`;
  it('defaults Version and Effect, leaves out an unset Sid; a set is reverse-sorted, a one-element list is a string', () => {
    expect(json(convert(documentText))).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['sts:TagSession', 'sts:AssumeRoleWithWebIdentity'],
          Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/gitlab.com' },
          Condition: {
            StringLike: { 'gitlab.com:sub': ['project_path:g/a:*', 'project_path:g/b:*'] },
            StringEquals: { 'gitlab.com:aud': 'https://gitlab.com' },
          },
        },
      ],
    });
  });

  it('type "*" with identifier "*" is Principal "*"; &{…} becomes a policy variable', () => {
    const text = `data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::bucket/&{aws:username}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}
`;
    const statement = (json(convert(text)) as { Statement: Array<Record<string, unknown>> }).Statement[0];
    expect(statement.Principal).toBe('*');
    expect(statement.Resource).toBe('arn:aws:s3:::bucket/${aws:username}/*');
  });

  it('a merged document whose source is not in the text depends on it, by name', () => {
    const text = `data "aws_iam_policy_document" "d" {\n  source_policy_documents = [data.aws_iam_policy_document.base.json]\n  statement {\n    actions = ["sts:AssumeRoleWithWebIdentity"]\n  }\n}\n`;
    expect(convert(text).placeholders.map((p) => p.name)).toEqual(['data.aws_iam_policy_document.base.json']);
  });

  it('source and override documents merge by Sid (registry: data-sources/iam_policy_document)', () => {
    const text = `data "aws_iam_policy_document" "base" {
  statement {
    sid     = "Trust"
    actions = ["sts:AssumeRole"]
  }
  statement {
    sid     = "Keep"
    actions = ["sts:TagSession"]
  }
}
data "aws_iam_policy_document" "over" {
  statement {
    sid     = "Trust"
    actions = ["sts:AssumeRoleWithWebIdentity"]
  }
}
data "aws_iam_policy_document" "d" {
  source_policy_documents   = [data.aws_iam_policy_document.base.json]
  override_policy_documents = [data.aws_iam_policy_document.over.json]
  statement {
    actions = ["sts:SetSourceIdentity"]
  }
}
`;
    const merged = json(convert(text, { resource: 'data.aws_iam_policy_document.d' })) as { Statement: Array<{ Sid?: string; Action: string }> };
    expect(merged.Statement.map((st) => [st.Sid, st.Action])).toEqual([
      ['Trust', 'sts:AssumeRoleWithWebIdentity'],
      ['Keep', 'sts:TagSession'],
      // No sid: no Sid at all (v5.0.0's omitempty).
      [undefined, 'sts:SetSourceIdentity'],
    ]);
  });

  // hashicorp/terraform-provider-aws internal/service/iam/policy_document_data_source.go
  // (dataSourcePolicyDocumentRead): a Sid repeated among the source documents, or among the
  // document's own statements, is an error with these words; an override may repeat one.
  it('a Sid repeated among source documents or own statements is the provider\'s error', () => {
    const base = (name: string, sid: string) => `data "aws_iam_policy_document" "${name}" {\n  statement {\n    sid     = "${sid}"\n    actions = ["sts:AssumeRole"]\n  }\n}\n`;
    const sources = `${base('a', 'Same')}${base('b', 'Same')}data "aws_iam_policy_document" "d" {
  source_policy_documents = [data.aws_iam_policy_document.a.json, data.aws_iam_policy_document.b.json]
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
  }
}
`;
    const refused = convertIac(sources, 'terraform', { resource: 'data.aws_iam_policy_document.d' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.message).toContain('merging source document 1: duplicate Sid (Same) in source_policy_documents (statement 0). Remove the Sid or ensure Sids are unique.');
    const own = `data "aws_iam_policy_document" "d" {
  statement {
    sid     = "Twice"
    actions = ["sts:AssumeRole"]
  }
  statement {
    sid     = "Twice"
    actions = ["sts:TagSession"]
  }
}
`;
    const ownRefused = convertIac(own, 'terraform', {});
    expect(ownRefused.ok).toBe(false);
    if (!ownRefused.ok) expect(ownRefused.message).toContain('duplicate Sid (Twice). Remove the Sid or ensure the Sid is unique.');
    const overridden = `${base('a', 'Same')}${base('o', 'Same')}data "aws_iam_policy_document" "d" {
  source_policy_documents   = [data.aws_iam_policy_document.a.json]
  override_policy_documents = [data.aws_iam_policy_document.o.json]
}
`;
    expect(convertIac(overridden, 'terraform', { resource: 'data.aws_iam_policy_document.d' }).ok).toBe(true);
  });

  it('a role using the document is the one evaluated', () => {
    const text = `${documentText}\nresource "aws_iam_role" "r" {\n  assume_role_policy = data.aws_iam_policy_document.trust.json\n}\n`;
    const conversion = convert(text);
    expect(conversion.resource).toBe('aws_iam_role.r');
    expect(json(conversion)).toEqual(json(convert(documentText)));
  });
});

describe('vault, google and azure resources', () => {
  it('vault role: bound_claims split at commas, the backend gives the config', () => {
    const text = `resource "vault_jwt_auth_backend" "jwt" {
  bound_issuer = "https://gitlab.com"
  oidc_discovery_url = "https://gitlab.com"
}
resource "vault_jwt_auth_backend_role" "r" {
  role_name  = "deploy"
  user_claim = "sub"
  role_type  = "jwt"
  bound_claims = { ref = "main, release-*" }
}
`;
    expect(json(convert(text))).toEqual({
      name: 'deploy',
      config: { bound_issuer: 'https://gitlab.com', oidc_discovery_url: 'https://gitlab.com' },
      role: { user_claim: 'sub', role_type: 'jwt', bound_claims: { ref: ['main', 'release-*'] } },
    });
    const unsplit = text.replace('role_type  = "jwt"', 'role_type  = "jwt"\n  disable_bound_claims_parsing = true');
    expect((json(convert(unsplit)) as { role: { bound_claims: unknown } }).role.bound_claims).toEqual({ ref: 'main, release-*' });
  });

  it('google provider: camelCase fields, the name needs the project number', () => {
    const text = `resource "google_iam_workload_identity_pool_provider" "p" {
  workload_identity_pool_id          = "pool"
  workload_identity_pool_provider_id = "prov"
  attribute_mapping = { "google.subject" = "assertion.sub" }
  oidc {
    issuer_uri        = "https://gitlab.com"
    allowed_audiences = ["https://gitlab.com"]
  }
}
`;
    const conversion = convert(text);
    expect(conversion.placeholders.map((p) => p.name)).toEqual(['project_number']);
    expect(json(convert(text, { vars: { project_number: '42' } }))).toEqual({
      name: 'projects/42/locations/global/workloadIdentityPools/pool/providers/prov',
      attributeMapping: { 'google.subject': 'assertion.sub' },
      oidc: { issuerUri: 'https://gitlab.com', allowedAudiences: ['https://gitlab.com'] },
    });
  });

  it('azurerm credential: audience becomes audiences', () => {
    const text = `resource "azurerm_federated_identity_credential" "c" {
  name     = "main"
  audience = ["api://AzureADTokenExchange"]
  issuer   = "https://gitlab.com"
  subject  = "project_path:g/p:ref_type:branch:ref:main"
  parent_id = azurerm_user_assigned_identity.id.id
}
`;
    expect(json(convert(text))).toEqual([
      {
        name: 'main',
        audiences: ['api://AzureADTokenExchange'],
        issuer: 'https://gitlab.com',
        subject: 'project_path:g/p:ref_type:branch:ref:main',
      },
    ]);
  });
});

/** HCL object syntax for a JSON value, so the library (not this test) decides what it means. */
function toHcl(value: unknown, indent = ''): string {
  if (Array.isArray(value)) return `[${value.map((v) => toHcl(v, indent)).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const inner = Object.entries(value).map(([k, v]) => `${indent}  ${JSON.stringify(k)} = ${toHcl(v, `${indent}  `)}`);
    return inner.length === 0 ? '{}' : `{\n${inner.join('\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

describe('properties', () => {
  const key = fc.stringMatching(/^[A-Za-z][A-Za-z0-9:._-]{0,10}$/);
  const text = fc.stringMatching(/^[A-Za-z0-9 :/*._-]{0,16}$/);
  const jsonValue = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, text, fc.boolean(), fc.integer({ min: 0, max: 1000 }), tie('array'), tie('object')),
    array: fc.array(tie('value'), { maxLength: 3 }),
    object: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  }));

  it('jsonencode of any literal object converts to that object (oracle: the object itself)', () => {
    fc.assert(
      fc.property(fc.dictionary(key, jsonValue.value, { minKeys: 1, maxKeys: 4 }), (policy) => {
        const source = `resource "aws_iam_role" "r" {\n  assume_role_policy = jsonencode(${toHcl(policy, '  ')})\n}\n`;
        expect(json(convert(source))).toEqual(policy);
      }),
      { numRuns: 60 },
    );
  });

  it('token soup in an expression never throws and is refused in one line', () => {
    const token = fc.constantFrom('var.a', 'local.m', '(', ')', '[', ']', '{', '}', '"x"', '"${', '}"', ',', '.', '*', '?', ':', 'for', 'in', 'if', '=>', '...', 'jsonencode(', 'format(', 'try(', '1', '=', '\n', '<<EOF\n', 'EOF\n', '%{', 'each.value', 'count.index', '!', '-', '&&', '==', '[*]', ' ');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 30 }), (tokens) => {
        const input = `variable "a" {\n  default = ["x"]\n}\nlocals {\n  m = { k = "v" }\n}\nresource "aws_iam_role" "r" {\n  assume_role_policy = ${tokens.join(' ')}\n}\n`;
        const outcome = convertIac(input, 'terraform', {});
        if (!outcome.ok) {
          expect(outcome.message).not.toContain('\n');
          expect(outcome.message.length).toBeLessThanOrEqual(300);
          expect(outcome.message).not.toMatch(/call stack|is not a function|Cannot read prop|undefined/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('random text never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.constantFrom('', 'resource "aws_iam_role" "r" {\n', 'data "aws_iam_policy_document" "d" {\n statement {\n', 'resource "aws_iam_role" "r" {\n  assume_role_policy = ', 'locals {\n  x = '), (noise, prefix) => {
        const input = prefix + noise;
        expect(() => convertIac(input, 'terraform', {})).not.toThrow();
        const outcome = convertIac(input, 'terraform', {});
        // Every refusal is one line of at most 300 characters, never the JavaScript engine's text.
        if (!outcome.ok) {
          expect(outcome.message).not.toContain('\n');
          expect(outcome.message.length).toBeLessThanOrEqual(300);
          expect(outcome.message).not.toMatch(/call stack|is not a function|Cannot read prop|undefined/);
        }
        expect(() => convertIac(input, 'cloudformation', {})).not.toThrow();
        expect(() => evaluate({ policyText: input, token: parseClaims(GITHUB_CLAIMS), at: 1700000100 })).not.toThrow();
      }),
      { numRuns: 150 },
    );
  });
});
