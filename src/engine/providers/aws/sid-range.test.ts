/**
 * "Empty Sid value" (Access Analyzer, access-analyzer-reference-policy-checks.html) marks the Sid
 * member, key and value, wherever the policy is written; never the whole statement.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../evaluate';
import { loadIacReaders } from '../../inputs/index';
import type { SourceRange } from '../../result';
import { claimsToken } from '../../token';

const FEDERATED = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
const CLAIMS = { iss: 'https://token.actions.githubusercontent.com', aud: 'sts.amazonaws.com', sub: 'repo:octo-org/octo-repo:ref:refs/heads/main', iat: 1700000000, exp: 1700000300 };

function sidFinding(text: string) {
  const result = evaluate({ policyText: text, provider: 'aws', token: { ok: true, token: claimsToken(CLAIMS) }, at: 1700000100 });
  return { result, finding: result.findings.find((f) => f.id === 'aws.sid.empty') };
}

/** The text a range covers. */
function covered(text: string, range: SourceRange): string {
  const lines = text.split('\n');
  if (range.line === range.endLine) return lines[range.line - 1].slice(range.column - 1, range.endColumn - 1);
  return [lines[range.line - 1].slice(range.column - 1), ...lines.slice(range.line, range.endLine - 1), lines[range.endLine - 1].slice(0, range.endColumn - 1)].join('\n');
}

const statement = { Sid: '', Effect: 'Allow', Principal: { Federated: FEDERATED }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'token.actions.githubusercontent.com:sub': CLAIMS.sub } } };

beforeAll(async () => {
  await loadIacReaders('resource "aws_iam_role" "r" {}');
}, 60_000);

describe('the range of an empty Sid', () => {
  it('JSON, indented or on one line: the member "Sid": ""', () => {
    for (const text of [JSON.stringify({ Version: '2012-10-17', Statement: [statement] }, null, 2), JSON.stringify({ Version: '2012-10-17', Statement: statement })]) {
      const { finding } = sidFinding(text);
      expect(finding?.severity).toBe('low');
      expect(covered(text, finding!.source!)).toBe(text.includes('"Sid": ""') ? '"Sid": ""' : '"Sid":""');
    }
  });

  it('the policy inside `aws iam get-role` output: the member, not the document', () => {
    const text = JSON.stringify({ Role: { RoleName: 'r', AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [statement] } } }, null, 2);
    expect(covered(text, sidFinding(text).finding!.source!)).toBe('"Sid": ""');
  });

  it('Terraform jsonencode and CloudFormation: the Sid attribute', () => {
    const terraform = `resource "aws_iam_role" "r" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = ""
        Effect    = "Allow"
        Principal = { Federated = "${FEDERATED}" }
        Action    = "sts:AssumeRoleWithWebIdentity"
      }
    ]
  })
}
`;
    expect(covered(terraform, sidFinding(terraform).finding!.source!)).toBe('Sid       = ""');
    const template = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: ""
            Effect: Allow
            Principal:
              Federated: ${FEDERATED}
            Action: sts:AssumeRoleWithWebIdentity
`;
    expect(covered(template, sidFinding(template).finding!.source!)).toBe('Sid: ""');
  });

  it('aws_iam_policy_document without a sid (or with sid = ""): no Sid is written, so no finding marks the statement block', () => {
    for (const sid of ['', '\n    sid     = ""']) {
      const text = `data "aws_iam_policy_document" "assume" {
  statement {${sid}
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["${FEDERATED}"]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["${CLAIMS.sub}"]
    }
  }
}
resource "aws_iam_role" "r" {
  assume_role_policy = data.aws_iam_policy_document.assume.json
}
`;
      const { result, finding } = sidFinding(text);
      expect(result.decision).toBe('allow');
      expect(finding).toBeUndefined();
      expect(JSON.parse((result.details.iac as { convertedText: string }).convertedText).Statement[0]).not.toHaveProperty('Sid');
      const block = { line: 2, endLine: 14 };
      for (const f of result.findings) expect(f.source && f.source.line === block.line && f.source.endLine === block.endLine).toBe(false);
    }
  });
});
