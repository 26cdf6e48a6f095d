import { describe, expect, it } from 'vitest';
import { evaluateAws, githubPolicy, githubToken, GITHUB_PROVIDER } from '../../../../test/support/aws';

const statement = githubPolicy().Statement[0];
const refused = (document: unknown) => evaluateAws(document, githubToken());

/** Texts from the IAM API errors and the Access Analyzer policy-check reference (access-analyzer-reference-policy-checks). */
describe('documents IAM refuses to hold are errors', () => {
  // localstack/localstack#6644 quotes IAM: "Has prohibited field Resource"; Access Analyzer "Role trust policy syntax error resource".
  it('Resource and NotResource', () => {
    const result = refused({ Version: '2012-10-17', Statement: [{ ...statement, Resource: '*' }] });
    expect(result.decision).toBe('error');
    expect(result.message).toContain('Has prohibited field Resource');
    expect(result.message).toContain('You cannot specify a resource. Remove the Resource or NotResource element.');
    expect(refused({ Version: '2012-10-17', Statement: [{ ...statement, NotResource: 'x' }] }).message).toContain('Has prohibited field NotResource');
  });
  // reference_policies_elements_notprincipal: "You cannot use the NotPrincipal element … in an IAM role trust policy".
  it('NotPrincipal', () => {
    const result = refused({ Version: '2012-10-17', Statement: [{ ...statement, NotPrincipal: { AWS: 'x' } }] });
    expect(result.decision).toBe('error');
    expect(result.message).toContain('Role trust policies do not support NotPrincipal.');
  });
  // reference_policies_grammar: version is 2008-10-17 | 2012-10-17; Access Analyzer "Invalid version".
  it('Version', () => {
    expect(refused({ ...githubPolicy(), Version: '2013-01-01' }).message).toContain('The version 2013-01-01 is not valid');
    expect(refused({ ...githubPolicy(), Version: '2008-10-17' }).decision).toBe('allow');
  });
  // Access Analyzer "Invalid effect" / "Missing effect"; grammar: "Allow" | "Deny".
  it('Effect', () => {
    expect(refused(githubPolicy(undefined, { Effect: 'allow' })).message).toContain('Invalid effect: The effect allow is not valid. Use Allow or Deny.');
    const { Effect: _effect, ...noEffect } = statement;
    expect(refused({ Statement: [noEffect] }).message).toContain('Missing effect');
  });
  it('Principal, Action and Statement', () => {
    const { Principal: _principal, ...noPrincipal } = statement;
    expect(refused({ Statement: [noPrincipal] }).message).toContain('Missing principal: Add a Principal element to the policy statement.');
    const { Action: _action, ...noAction } = statement;
    expect(refused({ Statement: [noAction] }).message).toContain('Missing action: Add an Action or NotAction element to the policy statement.');
    expect(refused({ Version: '2012-10-17', Statement: [] }).message).toContain('Missing statement');
    expect(refused({ Version: '2012-10-17' }).message).toContain('Missing statement');
  });
  // terraform-aws-modules/terraform-aws-iam#202: "Federated principals must be valid domain names or SAML metadata ARNs".
  it('Federated principal syntax', () => {
    expect(refused(githubPolicy(undefined, { Principal: { Federated: 'https://token.actions.githubusercontent.com' } })).message).toContain('Federated principals must be valid domain names or SAML metadata ARNs');
    expect(refused(githubPolicy(undefined, { Principal: { Federated: 'arn:aws:iam::*:oidc-provider/token.actions.githubusercontent.com' } })).decision).toBe('error');
    expect(refused(githubPolicy(undefined, { Principal: { Federated: [GITHUB_PROVIDER, 'accounts.google.com'] } })).decision).toBe('allow');
  });
  // Access Analyzer "Invalid condition operator"; "Null with if exists".
  it('condition operators', () => {
    expect(refused(githubPolicy({ StringEqual: { 'token.actions.githubusercontent.com:sub': 'x' } })).message).toContain('The condition operator StringEqual is not valid.');
    expect(refused(githubPolicy({ NullIfExists: { 'token.actions.githubusercontent.com:sub': 'true' } })).message).toContain('The Null condition operator cannot be used with the IfExists suffix.');
    expect(refused(githubPolicy({ StringEquals: { 'token.actions.githubusercontent.com:sub': { nested: true } } })).decision).toBe('error');
  });
  it('errors point at the offending element', () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ ...statement, Resource: '*' }] }, null, 2);
    const result = evaluateAws(text, githubToken());
    const source = result.details.errorSource as { line: number };
    expect(text.split('\n')[source.line - 1]).toContain('"Resource"');
  });
});
