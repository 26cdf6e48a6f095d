/**
 * Properties over random configurations built from the operators the analysis reads: every
 * witness it returns is admitted by evaluate() on exactly its claims and passes the issuer
 * model's consistency check; the analysis never throws and never reports an error for a valid
 * configuration. Operators: IAM condition operators
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html),
 * Vault bound_claims string and glob (vault-plugin-auth-jwt claims.go validateBoundClaims).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consistencyProblems } from '../claims/models';
import { evaluate } from '../evaluate';
import { parseInstant } from '../time';
import { claimsToken } from '../token';
import { analyseExposure } from './index';
import { gradeOfReach, REACH_ORDER } from './reach';
import type { ExposureReport } from './types';

const AT = 1_700_000_000;

/** Runs that found at least one witness: the properties must not hold only vacuously. */
let runsWithWitnesses = 0;

function assertWitnesses(report: ExposureReport, policyText: string) {
  expect(report.error).toBeUndefined();
  if (report.witnesses.length > 0) runsWithWitnesses += 1;
  // The grade follows from the widest reach, and no witness reaches further than the report says.
  expect(report.grade).toBe(gradeOfReach(report.reach));
  for (const witness of report.witnesses) expect(REACH_ORDER.indexOf(witness.reach)).toBeLessThanOrEqual(REACH_ORDER.indexOf(report.reach as never));
  for (const witness of report.witnesses) {
    expect(consistencyProblems(witness.claims)).toEqual([]);
    const result = evaluate({ policyText, provider: report.provider, token: { ok: true, token: claimsToken(witness.claims) }, at: parseInstant(witness.at)! });
    expect(result.decision).toBe('allow');
  }
}

const segment = fc.constantFrom('mygroup', 'myproject', 'main', 'octo-org', 'octo-repo', 'refs/heads/main', 'sub', 'v1', 'prod', 'x');
const glob = fc.array(fc.oneof(segment, fc.constantFrom('*', '?', '/', ':', '-')), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));

const gitlabSub = fc.oneof(
  fc.record({ group: fc.constantFrom('mygroup', 'mygroup/sub', 'other'), project: fc.constantFrom('myproject', '*', 'my*'), refType: fc.constantFrom('branch', 'tag', '*'), ref: fc.constantFrom('main', 'main*', '*', 'v?') })
    .map(({ group, project, refType, ref }) => `project_path:${group}/${project}:ref_type:${refType}:ref:${ref}`),
  fc.constantFrom('project_path:mygroup/*', 'project_path:mygroup*', '*'),
  glob,
);
const githubSub = fc.oneof(
  fc.record({ owner: fc.constantFrom('octo-org', 'octo-*', '*'), repo: fc.constantFrom('octo-repo', '*'), context: fc.constantFrom('ref:refs/heads/main', 'ref:refs/heads/*', 'environment:prod', 'pull_request', '*', 'ref:refs/tags/v*') })
    .map(({ owner, repo, context }) => `repo:${owner}/${repo}:${context}`),
  glob,
);
// Positive operators weighted up: a policy whose every statement contradicts itself has no witness to check.
const operator = fc.constantFrom(
  'StringLike', 'StringLike', 'StringEquals', 'StringLike', 'StringEquals', 'StringNotEquals', 'StringNotLike', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase',
  'StringLikeIfExists', 'StringEqualsIfExists', 'ForAnyValue:StringLike', 'ForAllValues:StringEquals', 'ForAnyValue:StringEquals', 'Null',
);

function conditionFor(host: string, sub: fc.Arbitrary<string>, audience: string) {
  return fc.dictionary(operator, fc.record({ subs: fc.array(sub, { minLength: 1, maxLength: 2 }), aud: fc.boolean(), extra: fc.option(fc.constantFrom('project_path', 'namespace_path', 'repository', 'ref', 'ref_type'), { nil: undefined }) }), { minKeys: 1, maxKeys: 2 }).map((blocks) => {
    const condition: Record<string, Record<string, unknown>> = {};
    for (const [name, { subs, aud, extra }] of Object.entries(blocks)) {
      const block: Record<string, unknown> = name === 'Null' ? { [`${host}:sub`]: 'false' } : { [`${host}:sub`]: subs.length === 1 ? subs[0] : subs };
      if (aud && name !== 'Null') block[`${host}:aud`] = audience;
      if (extra && name !== 'Null') block[`${host}:${extra}`] = subs[0];
      condition[name] = block;
    }
    return condition;
  });
}

