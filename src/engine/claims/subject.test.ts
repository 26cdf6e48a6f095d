import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GITHUB_DOCS_EXAMPLE_CLAIMS, GITLAB_DOCS_EXAMPLE_CLAIMS } from './examples';
import { explainSubject, type SubjectExplanation } from './subject';

const GITLAB_ISS = 'https://gitlab.example.com';
const GITHUB_ISS = 'https://token.actions.githubusercontent.com';

function explain(claims: Record<string, unknown>): SubjectExplanation {
  const explanation = explainSubject(claims);
  expect(explanation).not.toBeNull();
  return explanation!;
}

function values(explanation: SubjectExplanation): Record<string, string> {
  return Object.fromEntries(explanation.segments.map((segment) => [segment.key, segment.value]));
}

describe('explainSubject: GitLab', () => {
  // https://docs.gitlab.com/ci/cloud_services/ (branch and tag examples)
  it('splits the default branch and tag subjects', () => {
    const branch = explain({ iss: GITLAB_ISS, sub: 'project_path:mygroup/myproject:ref_type:branch:ref:main' });
    expect(branch.family).toBe('gitlab');
    expect(branch.format).toBe('gitlab-default');
    expect(values(branch)).toEqual({ project_path: 'mygroup/myproject', ref_type: 'branch', ref: 'main' });
    expect(branch.segments.map((segment) => segment.label)).toEqual(['project path', 'ref type', 'ref']);

    const tag = explain({ iss: GITLAB_ISS, sub: 'project_path:mygroup/myproject:ref_type:tag:ref:1.0' });
    expect(tag.format).toBe('gitlab-default');
    expect(values(tag)).toEqual({ project_path: 'mygroup/myproject', ref_type: 'tag', ref: '1.0' });
  });

  // https://docs.gitlab.com/ci/secrets/id_token_authentication/ (example token): sub agrees with its claims.
  it('explains the docs example token with no disagreement', () => {
    const explanation = explain({ ...GITLAB_DOCS_EXAMPLE_CLAIMS });
    expect(explanation.format).toBe('gitlab-default');
    expect(values(explanation)).toEqual({ project_path: 'my-group/my-project', ref_type: 'branch', ref: 'feature-branch-1' });
    expect(explanation.notes).toEqual([]);
  });

  // Entra mutable-subjects doc: ["project_id","ref_type","ref"] → project_id:57382910:ref_type:branch:ref:main
  it('explains the project_id-led form', () => {
    const explanation = explain({ iss: GITLAB_ISS, sub: 'project_id:57382910:ref_type:branch:ref:main' });
    expect(explanation.format).toBe('gitlab-project-id');
    expect(values(explanation)).toEqual({ project_id: '57382910', ref_type: 'branch', ref: 'main' });
  });

  // lib/gitlab/ci/jwt_v2.rb: the sub is the chosen components as name:value pairs, in order.
  it('explains other component selections as custom', () => {
    const explanation = explain({ iss: GITLAB_ISS, sub: 'project_path:g/p:ref_type:branch' });
    expect(explanation.format).toBe('gitlab-custom');
    expect(values(explanation)).toEqual({ project_path: 'g/p', ref_type: 'branch' });
  });

  // lib/gitlab/ci/jwt.rb: CI_JOB_JWT v1 sub is job_<id>.
  it('explains the legacy job subject and its deprecation', () => {
    const explanation = explain({ iss: 'gitlab.example.com', sub: 'job_302', job_id: '302' });
    expect(explanation.family).toBe('gitlab-legacy');
    expect(explanation.format).toBe('gitlab-legacy-job');
    expect(values(explanation)).toEqual({ job_id: '302' });
    expect(explanation.notes.join(' ')).toMatch(/15\.9.*17\.0/);
    expect(explain({ iss: 'gitlab.example.com', sub: 'job_302', job_id: '303' }).notes.join(' ')).toMatch(/job ID "302" but the `job_id` claim is "303"/);
  });

  it('notes where the sub disagrees with the claims', () => {
    const explanation = explain({ ...GITLAB_DOCS_EXAMPLE_CLAIMS, ref: 'main', project_path: 'other/project' });
    expect(explanation.notes).toContain('The sub says ref "feature-branch-1" but the `ref` claim is "main".');
    expect(explanation.notes).toContain('The sub says project path "my-group/my-project" but the `project_path` claim is "other/project".');
  });

  // lib/gitlab/ci/jwt.rb (source_project, source_ref): MR pipelines carry no marker in the sub.
  it('explains merge request pipelines', () => {
    const explanation = explain({ ...GITLAB_DOCS_EXAMPLE_CLAIMS, pipeline_source: 'merge_request_event' });
    expect(explanation.notes.join(' ')).toMatch(/source branch.*fork/);
  });

  it('does not force a GitLab reading on other shapes', () => {
    const explanation = explain({ ...GITLAB_DOCS_EXAMPLE_CLAIMS, sub: 'something:else' });
    expect(explanation.format).toBe('unknown');
    expect(explanation.family).toBe('gitlab');
  });
});

