import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildGitHubClaims,
  buildGitLabClaims,
  CLAIM_TEMPLATES,
  deterministicUuid,
  GITHUB_DEFAULTS,
  GITLAB_DEFAULTS,
  type GitHubClaimsInput,
  type GitLabClaimsInput,
} from './builder';
import { claimInfo, valueMatchesType } from './catalogue';
import { GITHUB_DOCS_EXAMPLE_CLAIMS, GITLAB_DOCS_EXAMPLE_CLAIMS } from './examples';
import { issuerFamily } from './issuer';
import { claimNotes } from './notes';
import { explainSubject } from './subject';

const AT = 1_700_000_000;

function segmentValues(claims: Record<string, unknown>): Record<string, string> {
  const explanation = explainSubject(claims);
  if (!explanation) throw new Error('no explanation');
  return Object.fromEntries(explanation.segments.map((segment) => [segment.key, segment.value]));
}

/** The inputs behind the GitLab docs example token (id_token_authentication.md). */
const GITLAB_DOCS_INPUT: GitLabClaimsInput = {
  instanceUrl: 'https://gitlab.example.com',
  namespacePath: 'my-group',
  namespaceId: '72',
  projectPath: 'my-group/my-project',
  projectId: '20',
  ref: 'feature-branch-1',
  refType: 'branch',
  refProtected: false,
  environment: 'test-environment2',
  environmentProtected: false,
  deploymentTier: 'testing',
  pipelineSource: 'push',
  userLogin: 'sample-user',
  userId: '1',
  userEmail: 'sample-user@example.com',
  runnerId: 1,
  runnerEnvironment: 'self-hosted',
  aud: 'https://vault.example.com',
  subFormat: 'default',
};

