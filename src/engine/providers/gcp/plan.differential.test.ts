// Temporary: the plan against the two evaluators it replaces, on the gallery, the acceptance cases
// and random providers and tokens (with CEL that can and cannot spend the budget).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../examples';
import { parseInstant } from '../../time';
import { claimsToken, type Claims, type Token } from '../../token';
import { SIGNATURE_NOT_CHECKED } from '../../verify';
import { compileGcpDecider } from './decide';
import { evaluatePolicy } from './evaluator';
import { parseGcpPolicy } from './parse';
import { planGcp } from './plan';

const seen = new Set<string>();

function same(policyText: string, token: Token, at: number) {
  const parsed = parseGcpPolicy(policyText);
  if (!parsed.ok) return;
  const plan = planGcp(parsed.policy);
  const context = { at, signature: SIGNATURE_NOT_CHECKED, options: {} };
  const traced = evaluatePolicy(parsed.policy, token, context);
  expect(plan.explain(token, context)).toStrictEqual(traced);
  const compiled = compileGcpDecider(parsed.policy);
  const expected = compiled ? compiled(token, at) : { decision: traced.decision, message: traced.message };
  expect(plan.decide(token, at, {})).toStrictEqual(expected);
  seen.add(`${compiled ? 'compiled' : 'traced'}:${traced.decision}`);
}

const root = resolve(import.meta.dirname, '../../../..');
const cases = [join(root, 'fixtures/cases/gcp'), join(root, 'fixtures/own/gcp'), join(root, '../shared/cases/gcp')]
  .filter((folder) => existsSync(folder))
  .flatMap((folder) => readdirSync(folder).filter((name) => name.endsWith('.json')).map((name) => JSON.parse(readFileSync(join(folder, name), 'utf8'))));

