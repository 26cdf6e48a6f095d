// What the service refuses to save. Texts from the "Errors" table of MicrosoftDocs/entra-docs
// docs/workload-id/workload-identity-federation-considerations.md; limits from
// includes/federated-credential-configuration-considerations.md; mutual exclusion and languageVersion
// from workload-identities-set-up-flexible-federated-identity-credential.md and the Graph
// federatedIdentityExpression resource; issuers and claims per platform from
// workload-identities-flexible-federated-identity-credentials.md.
import { describe, expect, it } from 'vitest';
import { credential, EXCHANGE, githubToken, run } from '../../../../test/support/azure';

const token = githubToken('repo:octo-org/octo-repo:environment:Production');
const flexible = (value: string, fields: Record<string, unknown> = {}) =>
  credential({ subject: null, claimsMatchingExpression: { value, languageVersion: 1 }, ...fields });

function refusal(policy: unknown) {
  const result = run(policy, token);
  expect(result.decision).toBe('error');
  expect(result.details.errorSource).toBeDefined();
  return result.message;
}

describe('credential validation', () => {
  it('requires exactly one audience', () => {
    expect(refusal(credential({ audiences: [] }))).toBe('Federated identity credentials must have exactly one audience.');
    expect(refusal(credential({ audiences: [EXCHANGE, 'api://other'] }))).toBe('Federated identity credentials must have exactly one audience.');
    expect(refusal(credential({ audiences: EXCHANGE }))).toBe('Federated identity credentials must have exactly one audience.');
  });

  it('assumes the default audience when audiences is absent, and says so', () => {
    const fields = credential();
    delete fields.audiences;
    const result = run(fields, token);
    expect(result.decision).toBe('allow');
    expect(result.findings.map((f) => f.id)).toContain('azure.audience-defaulted');
  });

  it('checks the name: 3–120 characters, alphanumeric, dash, underscore, alphanumeric first', () => {
    expect(refusal(credential({ name: 'ab' }))).toBe("Federated Identity Credential name 'ab' is invalid.");
    expect(refusal(credential({ name: '-abc' }))).toBe("Federated Identity Credential name '-abc' is invalid.");
    expect(refusal(credential({ name: 'has space' }))).toBe("Federated Identity Credential name 'has space' is invalid.");
    expect(refusal(credential({ name: 'a'.repeat(121) }))).toMatch(/is invalid/);
    expect(run(credential({ name: `a${'-_9'.repeat(39)}z` }), token).decision).toBe('allow');
  });

  it('requires an issuer and a subject or expression ("empty properties")', () => {
    expect(refusal(credential({ issuer: '' }))).toBe('Federated Identity Credential from HTTP body has empty properties');
    expect(refusal(credential({ subject: null }))).toBe('Federated Identity Credential from HTTP body has empty properties');
  });

  it('limits issuer, subject, audience and description to 600 characters', () => {
    const long = `repo:octo-org/octo-repo:environment:${'x'.repeat(600)}`;
    expect(refusal(credential({ subject: long }))).toMatch(/credential\[0\]: subject is 636 characters long; the limit is 600 characters/);
    expect(refusal(credential({ audiences: ['a'.repeat(601)] }))).toMatch(/audience is 601 characters long/);
    expect(refusal(credential({ description: 'd'.repeat(601) }))).toMatch(/description is 601 characters long/);
    expect(run(credential({ subject: 'x'.repeat(600) }), token).decision).toBe('deny');
  });

  it('refuses subject and claimsMatchingExpression together (mutually exclusive)', () => {
    // Case A12.
    expect(refusal(flexible("claims['sub'] eq 'x'", { subject: 'repo:a/b:ref:refs/heads/main' }))).toMatch(/mutually exclusive/);
  });

  it('requires languageVersion 1 and a parsable expression, located at the fault', () => {
    expect(refusal(credential({ subject: null, claimsMatchingExpression: { value: "claims['sub'] eq 'x'" } }))).toMatch(/languageVersion is required and must be 1/);
    const text = JSON.stringify(flexible("claims['sub'] like 'x'"));
    const result = run(text, token);
    expect(result.message).toBe("credential[0]: claimsMatchingExpression: unknown operator 'like' at column 15: the operators are eq and matches");
    const source = result.details.errorSource as { column: number; endColumn: number };
    expect(text.slice(source.column - 1, source.endColumn - 1)).toBe('like');
  });

  it('accepts only the documented claims per issuer', () => {
    // GitHub: sub, job_workflow_ref; GitLab and Terraform Cloud: sub.
    expect(run(flexible("claims['job_workflow_ref'] matches '*'"), token).decision).not.toBe('error');
    expect(refusal(flexible("claims['repository_owner'] eq 'octo-org'"))).toBe(
      "credential[0]: claimsMatchingExpression: claim 'repository_owner' is not supported for GitHub tokens; supported: sub, job_workflow_ref",
    );
    expect(refusal(flexible("claims['job_workflow_ref'] eq 'x'", { issuer: 'https://gitlab.com' }))).toMatch(/not supported for GitLab tokens; supported: sub$/);
    expect(refusal(flexible("claims['sub'] eq 'x'", { issuer: 'https://vault.example.com' }))).toMatch(/accept only GitHub .* not 'https:\/\/vault\.example\.com'/);
  });

  it('knows the GitLab and Terraform Cloud issuers', () => {
    for (const issuer of ['https://gitlab.com', 'https://gitlab.example.com', 'https://gitlab.example.ca', 'https://app.terraform.io', 'https://app.eu.terraform.io']) {
      expect(run(flexible("claims['sub'] matches '*'", { issuer }), token).decision, issuer).not.toBe('error');
    }
    for (const issuer of ['https://gitlab.example.org', 'https://gitlab.ca', 'http://gitlab.com', 'https://app.terraform.io/']) {
      expect(run(flexible("claims['sub'] matches '*'", { issuer }), token).decision, issuer).toBe('error');
    }
  });

  it('refuses more than 20 credentials, duplicate names and duplicate issuer+subject pairs', () => {
    const many = Array.from({ length: 21 }, (_, i) => credential({ name: `cred-${i}`, subject: `repo:o/r:environment:e${i}` }));
    expect(refusal(many)).toMatch(/A maximum of 20 federated identity credentials/);
    expect(run(many.slice(0, 20), token).decision).toBe('deny');
    expect(refusal([credential(), credential({ subject: 'repo:o/r:pull_request' })])).toMatch(/the name 'test-credential' is already used by credential\[0\]/);
    expect(refusal([credential(), credential({ name: 'other' })])).toBe('Issuer and subject combination already exists for this application.');
    // The documented text names the managed identity when the credentials belong to one.
    const managed = { type: 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials' };
    expect(refusal([credential(managed), credential({ ...managed, name: 'other' })])).toBe('Issuer and subject combination already exists for this Managed Identity.');
  });
});