describe('explainSubject: GitHub', () => {
  // https://docs.github.com/en/actions/reference/security/oidc, "Example subject claims"
  it.each([
    ['repo:octo-org/octo-repo:environment:Production', 'github-environment', { repository: 'octo-org/octo-repo', environment: 'Production' }],
    ['repo:octo-org/octo-repo:pull_request', 'github-pull-request', { repository: 'octo-org/octo-repo', event_name: 'pull_request' }],
    ['repo:octo-org/octo-repo:ref:refs/heads/demo-branch', 'github-branch', { repository: 'octo-org/octo-repo', ref: 'refs/heads/demo-branch' }],
    ['repo:octo-org/octo-repo:ref:refs/tags/demo-tag', 'github-tag', { repository: 'octo-org/octo-repo', ref: 'refs/tags/demo-tag' }],
    // Merge-queue runs, as quoted in public AADSTS7002131 troubleshooting notes
    ['repo:o/r:ref:refs/heads/gh-readonly-queue/main/pr-13-abc', 'github-branch', { repository: 'o/r', ref: 'refs/heads/gh-readonly-queue/main/pr-13-abc' }],
  ])('%s', (sub, format, expected) => {
    const explanation = explain({ iss: GITHUB_ISS, sub });
    expect(explanation.family).toBe('github');
    expect(explanation.format).toBe(format);
    expect(values(explanation)).toEqual(expected);
  });

  // oidc.md "Filtering for metadata containing `:`": Production:V1 → Production%3AV1
  it('unescapes %3A and says so', () => {
    const explanation = explain({ iss: GITHUB_ISS, sub: 'repo:octo-org/octo-repo:environment:Production%3AV1' });
    const environment = explanation.segments.find((segment) => segment.key === 'environment');
    expect(environment).toEqual({ key: 'environment', label: 'environment', value: 'Production:V1', raw: 'Production%3AV1' });
    expect(explanation.notes.join(' ')).toMatch(/%3A/);
  });

  it('uses the environment claim to settle a literal %3A', () => {
    const explanation = explain({ iss: GITHUB_ISS, sub: 'repo:o/r:environment:a%3Ab', environment: 'a%3Ab' });
    expect(values(explanation).environment).toBe('a%3Ab');
    expect(explanation.notes.join(' ')).not.toMatch(/but the/);
  });

  // oidc.md "Immutable subject claims": repo:octo-org@123456/octo-repo@456789:ref:refs/heads/main
  it('explains the immutable form', () => {
    const explanation = explain({ iss: GITHUB_ISS, sub: 'repo:octo-org@123456/octo-repo@456789:ref:refs/heads/main' });
    expect(explanation.format).toBe('github-immutable');
    expect(values(explanation)).toEqual({
      repository: 'octo-org/octo-repo',
      repository_owner_id: '123456',
      repository_id: '456789',
      ref: 'refs/heads/main',
    });
    expect(explanation.notes.join(' ')).toMatch(/Immutable/);
    const disagreeing = explain({ iss: GITHUB_ISS, sub: 'repo:octo-org@123456/octo-repo@456789:pull_request', repository_id: '1' });
    expect(disagreeing.notes).toContain('The sub says repository ID "456789" but the `repository_id` claim is "1".');
  });

  // oidc.md "Customizing the subject claims": include_claim_keys examples.
  it.each([
    ['repository_owner:monalisa:repository_visibility:private', { repository_owner: 'monalisa', repository_visibility: 'private' }],
    ['repository_owner:monalisa', { repository_owner: 'monalisa' }],
    ['job_workflow_ref:octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main', { job_workflow_ref: 'octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main' }],
    [
      'repo:octo-org/octo-repo:environment:prod:job_workflow_ref:octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main',
      { repository: 'octo-org/octo-repo', environment: 'prod', job_workflow_ref: 'octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main' },
    ],
    ['repository_id:74', { repository_id: '74' }],
    ['repo:octo-org/octo-repo', { repository: 'octo-org/octo-repo' }],
  ])('custom %s', (sub, expected) => {
    const explanation = explain({ iss: GITHUB_ISS, sub });
    expect(explanation.format).toBe('github-custom');
    expect(values(explanation)).toEqual(expected);
  });

  it('keeps immutable IDs inside custom subjects', () => {
    const explanation = explain({ iss: GITHUB_ISS, sub: 'repo:o@1/r@2:environment:prod:job_workflow_ref:o/w/.github/workflows/x.yml@refs/heads/main' });
    expect(explanation.format).toBe('github-custom');
    expect(values(explanation)).toMatchObject({ repository: 'o/r', repository_owner_id: '1', repository_id: '2', environment: 'prod' });
  });

  // https://docs.github.com/en/actions/concepts/security/openid-connect (example token)
  it('explains the docs example token with no disagreement', () => {
    const explanation = explain({ ...GITHUB_DOCS_EXAMPLE_CLAIMS });
    expect(explanation.format).toBe('github-environment');
    expect(explanation.notes).toEqual([]);
  });

  // oidc.md: environment takes precedence over pull_request and ref.
  it('notes a default-shaped sub that ignores the precedence rules', () => {
    const withEnvironment = explain({ ...GITHUB_DOCS_EXAMPLE_CLAIMS, sub: 'repo:octo-org/octo-repo:ref:refs/heads/main' });
    expect(withEnvironment.notes.join(' ')).toMatch(/environment "prod".*:environment:prod/);
    const pullRequest = explain({ iss: GITHUB_ISS, sub: 'repo:o/r:ref:refs/pull/1/merge', ref: 'refs/pull/1/merge', event_name: 'pull_request' });
    expect(pullRequest.format).toBe('github-ref');
    expect(pullRequest.notes.join(' ')).toMatch(/:pull_request/);
    const wrongEvent = explain({ iss: GITHUB_ISS, sub: 'repo:o/r:pull_request', event_name: 'push' });
    expect(wrongEvent.notes).toContain('The sub says pull_request but the `event_name` claim is "push".');
    const wrongRef = explain({ iss: GITHUB_ISS, sub: 'repo:o/r:ref:refs/heads/main', ref: 'refs/heads/dev' });
    expect(wrongRef.notes).toContain('The sub says ref "refs/heads/main" but the `ref` claim is "refs/heads/dev".');
  });
});