describe('buildGitLabClaims', () => {
  // https://docs.gitlab.com/ci/secrets/id_token_authentication/ (example token): same claims, same
  // JSON types, same values for everything the form controls. user_identities is a user preference.
  it('reproduces the docs example token from its inputs', () => {
    const built = buildGitLabClaims(GITLAB_DOCS_INPUT, AT);
    const controlled = ['namespace_id', 'namespace_path', 'project_id', 'project_path', 'user_id', 'user_login', 'user_email', 'pipeline_source', 'ref', 'ref_type', 'ref_path', 'ref_protected', 'environment', 'environment_protected', 'deployment_tier', 'runner_id', 'runner_environment', 'iss', 'sub', 'aud'];
    for (const name of Object.keys(GITLAB_DOCS_EXAMPLE_CLAIMS)) {
      if (name === 'user_identities') continue;
      expect(built, name).toHaveProperty(name);
      expect(typeof built[name], name).toBe(typeof GITLAB_DOCS_EXAMPLE_CLAIMS[name]);
      if (controlled.includes(name)) expect(built[name], name).toEqual(GITLAB_DOCS_EXAMPLE_CLAIMS[name]);
    }
  });

  // lib/gitlab/ci/jwt.rb: nbf = iat − 5, exp = iat + 5 min without a job timeout.
  it('sets the times around the evaluation instant', () => {
    const built = buildGitLabClaims(GITLAB_DEFAULTS, AT);
    expect(built.iat).toBe(AT - 10);
    expect(built.nbf).toBe(AT - 15);
    expect(built.exp).toBe(AT - 10 + 300);
  });

  // id_token_authentication.md: environment claims only when the job specifies an environment.
  it('emits environment claims only with an environment', () => {
    const without = buildGitLabClaims({ ...GITLAB_DEFAULTS, environment: '' }, AT);
    for (const name of ['environment', 'environment_protected', 'deployment_tier', 'environment_action']) expect(without).not.toHaveProperty(name);
    const withEnvironment = buildGitLabClaims({ ...GITLAB_DEFAULTS, environment: 'production', environmentProtected: true }, AT);
    expect(withEnvironment).toMatchObject({ environment: 'production', environment_protected: 'true', deployment_tier: 'production', environment_action: 'start' });
  });

  it('derives sub, ref_path and the default audience', () => {
    const tag = buildGitLabClaims({ ...GITLAB_DEFAULTS, ref: 'v1.0', refType: 'tag', aud: '', instanceUrl: 'https://git.corp.example/' }, AT);
    expect(tag.sub).toBe('project_path:my-group/my-project:ref_type:tag:ref:v1.0');
    expect(tag.ref_path).toBe('refs/tags/v1.0');
    expect(tag.iss).toBe('https://git.corp.example');
    expect(tag.aud).toBe('https://git.corp.example');
    expect(tag.ci_config_ref_uri).toBe('git.corp.example/my-group/my-project//.gitlab-ci.yml@refs/tags/v1.0');
    // Entra mutable-subjects doc: project_id:57382910:ref_type:branch:ref:main
    const byId = buildGitLabClaims({ ...GITLAB_DEFAULTS, projectId: '57382910', subFormat: 'project-id' }, AT);
    expect(byId.sub).toBe('project_id:57382910:ref_type:branch:ref:main');
  });

  it('derives jti deterministically from the inputs', () => {
    const first = buildGitLabClaims(GITLAB_DEFAULTS, AT);
    expect(buildGitLabClaims(GITLAB_DEFAULTS, AT).jti).toBe(first.jti);
    expect(buildGitLabClaims({ ...GITLAB_DEFAULTS, ref: 'dev' }, AT).jti).not.toBe(first.jti);
    expect(buildGitLabClaims(GITLAB_DEFAULTS, AT + 1).jti).not.toBe(first.jti);
    expect(first.jti).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('buildGitHubClaims', () => {
  // https://docs.github.com/en/actions/concepts/security/openid-connect (example token): every claim
  // present with the same JSON type; exp − iat = 300 s and iat − nbf = 600 s as in the example.
  it('matches the docs example token', () => {
    const built = buildGitHubClaims({ ...GITHUB_DEFAULTS, environment: 'prod', eventName: 'workflow_dispatch', enterprise: 'avocado-corp' }, AT);
    expect(built.sub).toBe(GITHUB_DOCS_EXAMPLE_CLAIMS.sub);
    for (const name of Object.keys(GITHUB_DOCS_EXAMPLE_CLAIMS)) {
      if (name === 'enterprise_id') continue;
      expect(built, name).toHaveProperty(name);
      expect(typeof built[name], name).toBe(typeof GITHUB_DOCS_EXAMPLE_CLAIMS[name]);
    }
    for (const name of ['environment', 'aud', 'ref', 'repository', 'repository_owner', 'actor_id', 'repository_id', 'repository_owner_id', 'actor', 'event_name', 'ref_type', 'enterprise', 'iss', 'head_ref', 'base_ref']) {
      expect(built[name], name).toEqual(GITHUB_DOCS_EXAMPLE_CLAIMS[name]);
    }
    expect((built.exp as number) - (built.iat as number)).toBe(300);
    expect((built.iat as number) - (built.nbf as number)).toBe(600);
  });

  // oidc.md "Example subject claims": environment > pull_request > ref.
  it('applies the sub precedence', () => {
    const base = { ...GITHUB_DEFAULTS, ref: 'refs/pull/42/merge', eventName: 'pull_request' };
    expect(buildGitHubClaims({ ...base, environment: 'Production' }, AT).sub).toBe('repo:octo-org/octo-repo:environment:Production');
    expect(buildGitHubClaims(base, AT).sub).toBe('repo:octo-org/octo-repo:pull_request');
    expect(buildGitHubClaims({ ...base, eventName: 'push', ref: 'refs/tags/demo-tag' }, AT).sub).toBe('repo:octo-org/octo-repo:ref:refs/tags/demo-tag');
  });

  // oidc.md: Production:V1 → environment:Production%3AV1; immutable repo:OWNER@ID/REPO@ID.
  it('escapes colons and writes the immutable form', () => {
    expect(buildGitHubClaims({ ...GITHUB_DEFAULTS, environment: 'Production:V1' }, AT).sub).toBe('repo:octo-org/octo-repo:environment:Production%3AV1');
    const immutable = buildGitHubClaims({ ...GITHUB_DEFAULTS, ownerId: '123456', repoId: '456789', immutableSub: true, ref: 'refs/heads/demo-branch' }, AT);
    expect(immutable.sub).toBe('repo:octo-org@123456/octo-repo@456789:ref:refs/heads/demo-branch');
    expect(immutable.repository).toBe('octo-org/octo-repo');
  });

  it('derives audience, workflow refs and ref_type', () => {
    const built = buildGitHubClaims({ ...GITHUB_DEFAULTS, aud: 'sts.amazonaws.com', ref: 'refs/tags/v2', workflowPath: '.github/workflows/release.yaml' }, AT);
    expect(built.aud).toBe('sts.amazonaws.com');
    expect(buildGitHubClaims(GITHUB_DEFAULTS, AT).aud).toBe('https://github.com/octo-org');
    expect(built.ref_type).toBe('tag');
    expect(built.workflow_ref).toBe('octo-org/octo-repo/.github/workflows/release.yaml@refs/tags/v2');
    expect(built.job_workflow_ref).toBe(built.workflow_ref);
    expect(built.workflow).toBe('release');
    expect(built).not.toHaveProperty('environment');
    expect(built).not.toHaveProperty('enterprise');
  });

  it('sends every custom claim as a string', () => {
    const built = buildGitHubClaims(GITHUB_DEFAULTS, AT);
    for (const [name, value] of Object.entries(built)) {
      if (['iat', 'nbf', 'exp'].includes(name)) expect(typeof value, name).toBe('number');
      else expect(typeof value, name).toBe('string');
    }
  });
});

describe('deterministicUuid', () => {
  it('is UUID-shaped (version 4 layout) and stable for the same input', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const uuid = deterministicUuid(text);
        expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(deterministicUuid(text)).toBe(uuid);
      }),
    );
    expect(deterministicUuid('a')).not.toBe(deterministicUuid('b'));
  });
});

