/** Gallery scenarios for Google Cloud, each pinned in time and asserted by examples.test.ts. */
import { eksServiceAccountClaims, GITHUB_NO_ENVIRONMENT_OR_ENTERPRISE, GITLAB_NO_ENVIRONMENT, githubClaims, gitlabClaims, withoutClaims } from '../../claims/examples';
import type { Example } from '../../example';

const GITLAB_GUIDE = 'https://docs.gitlab.com/ci/cloud_services/google_cloud/';
const GHA_README = 'https://github.com/google-github-actions/auth/blob/main/README.md';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * GitLab's guide: issuer with a trailing slash, audience without one, google.subject and
 * attribute.X mappings, the group restriction Google requires on GitLab.com, and the
 * `attribute.user_login/chris` binding.
 */
const gitlabPolicy = json({
  provider: {
    name: 'projects/123456789012/locations/global/workloadIdentityPools/gitlab/providers/gitlab-gitlab',
    displayName: 'gitlab/gitlab',
    state: 'ACTIVE',
    attributeMapping: {
      'google.subject': 'assertion.sub',
      'attribute.user_login': 'assertion.user_login',
      'attribute.namespace_id': 'assertion.namespace_id',
      'attribute.project_path': 'assertion.project_path',
    },
    attributeCondition: "assertion.namespace_id == '72' && assertion.namespace_path == 'my-group'",
    oidc: { issuerUri: 'https://gitlab.com/', allowedAudiences: ['https://gitlab.com'] },
  },
  iamPolicy: {
    bindings: [
      {
        role: 'roles/iam.workloadIdentityUser',
        members: ['principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/gitlab/attribute.user_login/chris'],
      },
    ],
  },
});

/** GitLab's documented example ID token, issued by GitLab.com for chris on main, for the audience the guide sets. */
const gitlabToken = gitlabClaims({
  ...GITLAB_NO_ENVIRONMENT,
  user_login: 'chris',
  user_email: 'chris@example.com',
  user_identities: undefined,
  ref: 'main',
  ref_path: 'refs/heads/main',
  ref_protected: 'true',
  runner_environment: 'gitlab-hosted',
  project_visibility: 'private',
  iss: 'https://gitlab.com',
  sub: 'project_path:my-group/my-project:ref_type:branch:ref:main',
  aud: 'https://gitlab.com',
});

/** google-github-actions/auth "Direct Workload Identity Federation" setup. */
const githubPolicy = json({
  provider: {
    name: 'projects/123456789012/locations/global/workloadIdentityPools/github/providers/my-repo',
    displayName: 'My GitHub repo Provider',
    state: 'ACTIVE',
    attributeMapping: {
      'google.subject': 'assertion.sub',
      'attribute.actor': 'assertion.actor',
      'attribute.repository': 'assertion.repository',
      'attribute.repository_owner': 'assertion.repository_owner',
    },
    attributeCondition: "assertion.repository_owner == 'octo-org'",
    oidc: { issuerUri: 'https://token.actions.githubusercontent.com' },
  },
  iamPolicy: {
    bindings: [
      {
        role: 'roles/iam.workloadIdentityUser',
        members: ['principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/github/attribute.repository/octo-org/octo-repo'],
      },
    ],
  },
});

/** GitHub's documented example token for a push to main, with the audience google-github-actions/auth requests. */
function githubToken(owner: string, repository: string, ids: { owner: string; repository: string }) {
  const workflowRef = `${owner}/${repository}/.github/workflows/deploy.yml@refs/heads/main`;
  return githubClaims({
    ...GITHUB_NO_ENVIRONMENT_OR_ENTERPRISE,
    ...withoutClaims('head_ref', 'base_ref'),
    sub: `repo:${owner}/${repository}:ref:refs/heads/main`,
    aud: 'https://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/github/providers/my-repo',
    repository: `${owner}/${repository}`,
    repository_owner: owner,
    repository_owner_id: ids.owner,
    repository_id: ids.repository,
    event_name: 'push',
    workflow_ref: workflowRef,
    job_workflow_ref: workflowRef,
    iat: 1700000000,
    nbf: 1699999995,
    exp: 1700000300,
  });
}

