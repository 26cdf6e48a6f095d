// Input shapes: `az ad app federated-credential show` / `list` output and Microsoft Graph
// federatedIdentityCredential JSON (microsoftgraph/microsoft-graph-docs-contrib
// api-reference/v1.0/resources/federatedidentitycredential.md: audiences, description, id, issuer, name, subject).
import { describe, expect, it } from 'vitest';
import { detectProvider } from '../../evaluate';
import { expressionRange, parseAzure } from './parse';

const SHOW = `{
  "audiences": [
    "api://AzureADTokenExchange"
  ],
  "description": "Testing",
  "id": "f0a6c3b5-3b2e-4f0a-9b6b-4f6b4d5c6e7f",
  "issuer": "https://token.actions.githubusercontent.com",
  "name": "Testing",
  "subject": "repo:octo-org/octo-repo:environment:Production"
}`;

describe('parseAzure', () => {
  it('reads one credential as `az ad app federated-credential show` prints it, with field ranges', () => {
    const outcome = parseAzure(SHOW);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const [credential] = outcome.policy.credentials;
    expect(outcome.policy.shape).toBe('credential');
    expect(credential.owner).toBe('application');
    expect(credential.fieldSource.issuer).toEqual({ line: 7, column: 3, endLine: 7, endColumn: 58 });
    expect(credential.fieldSource.subject).toMatchObject({ line: 9 });
    expect(credential.audienceSource).toEqual({ line: 3, column: 5, endLine: 3, endColumn: 33 });
    expect(credential.source).toEqual({ line: 1, column: 1, endLine: 10, endColumn: 2 });
  });

  it('reads the array `… list` prints and a Graph list response, one range per credential', () => {
    const list = `[${SHOW},\n${SHOW}]`;
    const outcome = parseAzure(list);
    expect(outcome.ok && outcome.policy.credentials.map((c) => [c.index, c.source.line])).toEqual([
      [0, 1],
      [1, 11],
    ]);
    const graph = parseAzure(JSON.stringify({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#x', value: [JSON.parse(SHOW)] }));
    expect(graph.ok && graph.policy.shape).toBe('graphList');
    expect(graph.ok && graph.policy.credentials[0].path).toEqual(['value', 0]);
  });

  it('recognises a user-assigned managed identity credential by its ARM type', () => {
    // `az identity federated-credential show` prints the ARM resource type.
    const outcome = parseAzure(JSON.stringify({ ...JSON.parse(SHOW), type: 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials' }));
    expect(outcome.ok && outcome.policy.credentials[0].owner).toBe('managedIdentity');
  });

  it('refuses what is not a credential, with a location', () => {
    const scalar = parseAzure('"issuer"');
    expect(scalar.ok).toBe(false);
    const element = parseAzure('[{"issuer": "x", "subject": "y"}, 3]');
    expect(!element.ok && element.error.message).toMatch(/credential\[1\] is not an object/);
    expect(!element.ok && element.error.source).toEqual({ line: 1, column: 35, endLine: 1, endColumn: 36 });
    const broken = parseAzure('{"issuer": }');
    expect(!broken.ok && broken.error.message).toMatch(/not valid JSON: value expected at line 1, column 12/);
  });

  it('maps expression positions through JSON escapes', () => {
    // The same expression with its quotes written as \u0027 escapes: positions must still land on the right text.
    const text = '{"issuer": "https://gitlab.com", "subject": null, "audiences": ["api://AzureADTokenExchange"], "claimsMatchingExpression": {"value": "claims[\\u0027sub\\u0027] eq \\u0027a\\u0027", "languageVersion": 1}}';
    const outcome = parseAzure(text);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const credential = outcome.policy.credentials[0];
    const decoded = "claims['sub'] eq 'a'";
    const start = decoded.indexOf('eq');
    const range = expressionRange(outcome.policy, credential, start, start + 2)!;
    expect(text.slice(range.column - 1, range.endColumn - 1)).toBe('eq');
    const quoteRange = expressionRange(outcome.policy, credential, 6, 7)!;
    expect(text.slice(quoteRange.column - 1, quoteRange.endColumn - 1)).toBe('[');
  });
});

describe('detect', () => {
  it('recognises Azure credentials, lists and Graph lists', () => {
    expect(detectProvider(SHOW)).toEqual({ ok: true, provider: 'azure' });
    expect(detectProvider(`[${SHOW}]`)).toEqual({ ok: true, provider: 'azure' });
    expect(detectProvider(JSON.stringify({ value: [JSON.parse(SHOW)] }))).toEqual({ ok: true, provider: 'azure' });
    expect(detectProvider('{"issuer": "https://gitlab.com", "subject": null, "claimsMatchingExpression": {"value": "x", "languageVersion": 1}}')).toEqual({
      ok: true,
      provider: 'azure',
    });
  });

  it('does not claim AWS, Vault or GCP shapes', () => {
    const aws = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::1:oidc-provider/gitlab.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }] };
    const vault = { role_type: 'jwt', user_claim: 'sub', bound_audiences: ['https://vault.example.com'], bound_claims: { project_id: '22' } };
    const vaultWithConfig = { config: { bound_issuer: 'https://gitlab.com' }, role: { role_type: 'jwt', user_claim: 'sub' } };
    const gcp = { name: 'projects/1/locations/global/workloadIdentityPools/p/providers/gitlab', oidc: { issuerUri: 'https://gitlab.com' }, attributeMapping: { 'google.subject': 'assertion.sub' } };
    for (const shape of [aws, vault, vaultWithConfig, gcp, { provider: gcp, iamPolicy: {} }]) {
      expect(detectProvider(JSON.stringify(shape))).not.toEqual({ ok: true, provider: 'azure' });
    }
    expect(detectProvider('[]')).not.toEqual({ ok: true, provider: 'azure' });
  });
});
