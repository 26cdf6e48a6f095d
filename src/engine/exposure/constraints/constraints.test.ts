/**
 * Constraint extraction per provider. Operator meanings: IAM condition operators
 * (reference_policies_elements_condition_operators.html: String*, *Like, Not*, IfExists,
 * ForAnyValue/ForAllValues), Vault bound_claims (vault-plugin-auth-jwt claims.go: string or glob,
 * lists, JSON pointer keys), GCP attribute conditions (CEL: ==, !=, in, startsWith, endsWith,
 * contains, matches, &&, ||, !), Entra flexible credentials (claimsMatchingExpression eq/matches).
 */
import { describe, expect, it } from 'vitest';
import { analyseExposure } from '../index';
import { awsConstraints, readOperator } from '../../providers/aws/constraints';
import { azureConstraints } from '../../providers/azure/constraints';
import { gcpConstraints } from '../../providers/gcp/constraints';
import { fillGlob, regexSample, samplesOf } from './samples';
import { vaultConstraints } from '../../providers/vault/constraints';

describe('AWS', () => {
  it('reads every string operator with its modifiers', () => {
    expect(readOperator('StringLike')).toEqual({ kind: 'glob', negated: false, ignoreCase: false });
    expect(readOperator('StringNotLikeIfExists')).toEqual({ kind: 'glob', negated: true, ignoreCase: false });
    expect(readOperator('ForAnyValue:StringEqualsIgnoreCase')).toEqual({ kind: 'equals', negated: false, ignoreCase: true });
    expect(readOperator('ForAllValues:StringNotEquals')).toEqual({ kind: 'equals', negated: true, ignoreCase: false });
    expect(readOperator('NumericLessThan').kind).toBeNull();
  });

  it('turns conditions into hints, Deny statements negated, issuers from keys and principals', () => {
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/gitlab.example.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringLike: { 'gitlab.example.com:sub': ['project_path:mygroup/*', 'project_path:other/*'] }, DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } } },
        { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringLike: { 'gitlab.example.com:sub': 'project_path:mygroup/secret:*' } } },
      ],
    });
    const constraints = awsConstraints(policy);
    expect(constraints.issuers).toEqual(['https://gitlab.example.com']);
    expect(constraints.hints).toMatchObject([
      { claim: 'sub', kind: 'glob', values: ['project_path:mygroup/*', 'project_path:other/*'], where: 'StringLike gitlab.example.com:sub' },
      { claim: 'sub', kind: 'glob', values: ['project_path:mygroup/secret:*'], negated: true },
    ]);
    expect(constraints.hints[0].source?.line).toBeGreaterThan(0);
  });
});

describe('Vault', () => {
  it('reads bound_subject, bound_audiences, glob bound_claims with lists and pointers, and the issuer', () => {
    const role = JSON.stringify({
      config: { oidc_discovery_url: 'https://gitlab.com', bound_issuer: 'https://gitlab.com' },
      role: { role_type: 'jwt', user_claim: 'user_email', bound_subject: 'project_path:a/b:ref_type:branch:ref:main', bound_audiences: ['https://vault.example.com'], bound_claims_type: 'glob', bound_claims: { ref: ['main', 'release-*'], '/project_path': 'mygroup/*', '/user/login': 'chris' } },
    });
    const constraints = vaultConstraints(role);
    expect(constraints.issuerPinned).toBe(true);
    expect(constraints.hints.map(({ claim, kind, values }) => ({ claim, kind, values }))).toEqual([
      { claim: 'user_email', kind: 'present', values: [] },
      { claim: 'sub', kind: 'equals', values: ['project_path:a/b:ref_type:branch:ref:main'] },
      { claim: 'aud', kind: 'equals', values: ['https://vault.example.com'] },
      { claim: 'ref', kind: 'glob', values: ['main', 'release-*'] },
      { claim: 'project_path', kind: 'glob', values: ['mygroup/*'] },
    ]);
    expect(constraints.opaque[0].description).toContain('/user/login');
  });

  it('a config without bound_issuer or discovery leaves the issuer open', () => {
    expect(vaultConstraints(JSON.stringify({ role_type: 'jwt', user_claim: 'sub', bound_audiences: 'x' })).issuerPinned).toBe(false);
  });
});

