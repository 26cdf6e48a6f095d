// Each example's decision and message are asserted with the whole gallery (src/engine/examples.test.ts).
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../evaluate';
import { claimsToken } from '../../token';
import { examples } from './examples';

function run(id: string) {
  const example = examples.find((candidate) => candidate.id === id);
  if (!example) throw new Error(`no example ${id}`);
  const result = evaluate({ policyText: example.policy, token: { ok: true, token: claimsToken(example.claims) }, at: example.at, options: example.options });
  return { example, result, decisive: result.checks.find((check) => check.decisive) };
}

describe('aws gallery examples', () => {
  it('has the default example, unique ids, and cites a source for each', () => {
    const ids = examples.map((example) => example.id);
    expect(ids).toContain('gitlab-aws-branch');
    expect(new Set(ids).size).toBe(ids.length);
    for (const example of examples) expect(example.source, example.id).toMatch(/^https:\/\//);
  });

  // The examples menu covers each documented policy with a token it admits and one it refuses, and
  // the refusal fails on the condition the scenario is about (aws.md §2.2: a condition that does not
  // match makes the Allow statement not apply, so the call is implicitly denied).
  const pairs: { policy: string; allowed: string; denied: string; failingCondition: string }[] = [
    // https://docs.gitlab.com/ci/cloud_services/aws/ (the seed: a self-managed instance, default key mapping)
    { policy: 'GitLab docs, self-managed', allowed: 'gitlab-aws-self-managed', denied: 'gitlab-aws-self-managed-denied', failingCondition: 'StringEquals.gitlab.example.com:sub' },
    // The same page for gitlab.com; tag pipelines put ref_type:tag into sub.
    { policy: 'GitLab docs, gitlab.com', allowed: 'gitlab-aws-branch', denied: 'gitlab-aws-tag-denied', failingCondition: 'StringEquals.gitlab.com:sub' },
    // The same page, 2026: namespace_id and project_id are gitlab.com-only keys (aws.md §0.2).
    { policy: 'gitlab.com with IDs', allowed: 'gitlab-aws-project-id', denied: 'gitlab-aws-project-id-denied', failingCondition: 'StringEquals.gitlab.com:project_id' },
    // https://docs.gitlab.com/ci/cloud_services/ "Filter to all projects under a group".
    { policy: 'GitLab group wildcard', allowed: 'gitlab-aws-group-wildcard', denied: 'gitlab-aws-group-wildcard-denied', failingCondition: 'StringLike.gitlab.com:sub' },
    // https://docs.github.com/en/actions/how-tos/secure-your-work/security-harden-deployments/oidc-in-aws
    { policy: 'GitHub docs, branch', allowed: 'github-aws-branch', denied: 'github-aws-pull-request-denied', failingCondition: 'StringEquals.token.actions.githubusercontent.com:sub' },
    { policy: 'GitHub docs, environment', allowed: 'github-aws-environment', denied: 'github-aws-environment-denied', failingCondition: 'StringEquals.token.actions.githubusercontent.com:sub' },
    // https://docs.github.com/en/actions/reference/security/oidc subject `repo:ORG_NAME/*`.
    { policy: 'GitHub organization wildcard', allowed: 'github-aws-org-wildcard', denied: 'github-aws-org-wildcard-denied', failingCondition: 'StringLike.token.actions.githubusercontent.com:sub' },
  ];

  for (const { policy, allowed, denied, failingCondition } of pairs) {
    it(`${policy}: ${allowed} is allowed, ${denied} is refused on ${failingCondition}`, () => {
      const allow = run(allowed);
      const deny = run(denied);
      expect(deny.example.policy).toBe(allow.example.policy);
      expect(allow.result.decision, allow.result.message).toBe('allow');
      expect(deny.result.decision, deny.result.message).toBe('deny');
      expect(deny.result.message).toBe('AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity');
      expect(deny.decisive?.id).toBe(`statement[0].condition.${failingCondition}`);
      expect(deny.decisive?.result).toBe('fail');
    });
  }

});