// --- Round trips: build → explain gives back the inputs -------------------------------------

const pathSegment = fc.stringMatching(/^[a-z0-9][a-z0-9_.-]{0,10}$/);
// Git ref names cannot contain ':' (git check-ref-format), so GitLab never needs to escape them.
const gitRefName = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9/_.+-]{0,20}$/);
const numericString = fc.integer({ min: 1, max: 2 ** 31 }).map(String);

const gitlabInput: fc.Arbitrary<GitLabClaimsInput> = fc.record({
  instanceUrl: fc.oneof(fc.constant('https://gitlab.com'), pathSegment.map((host) => `https://${host}.example`)),
  namespacePath: fc.array(pathSegment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('/')),
  namespaceId: numericString,
  projectPath: fc.constant(''),
  projectId: numericString,
  ref: gitRefName,
  refType: fc.constantFrom('branch' as const, 'tag' as const),
  refProtected: fc.boolean(),
  environment: fc.oneof(fc.constant(''), fc.string({ minLength: 1 })),
  environmentProtected: fc.boolean(),
  deploymentTier: fc.constantFrom('production', 'staging', 'testing', 'development', 'other', ''),
  pipelineSource: fc.constantFrom('push', 'merge_request_event', 'schedule', 'web'),
  userLogin: pathSegment,
  userId: numericString,
  userEmail: pathSegment.map((name) => `${name}@example.com`),
  runnerId: fc.integer({ min: 1, max: 2 ** 31 }),
  runnerEnvironment: fc.constantFrom('gitlab-hosted' as const, 'self-hosted' as const),
  aud: fc.oneof(fc.constant(''), fc.webUrl()),
  subFormat: fc.constantFrom('default' as const, 'project-id' as const),
}).chain((input) => pathSegment.map((project) => ({ ...input, projectPath: `${input.namespacePath}/${project}` })));

const githubName = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$/);
const githubInput: fc.Arbitrary<GitHubClaimsInput> = fc.record({
  owner: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{0,15}$/),
  ownerId: numericString,
  repo: githubName,
  repoId: numericString,
  ref: fc.oneof(
    gitRefName.map((name) => `refs/heads/${name}`),
    gitRefName.map((name) => `refs/tags/${name}`),
    fc.integer({ min: 1, max: 99999 }).map((number) => `refs/pull/${number}/merge`),
  ),
  // Environment names are free text: colons, percent signs and all.
  environment: fc.oneof(fc.constant(''), fc.string({ minLength: 1 }), fc.constantFrom('Production:V1', 'a%3Ab', 'x:%3A:y')),
  eventName: fc.constantFrom('push', 'pull_request', 'pull_request_target', 'workflow_dispatch', 'release', 'schedule'),
  workflowPath: githubName.map((name) => `.github/workflows/${name}.yml`),
  actor: githubName,
  actorId: numericString,
  aud: fc.oneof(fc.constant(''), fc.constant('sts.amazonaws.com'), fc.webUrl()),
  immutableSub: fc.boolean(),
  enterprise: fc.oneof(fc.constant(''), githubName),
});

