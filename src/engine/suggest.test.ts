/**
 * Fix suggestions restate the deciding check's two values as the two ways out. The decisions come
 * from the gallery examples (each cites its source in src/engine/providers/<provider>/examples.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadIacReaders } from './inputs/index';
import { evaluate } from './evaluate';
import { exampleById } from './examples';
import type { EvaluationResult } from './result';
import { decisiveCheck, suggestFix } from './suggest';
import { claimsToken } from './token';

function run(id: string): EvaluationResult {
  const example = exampleById(id)!;
  return evaluate({ policyText: example.policy, provider: example.provider, token: { ok: true, token: claimsToken(example.claims) }, at: example.at ?? 0, options: example.options });
}

describe('suggestFix', () => {
  it('names both values of an AWS StringEquals mismatch', () => {
    const result = run('gitlab-aws-tag-denied');
    expect(decisiveCheck(result)?.id).toBe('statement[0].condition.StringEquals.gitlab.com:sub');
    const fix = suggestFix(result)!;
    expect(fix).toContain('project_path:mygroup/myproject:ref_type:tag:ref:v1.0');
    expect(fix).toContain('project_path:mygroup/myproject:ref_type:branch:ref:main');
    expect(result.details.fix).toBe(fix);
  });

  it('speaks of the pattern for StringLike', () => {
    expect(suggestFix(run('github-aws-org-wildcard-denied'))).toContain('does not match the pattern `repo:octo-org/*`');
  });

  it('tells to quote a Vault bound claim written as a number (Vault compares types)', () => {
    expect(suggestFix(run('vault-gitlab-project-id-number'))).toBe('Vault compares types: write project_id as the string "22" in bound_claims.');
  });

  it('sends an unprotected ref to the project settings instead of loosening ref_protected', () => {
    expect(suggestFix(run('vault-gitlab-production-unprotected'))).toContain('protect this one in the GitLab project');
  });

  it('asks for bound_audiences when the role has none', () => {
    expect(suggestFix(run('vault-github-no-bound-audiences'))).toContain('Set bound_audiences');
  });

  it('points at the case of an Entra ID subject that differs only in case', () => {
    expect(suggestFix(run('azure-github-environment-case'))).toContain('case-sensitively');
  });

  it('names the principal to grant when no IAM binding matches', () => {
    expect(suggestFix(run('gcp-github-other-repo'))).toContain('attribute.repository/octo-org/docs');
  });

  it('suggests a fresh token for an expired one', () => {
    expect(suggestFix(run('github-aws-expired'))).toContain('expired');
  });

  it('suggests an audience for an AWS aud mismatch', () => {
    const example = exampleById('github-aws-branch')!;
    const result = evaluate({
      policyText: example.policy,
      provider: 'aws',
      token: { ok: true, token: claimsToken({ ...example.claims, aud: 'https://vault.example.com' }) },
      at: example.at ?? 0,
    });
    expect(result.decision).toBe('deny');
    expect(suggestFix(result)).toContain('Request the token with audience `sts.amazonaws.com`');
  });

  it('says nothing on allow', () => {
    expect(suggestFix(run('gitlab-aws-branch'))).toBeNull();
  });

  // Google Cloud rejects the token when the attribute condition is false (cloud.google.com/iam/docs/
  // workload-identity-federation#conditions): the deciding check names the clause that failed and
  // the token's value for it, not "wants true, has false", and the fix widens that very clause.
  it('names the failing Google Cloud clause and the token value, with the widened clause as the fix', () => {
    const result = run('gcp-gitlab-other-group');
    const decisive = result.checks.find((check) => check.decisive)!;
    expect(decisive.id).toBe('condition');
    expect(decisive.expected).toBe("assertion.namespace_id == '72'");
    expect(decisive.actual).toBe('assertion.namespace_id = "99"');
    expect(suggestFix(result)).toBe(
      'If this job should get in, change the clause `assertion.namespace_id == \'72\'` to `assertion.namespace_id in ["72", "99"]`; otherwise run the job whose assertion.namespace_id is "72".',
    );
    const single = run('gcp-github-other-owner');
    expect(single.checks.find((check) => check.decisive)?.actual).toBe('assertion.repository_owner = "octo-org-fork"');
    expect(suggestFix(single)).toContain('assertion.repository_owner in ["octo-org", "octo-org-fork"]');
  });

  it('never throws on arbitrary checks', () => {
    fc.assert(
      fc.property(fc.string(), fc.anything(), fc.anything(), fc.constantFrom('pass', 'fail', 'skip', 'error'), (id, expected, actual, outcome) => {
        const result: EvaluationResult = {
          provider: 'aws',
          decision: 'deny',
          message: 'x',
          checks: [{ id, label: id, result: outcome as 'fail', expected, actual, reason: '', decisive: true }],
          findings: [],
          details: {},
        };
        const fix = suggestFix(result);
        expect(fix === null || typeof fix === 'string').toBe(true);
      }),
    );
  });
});

describe('who speaks in the message', () => {
  it('is trustlens for a configuration syntax error and a malformed token, the service otherwise', () => {
    const example = exampleById('gitlab-aws-branch')!;
    const token = { ok: true as const, token: claimsToken(example.claims) };
    expect(evaluate({ policyText: '{"Version": ', provider: 'aws', token, at: 0 }).details.messageBy).toBe('trustlens');
    expect(evaluate({ policyText: example.policy, provider: 'aws', token: { ok: false, error: { message: 'Malformed token', source: { line: 1, column: 1, endLine: 1, endColumn: 2 } } }, at: 0 }).details.messageBy).toBe('trustlens');
    expect(run('gitlab-aws-tag-denied').details.messageBy).toBe('service');
    // AWS refusing to save a malformed policy is the service speaking.
    const malformed = evaluate({ policyText: '{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Principal":"*","Action":"sts:AssumeRoleWithWebIdentity"}]}', provider: 'aws', token, at: 0 });
    expect(malformed.decision).toBe('error');
    expect(malformed.details.messageBy).toBe('service');
  });

  it('is trustlens when a Terraform text names a value it does not give', async () => {
    const tf = 'variable "repository" {}\nresource "aws_iam_role" "r" {\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }, Action = "sts:AssumeRoleWithWebIdentity", Condition = { StringEquals = { "token.actions.githubusercontent.com:sub" = "repo:${var.repository}:ref:refs/heads/main" } } }]\n  })\n}\n';
    await loadIacReaders(tf);
    const result = evaluate({ policyText: tf, token: { ok: true, token: claimsToken({ iss: 'https://token.actions.githubusercontent.com' }) }, at: 0 });
    expect(result.decision).toBe('error');
    expect(result.details.unresolved).toEqual(['var.repository']);
    expect(result.details.messageBy).toBe('trustlens');
  });
});
