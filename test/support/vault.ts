/** Shared helpers for the Vault provider tests: evaluate a role text against crafted claims. */
import { evaluate } from '../../src/engine/evaluate';
import type { EvaluationResult } from '../../src/engine/result';
import { claimsToken } from '../../src/engine/token';
import { AT, gitlabJobClaims } from '../../src/engine/providers/vault/examples';

export { AT };

/** The gallery's GitLab job token, also a direct member of two groups; an `undefined` override removes a claim. */
export function gitlabClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return gitlabJobClaims({ groups_direct: ['mygroup/mysubgroup', 'myothergroup/myothersubgroup'], ...overrides });
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
