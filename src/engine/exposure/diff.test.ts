/**
 * Policy diff: a configuration compared with itself changes nothing; swapping the versions swaps
 * broadened and narrowed; every reported decision is what evaluate() says for that token.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate';
import { exampleById } from '../examples';
import { parseInstant } from '../time';
import { claimsToken } from '../token';
import { diffPolicies, type DiffOutcome } from './diff';

const AT = 1_700_000_000;

function awsPolicy(operator: string, sub: string | string[], host = 'gitlab.com', audience = 'https://gitlab.com'): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${host}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${host}:aud`]: audience }, [operator]: { [`${host}:sub`]: sub } },
      },
    ],
  });
}

const PINNED = awsPolicy('StringEquals', 'project_path:mygroup/myproject:ref_type:branch:ref:main');
const GROUP = awsPolicy('StringLike', 'project_path:mygroup/*');

function keys(list: DiffOutcome['broadened']): string[] {
  return list.map((witness) => JSON.stringify(witness.claims)).sort();
}

function assertDecisions(report: DiffOutcome, before: string, after: string) {
  for (const witness of [...report.broadened, ...report.narrowed]) {
    const at = parseInstant(witness.at)!;
    const token = { ok: true as const, token: claimsToken(witness.claims) };
    expect(witness.before).toBe(evaluate({ policyText: before, provider: report.provider, token, at }).decision);
    expect(witness.after).toBe(evaluate({ policyText: after, provider: report.provider, token, at }).decision);
  }
  for (const witness of report.broadened) expect([witness.before !== 'allow', witness.after]).toEqual([true, 'allow']);
  for (const witness of report.narrowed) expect([witness.before, witness.after !== 'allow']).toEqual(['allow', true]);
}

describe('diffPolicies', () => {
  it('widening sub from one project and branch to project_path:mygroup/* broadens to another project of mygroup', () => {
    const report = diffPolicies({ before: PINNED, after: GROUP, provider: 'aws', at: AT });
    expect(report.error).toBeUndefined();
    expect(report.narrowed).toEqual([]);
    const axes = report.broadened.map((witness) => witness.axis);
    expect(axes).toContain('other-project');
    expect(axes).toContain('subgroup');
    expect(axes).toContain('tag-as-branch');
    const other = report.broadened.find((witness) => witness.axis === 'other-project')!;
    expect(String(other.claims.project_path)).toMatch(/^mygroup\/(?!myproject$)[^/]+$/);
    assertDecisions(report, PINNED, GROUP);
  });

  it('the reverse change narrows exactly what the widening broadened', () => {
    const forward = diffPolicies({ before: PINNED, after: GROUP, provider: 'aws', at: AT });
    const backward = diffPolicies({ before: GROUP, after: PINNED, provider: 'aws', at: AT });
    expect(keys(backward.narrowed)).toEqual(keys(forward.broadened));
    expect(keys(backward.broadened)).toEqual(keys(forward.narrowed));
    expect(backward.unchanged).toBe(forward.unchanged);
  });

  it('a configuration compared with itself reports nothing', () => {
    const report = diffPolicies({ before: GROUP, after: GROUP, provider: 'aws', at: AT });
    expect(report.broadened).toEqual([]);
    expect(report.narrowed).toEqual([]);
    expect(report.unchanged).toBeGreaterThan(0);
  });

  it('with a given token, the token itself is compared too', () => {
    const example = exampleById('gitlab-aws-tag-denied')!;
    const tagAllowed = awsPolicy('StringLike', 'project_path:mygroup/myproject:ref_type:*:ref:*');
    const report = diffPolicies({ before: example.policy, after: tagAllowed, provider: 'aws', claims: example.claims, at: example.at });
    expect(report.broadened.some((witness) => witness.axis === 'given')).toBe(true);
    assertDecisions(report, example.policy, tagAllowed);
  });

  it('before and after may be of different forms (a document and get-role output)', () => {
    const getRole = JSON.stringify({ Role: { RoleName: 'deploy', AssumeRolePolicyDocument: JSON.parse(PINNED) } });
    const report = diffPolicies({ before: PINNED, after: getRole, provider: 'aws', at: AT });
    expect(report.error).toBeUndefined();
    expect(report.broadened).toEqual([]);
    expect(report.narrowed).toEqual([]);
  });

  it('an unreadable version is an input error naming it', () => {
    expect(diffPolicies({ before: PINNED, after: '{', provider: 'aws', at: AT }).error).toMatch(/^after: /);
  });

  const sub = fc.oneof(
    fc.constantFrom('project_path:mygroup/myproject:ref_type:branch:ref:main', 'project_path:mygroup/*', 'project_path:mygroup/myproject:*', 'project_path:mygroup/*:ref_type:branch:ref:main', 'project_path:*', 'project_path:mygroup/myproject:ref_type:*:ref:main*'),
  );
  const policy = fc.record({ operator: fc.constantFrom('StringEquals', 'StringLike', 'StringNotLike'), subs: fc.array(sub, { minLength: 1, maxLength: 2 }) }).map(({ operator, subs }) => awsPolicy(operator, subs));

  it('property: swapping versions swaps broadened and narrowed; decisions agree with evaluate()', () => {
    fc.assert(
      fc.property(policy, policy, (before, after) => {
        const forward = diffPolicies({ before, after, provider: 'aws', at: AT });
        const backward = diffPolicies({ before: after, after: before, provider: 'aws', at: AT });
        expect(keys(forward.broadened)).toEqual(keys(backward.narrowed));
        expect(keys(forward.narrowed)).toEqual(keys(backward.broadened));
        assertDecisions(forward, before, after);
        const same = diffPolicies({ before, after: before, provider: 'aws', at: AT });
        expect(same.broadened.length + same.narrowed.length).toBe(0);
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
