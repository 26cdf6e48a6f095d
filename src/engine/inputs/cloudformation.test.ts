import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate';
import { parseClaims } from '../token';
import { convertIac, type Conversion } from './index';

// Intrinsic functions: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
// AWS::IAM::Role: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-role.html

function convert(text: string, vars: Record<string, string> = {}): Conversion {
  const outcome = convertIac(text, 'cloudformation', { vars });
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.conversion;
}

const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Repo:
    Type: String
    Default: octo-org/octo-repo
  Branch:
    Type: String
Mappings:
  Audiences:
    github:
      aud: sts.amazonaws.com
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Federated: !Sub "arn:\${AWS::Partition}:iam::\${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com"
            Action: sts:AssumeRoleWithWebIdentity
            Condition:
              StringEquals:
                token.actions.githubusercontent.com:aud: !FindInMap [Audiences, github, aud]
              StringLike:
                token.actions.githubusercontent.com:sub: !Join [":", ["repo", !Ref Repo, "ref", "refs/heads/*"]]
`;

describe('CloudFormation templates', () => {
  it('resolves !Ref to a parameter default, !Join, !FindInMap; pseudo parameters stay placeholders', () => {
    const conversion = convert(TEMPLATE);
    const statement = JSON.parse(conversion.text).Statement[0];
    expect(statement.Condition.StringLike['token.actions.githubusercontent.com:sub']).toBe('repo:octo-org/octo-repo:ref:refs/heads/*');
    expect(statement.Condition.StringEquals['token.actions.githubusercontent.com:aud']).toBe('sts.amazonaws.com');
    expect(conversion.placeholders.map((p) => p.name)).toEqual(['AWS::Partition', 'AWS::AccountId']);
    expect(JSON.parse(convert(TEMPLATE, { 'AWS::Partition': 'aws', 'AWS::AccountId': '111122223333' }).text).Statement[0].Principal.Federated).toBe(
      'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com',
    );
  });

  it('a verdict that does not depend on the account holds, with a note; checks point into the YAML', () => {
    const claims = parseClaims(JSON.stringify({ iss: 'https://token.actions.githubusercontent.com', aud: 'sts.amazonaws.com', sub: 'repo:octo-org/other:ref:refs/heads/main', iat: 1700000000, exp: 1700000300 }));
    const result = evaluate({ policyText: TEMPLATE, token: claims, at: 1700000100 });
    expect(result.decision).toBe('deny');
    expect(result.findings.some((f) => f.id === 'iac.deployment-values')).toBe(true);
    const failing = result.checks.find((c) => c.result === 'fail' && c.id.includes('StringLike'));
    expect(failing?.source?.line).toBe(TEMPLATE.split('\n').findIndex((l) => l.includes('sub: !Join')) + 1);
  });

  it('a reference to another resource is a placeholder that blocks the verdict', () => {
    const text = TEMPLATE.replace('!Ref Repo', '!GetAtt Repository.Name');
    const conversion = convert(text);
    expect(conversion.placeholders.map((p) => p.name)).toContain('Repository.Name');
    const claims = parseClaims(JSON.stringify({ iss: 'https://token.actions.githubusercontent.com', aud: 'sts.amazonaws.com', sub: 'repo:a/b:ref:refs/heads/main', iat: 1700000000, exp: 1700000300 }));
    const result = evaluate({ policyText: text, token: claims, at: 1700000100 });
    expect(result.decision).toBe('error');
    expect(result.message).toContain('Repository.Name');
  });

  it('Fn:: long forms in JSON (CDK output) read the same as the short forms', () => {
    const long = JSON.stringify({
      Resources: {
        R: {
          Type: 'AWS::IAM::Role',
          Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity', Principal: { Federated: { 'Fn::Sub': 'x-${!Literal}-${Param}' } } }] } },
        },
      },
      Parameters: { Param: { Type: 'String', Default: 'p' } },
    });
    expect(JSON.parse(convert(long).text).Statement[0].Principal.Federated).toBe('x-${Literal}-p');
  });

  it('several roles need a choice; malformed YAML is a located error', () => {
    const two = TEMPLATE + '  Other:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {}\n';
    const outcome = convertIac(two, 'cloudformation', {});
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toContain('Role, Other');
    const bad = convertIac('AWSTemplateFormatVersion: x\nResources: [\n', 'cloudformation', {});
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.source?.line).toBeGreaterThan(0);
  });

  it('random YAML-ish text never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (noise) => {
        expect(() => convertIac(`AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  R:\n    Type: AWS::IAM::Role\n${noise}`, 'cloudformation', {})).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });
});

describe('conditions, imports and OIDC providers', () => {
  // The shape of the configure-aws-credentials reference template: an OIDC provider created
  // unless an existing one's ARN is given, chosen with Fn::If on a condition over a parameter.
  const withProvider = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  OIDCProviderArn:
    Type: String
    Default: ""
  Repo:
    Type: String
    Default: octo-org/octo-repo
Conditions:
  CreateOIDCProvider: !Equals
    - !Ref OIDCProviderArn
    - ""
Resources:
  GithubOidc:
    Type: AWS::IAM::OIDCProvider
    Condition: CreateOIDCProvider
    Properties:
      Url: https://token.actions.githubusercontent.com
      ClientIdList: [sts.amazonaws.com]
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRoleWithWebIdentity
            Principal:
              Federated: !If
                - CreateOIDCProvider
                - !GetAtt GithubOidc.Arn
                - !Ref OIDCProviderArn
            Condition:
              StringEquals:
                token.actions.githubusercontent.com:aud: sts.amazonaws.com
              StringLike:
                token.actions.githubusercontent.com:sub: !Sub repo:\${Repo}:ref:refs/heads/main
`;
  const token = (sub: string) =>
    parseClaims(JSON.stringify({ iss: 'https://token.actions.githubusercontent.com', aud: 'sts.amazonaws.com', sub, iat: 1700000000, exp: 1700000300 }));

  it('Fn::If follows its condition from parameter defaults; GetAtt Arn of an OIDC provider is its IAM ARN', () => {
    const conversion = convert(withProvider, { 'AWS::AccountId': '111122223333', 'AWS::Partition': 'aws' });
    expect(JSON.parse(conversion.text).Statement[0].Principal.Federated).toBe('arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com');
    // Account and partition cannot change the verdict when the issuer matches.
    expect(evaluate({ policyText: withProvider, token: token('repo:octo-org/octo-repo:ref:refs/heads/main'), at: 1700000100 }).decision).toBe('allow');
    expect(evaluate({ policyText: withProvider, token: token('repo:octo-org/octo-repo:ref:refs/heads/dev'), at: 1700000100 }).decision).toBe('deny');
  });

  it('--var of a parameter turns the condition the other way', () => {
    const arn = 'arn:aws:iam::444455556666:oidc-provider/token.actions.githubusercontent.com';
    expect(JSON.parse(convert(withProvider, { OIDCProviderArn: arn }).text).Statement[0].Principal.Federated).toBe(arn);
  });

  it('a condition over a parameter without a default depends on that parameter', () => {
    const text = withProvider.replace('    Default: ""\n', '');
    expect(convert(text).placeholders.map((p) => p.name)).toEqual(['OIDCProviderArn']);
  });

  it('Fn::ImportValue is one unknown named by its export; an unknown export name asks for its part', () => {
    const imported = withProvider.replace('- !Ref OIDCProviderArn\n            Condition', '- !ImportValue shared-oidc-arn\n            Condition').replace('Default: ""', 'Default: "x"');
    expect(convert(imported).placeholders.map((p) => p.name)).toEqual(['Fn::ImportValue shared-oidc-arn']);
    const nested = imported.replace('!ImportValue shared-oidc-arn', '!ImportValue\n                  Fn::Sub: "${Env}-oidc-arn"');
    expect(convert(nested).placeholders.map((p) => p.name)).toEqual(['Env']);
    expect(convert(nested, { Env: 'prod' }).placeholders.map((p) => p.name)).toEqual(['Fn::ImportValue prod-oidc-arn']);
  });
});
