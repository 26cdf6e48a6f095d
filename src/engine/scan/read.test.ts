// The scan's readers on small fixtures shaped like the real CLI outputs (fixtures/scan/README.md
// names the documentation page showing each shape).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHclLibrary } from '../inputs/hcl-library';
import { convertIac, loadIacReaders } from '../inputs/index';
import { trustDocument, webIdentityIssuers } from './aws';
import { readInput, readInputs } from './read';

const fixture = (path: string) => ({ file: path, text: readFileSync(`fixtures/scan/${path}`, 'utf8') });

beforeAll(async () => {
  await loadIacReaders(fixture('terraform/main.tf').text);
});

describe('AWS account exports', () => {
  it('get-account-authorization-details: OIDC roles read (URL-encoded or not), service, account and SAML roles skipped, each located at its RoleName', () => {
    const { file, text } = fixture('account/authorization-details.json');
    const read = readInput(file, text);
    expect(read.skipped).toBe(4);
    expect(read.errors).toEqual([]);
    expect(read.configurations.map((c) => [c.name, c.source.line, c.issuers])).toEqual([
      ['github-actions-any', 79, ['https://token.actions.githubusercontent.com']],
      ['github-actions-org', 97, ['https://token.actions.githubusercontent.com']],
      ['gitlab-deploy-main', 115, ['https://gitlab.com']],
      ['github-production-environment', 149, ['https://token.actions.githubusercontent.com']],
    ]);
    const lines = text.split('\n');
    for (const c of read.configurations) expect(lines[c.source.line! - 1]).toContain(`"RoleName": "${c.name}"`);
    // The first two are URL-encoded in the export, as the IAM API returns them; the text analysed is the decoded policy.
    expect(JSON.parse(read.configurations[0].policyText).Statement[0].Action).toBe('sts:AssumeRoleWithWebIdentity');
  });

  it('list-roles: the same roles read from Roles[]', () => {
    const { file, text } = fixture('list-roles.json');
    const read = readInput(file, text);
    expect(read.skipped).toBe(1);
    expect(read.configurations.map((c) => c.name)).toEqual(['github-actions-any', 'github-actions-org']);
  });

  it('a trust document URL-encoded, plain JSON text or an object reads the same', () => {
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::1:oidc-provider/gitlab.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }] };
    expect(trustDocument(encodeURIComponent(JSON.stringify(policy)))).toEqual(policy);
    expect(trustDocument(JSON.stringify(policy))).toEqual(policy);
    expect(trustDocument(policy)).toEqual(policy);
    expect(trustDocument('%7B')).toBeNull();
  });

  it('only Allow statements with AssumeRoleWithWebIdentity and a non-SAML Federated principal trust an OIDC issuer', () => {
    const statement = (extra: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity', ...extra }] });
    expect(webIdentityIssuers(statement({ Principal: { Federated: 'arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com' } }))).toEqual(['https://token.actions.githubusercontent.com']);
    expect(webIdentityIssuers(statement({ Principal: { Federated: 'cognito-identity.amazonaws.com' } }))).toEqual(['https://cognito-identity.amazonaws.com']);
    expect(webIdentityIssuers(statement({ Principal: { Federated: 'arn:aws:iam::1:saml-provider/Okta' } }))).toEqual([]);
    expect(webIdentityIssuers(statement({ Principal: { Service: 'lambda.amazonaws.com' } }))).toEqual([]);
    // Action patterns and a "*" principal (any identity provider of the account) count too.
    expect(webIdentityIssuers(statement({ Action: ['sts:AssumeRole*'], Principal: { Federated: 'arn:aws:iam::1:oidc-provider/gitlab.com' } }))).toEqual(['https://gitlab.com']);
    expect(webIdentityIssuers(statement({ Principal: '*' }))).toEqual(['*']);
    expect(webIdentityIssuers(statement({ Action: 'sts:AssumeRole', Principal: { Federated: 'arn:aws:iam::1:oidc-provider/gitlab.com' } }))).toEqual([]);
    expect(webIdentityIssuers(statement({ Effect: 'Deny', Principal: { Federated: 'arn:aws:iam::1:oidc-provider/gitlab.com' } }))).toEqual([]);
  });
});

