import { describe, expect, it } from 'vitest';
import { exampleById } from './examples';
import { configurationInTokenPane, tokenInPolicyPane } from './wrong-pane';

const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claims = { iss: 'https://gitlab.com', sub: 'project_path:g/p:ref_type:branch:ref:main', aud: 'sts.amazonaws.com', iat: 1, exp: 2 };
const jwt = `${segment({ alg: 'RS256', typ: 'JWT' })}.${segment(claims)}.c2ln`;

describe('tokenInPolicyPane', () => {
  it('recognises a token, with or without the prefixes people paste', () => {
    for (const text of [jwt, `Bearer ${jwt}`, `CI_JOB_JWT_V2=${jwt}`, `Authorization: Bearer ${jwt}`]) {
      expect(tokenInPolicyPane(text), text.slice(0, 30)).toEqual({ belongs: 'token', looksLike: 'a job token (JWT)' });
    }
  });

  it("recognises a token's claims", () => {
    expect(tokenInPolicyPane(JSON.stringify(claims, null, 2))).toEqual({ belongs: 'token', looksLike: "a token's claims" });
  });

  it('says nothing about a configuration of any provider, or about half-typed text', () => {
    for (const id of ['gitlab-aws-branch', 'vault-gitlab-staging-main', 'gcp-github-recommended', 'azure-github-environment']) {
      const example = exampleById(id);
      expect(example, id).toBeDefined();
      expect(tokenInPolicyPane(example!.policy), id).toBeNull();
    }
    expect(tokenInPolicyPane('{ "Version": "2012-10-17", ')).toBeNull();
    expect(tokenInPolicyPane('')).toBeNull();
  });
});

describe('configurationInTokenPane', () => {
  it("names the provider whose configuration was pasted, for each provider's gallery example", () => {
    const expected = { 'gitlab-aws-branch': 'aws', 'vault-gitlab-staging-main': 'vault', 'gcp-github-recommended': 'gcp', 'azure-github-environment': 'azure' } as const;
    for (const [id, provider] of Object.entries(expected)) {
      const hint = configurationInTokenPane(exampleById(id)!.policy);
      expect(hint?.belongs, id).toBe('policy');
      expect(hint?.provider, id).toBe(provider);
    }
    expect(configurationInTokenPane(exampleById('gitlab-aws-branch')!.policy)?.looksLike).toBe('an AWS IAM role trust policy');
  });

  it('says nothing about a token or claims', () => {
    expect(configurationInTokenPane(jwt)).toBeNull();
    expect(configurationInTokenPane(JSON.stringify(claims))).toBeNull();
    expect(configurationInTokenPane('{"sub": "x"}')).toBeNull();
  });
});
