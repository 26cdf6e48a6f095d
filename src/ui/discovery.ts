/**
 * OIDC discovery, only ever run on an explicit click: `{iss}/.well-known/openid-configuration`
 * → `jwks_uri` → the JWKS. The issuer comes from the token's `iss`, but only allow-listed issuers
 * are fetched (the page's Content-Security-Policy `connect-src` lists the same origins), and the
 * token's own `jku`/`x5u` headers are never followed.
 */

export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

/** Issuers whose keys may be fetched; keep in step with `connect-src` in index.html and scripts/serve.mjs. */
export const DISCOVERY_ORIGINS = ['https://gitlab.com', 'https://token.actions.githubusercontent.com'] as const;

export interface DiscoveredKeys {
  issuer: string;
  jwksUri: string;
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

export async function discoverIssuerKeys(issuer: unknown, fetchImpl: FetchLike): Promise<DiscoveredKeys> {
  if (typeof issuer !== 'string' || issuer === '') throw new DiscoveryError('The token has no "iss" claim to discover keys from.');
  const configurationUrl = discoveryUrlFor(issuer);
  if (!isAllowedOrigin(configurationUrl)) {
    throw new DiscoveryError(
      `Keys are only fetched from ${DISCOVERY_ORIGINS.join(' and ')}; for ${issuer}, open ${configurationUrl} yourself and paste the JWKS from its jwks_uri.`,
    );
  }
  const configuration = await getJson(fetchImpl, configurationUrl, 'OpenID configuration');
  const jwksUri = (configuration as { jwks_uri?: unknown } | null)?.jwks_uri;
  if (typeof jwksUri !== 'string') throw new DiscoveryError(`The OpenID configuration at ${configurationUrl} has no jwks_uri.`);
  if (!isAllowedOrigin(jwksUri)) {
    throw new DiscoveryError(`The jwks_uri ${jwksUri} is outside the allow-listed origins; paste the JWKS instead.`);
  }
  const jwks = await getJson(fetchImpl, jwksUri, 'JWKS');
  const keys = (jwks as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new DiscoveryError(`The document at ${jwksUri} is not a JWKS (no "keys" array).`);
  return { issuer, jwksUri, jwksText: JSON.stringify(jwks, null, 2), keyCount: keys.length };
}