describe('Google Cloud plan = traced and compiled evaluators', () => {
  it('gallery and acceptance cases, at their instant and others', () => {
    expect(cases.length).toBeGreaterThan(20);
    const inputs = [
      ...EXAMPLES.filter((e) => e.provider === 'gcp').map((e) => ({ policy: e.policy, claims: e.claims as Claims, at: e.at })),
      ...cases.map((c) => ({ policy: typeof c.policy === 'string' ? c.policy : JSON.stringify(c.policy, null, 2), claims: c.claims as Claims, at: parseInstant(String(c.at))! })),
    ];
    for (const input of inputs) {
      for (const at of [input.at, input.at - 100000, input.at + 100000]) same(input.policy, claimsToken(input.claims), at);
      same(input.policy, claimsToken({ ...input.claims, iat: undefined, nbf: 'x' }), input.at);
      same(input.policy, { kind: 'jws', header: { alg: 'HS256' }, claims: input.claims, compact: 'e30.e30.c2ln', warnings: [] }, input.at);
    }
  });

  const pool = 'projects/123456789012/locations/global/workloadIdentityPools/gitlab';
  // Within the budget as a whole, over it once each clause is evaluated again for the trace.
  const overWithClauses = "[0,1,2,3,4,5,6,7,8,9].exists(a, [0,1,2,3,4,5,6,7,8,9].exists(b, [0,1,2,3,4,5,6,7,8,9].exists(c, [0,1,2,3,4,5,6,7,8,9].exists(d, a + b + c + d == 99)))) || [0,1,2,3,4,5,6,7,8,9].exists(a, [0,1,2,3,4,5,6,7,8,9].exists(b, [0,1,2,3,4,5,6,7,8,9].exists(c, [0,1,2,3,4,5,6,7,8,9].exists(d, a + b + c + d == 99)))) || [0,1,2,3,4,5,6,7,8,9].exists(a, [0,1,2,3,4,5,6,7,8,9].exists(b, [0,1,2,3,4,5,6,7,8,9].exists(c, [0,1,2,3,4,5,6,7,8,9].exists(d, a + b + c + d == 99)))) || assertion.namespace_path == 'my-group'";
  const usually = (good: unknown, ...others: unknown[]) => fc.oneof({ arbitrary: fc.constant(good), weight: 5 }, { arbitrary: fc.constantFrom(...others), weight: 1 });
  const provider = fc.record({
    name: fc.constant(`${pool}/providers/gitlab`),
    state: fc.option(usually('ACTIVE', 'DELETED'), { nil: undefined }),
    disabled: fc.option(usually(false, true), { nil: undefined }),
    attributeMapping: fc.record(
      {
        'google.subject': usually('assertion.sub', 'assertion.project_id', "assertion.sub.replace(':', '/')", 'assertion.missing', "''", 'assertion.sub + assertion.sub + assertion.sub + assertion.sub + assertion.sub + assertion.sub'),
        'google.groups': fc.constantFrom('[assertion.namespace_path]', 'assertion.groups', "assertion.groups.filter(g, g != '')", 'assertion.namespace_path', '[1]'),
        'attribute.namespace_path': usually('assertion.namespace_path', 'assertion.namespace_path.upperAscii()', 'assertion.nope'),
        'attribute.ref': fc.constantFrom('assertion.ref', "assertion.ref_type + ':' + assertion.ref"),
        'attribute.Bad': fc.constantFrom('assertion.ref'),
      },
      { requiredKeys: ['google.subject'] },
    ),
    attributeCondition: fc.option(
      fc.constantFrom(
        "assertion.namespace_path == 'my-group'",
        "assertion.namespace_path == 'my-group' && assertion.ref_protected == 'true'",
        "attribute.ref.startsWith('branch') || google.subject.endsWith(':main')",
        "assertion.namespace_path in ['my-group', 'other']",
        "assertion.groups.exists(g, g == 'admins')",
        "assertion.project_path.matches('^my-group/')",
        'assertion.ref_protected',
        "assertion.missing == 'x'",
        "'admins' in google.groups",
        "unknown.name == 'x'",
        "assertion.sub ==",
        "!(assertion.ref == 'v1') && (assertion.groups.size() > 0 || assertion.namespace_path == 7)",
        '[0,1,2,3,4,5,6,7,8,9].exists(a, [0,1,2,3,4,5,6,7,8,9].exists(b, [0,1,2,3,4,5,6,7,8,9].exists(c, [0,1,2,3,4,5,6,7,8,9].exists(d, a + b + c + d == 99))))',
        "[0,1,2,3,4,5,6,7,8,9].exists(a, [0,1,2,3,4,5,6,7,8,9].exists(b, [0,1,2,3,4,5,6,7,8,9].exists(c, a + b + c == 99))) || assertion.namespace_path == 'my-group'",
        "[0,1,2,3,4,5,6,7,8,9].exists(a, [0,1,2,3,4,5,6,7,8,9].exists(b, [0,1,2,3,4,5,6,7,8,9].exists(c, [0,1,2,3,4,5,6,7,8,9].exists(d, a + b + c + d == 35)))) && [0,1,2,3,4,5,6,7,8,9].exists(a, [0,1,2,3,4,5,6,7,8,9].exists(b, [0,1,2,3,4,5,6,7,8,9].exists(c, [0,1,2,3,4,5,6,7,8,9].exists(d, a + b + c + d == 36))))",
        "[0,1,2,3,4,5,6,7,8,9].exists(a, [0,1,2,3,4,5,6,7,8,9].exists(b, [0,1,2,3,4,5,6,7,8,9].exists(c, [0,1,2,3,4,5,6,7,8,9].exists(d, [0,1,2,3,4,5,6,7,8,9].exists(e, a + b + c + d + e == 99)))))",
        overWithClauses,
      ),
      { nil: undefined },
    ),
    oidc: fc.record({ issuerUri: usually('https://gitlab.com', 'https://gitlab.com/', 'https://gitlab.example.com', 'http://gitlab.com'), allowedAudiences: fc.option(usually(['https://gitlab.com'], [], ['x'], [`//iam.googleapis.com/${pool}/providers/gitlab`]), { nil: undefined }) }, { requiredKeys: ['issuerUri'] }),
  });
  const member = fc.constantFrom(
    `principalSet://iam.googleapis.com/${pool}/attribute.namespace_path/my-group`,
    `principalSet://iam.googleapis.com/${pool}/*`,
    `principal://iam.googleapis.com/${pool}/subject/project_path:my-group/p:ref_type:branch:ref:main`,
    `principalSet://iam.googleapis.com/${pool}/group/admins`,
    `principalSet://iam.googleapis.com/${pool}/attribute.ref/main`,
    'principalSet://iam.googleapis.com/projects/999/locations/global/workloadIdentityPools/gitlab/*',
    'principalSet://iam.googleapis.com/projects/my-project/locations/global/workloadIdentityPools/gitlab/*',
    'user:someone@example.com',
  );
  const binding = fc.record(
    { role: fc.constantFrom('roles/iam.workloadIdentityUser', 'roles/viewer'), members: fc.array(member, { minLength: 1, maxLength: 3 }), condition: fc.constant({ expression: 'true' }) },
    { requiredKeys: ['role', 'members'] },
  );
  const iamPolicy = fc.option(fc.record({ bindings: fc.array(binding, { maxLength: 3 }) }), { nil: undefined });
  const claims = fc.record(
    {
      iss: usually('https://gitlab.com', 'https://gitlab.com/', 'https://evil.example', 5),
      aud: usually('https://gitlab.com', `//iam.googleapis.com/${pool}/providers/gitlab`, `https://iam.googleapis.com/${pool}/providers/gitlab`, ['https://gitlab.com', 'y'], 'x', 'https://gitlab.com/', `//iam.googleapis.com/${pool}/providers/other`),
      sub: usually('project_path:my-group/p:ref_type:branch:ref:main', 'project_path:other/p:ref_type:tag:ref:v1', 'x'.repeat(130)),
      project_id: fc.constantFrom('22', 22),
      namespace_path: usually('my-group', 'other', 7),
      project_path: fc.constantFrom('my-group/p', 'other/p'),
      ref: fc.constantFrom('main', 'v1'),
      ref_type: fc.constantFrom('branch', 'tag'),
      ref_protected: fc.constantFrom('true', 'false', true),
      groups: fc.oneof(fc.array(fc.constantFrom('admins', 'dev', ''), { maxLength: 3 }), fc.constantFrom('admins', 3)),
      iat: usually(1700000000, 1700000100, 'x', 1600000000),
      exp: usually(1700000300, 1699999000, 'later'),
      nbf: fc.option(fc.constantFrom(1700000000, 1700000200, 'y'), { nil: undefined }),
    },
    { requiredKeys: ['iss', 'sub'] },
  );
  const token = fc.tuple(claims, fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, { arbitrary: fc.constantFrom('RS256', 'ES256', 'HS256', 7), weight: 1 })).map(([payload, alg]): Token =>
    alg === null ? claimsToken(payload) : { kind: 'jws', header: { alg, kid: 'k' } as Token['header'] & object, claims: payload, compact: 'e30.e30.c2ln', warnings: [] } as Token,
  );

  it('every condition on a provider and token that are otherwise let in', { timeout: 600_000 }, () => {
    const conditions = [overWithClauses, "assertion.namespace_path == 'my-group'", "assertion.groups.exists(g, g == 'admins')", "assertion.sub.replace('a', 'b') != ''", "assertion.ref == 'v1'", undefined];
    for (const attributeCondition of conditions) {
      for (const iam of [undefined, { bindings: [{ role: 'roles/iam.workloadIdentityUser', members: [`principalSet://iam.googleapis.com/${pool}/*`] }] }]) {
        const fields = { name: `${pool}/providers/gitlab`, attributeMapping: { 'google.subject': 'assertion.sub', 'google.groups': 'assertion.groups' }, attributeCondition, oidc: { issuerUri: 'https://gitlab.com' } };
        const policyText = JSON.stringify(iam ? { provider: fields, iamPolicy: iam } : { provider: fields }, null, 2);
        const good = { iss: 'https://gitlab.com', aud: `//iam.googleapis.com/${pool}/providers/gitlab`, sub: 'project_path:my-group/p:ref_type:branch:ref:main', namespace_path: 'my-group', groups: ['admins'], ref: 'main', iat: 1700000000, exp: 1700000300 };
        same(policyText, claimsToken(good), 1700000030);
        same(policyText, claimsToken({ ...good, iss: 'https://gitlab.com/' }), 1700000030);
        same(policyText, claimsToken({ ...good, groups: 'admins' }), 1700000030);
      }
    }
  });

  it('random providers and tokens', { timeout: 600_000 }, () => {
    fc.assert(
      fc.property(provider, iamPolicy, fc.array(token, { minLength: 1, maxLength: 3 }), (providerFields, iam, tokens) => {
        const policyText = JSON.stringify(iam ? { provider: providerFields, iamPolicy: iam } : { provider: providerFields }, null, 2);
        for (const candidate of tokens) same(policyText, candidate, 1700000030);
      }),
      { numRuns: 700 },
    );
    expect([...seen].sort()).toEqual(['compiled:allow', 'compiled:deny', 'compiled:error', 'traced:allow', 'traced:deny', 'traced:error']);
  });
});
