// Terraform's JSON output format: https://developer.hashicorp.com/terraform/internals/json-format
// (`terraform show -json plan.out` has planned_values; `terraform show -json` of a state has values).
import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate';
import { parseClaims } from '../token';
import { convertIac, detectIacFormat, iacReadersReady } from './index';

const policy = (sub: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': sub } },
      },
    ],
  });

const plan = (values: Record<string, unknown> | null) =>
  JSON.stringify(
    {
      format_version: '1.2',
      terraform_version: '1.9.5',
      planned_values: {
        root_module: {
          resources: [{ address: 'aws_iam_openid_connect_provider.github', mode: 'managed', type: 'aws_iam_openid_connect_provider', name: 'github', values: { url: 'https://token.actions.githubusercontent.com' } }],
          child_modules: [
            {
              address: 'module.ci',
              resources: [{ address: 'module.ci.aws_iam_role.this[0]', mode: 'managed', type: 'aws_iam_role', name: 'this', index: 0, provider_name: 'registry.terraform.io/hashicorp/aws', values: values ?? { name: 'ci' } }],
            },
          ],
        },
      },
    },
    null,
    2,
  );

const token = (sub: string) => parseClaims(JSON.stringify({ iss: 'https://token.actions.githubusercontent.com', aud: 'sts.amazonaws.com', sub, iat: 1700000000, exp: 1700000300 }));
const MAIN = 'repo:octo-org/octo-repo:ref:refs/heads/main';

describe('Terraform plan and state JSON', () => {
  it('is recognised by content and needs no HCL reader', () => {
    const text = plan({ assume_role_policy: policy(MAIN) });
    expect(detectIacFormat(text)).toBe('terraform');
    expect(iacReadersReady(text)).toBe(true);
  });

  it('the rendered trust policy of a role in a child module is evaluated exactly', () => {
    const text = plan({ name: 'ci', assume_role_policy: policy(MAIN) });
    const outcome = convertIac(text, 'terraform', {});
    expect(outcome.ok && outcome.conversion.resource).toBe('module.ci.aws_iam_role.this[0]');
    expect(evaluate({ policyText: text, token: token(MAIN), at: 1700000100 }).decision).toBe('allow');
    const denied = evaluate({ policyText: text, token: token('repo:octo-org/octo-repo:ref:refs/heads/dev'), at: 1700000100 });
    expect(denied.decision).toBe('deny');
    expect(denied.checks.find((c) => c.result === 'fail')?.source?.line).toBeGreaterThan(1);
  });

  it('a policy known only after apply is an unknown named by its address', () => {
    const text = plan(null);
    const outcome = convertIac(text, 'terraform', {});
    expect(outcome.ok && outcome.conversion.placeholders.map((p) => p.name)).toEqual(['module.ci.aws_iam_role.this[0].assume_role_policy']);
  });

  it('a state (values) with a Google provider and its grants', () => {
    const state = JSON.stringify({
      format_version: '1.0',
      terraform_version: '1.9.5',
      values: {
        root_module: {
          resources: [
            {
              address: 'google_iam_workload_identity_pool_provider.gh',
              mode: 'managed',
              type: 'google_iam_workload_identity_pool_provider',
              values: {
                name: 'projects/123456789/locations/global/workloadIdentityPools/pool/providers/gh',
                attribute_mapping: { 'google.subject': 'assertion.sub', 'attribute.repository': 'assertion.repository' },
                attribute_condition: "assertion.repository_owner == 'octo-org'",
                disabled: false,
                display_name: null,
                oidc: [{ issuer_uri: 'https://token.actions.githubusercontent.com', allowed_audiences: [], jwks_json: null }],
              },
            },
          ],
        },
      },
    });
    const outcome = convertIac(state, 'terraform', {});
    expect(outcome.ok).toBe(true);
    if (outcome.ok) {
      const config = JSON.parse(outcome.conversion.text);
      expect(config.name).toBe('projects/123456789/locations/global/workloadIdentityPools/pool/providers/gh');
      expect(config.oidc).toEqual({ issuerUri: 'https://token.actions.githubusercontent.com', allowedAudiences: [] });
      expect(outcome.conversion.placeholders).toEqual([]);
    }
  });
});
