import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate';
import { parseClaims } from '../token';
import { loadIacReaders } from './index';

beforeAll(async () => {
  await loadIacReaders('resource "aws_iam_role" "x" {}');
}, 60_000);

const token = parseClaims(JSON.stringify({ iss: 'https://token.actions.githubusercontent.com', aud: 'sts.amazonaws.com', sub: 'repo:o/r:ref:refs/heads/main', iat: 1700000000, exp: 1700000300 }));
const run = (policyText: string) => evaluate({ policyText, token, at: 1700000100 });
const ROLE = 'resource "aws_iam_role" "r" {\n  assume_role_policy = jsonencode({ Statement = [] })\n}\n';
const template = (policy: string) => `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: ${policy}\n`;

/** Every refusal: one line of at most 300 characters, naming line:col, never the engine's own words. */
function expectOneLocatedLine(message: string) {
  expect(message).not.toContain('\n');
  expect(message.length).toBeLessThanOrEqual(300);
  expect(message).toMatch(/line \d+(:|, column )\d+/);
  expect(message).not.toMatch(/call stack|RangeError|undefined is not|Cannot read prop/);
}

describe('limits and messages', () => {
  it('a byte-order mark is ignored in Terraform, JSON and YAML', () => {
    // Each reaches the service's own verdict on the (empty) policy, not a reading error.
    for (const text of [`\uFEFF${ROLE}`, '\uFEFF{"Version":"2012-10-17","Statement":[]}', `\uFEFF${template('{Statement: []}')}`]) {
      expect(run(text).message).toContain('MalformedPolicyDocument');
    }
  });

  it('a file over 2,000,000 characters is refused as too long, not as invalid JSON', () => {
    const result = run(ROLE + '#'.repeat(2_000_001));
    expect(result.decision).toBe('error');
    expect(result.message).toContain('reads up to 2,000,000');
    expectOneLocatedLine(result.message);
  });

  it('10,000 levels of nesting get a located refusal (Terraform and YAML)', () => {
    for (const text of [
      `resource "aws_iam_role" "r" {\n  assume_role_policy = jsonencode(${'['.repeat(10000)}${']'.repeat(10000)})\n}\n`,
      template(`${'['.repeat(10000)}${']'.repeat(10000)}`),
    ]) {
      const result = run(text);
      expect(result.message).toContain('nested more than 100 levels deep');
      expect(result.details.errorSource).toMatchObject({ line: text.startsWith('resource') ? 2 : 6 });
      expectOneLocatedLine(result.message);
    }
  });

  it('an unterminated heredoc is reported at the heredoc', () => {
    const result = run('resource "aws_iam_role" "r" {\n  name = "x"\n  assume_role_policy = <<EOF\n{}\n}\n');
    expect(result.message).toContain('heredoc <<EOF is not closed');
    expect(result.details.errorSource).toMatchObject({ line: 3, column: 24 });
    expectOneLocatedLine(result.message);
  });

  it('YAML aliases get CloudFormation\'s refusal; unknown tags and !!binary are refused', () => {
    // The ValidationError text as reported from CreateChangeSet and ValidateTemplate:
    // github.com/seeebiii/aws-cloudformation-templates/issues/1 (AWS documents no wording).
    const alias = run(`${template('&doc {Statement: []}')}      Other: *doc\n`);
    expect(alias.message).toMatch(/^Template error: YAML aliases are not allowed in CloudFormation templates/);
    expectOneLocatedLine(alias.message);
    for (const tagged of ['!!binary aGVsbG8=', '!Foo {Statement: []}']) {
      const result = run(template(tagged));
      expect(result.message).toContain('which CloudFormation does not read');
      expectOneLocatedLine(result.message);
    }
  });

  it('an HCL expression error names its place in one line', () => {
    const result = run('locals {\n  x = [1, 2][5]\n}\nresource "aws_iam_role" "r" {\n  assume_role_policy = local.x\n}\n');
    expect(result.message).toContain('out of range');
    expectOneLocatedLine(result.message);
    expect(result.details.messageBy).toBe('trustlens');
  });

  it('a verdict waiting on many unknowns says so in one line, naming the first with line:col', () => {
    const keys = Array.from({ length: 30 }, (_, i) => `"\${var.v${i}}" = "x"`).join('\n        ');
    const text = `resource "aws_iam_role" "r" {\n  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRoleWithWebIdentity", Principal = { Federated = "x" }, Condition = {\n      StringEquals = {\n        ${keys}\n      }\n    } }] })\n}\n`;
    const result = run(text);
    expect(result.decision).toBe('error');
    expect(result.message).toContain('var.v0 (line ');
    expect(result.message).toContain('26 more');
    expectOneLocatedLine(result.message);
    expect((result.details.unresolved as string[]).length).toBe(30);
  });
});
