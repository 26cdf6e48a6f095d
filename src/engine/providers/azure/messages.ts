/**
 * The texts Entra ID returns, without the per-request tail (trace id, correlation id, timestamp).
 * Texts as observed in service responses; see the comments for where each one was seen.
 */

/** Seconds → .NET round-trip format ("o"), as ESTS prints instants: `2024-10-02T22:05:03.0000000Z`. */
export function dotnetInstant(seconds: number): string {
  const date = new Date(Math.floor(seconds) * 1000);
  if (Number.isNaN(date.getTime())) return String(seconds);
  return date.toISOString().replace(/\.\d{3}Z$/, '.0000000Z');
}

// AADSTS700211 / 700212: "… Please check your federated identity credential Subject, Audience and
// Issuer against the presented assertion." observed in token endpoint responses quoted in public
// repositories (e.g. azidentity error-detail tests).
const PLEASE_CHECK = 'Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.';
// AADSTS700213 / 7002138 use "Check …" without "Please" (Azure/login PR #619, issue #617).
const CHECK = 'Check your federated identity credential Subject, Audience and Issuer against the presented assertion.';

export const AADSTS = {
  issuer: (issuer: string) =>
    `AADSTS700211: No matching federated identity record found for presented assertion issuer '${issuer}'. ${PLEASE_CHECK}`,
  audience: (audience: string) =>
    `AADSTS700212: No matching federated identity record found for presented assertion audience '${audience}'. ${PLEASE_CHECK}`,
  subject: (subject: string) =>
    `AADSTS700213: No matching federated identity record found for presented assertion subject '${subject}'. ${CHECK}`,
  subjectCaseOnly: (subject: string) =>
    `AADSTS7002138: No matching federated identity record found for presented assertion subject '${subject}'. The subject matches with case-insensitive comparison, but not with case-sensitive comparison. ${CHECK}`,
  subjectOrExpression: (subject: string) =>
    `AADSTS7002131: No matching federated identity record found for presented assertion subject '${subject}' or no federated identity credential expression matched. Please check your federated identity credential Subject, Expression, Audience and Issuer against the presented assertion.`,
  /** MicrosoftDocs/azure-docs issue #86915/#86916: instants are Unix seconds, a missing `iat` prints as 0. */
  lifetime: (issuedAt: number, expiresAt: number) =>
    `AADSTS70023: External OIDC Provider token must have a lifetime of less than or equal to 1.01:00:00. Token issued at ${Math.floor(issuedAt)}. Token expires on ${Math.floor(expiresAt)}.`,
  /** Azure/azure-sdk-for-rust #1739 and MSAL issues: a missing `nbf` prints as 1970-01-01. */
  timeRange: (now: number, validFrom: number, expiresAt: number) =>
    `AADSTS700024: Client assertion is not within its valid time range. Current time: ${dotnetInstant(now)}, assertion valid from ${dotnetInstant(validFrom)}, expiry time of assertion ${dotnetInstant(expiresAt)}.`,
  /** workload-identity-federation-considerations: Entra-issued tokens cannot be federated. */
  entraIssuer: () => 'AADSTS700222: AAD-issued tokens may not be used for federated identity flows',
} as const;

/**
 * Validation texts from the "Errors" table of workload-identity-federation-considerations
 * (applies to applications and user-assigned managed identities). Where the service's wording is
 * not documented the text says plainly what is refused.
 */
export const VALIDATION = {
  exactlyOneAudience: 'Federated identity credentials must have exactly one audience.',
  emptyProperties: 'Federated Identity Credential from HTTP body has empty properties',
  invalidName: (name: string) => `Federated Identity Credential name '${name}' is invalid.`,
  duplicateIssuerSubject: (owner: 'application' | 'managedIdentity') =>
    `Issuer and subject combination already exists for this ${owner === 'managedIdentity' ? 'Managed Identity' : 'application'}.`,
} as const;
