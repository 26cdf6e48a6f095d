/** Shared by the tests beside this file: evaluate a policy and claims through the engine entry point. */
import { evaluate } from '../../src/engine/evaluate';
import type { EvaluationResult } from '../../src/engine/result';
import { claimsToken, type Claims } from '../../src/engine/token';
import { parseInstant } from '../../src/engine/time';

export function evaluateAws(policy: unknown, claims: Claims, at: string | number = '2026-05-28T20:26:50Z', options: Record<string, string> = {}): EvaluationResult {
  const policyText = typeof policy === 'string' ? policy : JSON.stringify(policy, null, 2);
  const instant = typeof at === 'number' ? at : parseInstant(at)!;
  return evaluate({ policyText, provider: 'aws', token: { ok: true, token: claimsToken(claims) }, at: instant, options });
}

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
export const GITHUB_PROVIDER = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';

/** A GitHub-shaped token valid at 2026-05-28T20:26:50Z. */
export function githubToken(extra: Claims = {}): Claims {
  return {
    iss: GITHUB_ISSUER,
    aud: 'sts.amazonaws.com',
    sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
    repository: 'octo-org/octo-repo',
    repository_owner: 'octo-org',
    repository_id: '74',
    repository_owner_id: '65',
    ref: 'refs/heads/main',
    ref_type: 'branch',
    actor: 'octocat',
    iat: 1780000000,
    nbf: 1779999400,
    exp: 1780000300,
    ...extra,
  };
}

/** A one-statement GitHub trust policy with the given Condition block. */
export function githubPolicy(condition?: Record<string, unknown>, statement: Record<string, unknown> = {}, version: string | null = '2012-10-17') {
  return {
    ...(version ? { Version: version } : {}),
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: GITHUB_PROVIDER },
        Action: 'sts:AssumeRoleWithWebIdentity',
        ...(condition ? { Condition: condition } : {}),
        ...statement,
      },
    ],
  };
}
