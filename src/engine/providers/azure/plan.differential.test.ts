// Temporary: the plan against the two evaluators it replaces, on the gallery, the acceptance cases
// and random credentials and tokens.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../examples';
import { parseInstant } from '../../time';
import { claimsToken, type Claims } from '../../token';
import { SIGNATURE_NOT_CHECKED } from '../../verify';
import { compileAzureDecider } from './decide';
import { evaluateAzure } from './evaluate';
import { parseAzure } from './parse';
import { planAzure } from './plan';

function same(policyText: string, claims: Claims, at: number) {
  const parsed = parseAzure(policyText);
  if (!parsed.ok) return;
  const plan = planAzure(parsed.policy);
  const token = claimsToken(claims);
  const context = { at, signature: SIGNATURE_NOT_CHECKED, options: {} };
  expect(plan.explain(token, context)).toStrictEqual(evaluateAzure(parsed.policy, token, context));
  expect(plan.decide(token, at, {})).toStrictEqual(compileAzureDecider(parsed.policy)(claims, at));
}

const root = resolve(import.meta.dirname, '../../../..');
const cases = [join(root, 'fixtures/cases/azure'), join(root, 'fixtures/own/azure'), join(root, '../shared/cases/azure')]
  .filter((folder) => existsSync(folder))
  .flatMap((folder) => readdirSync(folder).filter((name) => name.endsWith('.json')).map((name) => JSON.parse(readFileSync(join(folder, name), 'utf8'))));

describe('Azure plan = traced and compiled evaluators', () => {
  it('gallery and acceptance cases, at their instant and others', () => {
    expect(cases.length).toBeGreaterThan(10);
    const inputs = [
      ...EXAMPLES.filter((e) => e.provider === 'azure').map((e) => ({ policy: e.policy, claims: e.claims as Claims, at: e.at })),
      ...cases.map((c) => ({ policy: typeof c.policy === 'string' ? c.policy : JSON.stringify(c.policy, null, 2), claims: c.claims as Claims, at: parseInstant(String(c.at))! })),
    ];
    for (const input of inputs) {
      for (const at of [input.at, input.at - 100000, input.at + 100000]) same(input.policy, input.claims, at);
      same(input.policy, { ...input.claims, iat: undefined }, input.at);
      same(input.policy, { ...input.claims, iss: 'https://login.microsoftonline.com/t/v2.0' }, input.at);
    }
  });

  const GITHUB = 'https://token.actions.githubusercontent.com';
  const azureSubject = fc.constantFrom('repo:o/r:ref:refs/heads/main', 'repo:o/r:environment:Production', 'repo:O/R:ref:refs/heads/main', 'repo:o/r:pull_request', 'repo:o/r:environment:production');
  const azureComparison = fc
    .tuple(
      fc.constantFrom('sub', 'sub', 'job_workflow_ref'),
      fc.constantFrom('eq', 'matches'),
      fc.constantFrom('repo:o/r:*', 'repo:o/r:ref:refs/heads/main', '*', 'repo:o/r:environment:Production', 'repo:?/r:*', 'repo:o/r:environment:*', 'o/r/.github/workflows/*', 'o/r/.github/workflows/deploy.yml@refs/heads/main', 'REPO:o/r:*'),
    )
    .map(([claim, operator, comparand]) => `claims['${claim}'] ${operator} '${comparand}'`);
  const azureCredential = fc.oneof(
    fc.record({
      name: fc.constantFrom('main', 'env'),
      issuer: fc.constantFrom(GITHUB, GITHUB, 'https://gitlab.com'),
      subject: azureSubject,
      audiences: fc.constantFrom(['api://AzureADTokenExchange'], ['api://AzureADTokenExchange'], ['api://other']),
    }),
    fc.record({
      name: fc.constantFrom('flexible'),
      issuer: fc.constant(GITHUB),
      subject: fc.constant(null),
      audiences: fc.constant(['api://AzureADTokenExchange']),
      claimsMatchingExpression: fc.array(azureComparison, { minLength: 1, maxLength: 3 }).map((parts) => ({ value: parts.join(' and '), languageVersion: 1 })),
    }),
  );
  const azureClaims = fc
    .record(
      {
        iss: fc.constantFrom(GITHUB, GITHUB, GITHUB, GITHUB, 'https://gitlab.com', 'https://login.microsoftonline.com/tenant/v2.0', 7),
        aud: fc.oneof(fc.constantFrom('api://AzureADTokenExchange', 'api://AzureADTokenExchange', 'api://other', 3), fc.array(fc.constantFrom('api://AzureADTokenExchange', 'x', 4), { maxLength: 2 })),
        sub: fc.oneof(azureSubject, fc.constantFrom(5, null)),
        job_workflow_ref: fc.constantFrom('o/r/.github/workflows/deploy.yml@refs/heads/main', 'o/r/.github/workflows/deploy.yml@refs/tags/v1', 9),
        iat: fc.constantFrom(1700000000, 1700000000, 1700000000, 1600000000, 'x'),
        nbf: fc.constantFrom(1699999995, 1699999995, 1699999995, 1700000100),
        exp: fc.constantFrom(1700000300, 1700000300, 1700000300, 1700000010, 'y'),
      },
      { requiredKeys: ['iss', 'aud', 'sub', 'exp', 'iat'] },
    )
    .map((claims) => claims as Claims);

  it('random credentials and tokens', () => {
    const list = fc.array(azureCredential, { maxLength: 4 }).map((credentials) => credentials.map((credential, index) => ({ ...credential, name: `${credential.name}-${index}` })));
    fc.assert(
      fc.property(fc.oneof(azureCredential, list, fc.array(azureCredential, { maxLength: 3 })), azureClaims, (policy, claims) => {
        same(JSON.stringify(policy, null, 2), claims, 1700000030);
      }),
      { numRuns: 3000 },
    );
  });
});
