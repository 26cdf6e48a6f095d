import { type ClaimOverrides, GITHUB_NO_ENVIRONMENT_OR_ENTERPRISE, GITLAB_NO_ENVIRONMENT, GITLAB_VAULT_TUTORIAL_JOB, githubClaims, gitlabClaims, withoutClaims } from '../../claims/examples';
import type { Example } from '../../example';

/** 2023-11-14T22:13:20Z: the GitLab tokens below were issued 10 s earlier. */
export const AT = 1700000000;

const GITLAB_DOCS = 'https://docs.gitlab.com/ci/secrets/hashicorp_vault_tutorial/';
const GITHUB_DOCS = 'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-hashicorp-vault';

/** The main-branch job of GitLab's Vault tutorial, on a self-managed instance with a self-hosted runner. */
export function gitlabJobClaims(overrides: ClaimOverrides = {}): Record<string, unknown> {
  return gitlabClaims({
    ...GITLAB_VAULT_TUTORIAL_JOB,
    ...GITLAB_NO_ENVIRONMENT,
    ref: 'main',
    ref_path: 'refs/heads/main',
    ref_protected: 'true',
    runner_id: 7,
    project_visibility: 'private',
    iat: AT - 10,
    nbf: AT - 15,
    exp: AT + 290,
    sub: 'project_path:mygroup/myproject:ref_type:branch:ref:main',
    ...overrides,
  });
}

const STAGING_ROLE = `{
  "config": {
    "oidc_discovery_url": "https://gitlab.example.com",
    "bound_issuer": "https://gitlab.example.com"
  },
  "role": {
    "role_type": "jwt",
    "policies": ["myproject-staging"],
    "token_explicit_max_ttl": 60,
    "user_claim": "user_email",
    "bound_audiences": "https://vault.example.com",
    "bound_claims": {
      "project_id": "22",
      "ref": "main",
      "ref_type": "branch"
    }
  }
}
`;

const PRODUCTION_WRITE = `vault write auth/jwt/role/myproject-production - <<EOF
{
  "role_type": "jwt",
  "policies": ["myproject-production"],
  "token_explicit_max_ttl": 60,
  "user_claim": "user_email",
  "bound_audiences": "https://vault.example.com",
  "bound_claims_type": "glob",
  "bound_claims": {
    "project_id": "22",
    "ref_protected": "true",
    "ref_type": "branch",
    "ref": "auto-deploy-*"
  }
}
EOF
`;

/** A push to main of octo-org/octo-repo, in a shorter token than GitHub's documented one. */
const githubJobClaims = (): Record<string, unknown> =>
  githubClaims({
    ...GITHUB_NO_ENVIRONMENT_OR_ENTERPRISE,
    ...withoutClaims('sha', 'repository_visibility', 'run_number', 'run_attempt', 'runner_environment', 'head_ref', 'base_ref', 'job_workflow_ref'),
    jti: '8b6b2a3e-6d1c-4f5e-9a55-7f7d3c2e1a10',
    sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
    repository_id: '1296269',
    repository_owner_id: '9919',
    actor_id: '583231',
    run_id: '5555555555',
    workflow: 'deploy',
    event_name: 'push',
    iat: AT - 10,
    nbf: AT - 10,
    exp: AT + 290,
  });