const GCP = (condition: string) =>
  JSON.stringify({
    name: 'projects/1/locations/global/workloadIdentityPools/p/providers/q',
    attributeMapping: { 'google.subject': 'assertion.sub', 'attribute.repo': 'assertion.repository', 'attribute.both': "assertion.repository + '@' + assertion.ref" },
    attributeCondition: condition,
    oidc: { issuerUri: 'https://token.actions.githubusercontent.com' },
  });

describe('Google Cloud', () => {
  it('reads comparisons on assertion.* and on mapped attributes through the CEL tree', () => {
    const constraints = gcpConstraints(GCP("attribute.repo == 'octo-org/octo-repo' && assertion.ref.startsWith('refs/heads/') && !(assertion.event_name in ['pull_request', 'pull_request_target']) && assertion['environment'] != 'dev'"));
    expect(constraints.hints.map(({ claim, kind, values, negated }) => ({ claim, kind, values, negated: negated ?? false }))).toEqual([
      { claim: 'aud', kind: 'equals', values: ['//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/q', 'https://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/q'], negated: false },
      { claim: 'repository', kind: 'equals', values: ['octo-org/octo-repo'], negated: false },
      { claim: 'ref', kind: 'prefix', values: ['refs/heads/'], negated: false },
      { claim: 'event_name', kind: 'equals', values: ['pull_request', 'pull_request_target'], negated: true },
      { claim: 'environment', kind: 'equals', values: ['dev'], negated: true },
    ]);
    expect(constraints.issuers).toEqual(['https://token.actions.githubusercontent.com']);
  });

  it('says which clause is opaque and where, and still offers witnesses it could check', () => {
    const policyText = GCP("assertion.repository_owner == 'octo-org' && size(assertion.sub) > 3");
    const constraints = gcpConstraints(policyText);
    const opaque = constraints.opaque.map((item) => item.description);
    expect(opaque.some((text) => text.startsWith('attributeMapping attribute.both'))).toBe(true);
    const clause = constraints.opaque.find((item) => item.description.startsWith('attributeCondition near'))!;
    expect(clause.description).toContain('size(assertion.sub) > 3');
    expect(clause.source?.line).toBeGreaterThan(0);
    const report = analyseExposure({ policyText, provider: 'gcp', at: 1_700_000_000 });
    expect(report.opaque.some((line) => /size\(assertion\.sub\) > 3.*\(line \d+, column \d+\)/.test(line))).toBe(true);
    expect(report.witnesses.map((witness) => witness.axis)).toContain('other-repository');
  });
});

describe('Azure', () => {
  it('reads subject, audiences and flexible expressions', () => {
    const credential = JSON.stringify([
      { name: 'main', issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:octo-org/octo-repo:ref:refs/heads/main', audiences: ['api://AzureADTokenExchange'] },
      { name: 'branches', issuer: 'https://token.actions.githubusercontent.com', audiences: ['api://AzureADTokenExchange'], claimsMatchingExpression: { value: "claims['sub'] matches 'repo:octo-org/octo-repo:ref:refs/heads/*'", languageVersion: 1 } },
    ]);
    const constraints = azureConstraints(credential);
    expect(constraints.hints.filter((hint) => hint.claim === 'sub').map(({ kind, values }) => ({ kind, values }))).toEqual([
      { kind: 'equals', values: ['repo:octo-org/octo-repo:ref:refs/heads/main'] },
      { kind: 'glob', values: ['repo:octo-org/octo-repo:ref:refs/heads/*'] },
    ]);
  });
});

describe('samples from patterns', () => {
  it('fills globs, completes prefixes and writes out simple regular expressions', () => {
    expect(fillGlob('project_path:mygroup/*:ref_type:branch:ref:main*', 'evil', true)).toBe('project_path:mygroup/evil:ref_type:branch:ref:mainevil');
    expect(fillGlob('v?', 'x', false)).toBe('v?');
    expect(regexSample('^repo:octo-org/[^/]+:ref:refs/heads/(main|master)$', 'evil')).toBe('repo:octo-org/evil:ref:refs/heads/main');
    expect(regexSample('^refs/tags/v\\d+\\.\\d+$', '1')).toBe('refs/tags/v1.1');
    expect(regexSample('(?=lookahead)', 'x')).toBeUndefined();
    expect(samplesOf({ claim: 'ref', kind: 'suffix', values: ['-deploy'], where: 'x' }, 'evil')).toEqual(['evil-deploy']);
  });
});
