// Each example's decision and message are asserted with the whole gallery (src/engine/examples.test.ts).
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../evaluate';
import { claimsToken } from '../../token';
import { examples } from './examples';

function run(id: string) {
  const example = examples.find((candidate) => candidate.id === id);
  if (!example) throw new Error(`no example ${id}`);
  const result = evaluate({ policyText: example.policy, token: { ok: true, token: claimsToken(example.claims) }, at: example.at, options: example.options });
  return { example, result, decisive: result.checks.find((check) => check.decisive) };
}

describe('aws gallery examples', () => {
  it('has the default example, unique ids, and cites a source for each', () => {
    const ids = examples.map((example) => example.id);
    expect(ids).toContain('gitlab-aws-branch');
    expect(new Set(ids).size).toBe(ids.length);
    for (const example of examples) expect(example.source, example.id).toMatch(/^https:\/\//);
  });

  // The examples menu covers each documented policy with a token it admits and one it refuses, and
  // the refusal fails on the condition the scenario is about (aws.md §2.2: a condition that does not
  // match makes the Allow statement not apply, so the call is implicitly denied).
  const pairs: { policy: string; allowed: string; denied: string; failingCondition: string }[] = [
    // https://docs.gitlab.com/ci/cloud_services/aws/ (the seed: a self-managed instance, default key mapping)
    { policy: 'GitLab docs, self-managed', allowed: 'gitlab-aws-self-managed', denied: 'gitlab-aws-self-managed-denied', failingCondition: 'StringEquals.gitlab.example.com:sub' },
    // The same page for gitlab.com; tag pipelines put ref_type:tag into sub.
    { policy: 'GitLab docs, gitlab.com', allowed: 'gitlab-aws-branch', denied: 'gitlab-aws-tag-denied', failingCondition: 'StringEquals.gitlab.com:sub' },
    // The same page, 2026: namespace_id and project_id are gitlab.com-only keys (aws.md §0.2).
    { policy: 'gitlab.com with IDs', allowed: 'gitlab-aws-project-id', denied: 'gitlab-aws-project-id-denied', failingCondition: 'StringEquals.gitlab.com:project_id' },
    // https://docs.gitlab.com/ci/cloud_services/ "Filter to all projects under a group".
    { policy: 'GitLab group wildcard', allowed: 'gitlab-aws-group-wildcard', denied: 'gitlab-aws-group-wildcard-denied', failingCondition: 'StringLike.gitlab.com:sub' },
    // https://docs.github.com/en/actions/how-tos/secure-your-work/security-harden-deployments/oidc-in-aws
    { policy: 'GitHub docs, branch', allowed: 'github-aws-branch', denied: 'github-aws-pull-request-denied', failingCondition: 'StringEquals.token.actions.githubusercontent.com:sub' },
    { policy: 'GitHub docs, environment', allowed: 'github-aws-environment', denied: 'github-aws-environment-denied', failingCondition: 'StringEquals.token.actions.githubusercontent.com:sub' },
    // https://docs.github.com/en/actions/reference/security/oidc subject `repo:ORG_NAME/*`.
    { policy: 'GitHub organization wildcard', allowed: 'github-aws-org-wildcard', denied: 'github-aws-org-wildcard-denied', failingCondition: 'StringLike.token.actions.githubusercontent.com:sub' },
    // https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html (sub = system:serviceaccount:<ns>:<sa>)
    { policy: 'EKS IRSA', allowed: 'eks-irsa-aws', denied: 'eks-irsa-aws-other-namespace-denied', failingCondition: 'StringEquals.oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub' },
    // https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/aws-configuration
    { policy: 'HCP Terraform, one workspace', allowed: 'terraform-cloud-aws-apply', denied: 'terraform-cloud-aws-other-workspace-denied', failingCondition: 'StringLike.app.terraform.io:sub' },
    // https://circleci.com/docs/guides/permissions-authentication/openid-connect-tokens/ (AWS section)
    { policy: 'CircleCI, one project', allowed: 'circleci-aws', denied: 'circleci-aws-other-project-denied', failingCondition: 'StringLike.oidc.circleci.com/org/c8e7a1b2-3d4f-4a5b-9c6d-7e8f9a0b1c2d:sub' },
    // https://buildkite.com/docs/pipelines/security/oidc/aws
    { policy: 'Buildkite, main branch', allowed: 'buildkite-aws', denied: 'buildkite-aws-branch-denied', failingCondition: 'StringLike.agent.buildkite.com:sub' },
    // https://support.atlassian.com/bitbucket-cloud/docs/deploy-on-aws-using-bitbucket-pipelines-openid-connect/
    { policy: 'Bitbucket, one repository', allowed: 'bitbucket-aws', denied: 'bitbucket-aws-other-repository-denied', failingCondition: 'StringLike.api.bitbucket.org/2.0/workspaces/my-workspace/pipelines-config/identity/oidc:sub' },
    // Deployment steps: {repositoryUuid}:{environmentUuid}:{stepUuid} (Bitbucket's example payload).
    { policy: 'Bitbucket, production environment', allowed: 'bitbucket-aws-production-environment', denied: 'bitbucket-aws-staging-environment-denied', failingCondition: 'StringLike.api.bitbucket.org/2.0/workspaces/my-workspace/pipelines-config/identity/oidc:sub' },
    // GitHub's AWS guide, GitHub Enterprise Server: keys prefixed with HOSTNAME/_services/token.
    { policy: 'GitHub Enterprise Server', allowed: 'github-enterprise-server-aws', denied: 'github-enterprise-server-aws-other-repository-denied', failingCondition: 'StringEquals.github.example.com/_services/token:sub' },
    // GHE.com: GitHub's OIDC reference "Substituted values on GHE.com"; AWS's GitHub-tab keys for token.actions.<subdomain>.ghe.com (aws.md §1.3).
    { policy: 'GHE.com with repository_id', allowed: 'github-ghe-com-aws', denied: 'github-ghe-com-aws-recreated-repository-denied', failingCondition: 'StringEquals.token.actions.octocorp.ghe.com:repository_id' },
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html: accounts.google.com:aud reads azp.
    { policy: 'Google service account', allowed: 'cloud-build-aws', denied: 'cloud-build-aws-other-service-account-denied', failingCondition: 'StringEquals.accounts.google.com:aud' },
  ];

  for (const { policy, allowed, denied, failingCondition } of pairs) {
    it(`${policy}: ${allowed} is allowed, ${denied} is refused on ${failingCondition}`, () => {
      const allow = run(allowed);
      const deny = run(denied);
      expect(deny.example.policy).toBe(allow.example.policy);
      expect(allow.result.decision, allow.result.message).toBe('allow');
      expect(deny.result.decision, deny.result.message).toBe('deny');
      expect(deny.result.message).toBe('AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity');
      expect(deny.decisive?.id).toBe(`statement[0].condition.${failingCondition}`);
      expect(deny.decisive?.result).toBe('fail');
    });
  }

  // The Default tab maps `accounts.google.com:aud` to azp when the token has one, so a condition
  // written for the requested audience never matches a service account's token
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html).
  it('cloud-build-aws-aud-is-azp-denied fails on accounts.google.com:aud, which holds azp', () => {
    const { result, decisive } = run('cloud-build-aws-aud-is-azp-denied');
    expect(result.decision).toBe('deny');
    expect(decisive?.id).toBe('statement[0].condition.StringEquals.accounts.google.com:aud');
    expect(JSON.stringify(decisive)).toContain('112233445566778899001');
  });

  // With split roles the apply role refuses the plan phase on its run_phase (HashiCorp's AWS page).
  it('terraform-cloud-aws-plan-denied fails on app.terraform.io:sub', () => {
    const { result, decisive } = run('terraform-cloud-aws-plan-denied');
    expect(result.decision).toBe('deny');
    expect(decisive?.id).toBe('statement[0].condition.StringEquals.app.terraform.io:sub');
  });
});
