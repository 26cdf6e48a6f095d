import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectProvider } from '../../evaluate';
import { parseJsonDocument } from '../../json';
import { provider } from './index';
import { locate, looksLikeAwsPolicy, parsePolicy } from './parse';
import { evaluateAws, githubPolicy, githubToken } from '../../../../test/support/aws';

const document = githubPolicy({ StringEquals: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:ref:refs/heads/main' } });
const detect = (value: unknown) => {
  const text = JSON.stringify(value);
  const parsed = parseJsonDocument(text);
  return looksLikeAwsPolicy(text, parsed.ok ? parsed.doc.value : undefined);
};

describe('accepted shapes', () => {
  // reference_policies_grammar: Statement is a list; the docs also use a single object.
  it('a document with Statement as an array or an object', () => {
    expect(evaluateAws(document, githubToken()).decision).toBe('allow');
    expect(evaluateAws({ ...document, Statement: document.Statement[0] }, githubToken()).decision).toBe('allow');
  });
  // `aws iam get-role --output json` prints the document decoded; the IAM API returns it URL-encoded.
  it('get-role output, decoded or URL-encoded', () => {
    const role = { RoleName: 'ci', Arn: 'arn:aws:iam::111122223333:role/ci', AssumeRolePolicyDocument: document };
    expect(evaluateAws({ Role: role }, githubToken()).decision).toBe('allow');
    expect(evaluateAws({ Role: { ...role, AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(document)) } }, githubToken()).decision).toBe('allow');
    expect(evaluateAws(role, githubToken()).decision).toBe('allow');
    expect(evaluateAws(encodeURIComponent(JSON.stringify(document)), githubToken()).decision).toBe('allow');
  });
  it('reads form encoding, where a space is +', () => {
    const formEncoded = encodeURIComponent(JSON.stringify(document, null, 1)).replaceAll('%20', '+');
    expect(evaluateAws({ Role: { AssumeRolePolicyDocument: formEncoded } }, githubToken()).decision).toBe('allow');
  });
  it('records the shape', () => {
    const parsed = parsePolicy(JSON.stringify({ Role: { RoleName: 'ci', AssumeRolePolicyDocument: document } }));
    expect(parsed.ok && parsed.policy.shape).toBe('get-role');
  });
  it('the wrapper with an IAM OIDC provider', () => {
    const parsed = parsePolicy(JSON.stringify({ TrustPolicy: document, OpenIDConnectProvider: { Url: 'token.actions.githubusercontent.com', ClientIDList: ['sts.amazonaws.com'] } }));
    expect(parsed.ok && parsed.policy.oidcProviders).toEqual([{ url: 'token.actions.githubusercontent.com', clientIds: ['sts.amazonaws.com'], path: ['OpenIDConnectProvider'] }]);
  });
  it('locates statements inside wrappers, and at the encoded string when decoded', () => {
    const text = JSON.stringify({ Role: { AssumeRolePolicyDocument: document } }, null, 2);
    const parsed = parsePolicy(text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const range = locate(parsed.policy, ['Statement', 0, 'Condition', 'StringEquals', 'token.actions.githubusercontent.com:sub']);
    expect(text.split('\n')[range!.line - 1]).toContain('token.actions.githubusercontent.com:sub');
    const encoded = JSON.stringify({ Role: { AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(document)) } }, null, 2);
    const parsedEncoded = parsePolicy(encoded);
    if (!parsedEncoded.ok) throw new Error(parsedEncoded.error.message);
    expect(locate(parsedEncoded.policy, ['Statement', 0])?.line).toBe(3);
  });
});

describe('parse errors are located', () => {
  it('invalid JSON', () => {
    const parsed = parsePolicy('{\n  "Statement": [\n}');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error.message).toMatch(/not valid JSON/);
    expect(!parsed.ok && parsed.error.source.line).toBe(3);
  });
  it('a document that is not an object', () => {
    expect(parsePolicy('[1]').ok).toBe(false);
    expect(parsePolicy(JSON.stringify({ Role: { AssumeRolePolicyDocument: 'not%json' } })).ok).toBe(false);
    expect(parsePolicy(JSON.stringify({ TrustPolicy: document, OpenIDConnectProvider: { ClientIDList: 'x' } })).ok).toBe(false);
  });
});

describe('detect', () => {
  it('recognises every accepted shape', () => {
    expect(detect(document)).toBe(true);
    expect(detect({ Role: { AssumeRolePolicyDocument: document } })).toBe(true);
    expect(detect({ RoleName: 'x', AssumeRolePolicyDocument: document })).toBe(true);
    expect(detect({ TrustPolicy: document, OpenIDConnectProvider: {} })).toBe(true);
    expect(looksLikeAwsPolicy('%7B%22Version%22%3A%222012-10-17%22%7D', undefined)).toBe(true);
  });
  // reference_policies_grammar: version_block is "2008-10-17" | "2012-10-17"; Access Analyzer's
  // "Missing statement" check needs the statement-less document to reach the AWS validator.
  it('recognises a document without Statement by its IAM Version', () => {
    expect(detect({ Version: '2012-10-17' })).toBe(true);
    expect(detect({ Version: '2008-10-17' })).toBe(true);
    expect(detect({ Version: '1' })).toBe(false);
    expect(detectProvider(JSON.stringify({ Version: '2012-10-17' }))).toEqual({ ok: true, provider: 'aws' });
  });
  it('does not claim Vault, GCP or Azure shapes', () => {
    expect(detect({ data: { role_type: 'jwt', bound_audiences: ['x'] } })).toBe(false);
    expect(detect({ role_type: 'jwt', user_claim: 'sub' })).toBe(false);
    expect(detect({ name: 'projects/1/locations/global/workloadIdentityPools/p/providers/x', attributeMapping: {}, oidc: {} })).toBe(false);
    expect(detect({ issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:o/r:ref:refs/heads/main', audiences: ['api://AzureADTokenExchange'] })).toBe(false);
    expect(detect([{ issuer: 'x', subject: 'y' }])).toBe(false);
  });
  it('is the only provider detecting an AWS policy', () => {
    expect(detectProvider(JSON.stringify(document))).toEqual({ ok: true, provider: 'aws' });
  });
});

describe('properties', () => {
  // Evaluation never throws: bad input becomes a located error (house rule).
  it('parse never throws on random text or JSON', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((value) => JSON.stringify({ Statement: value })), fc.jsonValue().map((value) => JSON.stringify({ Role: { AssumeRolePolicyDocument: value } }))), (text) => {
        const parsed = provider.parse(text);
        if (!parsed.ok) expect(parsed.error.source.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });
});
