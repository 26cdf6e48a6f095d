import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GITHUB_DOCS_EXAMPLE_CLAIMS, GITLAB_DOCS_EXAMPLE_CLAIMS } from './examples';
import { claimNotes, type ClaimNote } from './notes';

function notesFor(claims: Record<string, unknown>, claim: string): ClaimNote[] {
  return claimNotes(claims).filter((note) => note.claim === claim);
}

describe('claimNotes: GitLab', () => {
  // https://docs.gitlab.com/ci/secrets/id_token_authentication/ example token: "ref_protected": "false",
  // "runner_id": 1, IDs as strings. These are the surprises the claims table flags.
  it('flags the type surprises of a real token as info, and nothing as a warning', () => {
    const notes = claimNotes({ ...GITLAB_DOCS_EXAMPLE_CLAIMS });
    expect(notes.filter((note) => note.severity === 'warning')).toEqual([]);
    expect(notesFor({ ...GITLAB_DOCS_EXAMPLE_CLAIMS }, 'ref_protected')).toEqual([
      { claim: 'ref_protected', severity: 'info', message: '`ref_protected` is the string "false", not a JSON boolean.' },
    ]);
    expect(notesFor({ ...GITLAB_DOCS_EXAMPLE_CLAIMS }, 'environment_protected')[0].severity).toBe('info');
    expect(notesFor({ ...GITLAB_DOCS_EXAMPLE_CLAIMS }, 'runner_id')[0].message).toMatch(/JSON number/);
    expect(notesFor({ ...GITLAB_DOCS_EXAMPLE_CLAIMS }, 'project_id')[0].message).toMatch(/string \("20"\)/);
    // The example's aud is Vault's URL, not the instance URL (GitLab's default).
    expect(notesFor({ ...GITLAB_DOCS_EXAMPLE_CLAIMS }, 'aud')).toEqual([
      {
        claim: 'aud',
        severity: 'info',
        message: '`aud` is "https://vault.example.com", set by the job\'s `id_tokens:…:aud`; GitLab\'s default is the instance URL "https://gitlab.example.com".',
      },
    ]);
  });

  it('warns when a crafted token uses real booleans or a string runner_id', () => {
    const crafted = { ...GITLAB_DOCS_EXAMPLE_CLAIMS, ref_protected: true, environment_protected: false, runner_id: '1' };
    const refProtected = notesFor(crafted, 'ref_protected');
    expect(refProtected).toHaveLength(1);
    expect(refProtected[0].severity).toBe('warning');
    expect(refProtected[0].message).toMatch(/boolean true; GitLab sends the string "true"/);
    expect(notesFor(crafted, 'environment_protected')[0].severity).toBe('warning');
    expect(notesFor(crafted, 'runner_id')[0]).toMatchObject({ severity: 'warning', message: '`runner_id` is the JSON string "1"; GitLab sends a JSON number.' });
  });

  it('warns when a value has another JSON type than the catalogue says', () => {
    const crafted = { ...GITLAB_DOCS_EXAMPLE_CLAIMS, project_id: 20, groups_direct: 'my-group' };
    expect(notesFor(crafted, 'project_id')).toEqual([
      { claim: 'project_id', severity: 'warning', message: '`project_id` is the JSON number 20; GitLab CI (id_tokens) sends a string.' },
    ]);
    expect(notesFor(crafted, 'groups_direct')[0].message).toMatch(/sends an array of string/);
  });

  // lib/gitlab/ci/jwt.rb: environment claims are only added together with `environment`.
  it('warns about environment claims without an environment', () => {
    const { environment: _dropped, ...withoutEnvironment } = GITLAB_DOCS_EXAMPLE_CLAIMS;
    expect(notesFor(withoutEnvironment, 'deployment_tier')[0].severity).toBe('warning');
  });

  it('warns when ref_path disagrees with ref and ref_type', () => {
    expect(notesFor({ ...GITLAB_DOCS_EXAMPLE_CLAIMS, ref_type: 'tag' }, 'ref_path')[0].message).toMatch(/refs\/tags\/feature-branch-1/);
  });

  // lib/gitlab/ci/jwt.rb (v1: bare-host iss, sub job_<id>, no aud); deprecated 15.9, removed 17.0
  // (https://docs.gitlab.com/ci/cloud_services/).
  it('explains the legacy CI_JOB_JWT v1 shape', () => {
    const legacy = { ...GITLAB_DOCS_EXAMPLE_CLAIMS, iss: 'gitlab.example.com', sub: 'job_302' } as Record<string, unknown>;
    delete legacy.aud;
    const notes = claimNotes(legacy);
    expect(notes).toContainEqual(expect.objectContaining({ claim: 'sub', severity: 'warning', message: expect.stringMatching(/deprecated in GitLab 15\.9 and removed in 17\.0/) }));
    expect(notesFor(legacy, 'aud')).toEqual([expect.objectContaining({ severity: 'info' })]);
  });
});