describe('explainSubject: other CI systems', () => {
  // CircleCI openid-connect-tokens.adoc
  it('explains CircleCI subjects', () => {
    const v1 = explain({ iss: 'https://oidc.circleci.com/org/O1', sub: 'org/O1/project/P1/user/U1' });
    expect(v1.format).toBe('circleci');
    expect(v1.segments.map((segment) => segment.value)).toEqual(['O1', 'P1', 'U1']);
    const v2 = explain({ iss: 'https://oidc.circleci.com/org/O1', sub: 'org/O1/project/P1/user/U1/vcs-origin/github.com/acme/app/vcs-ref/refs/heads/main' });
    expect(v2.format).toBe('circleci-v2');
    expect(values(v2)['oidc.circleci.com/vcs-origin']).toBe('github.com/acme/app');
    expect(values(v2)['oidc.circleci.com/vcs-ref']).toBe('refs/heads/main');
  });

  // https://buildkite.com/docs/apis/workload-identity-federation/buildkite-agents
  it('explains Buildkite subjects', () => {
    const explanation = explain({ iss: 'https://agent.buildkite.com', sub: 'organization:acme:pipeline:deploy:ref:refs/heads/main:commit:abc:step:build' });
    expect(explanation.format).toBe('buildkite');
    expect(values(explanation)).toEqual({ organization: 'acme', pipeline: 'deploy', ref: 'refs/heads/main', commit: 'abc', step: 'build' });
  });

  // HCP Terraform workload identity tokens; older subjects lack project:
  it('explains HCP Terraform subjects old and new', () => {
    const current = explain({ iss: 'https://app.terraform.io', sub: 'organization:acme:project:Default Project:workspace:prod:run_phase:apply' });
    expect(current.format).toBe('terraform');
    expect(values(current)).toEqual({ organization: 'acme', project: 'Default Project', workspace: 'prod', run_phase: 'apply' });
    const older = explain({ iss: 'https://app.terraform.io', sub: 'organization:acme:workspace:prod:run_phase:plan' });
    expect(older.notes.join(' ')).toMatch(/older format/);
  });

  it('explains Bitbucket subjects as per-run', () => {
    const explanation = explain({ iss: 'https://api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc', sub: '{a}:{b}' });
    expect(explanation.format).toBe('bitbucket');
    expect(explanation.notes.join(' ')).toMatch(/every run/);
  });

  // Bitbucket's example payload (Repository settings → Pipelines → OpenID Connect): `{repositoryUuid}:{stepUuid}`,
  // and for a step with a deployment environment `{repositoryUuid}:{environmentUuid}:{stepUuid}`
  // (https://support.atlassian.com/bitbucket-cloud/docs/integrate-pipelines-with-resource-servers-using-oidc/).
  it('labels the repository, environment and step UUIDs of Bitbucket subjects', () => {
    const iss = 'https://api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc';
    const plain = explain({ iss, sub: '{r-1}:{s-1}', repositoryUuid: '{r-1}', stepUuid: '{s-1}' });
    expect(plain.segments.map((s) => [s.label, s.value])).toEqual([['repository UUID', '{r-1}'], ['step UUID', '{s-1}']]);
    const deployment = explain({ iss, sub: '{r-1}:{e-1}:{s-1}', deploymentEnvironmentUuid: '{e-1}' });
    expect(deployment.format).toBe('bitbucket-deployment');
    expect(deployment.segments.map((s) => s.key)).toEqual(['repositoryUuid', 'deploymentEnvironmentUuid', 'stepUuid']);
    const mismatch = explain({ iss, sub: '{r-1}:{s-1}', repositoryUuid: '{r-2}', deploymentEnvironmentUuid: '{e-1}' });
    expect(mismatch.notes.join(' ')).toContain('repository UUID "{r-1}" but the `repositoryUuid` claim is "{r-2}"');
    expect(mismatch.notes.join(' ')).toContain('names a deployment environment');
  });

  // https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/: sub = system:serviceaccount:<ns>:<name>;
  // EKS Pod Identity (https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html) does not use this token.
  it('labels the namespace and service account of Kubernetes subjects and notes Pod Identity', () => {
    const explanation = explain({
      iss: 'https://oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
      sub: 'system:serviceaccount:default:my-service-account',
      'kubernetes.io': { namespace: 'staging', serviceaccount: { name: 'my-service-account' } },
    });
    expect(explanation.format).toBe('kubernetes-service-account');
    expect(explanation.segments.map((s) => [s.label, s.value])).toEqual([['namespace', 'default'], ['service account', 'my-service-account']]);
    const notes = explanation.notes.join(' ');
    expect(notes).toContain('namespace "default" but `kubernetes.io.namespace` is "staging"');
    expect(notes).toContain('pods.eks.amazonaws.com');
    expect(notes).toContain('sts:TagSession');
    expect(notes).not.toContain('api://AzureADTokenExchange');
    // An AKS token gets the AKS note only; a cluster of unknown cloud gets every note.
    const aks = explain({ iss: 'https://eastus.oic.prod-aks.azure.com/t/g/', sub: 'system:serviceaccount:default:sa' }).notes.join(' ');
    expect(aks).toContain('api://AzureADTokenExchange');
    expect(aks).not.toContain('pods.eks.amazonaws.com');
    const other = explain({ iss: 'https://k8s.example.com', sub: 'system:serviceaccount:default:sa' }).notes.join(' ');
    expect(other).toContain('pods.eks.amazonaws.com');
    expect(other).toContain('svc.id.goog');
  });

  // https://learn.microsoft.com/en-us/azure/devops/pipelines/release/configure-workload-identity: sc://<org>/<project>/<connection>
  it('labels the organization, project and connection of Azure DevOps subjects', () => {
    const explanation = explain({ iss: 'https://vstoken.dev.azure.com/f66a4bc2-08ad-4ec0-a25e-e769dab3b294', sub: 'sc://my-organization/my-project/my-service-connection' });
    expect(explanation.format).toBe('azure-devops-service-connection');
    expect(explanation.segments.map((s) => [s.label, s.value])).toEqual([
      ['organization', 'my-organization'],
      ['project', 'my-project'],
      ['service connection', 'my-service-connection'],
    ]);
    expect(explain({ iss: 'https://vstoken.dev.azure.com/x', sub: 'opaque' }).format).toBe('unknown');
  });

  // Google ID tokens: sub is the service account's unique ID; AWS reads :aud from azp
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html).
  it('explains Google service-account subjects and the AWS aud/azp mapping', () => {
    const explanation = explain({ iss: 'https://accounts.google.com', sub: '112233445566778899001', azp: '112233445566778899001', aud: 'sts.amazonaws.com' });
    expect(explanation.format).toBe('google-service-account');
    expect(explanation.segments[0].label).toBe('service account unique ID');
    expect(explanation.notes.join(' ')).toContain('`accounts.google.com:aud` reads `azp`');
  });

  // HCP Terraform workload identity tokens: organization:…:project:…:workspace:…:run_phase:… (names may hold spaces).
  it('labels HCP Terraform subjects with a project name holding spaces', () => {
    const explanation = explain({ iss: 'https://app.terraform.io', sub: 'organization:my-org:project:Default Project:workspace:ws:run_phase:plan' });
    expect(explanation.format).toBe('terraform');
    expect(explanation.segments.map((s) => s.value)).toEqual(['my-org', 'Default Project', 'ws', 'plan']);
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_oidc_secure-by-default.html
    expect(explanation.notes.join(' ')).toContain('app.terraform.io:sub');
  });

  it('returns null without a string sub and unknown for unknown issuers', () => {
    expect(explainSubject({ iss: GITHUB_ISS })).toBeNull();
    expect(explainSubject({ sub: 42 })).toBeNull();
    expect(explainSubject([] as unknown as Record<string, unknown>)).toBeNull();
    expect(explain({ iss: 'https://login.example.com', sub: '1234' }).format).toBe('unknown');
  });
});

