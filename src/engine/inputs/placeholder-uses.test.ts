import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate';
import { claimsToken } from '../token';
import { loadIacReaders } from './index';
import { pathText, placeholderParts, placeholderUses } from './placeholder-uses';

// The shape of GitLab's AWS guide (docs.gitlab.com/ci/cloud_services/aws/): the account and the
// instance URL are variables the text does not give.
const TERRAFORM = `variable "account_id" {
  type = string
}
variable "gitlab_url" {
  type = string
}
resource "aws_iam_role" "deploy" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::\${var.account_id}:oidc-provider/\${var.gitlab_url}" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "\${var.gitlab_url}:sub" = "project_path:mygroup/myproject:ref_type:branch:ref:main"
        }
      }
    }]
  })
}
`;
const CLAIMS = { iss: 'https://gitlab.example.com', aud: 'https://gitlab.example.com', sub: 'project_path:mygroup/myproject:ref_type:branch:ref:main', iat: 1700000000, exp: 1700000300 };
const run = (options: Record<string, string> = {}) => evaluate({ policyText: TERRAFORM, provider: 'aws', token: { ok: true, token: claimsToken(CLAIMS) }, at: 1700000100, options });

beforeAll(async () => {
  await loadIacReaders(TERRAFORM);
}, 60_000);

describe('where a value the text does not give ends up', () => {
  it('names the member and the string each value is part of, in the converted configuration', () => {
    const result = run();
    const iac = result.details.iac as { convertedText: string };
    const uses = placeholderUses(iac.convertedText, ['var.account_id', 'var.gitlab_url']);
    expect(uses.get('var.account_id')).toEqual({
      path: 'Statement[0].Principal.Federated',
      segments: ['Statement', 0, 'Principal', 'Federated'],
      text: 'arn:aws:iam::${var.account_id}:oidc-provider/${var.gitlab_url}',
      inKey: false,
    });
    // The first use wins: the ARN comes before the condition key.
    expect(uses.get('var.gitlab_url')?.path).toBe('Statement[0].Principal.Federated');
  });

  it('a value used only in a key is found as a key', () => {
    const uses = placeholderUses(JSON.stringify({ Statement: [{ Condition: { StringEquals: { '${var.url}:sub': 'x' } } }] }), ['var.url']);
    expect(uses.get('var.url')).toMatchObject({ path: 'Statement[0].Condition.StringEquals', inKey: true, text: '${var.url}:sub' });
  });

  it('leaves out names the text does not use, and text that is not JSON', () => {
    expect(placeholderUses('{"a": "b"}', ['var.x']).size).toBe(0);
    expect(placeholderUses('not json', ['var.x']).size).toBe(0);
  });

  it('quotes keys that are not plain names', () => {
    expect(pathText(['Statement', 0, 'Condition', 'StringEquals', 'gitlab.example.com:sub'])).toBe('Statement[0].Condition.StringEquals."gitlab.example.com:sub"');
  });

  it('cuts a string into literal parts and the names it waits for, without ${…}', () => {
    expect(placeholderParts('arn:aws:iam::${var.account_id}:oidc-provider/${var.gitlab_url}', ['var.account_id', 'var.gitlab_url'])).toEqual([
      { text: 'arn:aws:iam::' },
      { text: 'var.account_id', name: 'var.account_id' },
      { text: ':oidc-provider/' },
      { text: 'var.gitlab_url', name: 'var.gitlab_url' },
    ]);
    // An IAM policy variable is not a value the text does not give.
    expect(placeholderParts('${aws:username}', ['var.x'])).toEqual([{ text: '${aws:username}' }]);
  });
});

describe('a verdict that waits for values', () => {
  it('has no findings until they are given: a missing value could change any of them', () => {
    // One value given: the issuer in the ARN is known, the condition key is not — a finding
    // about a missing aud condition would be about a key nobody can read yet.
    const waiting = run({ 'iac.var.var.account_id': '123456789012' });
    expect(waiting.details.unresolved).toEqual(['var.gitlab_url']);
    expect(waiting.findings).toEqual([]);
    const given = run({ 'iac.var.var.account_id': '123456789012', 'iac.var.var.gitlab_url': 'gitlab.example.com' });
    expect(given.decision).toBe('allow');
    expect(given.findings.length).toBeGreaterThan(0);
  });
});
