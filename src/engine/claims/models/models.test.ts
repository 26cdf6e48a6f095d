/**
 * Issuer token models. Rules and sources:
 * - GitLab: doc/ci/secrets/id_token_authentication.md (claims and their string types; sub
 *   `project_path:{group}/{project}:ref_type:{branch|tag}:ref:{name}`), lib/gitlab/ci/jwt_v2.rb
 *   (sub components joined as `name:value`), lib/gitlab/ci/jwt.rb (namespace_path is the
 *   project's namespace, ref_path `refs/heads|tags/…`, ref_protected "true"/"false").
 * - GitHub: docs.github.com reference/security/oidc.md (sub precedence environment >
 *   pull_request > ref, `%3A` escaping, include_claim_keys), concepts/security/openid-connect.md
 *   (repository_owner is the part of repository before `/`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGitHubClaims, buildGitLabClaims, GITHUB_DEFAULTS, GITLAB_DEFAULTS } from '../builder';
import { GITHUB_DOCS_EXAMPLE_CLAIMS, GITLAB_DOCS_EXAMPLE_CLAIMS } from '../examples';
import { consistencyProblems, githubRunFromClaims, gitlabJobFromClaims, isMintable, mintGitHub, mintGitLab } from './index';

const AT = 1_700_000_000;

describe('GitLab model', () => {
  it("accepts GitLab's documented payload and the builder's tokens", () => {
    expect(consistencyProblems({ ...GITLAB_DOCS_EXAMPLE_CLAIMS })).toEqual([]);
    expect(consistencyProblems(buildGitLabClaims(GITLAB_DEFAULTS, AT))).toEqual([]);
    expect(consistencyProblems(buildGitLabClaims({ ...GITLAB_DEFAULTS, refType: 'tag', ref: 'v1.0', subFormat: 'project-id' }, AT))).toEqual([]);
  });

  it('refuses claim sets GitLab cannot mint', () => {
    const base = buildGitLabClaims(GITLAB_DEFAULTS, AT);
    expect(consistencyProblems({ ...base, sub: 'project_path:my-group/other:ref_type:branch:ref:main' }).join()).toContain('sub says project_path');
    expect(consistencyProblems({ ...base, namespace_path: 'other-group' }).join()).toContain('namespace_path');
    expect(consistencyProblems({ ...base, ref_protected: true }).join()).toContain('ref_protected');
    expect(consistencyProblems({ ...base, ref_type: 'commit' }).join()).toContain('ref_type');
    expect(consistencyProblems({ ...base, pipeline_source: 'pull_request' }).join()).toContain('pipeline_source');
    expect(consistencyProblems({ ...base, ref: 'main\u0000' }).join()).toContain('git ref');
    expect(consistencyProblems({ ...base, ref_type: 'tag', sub: 'project_path:my-group/my-project:ref_type:tag:ref:main' }).join()).toContain('ref_path');
  });

  it('legacy CI_JOB_JWT (v1) subjects are job_<job_id>', () => {
    const legacy = { ...buildGitLabClaims(GITLAB_DEFAULTS, AT), iss: 'gitlab.com', sub: 'job_302', job_id: '302' };
    expect(isMintable(legacy)).toBe(false); // the v1 issuer is a bare host, not a URL
    const v2 = { ...buildGitLabClaims(GITLAB_DEFAULTS, AT), aud: 'https://gitlab.com' };
    expect(isMintable(v2)).toBe(true); // CI_JOB_JWT_V2: the id_tokens claim set with aud = the instance URL
  });

  it('minting recomputes every claim that moves with the project and ref', () => {
    const base = buildGitLabClaims(GITLAB_DEFAULTS, AT);
    const job = gitlabJobFromClaims(base);
    const minted = mintGitLab({ ...job, projectPath: 'my-group/sub/other', refType: 'tag', ref: 'v2' }, base);
    expect(minted.namespace_path).toBe('my-group/sub');
    expect(minted.sub).toBe('project_path:my-group/sub/other:ref_type:tag:ref:v2');
    expect(minted.ref_path).toBe('refs/tags/v2');
    expect(minted.job_project_path).toBe('my-group/sub/other');
    expect(minted.ci_config_ref_uri).toBe('gitlab.com/my-group/sub/other//.gitlab-ci.yml@refs/tags/v2');
    expect(consistencyProblems(minted)).toEqual([]);
  });

  it('keeps a project-ID-led subject and its component order', () => {
    const base = buildGitLabClaims({ ...GITLAB_DEFAULTS, subFormat: 'project-id' }, AT);
    const minted = mintGitLab({ ...gitlabJobFromClaims(base), projectId: '999' }, base);
    expect(minted.sub).toBe('project_id:999:ref_type:branch:ref:main');
  });

  const segment = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
  it('property: any job built through the model is mintable', () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 2, maxLength: 4 }), segment, fc.constantFrom('branch', 'tag'), fc.boolean(), fc.option(segment, { nil: null }), (path, ref, refType, protectedRef, environment) => {
        const base = buildGitLabClaims(GITLAB_DEFAULTS, AT);
        const minted = mintGitLab({ ...gitlabJobFromClaims(base), projectPath: path.join('/'), ref, refType: refType as 'branch' | 'tag', refProtected: protectedRef, environment }, base);
        expect(consistencyProblems(minted)).toEqual([]);
      }),
    );
  });
});

describe('GitHub Actions model', () => {
  it("accepts GitHub's documented token and the builder's tokens", () => {
    expect(consistencyProblems({ ...GITHUB_DOCS_EXAMPLE_CLAIMS })).toEqual([]);
    expect(consistencyProblems(buildGitHubClaims(GITHUB_DEFAULTS, AT))).toEqual([]);
    expect(consistencyProblems(buildGitHubClaims({ ...GITHUB_DEFAULTS, eventName: 'pull_request', ref: 'refs/pull/1/merge' }, AT))).toEqual([]);
  });

  it('refuses claim sets GitHub cannot mint', () => {
    const base = buildGitHubClaims(GITHUB_DEFAULTS, AT);
    expect(consistencyProblems({ ...base, repository_owner: 'someone-else' }).join()).toContain('repository_owner');
    expect(consistencyProblems({ ...base, sub: 'repo:octo-org/other:ref:refs/heads/main' }).join()).toContain('another repository');
    expect(consistencyProblems({ ...base, sub: 'repo:octo-org/octo-repo:ref:refs/heads/dev' }).join()).toContain('sub ends in');
    expect(consistencyProblems({ ...base, environment: 'prod' }).join()).toContain('environment:prod');
    expect(consistencyProblems({ ...base, ref_type: 'tag' }).join()).toContain('ref_type');
    expect(consistencyProblems({ ...base, repository: 'octo-org/octo-repo/extra' }).join()).toContain('OWNER/REPO');
  });

  it('minting follows the sub precedence environment > pull_request > ref and escapes colons', () => {
    const base = buildGitHubClaims(GITHUB_DEFAULTS, AT);
    const run = githubRunFromClaims(base);
    expect(mintGitHub({ ...run, environment: 'prod:eu' }, base).sub).toBe('repo:octo-org/octo-repo:environment:prod%3Aeu');
    expect(mintGitHub({ ...run, eventName: 'pull_request', ref: 'refs/pull/7/merge' }, base).sub).toBe('repo:octo-org/octo-repo:pull_request');
    const moved = mintGitHub({ ...run, owner: 'other-org', repo: 'tool' }, base);
    expect([moved.repository, moved.repository_owner, moved.sub]).toEqual(['other-org/tool', 'other-org', 'repo:other-org/tool:ref:refs/heads/main']);
    expect(moved.job_workflow_ref).toBe('other-org/tool/.github/workflows/deploy.yml@refs/heads/main');
    expect(consistencyProblems(moved)).toEqual([]);
  });

  it('keeps an include_claim_keys subject in its template order', () => {
    const base = { ...buildGitHubClaims({ ...GITHUB_DEFAULTS, environment: 'prod' }, AT) };
    base.sub = `repo:octo-org/octo-repo:environment:prod:job_workflow_ref:${String(base.job_workflow_ref)}`;
    const run = githubRunFromClaims(base);
    expect(run.subject).toEqual({ kind: 'custom', keys: ['repo', 'context', 'job_workflow_ref'] });
    const minted = mintGitHub({ ...run, environment: 'staging' }, base);
    expect(minted.sub).toBe(`repo:octo-org/octo-repo:environment:staging:job_workflow_ref:${String(base.job_workflow_ref)}`);
  });

  it('keeps the immutable OWNER@ID/REPO@ID subject', () => {
    const base = buildGitHubClaims({ ...GITHUB_DEFAULTS, immutableSub: true }, AT);
    const minted = mintGitHub({ ...githubRunFromClaims(base), repoId: '1000' }, base);
    expect(minted.sub).toBe('repo:octo-org@65/octo-repo@1000:ref:refs/heads/main');
    expect(consistencyProblems(minted)).toEqual([]);
  });
});

describe('events fix what a run carries', () => {
  const push = () => buildGitHubClaims(GITHUB_DEFAULTS, AT);

  it('GitHub: a pull_request run has refs/pull/<n>/merge (docs.github.com actions/reference/workflows-and-actions/events-that-trigger-workflows#pull_request)', () => {
    const base = push();
    const good = mintGitHub({ ...githubRunFromClaims(base), eventName: 'pull_request', ref: 'refs/pull/7/merge' }, base);
    expect(consistencyProblems(good)).toEqual([]);
    for (const ref of ['refs/heads/main', 'refs/tags/v1']) {
      const bad = mintGitHub({ ...githubRunFromClaims(base), eventName: 'pull_request', ref }, base);
      expect(consistencyProblems(bad).join()).toContain('refs/pull/<number>/merge');
    }
  });

  it('GitHub: pull_request_target and merge_group run on a branch (the base branch; events-that-trigger-workflows)', () => {
    const base = push();
    const tag = mintGitHub({ ...githubRunFromClaims(base), eventName: 'pull_request_target', ref: 'refs/tags/v1' }, base);
    expect(consistencyProblems(tag).join()).toContain('pull_request_target run has a branch ref');
    expect(consistencyProblems(mintGitHub({ ...githubRunFromClaims(base), eventName: 'pull_request_target' }, base))).toEqual([]);
  });

  it('GitHub: ref is always fully qualified (docs.github.com actions/reference/security/oidc: "ref": "refs/heads/main")', () => {
    const base = push();
    expect(consistencyProblems({ ...base, ref: 'main', sub: 'repo:octo-org/octo-repo:ref:main' }).join()).toContain('not qualified');
  });

  it('GitHub: the retired vstoken issuer mints nothing', () => {
    const base = push();
    expect(consistencyProblems({ ...base, iss: 'https://vstoken.actions.githubusercontent.com' }).join()).toContain('retired issuer');
  });

  it('GitHub: include_claim_keys [repo] gives a sub of repo:OWNER/REPO alone (oidc.md, customizing the subject claims)', () => {
    const base = push();
    expect(consistencyProblems({ ...base, sub: 'repo:octo-org/octo-repo' })).toEqual([]);
    expect(consistencyProblems({ ...base, sub: 'repo:octo-org/other' }).join()).toContain('another repository');
  });

  it('GitLab: a merge request pipeline runs for a branch, never a tag (docs.gitlab.com ci/pipelines/merge_request_pipelines)', () => {
    const base = buildGitLabClaims(GITLAB_DEFAULTS, AT);
    const job = gitlabJobFromClaims(base);
    expect(consistencyProblems(mintGitLab({ ...job, pipelineSource: 'merge_request_event', refType: 'tag', ref: 'v1' }, base)).join()).toContain('merge request pipeline runs for a branch');
    expect(consistencyProblems(mintGitLab({ ...job, pipelineSource: 'merge_request_event' }, base))).toEqual([]);
  });
});
