/**
 * What the Google Cloud examples show beyond their decision and message, which are asserted with the
 * whole gallery (src/engine/examples.test.ts; sources: each example's `source`).
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../evaluate';
import { claimsToken } from '../../token';
import { examples } from './examples';

describe('gcp gallery examples', () => {
  it('has at least three examples, all with gcp- ids, a story, a source and a pinned instant', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const example of examples) {
      expect(example.id).toMatch(/^gcp-[a-z0-9-]+$/);
      expect(example.provider).toBe('gcp');
      expect(example.story.length).toBeGreaterThan(10);
      expect(example.source).toMatch(/^https:\/\//);
      expect(Number.isInteger(example.at)).toBe(true);
    }
    expect(new Set(examples.map((e) => e.id)).size).toBe(examples.length);
  });


  it('marks the failing clause when the GitLab token comes from another group', () => {
    const example = examples.find((e) => e.id === 'gcp-gitlab-other-group')!;
    const result = evaluate({ policyText: example.policy, token: { ok: true, token: claimsToken(example.claims) }, at: example.at });
    const clause = (id: string) => result.checks.find((c) => c.id === id);
    expect(clause('condition')?.decisive).toBe(true);
    expect(clause('condition.clause[0]')?.result).toBe('fail');
    expect(clause('condition.clause[1]')?.result).toBe('fail');
    expect(clause('condition.clause[1]')?.reason).toContain('"other-group"');
  });

  it('reports the matched binding for the GitLab user binding', () => {
    const example = examples.find((e) => e.id === 'gcp-gitlab-user-login')!;
    const result = evaluate({ policyText: example.policy, token: { ok: true, token: claimsToken(example.claims) }, at: example.at });
    expect(result.details.matchedBinding).toEqual({
      index: 0,
      role: 'roles/iam.workloadIdentityUser',
      member: 'principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/gitlab/attribute.user_login/chris',
    });
    // GitLab's guide configures the issuer with a trailing slash; GitLab's tokens carry none.
    expect(result.findings.some((f) => f.id === 'token.issuer.trailing-slash')).toBe(true);
  });
});