export const examples: Example[] = [
  {
    id: 'vault-gitlab-staging-main',
    provider: 'vault',
    title: 'GitLab staging role, main branch',
    story: "The GitLab tutorial's staging role lets a main-branch job of project 22 in.",
    ci: 'gitlab',
    policy: STAGING_ROLE,
    claims: gitlabJobClaims(),
    at: AT,
    expect: { decision: 'allow' },
    source: GITLAB_DOCS,
  },
  {
    id: 'vault-gitlab-production-auto-deploy',
    provider: 'vault',
    title: 'GitLab production role, auto-deploy branch',
    story: 'The glob role `auto-deploy-*` admits a protected auto-deploy-2020-04-01 branch.',
    ci: 'gitlab',
    policy: PRODUCTION_WRITE,
    claims: gitlabJobClaims({ ref: 'auto-deploy-2020-04-01', ref_path: 'refs/heads/auto-deploy-2020-04-01', sub: 'project_path:mygroup/myproject:ref_type:branch:ref:auto-deploy-2020-04-01' }),
    at: AT,
    expect: { decision: 'allow' },
    source: GITLAB_DOCS,
  },
  {
    id: 'vault-gitlab-production-unprotected',
    provider: 'vault',
    title: 'GitLab production role, unprotected branch',
    story: 'The same auto-deploy branch is refused once it is not protected: ref_protected is the string "false".',
    ci: 'gitlab',
    policy: PRODUCTION_WRITE,
    claims: gitlabJobClaims({ ref: 'auto-deploy-2020-04-01', ref_path: 'refs/heads/auto-deploy-2020-04-01', ref_protected: 'false', sub: 'project_path:mygroup/myproject:ref_type:branch:ref:auto-deploy-2020-04-01' }),
    at: AT,
    expect: { decision: 'deny', message: 'error validating claims: claim "ref_protected" does not match any associated bound claim values' },
    source: GITLAB_DOCS,
  },
  {
    id: 'vault-gitlab-project-id-number',
    provider: 'vault',
    title: 'GitLab role with project_id as a number',
    story: 'Role project_id 22 (a number) never matches the token\'s "22" (a string): Vault compares types.',
    ci: 'gitlab',
    policy: STAGING_ROLE.replace('"project_id": "22"', '"project_id": 22'),
    claims: gitlabJobClaims(),
    at: AT,
    expect: { decision: 'deny', message: 'error validating claims: claim "project_id" does not match any associated bound claim values' },
    source: 'https://github.com/hashicorp/vault-plugin-auth-jwt/blob/main/claims.go',
  },
  {
    id: 'vault-github-no-bound-audiences',
    provider: 'vault',
    title: 'GitHub Actions role without bound_audiences',
    story: 'A role that binds only the repository refuses every Actions token on Vault 1.17+, because the token carries an aud.',
    ci: 'github',
    policy: `vault write auth/jwt/role/myproject-production - <<EOF
{
  "role_type": "jwt",
  "user_claim": "actor",
  "bound_claims": {
    "repository": "octo-org/octo-repo"
  },
  "policies": ["myproject-production"],
  "ttl": "10m"
}
EOF
`,
    claims: githubJobClaims(),
    at: AT,
    expect: { decision: 'deny', message: 'audience claim found in JWT but no audiences bound to the role' },
    source: GITHUB_DOCS,
  },
  {
    id: 'vault-github-main-branch',
    provider: 'vault',
    title: 'GitHub Actions role bound to one repository and branch',
    story: 'With bound_audiences and the repository id, a main-branch workflow of octo-org/octo-repo logs in.',
    ci: 'github',
    policy: `{
  "config": {
    "oidc_discovery_url": "https://token.actions.githubusercontent.com",
    "bound_issuer": "https://token.actions.githubusercontent.com"
  },
  "role": {
    "role_type": "jwt",
    "user_claim": "actor",
    "bound_audiences": "https://github.com/octo-org",
    "bound_claims": {
      "repository_id": "1296269",
      "ref": "refs/heads/main"
    },
    "policies": ["myproject-production"],
    "ttl": "10m"
  }
}
`,
    claims: githubJobClaims(),
    at: AT,
    expect: { decision: 'allow' },
    source: GITHUB_DOCS,
  },
  {
    id: 'vault-openbao-empty-aud',
    provider: 'vault',
    title: 'OpenBao refuses an empty aud on a role without bound_audiences',
    story: 'A token with aud "" passes Vault but not OpenBao, which reads a string aud as a one-element list.',
    ci: 'other',
    policy: `{
  "role_type": "jwt",
  "user_claim": "sub",
  "bound_subject": "deploy-bot"
}
`,
    claims: { iss: 'https://issuer.example.com', sub: 'deploy-bot', aud: '', iat: AT - 10, exp: AT + 290 },
    at: AT,
    options: { flavour: 'openbao' },
    expect: { decision: 'deny', message: 'audience claim found in JWT but no audiences bound to the role' },
    source: 'https://github.com/openbao/openbao/blob/main/builtin/credential/jwt/path_login.go',
  },
];
