/**
 * Every gallery example yields an exposure report, with and without its token; every witness is
 * admitted by evaluate() on exactly its claims and is a token its issuer could mint. Examples whose
 * story is a mistake show the attack the story names.
 */
import { describe, expect, it } from 'vitest';
import { consistencyProblems } from '../claims/models';
import { evaluate } from '../evaluate';
import { EXAMPLES, exampleById } from '../examples';
import { parseInstant } from '../time';
import { claimsToken, parseClaims } from '../token';
import { analyseExposure } from './index';
import type { ExposureReport } from './types';

function checkWitnesses(report: ExposureReport, policyText: string, options?: Record<string, string>) {
  for (const witness of report.witnesses) {
    expect(consistencyProblems(witness.claims), `${witness.axis}: ${JSON.stringify(witness.claims)}`).toEqual([]);
    const at = parseInstant(witness.at)!;
    const result = evaluate({ policyText, provider: report.provider, token: { ok: true, token: claimsToken(witness.claims) }, at, options });
    expect(result.decision, `${witness.axis}: ${result.message}`).toBe('allow');
    expect(witness.message).toBe(result.message);
  }
}

describe('exposure of every gallery example', () => {
  for (const example of EXAMPLES) {
    it(`${example.id}: a report with its token and without`, () => {
      for (const claims of [example.claims, null]) {
        const report = analyseExposure({ policyText: example.policy, provider: example.provider, claims, at: example.at, options: example.options });
        expect(report.error).toBeUndefined();
        expect(report.provider).toBe(example.provider);
        expect(['pinned', 'narrow', 'broad', 'open']).toContain(report.grade);
        checkWitnesses(report, example.policy, example.options);
        if (report.witnesses.length === 0) expect(report.grade).toBe('pinned');
      }
    });
  }
});

describe('exposure of a pasted token whose claims have the wrong JSON type', () => {
  // Claims pasted as JSON are parsed into objects without a prototype, so quoting one with String()
  // throws. Such a token is refused, and the report says so in words, quoting its refusal.
  const refused = (report: ExposureReport) => expect(report.summary[0]).toMatch(/^the token given is refused \(.+\); the witnesses vary tokens the configuration admits$/);
  const cases: Array<[id: string, expected: (report: ExposureReport) => void]> = [
    ['eks-irsa-aws', refused],
    ['gcp-kubernetes-workload-identity', refused],
    ['azure-aks-workload-identity', refused],
    ['vault-gitlab-project-id-number', refused],
  ];
  for (const [id, expected] of cases) {
    it(`${id}: iss as an object`, () => {
      const example = exampleById(id)!;
      const outcome = parseClaims(JSON.stringify({ ...example.claims, iss: { a: 1 } }));
      if (!outcome.ok) throw new Error(outcome.error.message);
      const report = analyseExposure({ policyText: example.policy, provider: example.provider, claims: outcome.token.claims, at: example.at, options: example.options });
      expect(report.error).toBeUndefined();
      expect(JSON.stringify(report)).not.toContain('[object');
      expected(report);
    });
  }
});

/** The attack each mistake story names (README gallery table). */
const STORIES: Array<{ id: string; axes: string[]; grade: string; why: string }> = [
  { id: 'gitlab-aws-group-wildcard', axes: ['other-project', 'subgroup', 'other-branch'], grade: 'broad', why: 'project_path:mygroup/* lets any project in any subgroup in, on any branch' },
  { id: 'gitlab-aws-group-wildcard-denied', axes: ['other-project', 'subgroup'], grade: 'broad', why: 'the same wildcard, seen from a refused token' },
  { id: 'github-aws-org-wildcard', axes: ['other-repository', 'other-branch'], grade: 'broad', why: 'repo:octo-org/* lets a feature-branch workflow of any octo-org repository in' },
  { id: 'github-aws-no-sub', axes: ['any-repository'], grade: 'open', why: "an aud-only role lets any repository's workflow in" },
  { id: 'gitlab-aws-branch', axes: ['unprotected-ref', 'recreated-project'], grade: 'narrow', why: "GitLab's documented policy pins sub only: ref protection and the project ID are free" },
  { id: 'gitlab-aws-project-id', axes: ['unprotected-ref'], grade: 'narrow', why: 'pinning the IDs closes the re-created project' },
  { id: 'vault-gitlab-production-unprotected', axes: ['other-branch', 'pull-request'], grade: 'narrow', why: 'auto-deploy-* admits other branches of project 22 (the issuer is the mount\'s keys\' to decide: a note, not a witness)' },
  { id: 'vault-github-main-branch', axes: ['pull-request-target'], grade: 'narrow', why: 'a role bound to refs/heads/main admits pull_request_target runs, which carry the base ref' },
  { id: 'azure-flexible-branch-wildcard', axes: ['other-branch'], grade: 'narrow', why: "claims['sub'] matches 'repo:…:ref:refs/heads/*' admits any branch" },
];

describe('mistake stories show their attack', () => {
  for (const story of STORIES) {
    it(`${story.id}: ${story.why}`, () => {
      const example = exampleById(story.id)!;
      const report = analyseExposure({ policyText: example.policy, provider: example.provider, claims: example.claims, at: example.at, options: example.options });
      const axes = report.witnesses.map((witness) => witness.axis);
      for (const axis of story.axes) expect(axes, report.summary.join('\n')).toContain(axis);
      expect(report.grade).toBe(story.grade);
    });
  }

  it('a pinned project ID closes the re-created-project axis', () => {
    const example = exampleById('gitlab-aws-project-id')!;
    const report = analyseExposure({ policyText: example.policy, provider: 'aws', claims: example.claims, at: example.at });
    expect(report.witnesses.map((witness) => witness.axis)).not.toContain('recreated-project');
  });

  it('a role that refuses every token has no witness and is pinned', () => {
    const example = exampleById('vault-github-no-bound-audiences')!;
    const report = analyseExposure({ policyText: example.policy, provider: 'vault', claims: null, at: example.at, options: example.options });
    expect(report.witnesses).toEqual([]);
    expect(report.grade).toBe('pinned');
    expect(report.opaque.join('\n')).toContain('no token the configuration admits could be built');
  });

  it('the organisation wildcard names another repository of octo-org in its summary', () => {
    const example = exampleById('github-aws-org-wildcard')!;
    const report = analyseExposure({ policyText: example.policy, provider: 'aws', claims: example.claims, at: example.at });
    expect(report.summary).toContain('repository: any repository of octo-org');
    const witness = report.witnesses.find((candidate) => candidate.axis === 'other-repository')!;
    expect(String(witness.claims.repository)).toMatch(/^octo-org\/(?!octo-repo$)/);
    expect(witness.claims.repository_owner).toBe('octo-org');
    expect(witness.claims.sub).toBe(`repo:${String(witness.claims.repository)}:ref:${String(witness.claims.ref)}`);
  });

  it('the group wildcard reads as any project under mygroup/, at any depth, built without a token', () => {
    const example = exampleById('gitlab-aws-group-wildcard')!;
    const report = analyseExposure({ policyText: example.policy, provider: 'aws', claims: null, at: example.at });
    expect(report.summary).toContain('project_path: any project under mygroup/, at any depth');
    expect(report.intended?.project_path).toBe('mygroup/my-project');
  });
});
