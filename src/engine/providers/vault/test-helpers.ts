/** Shared helpers for the Vault provider tests: evaluate a role text against crafted claims. */
import { evaluate } from '../../evaluate';
import type { EvaluationResult } from '../../result';
import { claimsToken } from '../../token';

export const AT = 1700000000;

/** A GitLab id_token as jwt_v2.rb issues it (iat/nbf/exp numbers, ids as strings). */
export function gitlabClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const claims: Record<string, unknown> = {
    iss: 'https://gitlab.example.com',
    aud: 'https://vault.example.com',
    sub: 'project_path:mygroup/myproject:ref_type:branch:ref:main',
    iat: AT - 10,
    nbf: AT - 15,
    exp: AT + 290,
    project_id: '22',
    project_path: 'mygroup/myproject',
    namespace_id: '1',
    user_email: 'myuser@example.com',
    user_login: 'myuser',
    ref: 'main',
    ref_type: 'branch',
    ref_protected: 'true',
    runner_id: 7,
    groups_direct: ['mygroup/mysubgroup', 'myothergroup/myothersubgroup'],
    ...overrides,
  };
  for (const [key, value] of Object.entries(claims)) if (value === undefined) delete claims[key];
  return claims;
}

export function role(fields: Record<string, unknown>): string {
  return JSON.stringify({ role_type: 'jwt', user_claim: 'user_email', bound_audiences: 'https://vault.example.com', ...fields }, null, 2);
}

export function run(policyText: string, claims: Record<string, unknown>, options: Record<string, string> = {}, at = AT): EvaluationResult {
  return evaluate({ policyText, provider: 'vault', token: { ok: true, token: claimsToken(claims) }, at, options });
}

export function decisive(result: EvaluationResult) {
  return result.checks.find((check) => check.decisive);
}