describe('claimNotes: GitHub', () => {
  // https://docs.github.com/en/actions/concepts/security/openid-connect example token: IDs and
  // counters are strings; aud is the owner URL (the default).
  it('flags string IDs as info and the example token raises no warning', () => {
    const notes = claimNotes({ ...GITHUB_DOCS_EXAMPLE_CLAIMS });
    expect(notes.filter((note) => note.severity === 'warning')).toEqual([]);
    expect(notes.map((note) => note.claim).sort()).toEqual(['actor_id', 'enterprise_id', 'repository_id', 'repository_owner_id', 'run_attempt', 'run_id', 'run_number'].sort());
  });

  it('warns about numeric IDs in a crafted token', () => {
    expect(notesFor({ ...GITHUB_DOCS_EXAMPLE_CLAIMS, repository_id: 74 }, 'repository_id')).toEqual([
      { claim: 'repository_id', severity: 'warning', message: '`repository_id` is the JSON number 74; GitHub Actions sends a string.' },
    ]);
    expect(notesFor({ ...GITHUB_DOCS_EXAMPLE_CLAIMS, repo_property_pci: true }, 'repo_property_pci')[0].severity).toBe('warning');
  });

  // oidc.md: aud defaults to the owner URL unless the job asks for another.
  it('notes a non-default audience', () => {
    expect(notesFor({ ...GITHUB_DOCS_EXAMPLE_CLAIMS, aud: 'sts.amazonaws.com' }, 'aud')[0]).toMatchObject({ severity: 'info', message: expect.stringMatching(/default is "https:\/\/github.com\/octo-org"/) });
  });

  it('warns when ref_type disagrees with ref', () => {
    expect(notesFor({ ...GITHUB_DOCS_EXAMPLE_CLAIMS, ref: 'refs/tags/v1' }, 'ref_type')[0].severity).toBe('warning');
  });
});

describe('claimNotes: registered claims', () => {
  // RFC 7519 §4.1 claims every service here relies on.
  it('warns about missing iss, sub, aud and exp', () => {
    const notes = claimNotes({ iat: 1 });
    expect(notes.filter((note) => note.severity === 'warning').map((note) => note.claim)).toEqual(['iss', 'sub', 'aud', 'exp']);
  });

  it('warns about a string exp', () => {
    expect(notesFor({ iss: 'x', sub: 'y', aud: 'z', exp: '1700000000' }, 'exp')[0].message).toMatch(/JSON string "1700000000"; RFC 7519 defines it as a number/);
  });

  it('never throws on random JSON', () => {
    const issuers = fc.constantFrom('https://token.actions.githubusercontent.com', 'https://gitlab.com', 'gitlab.com', 'x');
    const claimNames = fc.constantFrom('iss', 'sub', 'aud', 'exp', 'ref', 'ref_type', 'ref_path', 'ref_protected', 'runner_id', 'environment', 'deployment_tier', 'repository', 'repository_owner', 'project_id', 'namespace_id', 'pipeline_id', '__proto__', 'constructor');
    fc.assert(
      fc.property(fc.dictionary(fc.oneof(claimNames, fc.string()), fc.oneof(issuers, fc.jsonValue())), (claims) => {
        const notes = claimNotes(claims);
        return Array.isArray(notes) && notes.every((note) => typeof note.message === 'string' && note.message.length > 0);
      }),
      { numRuns: 10_000 },
    );
    fc.assert(fc.property(fc.jsonValue(), (value) => Array.isArray(claimNotes(value as Record<string, unknown>))));
  });
});
