/**
 * Who the caller is, as the trust policy's Principal element sees it: the IAM OIDC provider ARN
 * `arn:aws:iam::<account>:oidc-provider/<iss without https://>`, or one of the four built-in web
 * identity providers by bare domain.
 * Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 * ("Web identity session principals"; "You cannot use a wildcard to match part of a principal name or ARN").
 */

export const BUILT_IN_PROVIDERS = ['cognito-identity.amazonaws.com', 'www.amazon.com', 'graph.facebook.com', 'accounts.google.com'];

export function isBuiltInProvider(value: string): boolean {
  return BUILT_IN_PROVIDERS.includes(value);
}

const OIDC_PROVIDER_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):oidc-provider\/(.+)$/;

/** The request's federated principal, for display; the account is the role's, which the token does not carry. */
export function requestPrincipal(prefix: string): string {
  return isBuiltInProvider(prefix) ? prefix : `arn:aws:iam::<account>:oidc-provider/${prefix}`;
}

/** Exact match (provider URLs are case-sensitive); no wildcards. */
export function federatedMatches(value: string, prefix: string): boolean {
  if (value === prefix && isBuiltInProvider(prefix)) return true;
  const arn = OIDC_PROVIDER_ARN.exec(value);
  return arn !== null && arn[2] === prefix;
}

export function providerOfFederated(value: string): string | null {
  if (isBuiltInProvider(value)) return value;
  const arn = OIDC_PROVIDER_ARN.exec(value);
  return arn ? arn[2] : null;
}

export type PrincipalMatch = { matched: boolean; everyone: boolean; federated: string[] };

export function principalMatches(principal: unknown, prefix: string | null): PrincipalMatch {
  if (principal === '*') return { matched: true, everyone: true, federated: [] };
  if (typeof principal !== 'object' || principal === null) return { matched: false, everyone: false, federated: [] };
  const entries = principal as Record<string, unknown>;
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)]);
  const federated = list(entries.Federated);
  if (list(entries.AWS).includes('*')) return { matched: true, everyone: true, federated };
  const matched = prefix !== null && federated.some((value) => federatedMatches(value, prefix));
  return { matched, everyone: false, federated };
}
