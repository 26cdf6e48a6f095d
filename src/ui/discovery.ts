/**
 * OIDC discovery, only ever run on an explicit click: `{iss}/.well-known/openid-configuration`
 * → `jwks_uri` → the JWKS. The issuer comes from the token's `iss`, but only allow-listed
 * *issuers* are fetched — not any URL on an allow-listed host, where anyone can publish a file
 * (a raw file in a gitlab.com project is on the same origin as gitlab.com's own keys). The page's
 * Content-Security-Policy `connect-src` lists the same origins, and the token's own `jku`/`x5u`
 * headers are never followed.
 *
 * OpenID Connect Discovery 1.0 (https://openid.net/specs/openid-connect-discovery-1_0.html):
 * - §2: the issuer is "a case-sensitive URL using the https scheme ... and no query or fragment components";
 * - §4.1: a terminating "/" is removed before appending `/.well-known/openid-configuration`;
 * - §4.3: "The issuer value returned MUST be identical to the Issuer URL that was used as the prefix
 *   to /.well-known/openid-configuration" and to the `iss` of tokens it issues.
 */

export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

/** Issuers whose keys may be fetched; keep in step with `connect-src` in index.html and scripts/serve.mjs. */
export const DISCOVERY_ORIGINS = ['https://gitlab.com', 'https://token.actions.githubusercontent.com'] as const;

/**
 * Issuers whose keys may be fetched: gitlab.com, GitHub Actions, and GitHub Actions' per-enterprise
 * issuers `https://token.actions.githubusercontent.com/<enterprise>` (GitHub docs, "Security
 * hardening with OpenID Connect", customizing the issuer value for an enterprise).
 */
const ALLOWED_ISSUERS: readonly RegExp[] = [/^https:\/\/gitlab\.com$/, /^https:\/\/token\.actions\.githubusercontent\.com(\/[A-Za-z0-9][A-Za-z0-9-]*)?$/];

export interface DiscoveredKeys {
  issuer: string;
  jwksUri: string;
  /** Whose keys these are and where they came from, for the verdict: issuer and JWKS URL. */
  source: string;
  /** The JWKS as fetched, pretty-printed for the key field. */
  jwksText: string;
  keyCount: number;
}

export class DiscoveryError extends Error {}

export function discoveryUrlFor(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

export function isAllowedOrigin(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && (DISCOVERY_ORIGINS as readonly string[]).includes(parsed.origin);
  } catch {
    return false;
  }
}

async function getJson(fetchImpl: FetchLike, url: string, what: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetchImpl(url, { credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-cache' });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DiscoveryError(`Could not fetch the ${what} from ${url} (${reason}). Paste the JWKS instead.`);
  }
  if (!response.ok) throw new DiscoveryError(`The ${what} at ${url} answered HTTP ${response.status}.`);
  try {
    return await response.json();
  } catch {
    throw new DiscoveryError(`The ${what} at ${url} is not JSON.`);
  }
}

/** Why an `iss` is not an issuer identifier OIDC discovery may start from, or null when it is. */
export function issuerProblem(issuer: string): string | null {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return `The token's iss ${JSON.stringify(issuer)} is not a URL, so it has no OpenID configuration to discover.`;
  }
  if (url.protocol !== 'https:') return `The token's iss ${JSON.stringify(issuer)} is not an https URL (OpenID Connect Discovery §2), so its keys are not fetched.`;
  if (url.search !== '' || issuer.includes('?') || url.hash !== '' || issuer.includes('#')) {
    return `The token's iss ${JSON.stringify(issuer)} has a query or fragment, which an issuer identifier never has (OpenID Connect Discovery §2); its keys are not fetched.`;
  }
  if (url.username !== '' || url.password !== '') return `The token's iss ${JSON.stringify(issuer)} carries credentials; its keys are not fetched.`;
  return null;
}

export async function discoverIssuerKeys(issuer: unknown, fetchImpl: FetchLike): Promise<DiscoveredKeys> {
  if (typeof issuer !== 'string' || issuer === '') throw new DiscoveryError('The token has no "iss" claim to discover keys from.');
  const problem = issuerProblem(issuer);
  if (problem) throw new DiscoveryError(problem);
  const configurationUrl = discoveryUrlFor(issuer);
  if (!ALLOWED_ISSUERS.some((allowed) => allowed.test(issuer.replace(/\/$/, ''))) || !isAllowedOrigin(configurationUrl)) {
    throw new DiscoveryError(
      `Keys are only fetched for the issuers https://gitlab.com and https://token.actions.githubusercontent.com (and its per-enterprise issuers); for ${issuer}, open ${configurationUrl} yourself and paste the JWKS from its jwks_uri.`,
    );
  }
  const configuration = await getJson(fetchImpl, configurationUrl, 'OpenID configuration');
  const configuredIssuer = (configuration as { issuer?: unknown } | null)?.issuer;
  if (configuredIssuer !== issuer) {
    throw new DiscoveryError(
      `The OpenID configuration at ${configurationUrl} names the issuer ${JSON.stringify(configuredIssuer)}, not the token's iss ${JSON.stringify(issuer)}; they must be identical (OpenID Connect Discovery §4.3), so its keys are not used.`,
    );
  }
  const jwksUri = (configuration as { jwks_uri?: unknown } | null)?.jwks_uri;
  if (typeof jwksUri !== 'string') throw new DiscoveryError(`The OpenID configuration at ${configurationUrl} has no jwks_uri.`);
  if (!jwksUri.startsWith('https://') || !isAllowedOrigin(jwksUri) || new URL(jwksUri).origin !== new URL(issuer).origin) {
    throw new DiscoveryError(`The jwks_uri ${jwksUri} is not an https URL on the issuer's own origin; paste the JWKS instead.`);
  }
  const jwks = await getJson(fetchImpl, jwksUri, 'JWKS');
  const keys = (jwks as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new DiscoveryError(`The document at ${jwksUri} is not a JWKS (no "keys" array).`);
  return { issuer, jwksUri, source: `keys of the issuer ${issuer}, fetched from ${jwksUri}`, jwksText: JSON.stringify(jwks, null, 2), keyCount: keys.length };
}
