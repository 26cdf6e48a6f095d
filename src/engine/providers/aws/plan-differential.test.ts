/**
 * The planned evaluation answers exactly as the two evaluators it replaces: `explain` as the traced
 * `evaluatePolicy` (every check, detail and message), `decide` as the compiled decider. Inputs: the
 * gallery, the acceptance cases, and the random policies and tokens of the compiled-decision and
 * condition-law property tests.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../examples';
import { parseInstant } from '../../time';
import { claimsToken, type Claims } from '../../token';
import { SIGNATURE_NOT_CHECKED } from '../../verify';
import { githubPolicy, githubToken } from '../../../../test/support/aws';
import { compileAwsDecider } from './decide';
import { evaluatePolicy } from './evaluation';
import { parsePolicy } from './parse';
import { planPolicy } from './plan';

function expectSame(policyText: string, tokens: Claims[], at: number, options: Record<string, string> = {}): boolean {
  const parsed = parsePolicy(policyText);
  if (!parsed.ok) return false;
  const plan = planPolicy(parsed.policy);
  const compiled = compileAwsDecider(parsed.policy);
  for (const claims of tokens) {
    const token = claimsToken(claims);
    const context = { at, signature: SIGNATURE_NOT_CHECKED, options };
    expect(plan.explain(token, context)).toStrictEqual(evaluatePolicy(parsed.policy, token, context));
    expect(plan.decide(token, at, options)).toStrictEqual(compiled(claims, at, options));
  }
  return true;
}

describe('plan = traced evaluation and compiled decision', () => {
  it('on the gallery', () => {
    const aws = EXAMPLES.filter((example) => example.provider === 'aws');
    expect(aws.length).toBeGreaterThan(0);
    const tokens = aws.map((example) => example.claims);
    for (const example of aws) {
      expect(expectSame(example.policy, [example.claims, ...tokens], example.at, example.options)).toBe(true);
      expect(expectSame(example.policy, [example.claims], example.at, { claimKeys: 'legacy' })).toBe(true);
    }
  });

  it('on the acceptance cases', () => {
    const root = resolve(import.meta.dirname, '../../../..');
    let compared = 0;
    for (const folder of ['fixtures/cases/aws', 'fixtures/own/aws', '../shared/cases/aws'].map((dir) => join(root, dir))) {
      if (!existsSync(folder)) continue;
      for (const name of readdirSync(folder).filter((file) => file.endsWith('.json'))) {
        const c = JSON.parse(readFileSync(join(folder, name), 'utf8'));
        const at = typeof c.at === 'number' ? c.at : parseInstant(c.at)!;
        const text = typeof c.policy === 'string' ? c.policy : JSON.stringify(c.policy, null, 2);
        if (expectSame(text, [c.claims], at, c.options ?? {})) compared++;
      }
    }
    expect(compared).toBeGreaterThan(300);
  });
});

// The generators of compile.test.ts and properties.test.ts.
const ISSUERS = ['https://gitlab.com', 'https://token.actions.githubusercontent.com', 'https://app.terraform.io', 'http://insecure', 'https://gitlab.example.com'];
const prefixOf = (issuer: string) => issuer.replace(/^https?:\/\//, '');
const awsKey = fc.constantFrom(
  'gitlab.com:sub',
  'gitlab.com:aud',
  'gitlab.com:project_id',
  'token.actions.githubusercontent.com:sub',
  'token.actions.githubusercontent.com:environment',
  'token.actions.githubusercontent.com:amr',
  'app.terraform.io:sub',
  'gitlab.example.com:sub',
  'GitLab.com:SUB',
  'aws:CurrentTime',
  'aws:EpochTime',
  'aws:SourceIp',
  'aws:RequestTag/team',
  'aws:TagKeys',
  'sts:SourceIdentity',
);
const awsWord = fc.constantFrom('main', 'prod', 'project_path:g/*', '*', 'p?od', '', 'MAIN', 'repo:o/r:*', '${gitlab.com:aud}', '${aws:EpochTime}x', "${missing:key, 'main'}", '${*}', 'a*b*c', '1700000000', '2023-11-14T22:13:20Z', 'true', '10.0.0.0/8', 'arn:aws:iam::*:role/x');
const awsBase = fc.constantFrom('StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike', 'NumericLessThan', 'NumericEquals', 'DateGreaterThan', 'Bool', 'ArnLike', 'IpAddress');
const awsOperator = fc.tuple(fc.constantFrom('', 'ForAnyValue:', 'ForAllValues:'), awsBase, fc.boolean()).map(([qualifier, base, ifExists]) => `${qualifier}${base}${ifExists ? 'IfExists' : ''}`);
const awsCondition = fc.oneof(
  fc.dictionary(awsOperator, fc.dictionary(awsKey, fc.oneof(awsWord, fc.array(awsWord, { minLength: 1, maxLength: 3 })), { minKeys: 1, maxKeys: 2 }), { maxKeys: 2 }),
  fc.record({ Null: fc.dictionary(awsKey, fc.constantFrom('true', 'false'), { minKeys: 1, maxKeys: 2 }) }),
);
const awsStatement = fc.record(
  {
    Effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
    Sid: fc.constantFrom('A', 'Deploy'),
    Principal: fc.oneof(
      { arbitrary: fc.constantFrom('*' as unknown), weight: 2 },
      { arbitrary: fc.constantFrom(...ISSUERS).map((issuer) => ({ Federated: `arn:aws:iam::111122223333:oidc-provider/${prefixOf(issuer)}` }) as unknown), weight: 3 },
    ),
    Action: fc.constantFrom('sts:AssumeRoleWithWebIdentity', 'sts:*', ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'], 'STS:assumerole*', 's3:GetObject'),
    NotAction: fc.constantFrom('sts:TagSession', 's3:*'),
    Condition: awsCondition,
  },
  { requiredKeys: ['Effect', 'Principal'] },
);
const awsPolicy = fc.record({ Version: fc.constantFrom('2012-10-17', '2012-10-17', '2008-10-17'), Statement: fc.array(awsStatement, { minLength: 1, maxLength: 4 }) });
const claimValue = fc.oneof(awsWord, fc.array(awsWord, { maxLength: 3 }), fc.integer({ min: 0, max: 3 }), fc.constant(null));
const awsClaims = fc
  .record(
    {
      iss: fc.constantFrom(...ISSUERS, 'https://gitlab.com', 'https://token.actions.githubusercontent.com'),
      aud: fc.oneof(fc.constantFrom('https://gitlab.com', 'sts.amazonaws.com', ''), fc.array(fc.constantFrom('sts.amazonaws.com', 'x'), { maxLength: 2 })),
      sub: fc.constantFrom('project_path:g/p:ref_type:branch:ref:main', 'repo:o/r:environment:prod', 'main', 'MAIN', 'prod'),
      exp: fc.constantFrom(1800000000, 1800000000, 1800000000, 1699999000),
      nbf: fc.constantFrom(1700000000, 1800000000, 'soon'),
      project_id: claimValue,
      environment: claimValue,
      amr: claimValue,
      azp: fc.constantFrom('sts.amazonaws.com'),
      'https://aws.amazon.com/tags': fc.record({ principal_tags: fc.dictionary(fc.constantFrom('team', 'Team'), fc.array(awsWord, { minLength: 1, maxLength: 2 })), transitive_tag_keys: fc.constantFrom(['team'], []) }),
      'https://aws.amazon.com/source_identity': fc.constantFrom('main', 'alice'),
    },
    { requiredKeys: ['iss', 'sub', 'aud', 'exp'] },
  )
  .map((claims) => claims as Claims);
const instant = fc.constantFrom(1700000010, 1780000000);
const claimKeys = fc.constantFrom('by-date', '2026', 'legacy');

describe('plan = traced evaluation and compiled decision (random)', () => {
  it('random trust policies, several tokens each', () => {
    fc.assert(
      fc.property(awsPolicy, fc.array(awsClaims, { minLength: 1, maxLength: 3 }), instant, claimKeys, (policy, tokens, at, mode) => {
        expect(expectSame(JSON.stringify(policy), tokens, at, { claimKeys: mode })).toBe(true);
      }),
      { numRuns: 1_500 },
    );
  });
  it('with an IAM OIDC provider and its client IDs', () => {
    fc.assert(
      fc.property(awsPolicy, fc.array(awsClaims, { minLength: 1, maxLength: 3 }), fc.array(fc.constantFrom('sts.amazonaws.com', 'https://gitlab.com', ''), { maxLength: 2 }), fc.constantFrom('gitlab.com', 'https://token.actions.githubusercontent.com', 'x'), (policy, tokens, clientIds, url) => {
        const wrapper = { TrustPolicy: policy, OpenIDConnectProvider: { Url: url, ClientIDList: clientIds } };
        expect(expectSame(JSON.stringify(wrapper), tokens, 1700000010)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
  it('arbitrary JSON where statements, conditions and claims belong', () => {
    const statement = fc.oneof(awsStatement, fc.dictionary(fc.constantFrom('Effect', 'Principal', 'Action', 'NotAction', 'Condition', 'Sid'), fc.jsonValue()));
    const claims = fc.dictionary(fc.constantFrom('iss', 'aud', 'sub', 'exp', 'nbf', 'azp', 'amr', 'https://aws.amazon.com/tags', 'https://aws.amazon.com/source_identity'), fc.jsonValue());
    fc.assert(
      fc.property(fc.oneof(fc.array(statement, { maxLength: 3 }), fc.jsonValue()), fc.oneof(awsClaims, claims), (statements, token) => {
        expectSame(JSON.stringify({ Version: '2012-10-17', Statement: statements }), [token as Claims], 1700000010);
      }),
      { numRuns: 500 },
    );
  });
  it('condition laws: GitHub policies on one key', () => {
    const KEY = 'token.actions.githubusercontent.com:environment';
    const word = fc.constantFrom('prod', 'staging', 'dev', 'pr*', '*', 'p?od', 'PROD', '');
    const environment = fc.option(fc.constantFrom('prod', 'staging', 'dev', 'PROD', 'p-od'), { nil: undefined });
    const operator = fc.constantFrom('StringEquals', 'StringLike', 'StringEqualsIgnoreCase', 'StringNotEquals', 'StringNotLike', 'StringNotEqualsIgnoreCase', 'ForAnyValue:StringLike', 'ForAllValues:StringNotEquals', 'StringEqualsIfExists', 'Null');
    fc.assert(
      fc.property(fc.dictionary(operator, fc.constant(0), { minKeys: 1, maxKeys: 2 }), fc.array(word, { minLength: 1, maxLength: 3 }), environment, (ops, values, env) => {
        const condition = Object.fromEntries(Object.keys(ops).map((op) => [op, { [KEY]: op === 'Null' ? 'false' : values }]));
        const tokens = [githubToken(env === undefined ? {} : { environment: env })];
        expect(expectSame(JSON.stringify(githubPolicy(condition)), tokens, parseInstant('2026-05-28T20:26:50Z')!)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
