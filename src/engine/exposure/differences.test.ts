// A witness says what differs from the token the reviewer compares with, in the order a card shows
// it: the engine computes it where the witness is built, so the page only renders it. The
// configurations are the gallery's GitLab group-wildcard examples (GitLab docs,
// https://docs.gitlab.com/ci/cloud_services/ — the AWS trust policy with `gitlab.com:sub`).
import { describe, expect, it } from 'vitest';
import { exampleById } from '../examples';
import { diffPolicies } from './diff';
import { changedClaimNames, claimMentions, differences, rankClaims } from './differences';
import { analyseExposure } from './index';

function example(id: string) {
  const found = exampleById(id);
  if (!found) throw new Error(`no example ${id}`);
  return found;
}

describe('witness differences', () => {
  it('compare each witness with the token given, even when that token is refused and another is varied', () => {
    const refused = example('gitlab-aws-group-wildcard-denied');
    const report = analyseExposure({ policyText: refused.policy, provider: refused.provider, claims: refused.claims, at: refused.at });
    expect(report.witnesses.length).toBeGreaterThan(0);
    for (const witness of report.witnesses) {
      expect([...(witness.differences ?? [])].sort()).toEqual(changedClaimNames(witness.claims, refused.claims));
    }
    // The refused token's group is othergroup: every witness the wildcard admits differs in project_path.
    expect(report.witnesses.every((witness) => witness.differences?.includes('project_path'))).toBe(true);
  });

  it('compare with the token varied when none is given, as `changed`', () => {
    const admitted = example('gitlab-aws-group-wildcard');
    const report = analyseExposure({ policyText: admitted.policy, provider: admitted.provider, at: admitted.at });
    expect(report.witnesses.length).toBeGreaterThan(0);
    for (const witness of report.witnesses) expect([...(witness.differences ?? [])].sort()).toEqual(witness.changed);
  });

  it('put the claims the configuration names first, then the shortest values', () => {
    const claims = { ci_config_ref_uri: 'gitlab.com/mygroup/p//.gitlab-ci.yml@refs/heads/main', project_id: '99', sub: 'project_path:mygroup/p:ref_type:branch:ref:main', ref: 'main' };
    const named = claimMentions(['{"Condition": {"StringLike": {"gitlab.com:sub": "project_path:mygroup/*"}}}']);
    expect(differences(claims, {}, named)).toEqual(['sub', 'project_id', 'ref', 'ci_config_ref_uri']);
    // `ref` inside `ref_type` is not a mention of the claim ref.
    expect(rankClaims(['ref', 'project_id'], claims, claimMentions(['"ref_type:branch"']))).toEqual(['project_id', 'ref']);
  });

  it('in compare mode, from the token given, and none without one', () => {
    const admitted = example('gitlab-aws-group-wildcard');
    const pinned = admitted.policy.replace('project_path:mygroup/*', 'project_path:mygroup/tools/deep-project:ref_type:branch:ref:feature');
    expect(pinned).not.toBe(admitted.policy);
    const withToken = diffPolicies({ before: pinned, after: admitted.policy, provider: 'aws', claims: admitted.claims, at: admitted.at });
    expect(withToken.broadened.length).toBeGreaterThan(0);
    for (const witness of withToken.broadened) expect([...(witness.differences ?? [])].sort()).toEqual(changedClaimNames(witness.claims, admitted.claims));
    const without = diffPolicies({ before: pinned, after: admitted.policy, provider: 'aws', at: admitted.at });
    for (const witness of [...without.broadened, ...without.narrowed]) expect(witness.differences).toEqual([]);
  });
});
