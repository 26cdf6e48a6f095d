/**
 * Issuer token models: which claim sets an issuer could really mint. A claim set is "mintable"
 * when its claims agree with each other by the issuer's documented rules (see gitlab-model.ts and
 * github-model.ts for the rules and their sources).
 */
import { issuerFamily } from '../issuer';
import { githubProblems } from './github-model';
import { gitlabProblems } from './gitlab-model';

export * from './github-model';
export * from './gitlab-model';
export * from './names';

type Claims = Record<string, unknown>;

export type ModelFamily = 'gitlab' | 'github';

/** The model a claim set belongs to, or null for issuers without one. */
export function modelFamily(claims: Claims): ModelFamily | null {
  const family = issuerFamily(claims);
  if (family === 'gitlab' || family === 'gitlab-legacy') return 'gitlab';
  if (family === 'github') return 'github';
  return null;
}

/** Where `claims` break their issuer's rules; empty when the issuer could mint them. */
export function consistencyProblems(claims: Claims): string[] {
  const family = modelFamily(claims);
  if (family === 'gitlab') return gitlabProblems(claims);
  if (family === 'github') return githubProblems(claims);
  return ['no token model for this issuer'];
}

export function isMintable(claims: Claims): boolean {
  return consistencyProblems(claims).length === 0;
}
