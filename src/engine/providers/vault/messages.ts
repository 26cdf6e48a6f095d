/**
 * The texts a Vault / OpenBao JWT login answers with, as path_login.go, claims.go and hashicorp/cap
 * word them (sources in login.ts at each step).
 */
export const TOKEN_PREFIX = 'error validating token: ';
export const CLAIMS_PREFIX = 'error validating claims: ';
export const BAD_SIGNATURE_MESSAGE = `${TOKEN_PREFIX}error verifying token signature: failed to verify id token signature`;

export const LOGIN_MESSAGES = {
  oidcRole: 'role with oidc role_type is not allowed',
  unsupportedConfig: 'error configuring token validator: unsupported config type',
  algorithm: `${TOKEN_PREFIX}invalid algorithm (alg) header parameter: token signed with unexpected algorithm`,
  issuer: `${TOKEN_PREFIX}invalid issuer (iss) claim`,
  subject: `${TOKEN_PREFIX}invalid subject (sub) claim`,
  audience: `${TOKEN_PREFIX}invalid audience (aud) claim: audience claim does not match any expected audience`,
  unboundAudience: 'audience claim found in JWT but no audiences bound to the role',
  userClaimMissing: (claim: string) => `claim ${JSON.stringify(claim)} not found in token`,
  userClaimNotString: (claim: string) => `claim ${JSON.stringify(claim)} could not be converted to string`,
  mappingNotString: (claim: string) => `error converting claim '${claim}' to string`,
  groupsMissing: (claim: string) => `failed to fetch groups: ${JSON.stringify(claim)} claim not found in token`,
  groupsNotList: (claim: string) => `${JSON.stringify(claim)} claim could not be converted to string list`,
  groupNotString: (formatted: string) => `value ${formatted} in groups claim could not be parsed as string`,
  panic: (error: string) => `login panics: ${error}`,
};

/**
 * trustlens's words for a login that succeeds (Vault answers with a token, not a sentence), for
 * one role: only the alias changes from one login to the next.
 */
export function allowedMessage(roleName: string | null, policies: string[], cidrs: string[]): (alias: string) => string {
  const rest = ` on role ${roleName ? JSON.stringify(roleName) : '(unnamed)'} with policies: ${policies.length > 0 ? policies.join(', ') : 'default only'}.${cidrs.length > 0 ? ` Only from ${cidrs.join(', ')}.` : ''}`;
  return (alias) => `Vault would log in as entity alias ${JSON.stringify(alias)}${rest}`;
}