describe('Google Cloud, Vault and Azure', () => {
  it('gcloud providers list: OIDC providers read with the pool bindings beside them; an aws provider is skipped', () => {
    const read = readInputs([fixture('gcp/providers.json'), fixture('gcp/deployer-iam-policy.json')]);
    expect(read.skipped).toBe(1);
    expect(read.configurations.map((c) => [c.name, c.source.line, c.issuers])).toEqual([
      ['ci-pool/providers/github', 10, ['https://token.actions.githubusercontent.com']],
      ['ci-pool/providers/gitlab', 24, ['https://gitlab.com']],
    ]);
    const github = JSON.parse(read.configurations[0].policyText);
    expect(github.iamPolicy.bindings[0].role).toBe('roles/iam.workloadIdentityUser');
    expect(github.provider.oidc.issuerUri).toBe('https://token.actions.githubusercontent.com');
  });

  it('a disabled or deleted Google Cloud provider is skipped: it exchanges no token', () => {
    const providers = JSON.parse(fixture('gcp/providers.json').text) as Array<Record<string, unknown>>;
    const text = JSON.stringify([{ ...providers[0], disabled: true }, { ...providers[1], state: 'DELETED' }], null, 2);
    const read = readInput('gcp/old.json', text);
    expect(read.configurations).toEqual([]);
    expect(read.skipped).toBe(2);
  });

  it('vault read outputs: each role named by its file, completed by the mount config read beside it', () => {
    const read = readInputs([fixture('vault/jwt/config.json'), fixture('vault/jwt/myproject-production.json'), fixture('vault/jwt/mygroup-any-project.json')]);
    expect(read.configurations.map((c) => [c.name, c.provider, c.issuers])).toEqual([
      ['myproject-production', 'vault', ['https://gitlab.example.com']],
      ['mygroup-any-project', 'vault', ['https://gitlab.example.com']],
    ]);
    const text = JSON.parse(read.configurations[0].policyText);
    expect(text.config.bound_issuer).toBe('https://gitlab.example.com');
    expect(text.role.bound_claims.project_id).toBe('22');
  });

  it('a vault role read alone is analysed without a config', () => {
    const read = readInputs([fixture('vault/jwt/myproject-production.json')]);
    expect(read.configurations).toHaveLength(1);
    expect(JSON.parse(read.configurations[0].policyText).data.role_type).toBe('jwt');
  });

  it('az ad app / az identity federated-credential list: one configuration per credential', () => {
    const read = readInputs([fixture('azure/app-credentials.json'), fixture('azure/identity-credentials.json')]);
    expect(read.configurations.map((c) => [c.name, c.source.file, c.source.line])).toEqual([
      ['octo-repo-main', 'azure/app-credentials.json', 9],
      ['octo-repo-pull-requests', 'azure/app-credentials.json', 19],
      ['gitlab-main', 'azure/identity-credentials.json', 8],
    ]);
  });
});

