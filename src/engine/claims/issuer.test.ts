import { describe, expect, it } from 'vitest';
import { issuerFamily } from './issuer';
import { GITHUB_DOCS_EXAMPLE_CLAIMS, GITLAB_DOCS_EXAMPLE_CLAIMS } from './examples';

describe('issuerFamily', () => {
  // https://docs.gitlab.com/ci/secrets/id_token_authentication/ (example token, self-managed instance URL)
  it('recognises the GitLab docs example token from a self-managed instance', () => {
    expect(issuerFamily({ ...GITLAB_DOCS_EXAMPLE_CLAIMS })).toBe('gitlab');
  });

  // The instance URL is free-form; GitLab's sub shape alone identifies it (id_token_authentication.md).
  it('recognises GitLab by sub shape with an arbitrary issuer', () => {
    expect(issuerFamily({ iss: 'https://git.corp.example', sub: 'project_path:a/b:ref_type:tag:ref:v1' })).toBe('gitlab');
    expect(issuerFamily({ iss: 'https://git.corp.example', sub: 'project_id:57382910:ref_type:branch:ref:main' })).toBe('gitlab');
  });

  // lib/gitlab/ci/jwt.rb: CI_JOB_JWT (v1) iss = Settings.gitlab.host, sub = "job_#{build.id}".
  it('recognises the legacy CI_JOB_JWT v1 shape', () => {
    expect(issuerFamily({ iss: 'gitlab.com', sub: 'job_1212' })).toBe('gitlab-legacy');
    expect(issuerFamily({ sub: 'job_302', namespace_id: '72', project_path: 'g/p', pipeline_id: '574' })).toBe('gitlab-legacy');
  });

  it('does not call a job sub with a URL issuer legacy', () => {
    expect(issuerFamily({ iss: 'https://gitlab.com', sub: 'job_1', project_id: '1', namespace_id: '2', job_id: '1' })).toBe('gitlab');
  });

  // https://docs.github.com/en/actions/reference/security/oidc (issuer, enterprise slug, GHES, GHE.com)
  it('recognises GitHub issuers', () => {
    expect(issuerFamily({ ...GITHUB_DOCS_EXAMPLE_CLAIMS })).toBe('github');
    expect(issuerFamily({ iss: 'https://token.actions.githubusercontent.com/octocat-inc' })).toBe('github');
    expect(issuerFamily({ iss: 'https://github.example.com/_services/token' })).toBe('github');
    expect(issuerFamily({ iss: 'https://token.actions.octocorp.ghe.com' })).toBe('github');
  });

  it('recognises GitHub claims without an issuer', () => {
    expect(issuerFamily({ sub: 'repo:o/r:ref:refs/heads/main' })).toBe('github');
    expect(issuerFamily({ sub: 'repository_owner:monalisa', repository: 'monalisa/r', repository_owner: 'monalisa', run_id: '1' })).toBe('github');
  });

  // CircleCI openid-connect-tokens, Buildkite workload identity, Bitbucket OIDC and HCP Terraform
  // workload identity token docs (URLs in catalogue.ts SOURCES).
  it('recognises other CI issuers', () => {
    expect(issuerFamily({ iss: 'https://oidc.circleci.com/org/0b1c2d3e' })).toBe('circleci');
    expect(issuerFamily({ iss: 'https://agent.buildkite.com' })).toBe('buildkite');
    expect(issuerFamily({ iss: 'https://api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc' })).toBe('bitbucket');
    expect(issuerFamily({ iss: 'https://app.terraform.io' })).toBe('terraform');
    expect(issuerFamily({ iss: 'https://tfe.corp.example', terraform_run_phase: 'plan' })).toBe('terraform');
  });

  // Cluster issuers: EKS https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html,
  // AKS https://learn.microsoft.com/en-us/azure/aks/workload-identity-deploy-cluster; Azure DevOps
  // https://learn.microsoft.com/en-us/azure/devops/pipelines/release/configure-workload-identity;
  // Google https://cloud.google.com/compute/docs/instances/verifying-instance-identity.
  it('recognises Kubernetes, Azure DevOps and Google issuers', () => {
    expect(issuerFamily({ iss: 'https://oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE' })).toBe('kubernetes');
    expect(issuerFamily({ iss: 'https://eastus.oic.prod-aks.azure.com/72f988bf-86f1-41af-91ab-2d7cd011db47/3b8e0c6a-1f2d-4e5a-9b7c-6d4e2f1a0b9c/' })).toBe('kubernetes');
    expect(issuerFamily({ iss: 'https://container.googleapis.com/v1/projects/p/locations/us-central1/clusters/c' })).toBe('kubernetes');
    expect(issuerFamily({ iss: 'https://k8s.example.com', sub: 'system:serviceaccount:default:builder' })).toBe('kubernetes');
    expect(issuerFamily({ iss: 'https://vstoken.dev.azure.com/f66a4bc2-08ad-4ec0-a25e-e769dab3b294' })).toBe('azure-devops');
    expect(issuerFamily({ iss: 'https://login.microsoftonline.com/t/v2.0', sub: 'sc://org/project/connection' })).toBe('azure-devops');
    expect(issuerFamily({ iss: 'https://accounts.google.com', sub: '1234' })).toBe('google');
    expect(issuerFamily({ iss: 'accounts.google.com', sub: '1234' })).toBe('google');
  });

  it('says unknown otherwise', () => {
    expect(issuerFamily({ iss: 'https://login.example.com', sub: '1234' })).toBe('unknown');
    expect(issuerFamily({})).toBe('unknown');
    expect(issuerFamily(null as unknown as Record<string, unknown>)).toBe('unknown');
  });
});
