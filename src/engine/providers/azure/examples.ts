/** Gallery scenarios for Azure; each is also a test (examples.test.ts). */
import {
  aksServiceAccountClaims,
  AZURE_DEVOPS_ORGANIZATION_ID,
  azureDevOpsClaims,
  type ClaimOverrides,
  GITHUB_NO_ENVIRONMENT_OR_ENTERPRISE,
  GITLAB_NO_ENVIRONMENT,
  GITLAB_VAULT_TUTORIAL_JOB,
  githubClaims,
  gitlabClaims,
} from '../../claims/examples';
import type { Example } from '../../example';

const ISSUED_AT = 1700000000;
const AT = ISSUED_AT + 30;

/** GitHub's documented token for a push, requested for Entra ID's token exchange. */
function githubToken(repository: string, sub: string, ref: string, extra: ClaimOverrides = {}): Record<string, unknown> {
  const [owner] = repository.split('/');
  const workflowRef = `${repository}/.github/workflows/deploy.yml@${ref}`;
  return githubClaims({
    ...GITHUB_NO_ENVIRONMENT_OR_ENTERPRISE,
    sub,
    aud: 'api://AzureADTokenExchange',
    ref,
    repository,
    repository_owner: owner,
    event_name: 'push',
    workflow_ref: workflowRef,
    job_workflow_ref: workflowRef,
    iat: ISSUED_AT,
    nbf: ISSUED_AT - 5,
    exp: ISSUED_AT + 300,
    ...extra,
  });
}

