/** Where each Azure rule comes from; findings and tests cite these. */

export const REFERENCES = {
  /** Field rules, limits, "wildcard characters aren't supported", issuer whitespace. */
  considerations: 'https://learn.microsoft.com/entra/workload-id/workload-identity-federation-considerations',
  /** Graph resource: issuer/subject/audience matching is case-sensitive; max 20 per application. */
  graphOverview: 'https://learn.microsoft.com/graph/api/resources/federatedidentitycredentials-overview',
  /** Portal scenarios and the GitHub subject shapes (the doc writes `pull-request`). */
  createTrust: 'https://learn.microsoft.com/entra/workload-id/workload-identity-federation-create-trust',
  /** Flexible credentials: grammar, operators, issuers and claims per platform. */
  flexible: 'https://learn.microsoft.com/entra/workload-id/workload-identities-flexible-federated-identity-credentials',
  flexibleSetup: 'https://learn.microsoft.com/entra/workload-id/workload-identities-set-up-flexible-federated-identity-credential',
  /** GitHub immutable subjects `repo:OWNER@ID/REPO@ID:…`. */
  immutableSubjects: 'https://learn.microsoft.com/entra/workload-id/workload-identities-github-immutable-subjects',
  /** GitHub's own subject formats (`pull_request`, environment takes precedence over ref). */
  githubOidc: 'https://docs.github.com/actions/reference/security/oidc',
  /** Case-sensitive matching breaking change (AADSTS7002138). */
  caseSensitive: 'https://learn.microsoft.com/entra/identity-platform/reference-breaking-changes#federated-identity-credentials-now-use-case-sensitive-matching',
  /** GitLab's Azure guide (AADSTS700212 for a wrong audience). */
  gitlabAzure: 'https://docs.gitlab.com/ci/cloud_services/azure/',
} as const;