describe('infrastructure as code and single configurations', () => {
  it('Terraform: each trust resource of a file at its block; a policy document used by a role is read through the role; a service role is skipped', () => {
    const read = readInputs([fixture('terraform/main.tf'), fixture('terraform/modules/ci/vault.tf'), fixture('terraform/modules/ci/variables.tf')]);
    expect(read.configurations.map((c) => [c.name, c.provider, c.source.file, c.source.line])).toEqual([
      ['aws_iam_role.deploy', 'aws', 'terraform/main.tf', 29],
      ['aws_iam_role.release', 'aws', 'terraform/main.tf', 34],
      ['vault_jwt_auth_backend_role.deploy', 'vault', 'terraform/modules/ci/vault.tf', 9],
    ]);
    expect(read.skipped).toBe(1);
    expect(read.unrecognised).toEqual(['terraform/modules/ci/variables.tf']);
  });

  it('Terraform JSON syntax (*.tf.json): nested blocks and ${…} expressions read as in native syntax, each resource at its name', async () => {
    await loadHclLibrary();
    const read = readInputs([fixture('terraform/ci.tf.json')]);
    expect(read.errors).toEqual([]);
    expect(read.configurations.map((c) => [c.name, c.source.line, c.issuers])).toEqual([
      ['aws_iam_role.gitlab_deploy', 27, ['https://gitlab.com']],
      ['aws_iam_role.github_pages', 31, ['https://token.actions.githubusercontent.com']],
    ]);
    const lines = fixture('terraform/ci.tf.json').text.split('\n');
    expect(lines[26]).toContain('"gitlab_deploy"');
    expect(lines[30]).toContain('"github_pages"');
  });

  it('Terraform plan JSON: resolved values of every trust resource, modules included, located at its address; a service role skipped', () => {
    const { file, text } = fixture('terraform-plan/plan.json');
    const read = readInput(file, text);
    expect(read.skipped).toBe(1);
    expect(read.errors).toEqual([]);
    expect(read.configurations.map((c) => [c.name, c.provider, c.source.line, c.issuers])).toEqual([
      ['aws_iam_role.deploy', 'aws', 8, ['https://token.actions.githubusercontent.com']],
      ['azuread_application_federated_identity_credential.pull_requests', 'azure', 41, ['https://token.actions.githubusercontent.com']],
      ['module.ci.vault_jwt_auth_backend_role.deploy', 'vault', 81, ['https://gitlab.com']],
    ]);
    const lines = text.split('\n');
    for (const c of read.configurations) expect(lines[c.source.line! - 1]).toContain(`"address": "${c.name}"`);
    // The role is completed by its mount's config from the same plan.
    expect(JSON.parse(read.configurations[2].policyText).config.bound_issuer).toBe('https://gitlab.com');
  });

  it('Terraform plan JSON: the scan and eval read each resource through the one plan reader, to the same configuration', () => {
    const { file, text } = fixture('terraform-plan/plan.json');
    const read = readInput(file, text);
    expect(read.configurations.length).toBeGreaterThan(0);
    for (const c of read.configurations) {
      const outcome = convertIac(text, 'terraform', { resource: c.name });
      expect(outcome.ok).toBe(true);
      if (outcome.ok) expect(JSON.parse(c.policyText)).toEqual(JSON.parse(outcome.conversion.text));
    }
  });

  it('CloudFormation: the OIDC role read with its account and partition filled (they do not change the verdict), the service role skipped', () => {
    const read = readInputs([fixture('cloudformation/ci-roles.yaml')]);
    expect(read.configurations.map((c) => [c.name, c.source.line, c.issuers])).toEqual([['GitLabDeployRole', 4, ['https://gitlab.com']]]);
    expect(read.skipped).toBe(1);
  });

  it('a single trust configuration in any form eval reads is one configuration named after the file', () => {
    const policy = readFileSync('fixtures/scan/account/authorization-details.json', 'utf8');
    const role = JSON.parse(policy).RoleDetailList[6];
    const read = readInput('roles/gitlab-deploy-main.json', JSON.stringify(role.AssumeRolePolicyDocument));
    expect(read.configurations.map((c) => [c.name, c.provider])).toEqual([['gitlab-deploy-main', 'aws']]);
  });

  it('a file that is not JSON is one error line; a file no reader knows is passed over', () => {
    const broken = readInput('mixed/broken.json', readFileSync('fixtures/scan/mixed/broken.json', 'utf8'));
    expect(broken.errors).toHaveLength(1);
    expect(broken.errors[0].message).toMatch(/^not valid JSON/);
    expect(broken.errors[0].message).not.toContain('\n');
    expect(readInput('package.json', '{"name": "x"}').recognised).toBe(false);
  });
});
