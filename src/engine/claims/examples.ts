/**
 * The issuers' own example payloads, verbatim apart from JSON syntax, for tests and for the UI's
 * "load an example token" actions.
 */

/** GitLab id_token_authentication.md, "Token payload" (GitLab 16.0 era). */
export const GITLAB_DOCS_EXAMPLE_CLAIMS: Readonly<Record<string, unknown>> = {
  namespace_id: '72',
  namespace_path: 'my-group',
  project_id: '20',
  project_path: 'my-group/my-project',
  user_id: '1',
  user_login: 'sample-user',
  user_email: 'sample-user@example.com',
  user_identities: [
    { provider: 'github', extern_uid: '2435223452345' },
    { provider: 'bitbucket', extern_uid: 'john.smith' },
  ],
  pipeline_id: '574',
  pipeline_source: 'push',
  job_id: '302',
  ref: 'feature-branch-1',
  ref_type: 'branch',
  ref_path: 'refs/heads/feature-branch-1',
  ref_protected: 'false',
  environment: 'test-environment2',
  environment_protected: 'false',
  deployment_tier: 'testing',
  runner_id: 1,
  runner_environment: 'self-hosted',
  sha: '714a629c0b401fdce83e847fc9589983fc6f46bc',
  jti: '235b3a54-b797-45c7-ae9a-f72d7bc6ef5b',
  iss: 'https://gitlab.example.com',
  iat: 1681395193,
  nbf: 1681395188,
  exp: 1681398793,
  sub: 'project_path:my-group/my-project:ref_type:branch:ref:feature-branch-1',
  aud: 'https://vault.example.com',
};

/** GitHub concepts/security/openid-connect.md, "Understanding the OIDC token" (github.com rendering). */
export const GITHUB_DOCS_EXAMPLE_CLAIMS: Readonly<Record<string, unknown>> = {
  jti: 'example-id',
  sub: 'repo:octo-org/octo-repo:environment:prod',
  environment: 'prod',
  aud: 'https://github.com/octo-org',
  ref: 'refs/heads/main',
  sha: 'example-sha',
  repository: 'octo-org/octo-repo',
  repository_owner: 'octo-org',
  actor_id: '12',
  repository_visibility: 'private',
  repository_id: '74',
  repository_owner_id: '65',
  run_id: 'example-run-id',
  run_number: '10',
  run_attempt: '2',
  runner_environment: 'github-hosted',
  actor: 'octocat',
  workflow: 'example-workflow',
  head_ref: '',
  base_ref: '',
  event_name: 'workflow_dispatch',
  enterprise: 'avocado-corp',
  enterprise_id: '2',
  ref_type: 'branch',
  job_workflow_ref: 'octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main',
  iss: 'https://token.actions.githubusercontent.com',
  nbf: 1632492967,
  exp: 1632493867,
  iat: 1632493567,
};

/** Changes to an example payload: a value replaces the claim (or adds it), `undefined` removes it. */
export type ClaimOverrides = Readonly<Record<string, unknown>>;

/**
 * Where each GitLab claim stands in a built token: the documented payload's order, with the claims
 * that payload lacks next to their kin, so a built token reads like one GitLab issues.
 */
const GITLAB_CLAIM_ORDER: readonly string[] = [
  'namespace_id', 'namespace_path', 'project_id', 'project_path',
  'user_id', 'user_login', 'user_email', 'user_access_level', 'user_identities',
  'pipeline_id', 'pipeline_source', 'job_id',
  'ref', 'ref_type', 'ref_path', 'ref_protected',
  'environment', 'environment_protected', 'deployment_tier',
  'runner_id', 'runner_environment', 'sha', 'project_visibility', 'ci_config_ref_uri', 'ci_config_sha',
  'jti', 'iss', 'iat', 'nbf', 'exp', 'sub', 'aud',
];

/** The same for GitHub: the documented token's order, `workflow_ref` before `job_workflow_ref`. */
const GITHUB_CLAIM_ORDER: readonly string[] = [
  'jti', 'sub', 'environment', 'aud', 'ref', 'sha', 'repository', 'repository_owner', 'actor_id',
  'repository_visibility', 'repository_id', 'repository_owner_id', 'run_id', 'run_number', 'run_attempt',
  'runner_environment', 'actor', 'workflow', 'head_ref', 'base_ref', 'event_name', 'enterprise', 'enterprise_id',
  'ref_type', 'workflow_ref', 'job_workflow_ref', 'iss', 'nbf', 'exp', 'iat',
];

function overlay(base: ClaimOverrides, order: readonly string[], overrides: ClaimOverrides): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base, ...overrides };
  const names = [...order.filter((name) => Object.hasOwn(merged, name)), ...Object.keys(merged).filter((name) => !order.includes(name))];
  return Object.fromEntries(names.filter((name) => merged[name] !== undefined).map((name) => [name, merged[name]]));
}

/** GitLab's documented payload with `overrides` laid over it. */
export function gitlabClaims(overrides: ClaimOverrides = {}): Record<string, unknown> {
  return overlay(GITLAB_DOCS_EXAMPLE_CLAIMS, GITLAB_CLAIM_ORDER, overrides);
}

/** GitHub's documented token with `overrides` laid over it. */
export function githubClaims(overrides: ClaimOverrides = {}): Record<string, unknown> {
  return overlay(GITHUB_DOCS_EXAMPLE_CLAIMS, GITHUB_CLAIM_ORDER, overrides);
}

/** Overrides that remove the named claims. */
export function withoutClaims(...names: string[]): ClaimOverrides {
  return Object.fromEntries(names.map((name) => [name, undefined]));
}

/** The documented GitLab job deploys to an environment; a job that names none has no environment claims. */
export const GITLAB_NO_ENVIRONMENT: ClaimOverrides = withoutClaims('environment', 'environment_protected', 'deployment_tier');

/** The documented GitHub job references an environment in an enterprise repository; most jobs do neither. */
export const GITHUB_NO_ENVIRONMENT_OR_ENTERPRISE: ClaimOverrides = withoutClaims('environment', 'enterprise', 'enterprise_id');

/**
 * The namespace, project, user (who has no external identities), pipeline and job of the example
 * payload in GitLab's Vault tutorial (https://docs.gitlab.com/ci/secrets/hashicorp_vault_tutorial/),
 * to lay over the payload above.
 */
export const GITLAB_VAULT_TUTORIAL_JOB: ClaimOverrides = {
  jti: 'c82eeb0c-5c6f-4a33-abf5-4c474b92b558',
  namespace_id: '1',
  namespace_path: 'mygroup',
  project_id: '22',
  project_path: 'mygroup/myproject',
  user_id: '42',
  user_login: 'myuser',
  user_email: 'myuser@example.com',
  user_identities: undefined,
  pipeline_id: '1212',
  job_id: '1212',
};