export const examples: Example[] = [
  {
    id: 'gcp-gitlab-user-login',
    provider: 'gcp',
    title: 'GitLab → Google Cloud, bound to one user',
    story: "chris's pipeline in my-group exchanges its GitLab.com token and may impersonate the service account.",
    ci: 'gitlab',
    policy: gitlabPolicy,
    claims: gitlabToken,
    at: 1681395203,
    expect: { decision: 'allow' },
    source: GITLAB_GUIDE,
  },
  {
    id: 'gcp-gitlab-other-group',
    provider: 'gcp',
    title: 'GitLab → Google Cloud, pipeline of another group',
    story: 'A GitLab.com project outside my-group asks for the same audience; the attribute condition rejects it.',
    ci: 'gitlab',
    policy: gitlabPolicy,
    claims: {
      ...gitlabToken,
      namespace_id: '99',
      namespace_path: 'other-group',
      project_path: 'other-group/my-project',
      sub: 'project_path:other-group/my-project:ref_type:branch:ref:main',
    },
    at: 1681395203,
    expect: { decision: 'deny', message: 'The given credential is rejected by the attribute condition.' },
    source: GITLAB_GUIDE,
  },
  {
    id: 'gcp-github-recommended',
    provider: 'gcp',
    title: 'GitHub Actions → Google Cloud, recommended setup',
    story: 'octo-org/octo-repo authenticates with google-github-actions/auth and its repository binding grants impersonation.',
    ci: 'github',
    policy: githubPolicy,
    claims: githubToken('octo-org', 'octo-repo', { owner: '65', repository: '74' }),
    at: 1700000010,
    expect: { decision: 'allow' },
    source: GHA_README,
  },
  {
    id: 'gcp-github-other-owner',
    provider: 'gcp',
    title: 'GitHub Actions → Google Cloud, another owner',
    story: 'A repository of another GitHub owner requests the provider\'s audience; the repository_owner condition rejects it at STS.',
    ci: 'github',
    policy: githubPolicy,
    claims: githubToken('octo-org-fork', 'octo-repo', { owner: '66', repository: '75' }),
    at: 1700000010,
    expect: { decision: 'deny', message: 'The given credential is rejected by the attribute condition.' },
    source: GHA_README,
  },
  {
    id: 'gcp-github-other-repo',
    provider: 'gcp',
    title: 'GitHub Actions → Google Cloud, right owner, unbound repository',
    story: 'Another octo-org repository passes the condition but no binding names it: impersonation gets 403.',
    ci: 'github',
    policy: githubPolicy,
    claims: githubToken('octo-org', 'docs', { owner: '65', repository: '81' }),
    at: 1700000010,
    expect: { decision: 'deny', message: 'The caller does not have permission' },
    source: GHA_README,
  },
];

// ---------------------------------------------------------------------------------------------
// Kubernetes clusters outside Google Cloud (here an EKS cluster), federated with a workload
// identity pool as "Configure Workload Identity Federation with Kubernetes" sets it up. Appended so
// the ids above keep their place.

const KUBERNETES_GUIDE = 'https://cloud.google.com/iam/docs/workload-identity-federation-with-kubernetes';
const KUBERNETES_PROVIDER = 'projects/123456789012/locations/global/workloadIdentityPools/kubernetes/providers/eks-cluster';

/** The guide's provider (its attribute mapping reads the bound pod under `kubernetes.io`) and a binding for one service account. */
const kubernetesPolicy = json({
  provider: {
    name: KUBERNETES_PROVIDER,
    displayName: 'eks-cluster',
    state: 'ACTIVE',
    attributeMapping: {
      'google.subject': 'assertion.sub',
      'attribute.namespace': "assertion['kubernetes.io']['namespace']",
      'attribute.service_account_name': "assertion['kubernetes.io']['serviceaccount']['name']",
      'attribute.pod': "assertion['kubernetes.io']['pod']['name']",
    },
    oidc: { issuerUri: 'https://oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE' },
  },
  iamPolicy: {
    bindings: [
      {
        role: 'roles/iam.workloadIdentityUser',
        members: ['principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/kubernetes/subject/system:serviceaccount:default:my-service-account'],
      },
    ],
  },
});

/** A projected service-account token requested for the provider's default audience. */
function kubernetesToken(namespace: string) {
  return eksServiceAccountClaims(1700000000, { namespace, aud: [`https://iam.googleapis.com/${KUBERNETES_PROVIDER}`], exp: 1700003600 });
}

examples.push(
  {
    id: 'gcp-kubernetes-workload-identity',
    provider: 'gcp',
    title: 'Kubernetes pod → Google Cloud service account',
    story: 'A pod running as default/my-service-account on an EKS cluster exchanges its token; the principal:// binding for its subject grants impersonation.',
    ci: 'other',
    policy: kubernetesPolicy,
    claims: kubernetesToken('default'),
    at: 1700000010,
    expect: { decision: 'allow' },
    source: KUBERNETES_GUIDE,
  },
  {
    id: 'gcp-kubernetes-other-namespace-denied',
    provider: 'gcp',
    title: 'Kubernetes: same service account name, other namespace',
    story: 'A pod running as staging/my-service-account gets a federated token, but no binding names its subject: impersonation gets 403.',
    ci: 'other',
    policy: kubernetesPolicy,
    claims: kubernetesToken('staging'),
    at: 1700000010,
    expect: { decision: 'deny', message: 'The caller does not have permission' },
    source: KUBERNETES_GUIDE,
  },
);