/** The job of GitLab's Vault tutorial on gitlab.com, for Entra ID's token exchange. */
function gitlabToken(refType: 'branch' | 'tag', ref: string): Record<string, unknown> {
  return gitlabClaims({
    ...GITLAB_VAULT_TUTORIAL_JOB,
    ...GITLAB_NO_ENVIRONMENT,
    user_access_level: 'developer',
    ref,
    ref_type: refType,
    ref_path: refType === 'tag' ? `refs/tags/${ref}` : `refs/heads/${ref}`,
    ref_protected: 'true',
    runner_id: 7,
    runner_environment: 'gitlab-hosted',
    project_visibility: 'private',
    iss: 'https://gitlab.com',
    iat: ISSUED_AT,
    nbf: ISSUED_AT - 5,
    exp: ISSUED_AT + 300,
    sub: `project_path:mygroup/myproject:ref_type:${refType}:ref:${ref}`,
    aud: 'api://AzureADTokenExchange',
  });
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export const examples: Example[] = [
  {
    id: 'azure-github-environment',
    provider: 'azure',
    title: 'GitHub environment credential',
    story: 'A GitHub job in the Production environment signs in to an app registration that trusts that environment.',
    ci: 'github',
    policy: json({
      id: '1aacb3f2-7ac9-4ef2-9d6a-0f5c2b9e8f11',
      name: 'octo-repo-production',
      issuer: 'https://token.actions.githubusercontent.com',
      subject: 'repo:octo-org/octo-repo:environment:Production',
      description: 'Deployments from the Production environment',
      audiences: ['api://AzureADTokenExchange'],
    }),
    claims: githubToken('octo-org/octo-repo', 'repo:octo-org/octo-repo:environment:Production', 'refs/heads/main', { environment: 'Production' }),
    at: AT,
    expect: { decision: 'allow', message: "'octo-repo-production'" },
    source: 'https://learn.microsoft.com/entra/workload-id/workload-identity-federation-create-trust',
  },
  {
    id: 'azure-github-environment-case',
    provider: 'azure',
    title: 'Environment name differs only in case',
    story: "The credential says Production, the workflow's environment is production: refused since Entra ID matches case-sensitively.",
    ci: 'github',
    policy: json({
      name: 'octo-repo-production',
      issuer: 'https://token.actions.githubusercontent.com',
      subject: 'repo:octo-org/octo-repo:environment:Production',
      audiences: ['api://AzureADTokenExchange'],
    }),
    claims: githubToken('octo-org/octo-repo', 'repo:octo-org/octo-repo:environment:production', 'refs/heads/main', { environment: 'production' }),
    at: AT,
    expect: { decision: 'deny', message: 'AADSTS7002138' },
    source: 'https://learn.microsoft.com/entra/identity-platform/reference-breaking-changes#federated-identity-credentials-now-use-case-sensitive-matching',
  },
  {
    id: 'azure-gitlab-branch-tag',
    provider: 'azure',
    title: 'GitLab branch credential, tag pipeline',
    story: 'A credential for the main branch refuses the token of a pipeline that runs for tag v1.0.',
    ci: 'gitlab',
    policy: json({
      name: 'gitlab-myproject-main',
      issuer: 'https://gitlab.com',
      subject: 'project_path:mygroup/myproject:ref_type:branch:ref:main',
      audiences: ['api://AzureADTokenExchange'],
    }),
    claims: gitlabToken('tag', 'v1.0'),
    at: AT,
    expect: { decision: 'deny', message: 'AADSTS700213' },
    source: 'https://docs.gitlab.com/ci/cloud_services/azure/',
  },
  {
    id: 'azure-flexible-branch-wildcard',
    provider: 'azure',
    title: 'Flexible credential for every branch',
    story: "One flexible credential, claims['sub'] matches 'repo:…:ref:refs/heads/*', admits a nested feature branch.",
    ci: 'github',
    policy: json({
      name: 'contoso-all-branches',
      issuer: 'https://token.actions.githubusercontent.com',
      subject: null,
      audiences: ['api://AzureADTokenExchange'],
      claimsMatchingExpression: {
        value: "claims['sub'] matches 'repo:contoso/contoso-repo:ref:refs/heads/*'",
        languageVersion: 1,
      },
    }),
    claims: githubToken('contoso/contoso-repo', 'repo:contoso/contoso-repo:ref:refs/heads/feature/login', 'refs/heads/feature/login'),
    at: AT,
    expect: { decision: 'allow', message: "'contoso-all-branches'" },
    source: 'https://learn.microsoft.com/entra/workload-id/workload-identities-flexible-federated-identity-credentials',
  },
  {
    id: 'azure-github-pull-request-list',
    provider: 'azure',
    title: 'Credential list without a working pull request entry',
    story: "An app's two credentials (main branch, and `pull-request` as the Entra docs spell it) both refuse a pull request job.",
    ci: 'github',
    policy: json([
      {
        name: 'octo-repo-main',
        issuer: 'https://token.actions.githubusercontent.com',
        subject: 'repo:octo-org/octo-repo:ref:refs/heads/main',
        audiences: ['api://AzureADTokenExchange'],
      },
      {
        name: 'octo-repo-pr',
        issuer: 'https://token.actions.githubusercontent.com',
        subject: 'repo:octo-org/octo-repo:pull-request',
        audiences: ['api://AzureADTokenExchange'],
      },
    ]),
    claims: githubToken('octo-org/octo-repo', 'repo:octo-org/octo-repo:pull_request', 'refs/pull/42/merge', { event_name: 'pull_request' }),
    at: AT,
    expect: { decision: 'deny', message: 'AADSTS700213' },
    source: 'https://docs.github.com/actions/reference/security/oidc',
  },
];

// ---------------------------------------------------------------------------------------------
// Other issuers: AKS workload identity, Azure DevOps service connections, GitHub Enterprise Cloud's
// unique issuer. Appended so the ids above keep their place.

const AKS_DOCS = 'https://learn.microsoft.com/en-us/azure/aks/workload-identity-deploy-cluster';
const AZURE_DEVOPS_DOCS = 'https://learn.microsoft.com/en-us/azure/devops/pipelines/release/configure-workload-identity';
const GITHUB_ENTERPRISE_ISSUER_DOCS = 'https://docs.github.com/en/actions/reference/security/oidc';
/** The issuer URL `az aks show --query oidcIssuerProfile.issuerUrl` prints, trailing slash included. */
const AKS_ISSUER = 'https://eastus.oic.prod-aks.azure.com/72f988bf-86f1-41af-91ab-2d7cd011db47/3b8e0c6a-1f2d-4e5a-9b7c-6d4e2f1a0b9c/';

/** The AKS guide's federated credential on a user-assigned managed identity. */
const aksCredential = json({
  name: 'myFedIdentity',
  issuer: AKS_ISSUER,
  subject: 'system:serviceaccount:default:workload-identity-sa',
  audiences: ['api://AzureADTokenExchange'],
});

/** What Azure DevOps asks for when a workload identity federation service connection is set up manually. */
const azureDevOpsCredential = json({
  name: 'my-service-connection',
  issuer: `https://vstoken.dev.azure.com/${AZURE_DEVOPS_ORGANIZATION_ID}`,
  subject: 'sc://my-organization/my-project/my-service-connection',
  audiences: ['api://AzureADTokenExchange'],
});

/** A GitHub job in an enterprise that opted in to its own issuer, for Entra ID's token exchange. */
function enterpriseIssuerToken(): Record<string, unknown> {
  return githubToken('octo-org/octo-repo', 'repo:octo-org/octo-repo:ref:refs/heads/main', 'refs/heads/main', {
    enterprise: 'octo-enterprise',
    enterprise_id: '2',
    iss: 'https://token.actions.githubusercontent.com/octo-enterprise',
  });
}

examples.push(
  {
    id: 'azure-aks-workload-identity',
    provider: 'azure',
    title: 'AKS pod (workload identity) → managed identity',
    story: 'A pod running as default/workload-identity-sa signs in with the federated credential of the AKS guide.',
    ci: 'other',
    policy: aksCredential,
    claims: aksServiceAccountClaims(ISSUED_AT),
    at: AT,
    expect: { decision: 'allow', message: "'myFedIdentity'" },
    source: AKS_DOCS,
  },
  {
    id: 'azure-aks-other-namespace-denied',
    provider: 'azure',
    title: 'AKS: same service account name, other namespace',
    story: 'A pod running as staging/workload-identity-sa is refused: the subject names the namespace.',
    ci: 'other',
    policy: aksCredential,
    claims: aksServiceAccountClaims(ISSUED_AT, { namespace: 'staging' }),
    at: AT,
    expect: { decision: 'deny', message: 'AADSTS700213' },
    source: AKS_DOCS,
  },
  {
    id: 'azure-aks-issuer-slash-denied',
    provider: 'azure',
    title: 'AKS: issuer URL without its trailing slash',
    story: "A credential that drops the trailing slash of the cluster's issuer URL matches no token: Entra ID compares issuers exactly.",
    ci: 'other',
    policy: json({
      name: 'myFedIdentity',
      issuer: AKS_ISSUER.replace(/\/$/, ''),
      subject: 'system:serviceaccount:default:workload-identity-sa',
      audiences: ['api://AzureADTokenExchange'],
    }),
    claims: aksServiceAccountClaims(ISSUED_AT),
    at: AT,
    expect: { decision: 'deny', message: 'AADSTS700211' },
    source: AKS_DOCS,
  },
  {
    id: 'azure-devops-service-connection',
    provider: 'azure',
    title: 'Azure DevOps service connection → app registration',
    story: 'A pipeline using my-service-connection signs in with the credential Azure DevOps asked for.',
    ci: 'other',
    policy: azureDevOpsCredential,
    claims: azureDevOpsClaims(ISSUED_AT),
    at: AT,
    expect: { decision: 'allow', message: "'my-service-connection'" },
    source: AZURE_DEVOPS_DOCS,
  },
  {
    id: 'azure-devops-other-project-denied',
    provider: 'azure',
    title: 'Azure DevOps: a connection of the same name in another project',
    story: 'A service connection called my-service-connection in another project has another subject and is refused.',
    ci: 'other',
    policy: azureDevOpsCredential,
    claims: azureDevOpsClaims(ISSUED_AT, { sub: 'sc://my-organization/other-project/my-service-connection' }),
    at: AT,
    expect: { decision: 'deny', message: 'AADSTS700213' },
    source: AZURE_DEVOPS_DOCS,
  },
  {
    id: 'azure-github-enterprise-issuer',
    provider: 'azure',
    title: 'GitHub Enterprise Cloud unique issuer → app registration',
    story: "A workflow of an enterprise with its own issuer signs in with a credential naming …/octo-enterprise.",
    ci: 'github',
    policy: json({
      name: 'octo-repo-main',
      issuer: 'https://token.actions.githubusercontent.com/octo-enterprise',
      subject: 'repo:octo-org/octo-repo:ref:refs/heads/main',
      audiences: ['api://AzureADTokenExchange'],
    }),
    claims: enterpriseIssuerToken(),
    at: AT,
    expect: { decision: 'allow', message: "'octo-repo-main'" },
    source: GITHUB_ENTERPRISE_ISSUER_DOCS,
  },
  {
    id: 'azure-github-enterprise-issuer-default-denied',
    provider: 'azure',
    title: 'GitHub unique issuer vs a credential for the default one',
    story: 'Once the enterprise switches to its own issuer, a credential naming https://token.actions.githubusercontent.com matches no token.',
    ci: 'github',
    policy: json({
      name: 'octo-repo-main',
      issuer: 'https://token.actions.githubusercontent.com',
      subject: 'repo:octo-org/octo-repo:ref:refs/heads/main',
      audiences: ['api://AzureADTokenExchange'],
    }),
    claims: enterpriseIssuerToken(),
    at: AT,
    expect: { decision: 'deny', message: 'AADSTS700211' },
    source: GITHUB_ENTERPRISE_ISSUER_DOCS,
  },
);