describe('round trips', () => {
  it('GitLab: explainSubject reads back the builder inputs, and the claims raise no warnings', () => {
    fc.assert(
      fc.property(gitlabInput, (input) => {
        const claims = buildGitLabClaims(input, AT);
        const explanation = explainSubject(claims);
        expect(explanation?.family).toBe('gitlab');
        expect(explanation?.format).toBe(input.subFormat === 'default' ? 'gitlab-default' : 'gitlab-project-id');
        expect(explanation?.notes.filter((note) => note.includes('but the'))).toEqual([]);
        const lead = input.subFormat === 'default' ? { project_path: input.projectPath } : { project_id: input.projectId };
        expect(segmentValues(claims)).toEqual({ ...lead, ref_type: input.refType, ref: input.ref });
        expect(claimNotes(claims).filter((note) => note.severity === 'warning')).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('GitHub: explainSubject reads back the builder inputs, and the claims raise no warnings', () => {
    fc.assert(
      fc.property(githubInput, (input) => {
        const claims = buildGitHubClaims(input, AT);
        const explanation = explainSubject(claims);
        expect(explanation?.family).toBe('github');
        expect(explanation?.notes.filter((note) => note.includes('but the') || note.includes('would end in'))).toEqual([]);
        const expected: Record<string, string> = { repository: `${input.owner}/${input.repo}` };
        if (input.immutableSub) Object.assign(expected, { repository_owner_id: input.ownerId, repository_id: input.repoId });
        if (input.environment !== '') expected.environment = input.environment;
        else if (input.eventName === 'pull_request') expected.event_name = 'pull_request';
        else expected.ref = input.ref;
        expect(segmentValues(claims)).toEqual(expected);
        const format = input.immutableSub
          ? 'github-immutable'
          : input.environment !== ''
            ? 'github-environment'
            : input.eventName === 'pull_request'
              ? 'github-pull-request'
              : input.ref.startsWith('refs/heads/')
                ? 'github-branch'
                : input.ref.startsWith('refs/tags/')
                  ? 'github-tag'
                  : 'github-ref';
        expect(explanation?.format).toBe(format);
        expect(claimNotes(claims).filter((note) => note.severity === 'warning')).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('claim templates', () => {
  const at = 1_780_000_000;

  it('have unique ids and https sources', () => {
    const ids = CLAIM_TEMPLATES.map((template) => template.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const template of CLAIM_TEMPLATES) expect(template.source, template.id).toMatch(/^https:\/\//);
  });

  // Each template is its issuer's documented claim set (sources on each template): recognised as that
  // issuer, complete (iss, sub, aud, exp), live at the chosen instant, its sub explained in documented
  // parts, and every claim of the type the catalogue gives it.
  for (const template of CLAIM_TEMPLATES) {
    it(`${template.id} is a live, well-typed ${template.family} token`, () => {
      const claims = template.claims(at);
      expect(issuerFamily(claims)).toBe(template.family);
      for (const name of ['iss', 'sub', 'aud', 'exp', 'iat']) expect(claims, name).toHaveProperty(name);
      expect(claims.iat as number).toBeLessThanOrEqual(at);
      expect(claims.exp as number).toBeGreaterThan(at);
      const subject = explainSubject(claims);
      expect(subject?.format, template.id).not.toBe('unknown');
      for (const [name, value] of Object.entries(claims)) {
        const info = claimInfo(template.family, name);
        if (info) expect(valueMatchesType(info.type, value), `${template.id} ${name}`).toBe(true);
      }
      expect(template.claims(at)).toEqual(claims);
    });
  }

  it('put the deployment environment into the Bitbucket sub', () => {
    const claims = CLAIM_TEMPLATES.find((template) => template.id === 'bitbucket-deployment')!.claims(at);
    expect(claims.sub).toBe(`${claims.repositoryUuid}:${claims.deploymentEnvironmentUuid}:${claims.stepUuid}`);
  });
});