const statement = (host: string, sub: fc.Arbitrary<string>, audience: string) =>
  fc.record({ effect: fc.constantFrom('Allow', 'Allow', 'Allow', 'Deny'), condition: conditionFor(host, sub, audience) }).map(({ effect, condition }) => ({
    Effect: effect,
    Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${host}` },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: condition,
  }));

const awsPolicy = fc.oneof(
  fc.array(statement('gitlab.com', gitlabSub, 'https://gitlab.com'), { minLength: 1, maxLength: 4 }),
  fc.array(statement('token.actions.githubusercontent.com', githubSub, 'sts.amazonaws.com'), { minLength: 1, maxLength: 4 }),
).map((statements) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2));

describe('exposure properties', () => {
  it('AWS: every witness is admitted and mintable; the analysis never throws', () => {
    runsWithWitnesses = 0;
    fc.assert(
      fc.property(awsPolicy, (policyText) => {
        assertWitnesses(analyseExposure({ policyText, provider: 'aws', at: AT }), policyText);
      }),
      { numRuns: 200 },
    );
    // Random policies often refuse everything (Deny, Not* operators); some must still open a gap.
    expect(runsWithWitnesses).toBeGreaterThan(2);
  }, 120_000);

  const boundValue = fc.oneof(fc.constantFrom('main', 'mygroup/*', 'auto-deploy-*', '*', 'true', 'false', 'branch', 'mygroup/myproject', 'octo-org/*', 'refs/heads/*'), glob);
  const vaultRole = fc.record({
    type: fc.constantFrom('string', 'glob'),
    claims: fc.dictionary(fc.constantFrom('ref', 'ref_type', 'ref_protected', 'project_path', 'namespace_path', 'repository', 'sub', 'environment', '/ref', 'pipeline_source'), fc.oneof(boundValue, fc.array(boundValue, { minLength: 1, maxLength: 3 })), { maxKeys: 3 }),
    issuer: fc.constantFrom('https://gitlab.com', 'https://token.actions.githubusercontent.com', ''),
  }).map(({ type, claims, issuer }) =>
    JSON.stringify({
      config: { oidc_discovery_url: issuer || 'https://gitlab.com', ...(issuer ? { bound_issuer: issuer } : {}) },
      role: { role_type: 'jwt', user_claim: 'sub', bound_audiences: ['https://vault.example.com'], bound_claims_type: type, bound_claims: claims },
    }),
  );

  it('Vault bound_claims (string and glob, lists, pointers): every witness is admitted and mintable', () => {
    runsWithWitnesses = 0;
    fc.assert(
      fc.property(vaultRole, (policyText) => {
        assertWitnesses(analyseExposure({ policyText, provider: 'vault', at: AT }), policyText);
      }),
      { numRuns: 200 },
    );
    expect(runsWithWitnesses).toBeGreaterThan(5);
  }, 120_000);

  const celAtom = fc.oneof(
    fc.constantFrom('repository', 'repository_owner', 'ref', 'event_name', 'environment').chain((claim) =>
      fc.oneof(
        fc.constantFrom('octo-org/octo-repo', 'octo-org', 'refs/heads/main', 'push', 'prod', 'octo').map((value) => `assertion.${claim} == '${value}'`),
        fc.constantFrom('octo-org/', 'refs/heads/', 'octo').map((value) => `assertion.${claim}.startsWith('${value}')`),
        fc.constantFrom('pull_request', 'refs/tags/v1').map((value) => `assertion.${claim} != '${value}'`),
      ),
    ),
  );
  const celCondition = fc.array(fc.tuple(celAtom, fc.constantFrom(' && ', ' || ')), { minLength: 1, maxLength: 4 }).map((parts) => parts.map(([atom, op], i) => (i === parts.length - 1 ? atom : atom + op)).join(''));
  const gcpProvider = fc.record({ condition: celCondition, member: fc.option(fc.constantFrom('attribute.repository/octo-org/octo-repo', 'attribute.repository_owner/octo-org', '*'), { nil: undefined }) }).map(({ condition, member }) =>
    JSON.stringify({
      provider: {
        name: 'projects/123/locations/global/workloadIdentityPools/github/providers/gh',
        attributeMapping: { 'google.subject': 'assertion.sub', 'attribute.repository': 'assertion.repository', 'attribute.repository_owner': 'assertion.repository_owner' },
        attributeCondition: condition,
        oidc: { issuerUri: 'https://token.actions.githubusercontent.com' },
      },
      ...(member ? { iamPolicy: { bindings: [{ role: 'roles/iam.workloadIdentityUser', members: [`principalSet://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/github/${member}`] }] } } : {}),
    }),
  );

  it('Google Cloud conditions (==, !=, startsWith, &&, ||) and IAM members: every witness is admitted and mintable', () => {
    runsWithWitnesses = 0;
    fc.assert(
      fc.property(gcpProvider, (policyText) => {
        assertWitnesses(analyseExposure({ policyText, provider: 'gcp', at: AT }), policyText);
      }),
      { numRuns: 200 },
    );
    expect(runsWithWitnesses).toBeGreaterThan(5);
  }, 120_000);

  const azureCredential = fc.record({
    name: fc.constantFrom('deploy-main', 'pull-requests', 'production-env'),
    subject: fc.constantFrom('repo:octo-org/octo-repo:ref:refs/heads/main', 'repo:octo-org/octo-repo:pull_request', 'repo:octo-org/octo-repo:environment:prod', 'repo:octo-org/octo-repo:ref:refs/tags/v1'),
    flexible: fc.option(fc.constantFrom("claims['sub'] matches 'repo:octo-org/*'", "claims['sub'] matches 'repo:octo-org/octo-repo:ref:refs/heads/*'", "claims['sub'] eq 'repo:octo-org/octo-repo:environment:prod'"), { nil: undefined }),
  }).map(({ name, subject, flexible }) => ({
    name,
    issuer: 'https://token.actions.githubusercontent.com',
    audiences: ['api://AzureADTokenExchange'],
    ...(flexible ? { claimsMatchingExpression: { value: flexible, languageVersion: 1 } } : { subject }),
  }));

  it('Azure credentials (subjects and flexible expressions): every witness is admitted and mintable', () => {
    runsWithWitnesses = 0;
    fc.assert(
      // Entra refuses two credentials with the same issuer and subject (or expression).
      fc.property(fc.uniqueArray(azureCredential, { minLength: 1, maxLength: 3, selector: (c) => JSON.stringify([(c as Record<string, unknown>).subject, (c as Record<string, unknown>).claimsMatchingExpression]) }), (credentials) => {
        // Names are unique within an application (Entra refuses a second credential of the same name).
        const policyText = JSON.stringify(credentials.map((credential, index) => ({ ...credential, name: `${credential.name}-${index}` })));
        assertWitnesses(analyseExposure({ policyText, provider: 'azure', at: AT }), policyText);
      }),
      { numRuns: 200 },
    );
    expect(runsWithWitnesses).toBeGreaterThan(5);
  }, 120_000);

  it('arbitrary text as a configuration yields a report or an input error, never an exception', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), fc.constantFrom('aws', 'vault', 'gcp', 'azure', null) as fc.Arbitrary<'aws' | null>, (policyText, provider) => {
        const report = analyseExposure({ policyText, provider, at: AT });
        expect(report.error === undefined || report.error.length > 0).toBe(true);
        if (!report.error?.startsWith('internal error')) return;
        throw new Error(report.error);
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});