describe('explainSubject never throws', () => {
  const subjectPieces = fc.constantFrom('repo', 'project_path', 'project_id', 'ref_type', 'ref', 'pull_request', 'environment', ':', '%3A', '@', '/', 'job_1', 'org', 'refs/heads/main', '', 'a', '1', 'system:serviceaccount:', 'sc://', '{', '}', '{r}');
  const issuers = fc.constantFrom(
    GITHUB_ISS,
    GITLAB_ISS,
    'gitlab.com',
    'https://agent.buildkite.com',
    'https://app.terraform.io',
    'https://oidc.circleci.com/org/x',
    'https://api.bitbucket.org/2.0/workspaces/w/pipelines-config/identity/oidc',
    'https://oidc.eks.us-west-2.amazonaws.com/id/X',
    'https://vstoken.dev.azure.com/o',
    'https://accounts.google.com',
    'x',
  );
  const claimsArbitrary = fc.record(
    {
      iss: fc.oneof(issuers, fc.jsonValue()),
      sub: fc.oneof(fc.array(subjectPieces, { maxLength: 12 }).map((pieces) => pieces.join('')), fc.string(), fc.jsonValue()),
      ref: fc.jsonValue(),
      environment: fc.jsonValue(),
      event_name: fc.jsonValue(),
      pipeline_source: fc.jsonValue(),
      'kubernetes.io': fc.oneof(fc.jsonValue(), fc.record({ namespace: fc.jsonValue(), serviceaccount: fc.jsonValue() })),
      azp: fc.jsonValue(),
      repositoryUuid: fc.jsonValue(),
      deploymentEnvironmentUuid: fc.jsonValue(),
      extra: fc.dictionary(fc.string(), fc.jsonValue()),
    },
    { requiredKeys: [] },
  );

  it('on random claims', () => {
    fc.assert(
      fc.property(claimsArbitrary, (claims) => {
        const explanation = explainSubject(claims);
        if (typeof claims.sub !== 'string') return explanation === null;
        return explanation !== null && explanation.segments.length > 0;
      }),
      { numRuns: 10_000 },
    );
  });

  it('on random JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        explainSubject(value as Record<string, unknown>);
      }),
      { numRuns: 2_000 },
    );
  });

  // Oracle: the labelled parts put back together in the documented format give the sub again.
  it('splits Kubernetes and Bitbucket subjects into parts that rebuild them', () => {
    const part = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
    fc.assert(
      fc.property(part, part, (namespace, account) => {
        const sub = `system:serviceaccount:${namespace}:${account}`;
        const explanation = explainSubject({ iss: 'https://oidc.eks.us-west-2.amazonaws.com/id/X', sub })!;
        return explanation.format === 'kubernetes-service-account' && `system:serviceaccount:${explanation.segments.map((s) => s.value).join(':')}` === sub;
      }),
    );
    const uuid = fc.uuid().map((value) => `{${value}}`);
    fc.assert(
      fc.property(uuid, fc.option(uuid, { nil: undefined }), uuid, (repository, environment, step) => {
        const sub = [repository, environment, step].filter((value) => value !== undefined).join(':');
        const explanation = explainSubject({ iss: 'https://api.bitbucket.org/2.0/workspaces/w/pipelines-config/identity/oidc', sub })!;
        return explanation.segments.map((s) => s.value).join(':') === sub && explanation.segments.length === (environment ? 3 : 2);
      }),
    );
  });
});
