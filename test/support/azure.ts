/** Shared by the Azure tests: run a credential text and claims through the engine's entry point. */
import { evaluate } from '../../src/engine/evaluate';
import type { EvaluationResult } from '../../src/engine/result';
import { claimsToken } from '../../src/engine/token';

export const GITHUB = 'https://token.actions.githubusercontent.com';
export const EXCHANGE = 'api://AzureADTokenExchange';
export const AT = 1700000030;

export function githubToken(sub: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { iss: GITHUB, aud: EXCHANGE, sub, iat: 1700000000, nbf: 1699999995, exp: 1700000300, ...extra };
}

export function credential(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'test-credential', issuer: GITHUB, subject: 'repo:octo-org/octo-repo:environment:Production', audiences: [EXCHANGE], ...fields };
}

export function run(policy: unknown, claims: Record<string, unknown>, at = AT): EvaluationResult {
  const policyText = typeof policy === 'string' ? policy : JSON.stringify(policy, null, 2);
  return evaluate({ policyText, provider: 'azure', token: { ok: true, token: claimsToken(claims) }, at });
}

export function check(result: EvaluationResult, id: string) {
  const found = result.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}; have ${result.checks.map((c) => c.id).join(', ')}`);
  return found;
}
