/**
 * The JWT auth method's config (path_config.go): which key source validates tokens (authType) and
 * the issuer bound. Given, it is checked as Vault checks a config write; absent, the evaluator
 * assumes a working key source and no `bound_issuer`, and says so.
 */
import type { SourceRange } from '../../result';
import { convertField, CONFIG_FIELDS, fieldValidationMessage, type Flavour } from './fields';
import { entryOf, type LocatedEntry } from './located';

export type AuthType = 'static-keys' | 'jwks' | 'multi-jwks' | 'oidc-discovery' | 'oidc-flow' | 'unconfigured';

/** The algorithms cap knows (jwt/algs.go); login accepts all of them when the list is empty. */
export const SUPPORTED_ALGS = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512', 'EdDSA'] as const;

export interface AuthConfig {
  given: boolean;
  /**
   * False when the config names no key source field at all: an excerpt (say, only `bound_issuer`)
   * of a config that, since it exists, has one. A field present but empty is a real config's.
   */
  keySourceGiven: boolean;
  authType: AuthType;
  boundIssuer: string;
  supportedAlgs: string[];
  sources: Record<string, SourceRange>;
}

export type ConfigOutcome = { ok: true; config: AuthConfig } | { ok: false; message: string; source?: SourceRange };

export const ASSUMED_CONFIG: AuthConfig = { given: false, keySourceGiven: false, authType: 'oidc-discovery', boundIssuer: '', supportedAlgs: [], sources: {} };

/** The fields that choose how tokens are verified (backend.go authType; OpenBao adds provider_config). */
const KEY_SOURCE_FIELDS = ['jwt_validation_pubkeys', 'jwks_url', 'jwks_pairs', 'oidc_discovery_url', 'provider_config', 'oidc_client_id', 'oidc_client_secret'];

export function readConfig(entries: LocatedEntry[] | null, flavour: Flavour): ConfigOutcome {
  if (!entries) return { ok: true, config: ASSUMED_CONFIG };
  const values = new Map<string, unknown>();
  for (const entry of entries) {
    const type = Object.hasOwn(CONFIG_FIELDS, entry.key) ? CONFIG_FIELDS[entry.key] : undefined;
    if (!type) continue;
    const converted = convertField(type, entry.value.go);
    if (!converted.ok) return { ok: false, message: fieldValidationMessage(entry.key, entry.value.go, converted.error), source: entry.range };
    values.set(entry.key, converted.value);
  }
  const text = (key: string) => (values.get(key) as string | undefined) ?? '';
  const list = (key: string) => (values.get(key) as string[] | undefined) ?? [];
  const sources: Record<string, SourceRange> = {};
  for (const entry of entries) sources[entry.key] = entry.range;
  const where = (key: string) => entryOf(entries, key)?.range;

  // Vault saves no config without a key source (path_config.go), so one that shows none is a part
  // of the real config: the key source is assumed working, as when no config is given at all.
  const keySourceGiven = KEY_SOURCE_FIELDS.some((key) => entryOf(entries, key) !== undefined);
  if (!keySourceGiven) {
    const algs = list('jwt_supported_algs');
    const badAlg = algs.find((alg) => !(SUPPORTED_ALGS as readonly string[]).includes(alg));
    if (badAlg !== undefined) {
      return { ok: false, message: `invalid jwt_supported_algs: unsupported signing algorithm ${JSON.stringify(badAlg)}`, source: where('jwt_supported_algs') };
    }
    return { ok: true, config: { given: true, keySourceGiven: false, authType: 'oidc-discovery', boundIssuer: text('bound_issuer'), supportedAlgs: algs, sources } };
  }
  const discovery = text('oidc_discovery_url');
  const pubkeys = list('jwt_validation_pubkeys');
  const jwksUrl = text('jwks_url');
  const jwksPairs = flavour === 'vault' ? list('jwks_pairs') : [];
  const methodCount = [discovery !== '', pubkeys.length > 0, jwksUrl !== '', jwksPairs.length > 0].filter(Boolean).length;
  if (methodCount !== 1) {
    return {
      ok: false,
      message:
        flavour === 'openbao'
          ? "exactly one of 'jwt_validation_pubkeys', 'jwks_url', 'jwks_pairs', 'oidc_discovery_url', or 'provider_config' must be set"
          : "exactly one of 'jwt_validation_pubkeys', 'jwks_url', 'jwks_pairs' or 'oidc_discovery_url' must be set",
    };
  }
  const clientId = text('oidc_client_id');
  const clientSecret = text('oidc_client_secret');
  if ((clientId !== '') !== (clientSecret !== '')) {
    return { ok: false, message: "both 'oidc_client_id' and 'oidc_client_secret' must be set for OIDC", source: where(clientId ? 'oidc_client_id' : 'oidc_client_secret') };
  }
  if (clientId !== '' && discovery === '') return { ok: false, message: "'oidc_discovery_url' must be set for OIDC", source: where('oidc_client_id') };
  if (jwksPairs.length > 0 && text('bound_issuer') !== '') {
    return { ok: false, message: "Bound issuer is not supported for use with 'jwks_pairs'", source: where('bound_issuer') };
  }
  const algs = list('jwt_supported_algs');
  const badAlg = algs.find((alg) => !(SUPPORTED_ALGS as readonly string[]).includes(alg));
  if (badAlg !== undefined) {
    return { ok: false, message: `invalid jwt_supported_algs: unsupported signing algorithm ${JSON.stringify(badAlg)}`, source: where('jwt_supported_algs') };
  }
  // backend.go authType: key sources in this precedence.
  let authType: AuthType = 'unconfigured';
  if (pubkeys.length > 0) authType = 'static-keys';
  else if (jwksUrl !== '') authType = 'jwks';
  else if (jwksPairs.length > 0) authType = 'multi-jwks';
  else if (discovery !== '') authType = clientId !== '' && clientSecret !== '' ? 'oidc-flow' : 'oidc-discovery';
  return { ok: true, config: { given: true, keySourceGiven: true, authType, boundIssuer: text('bound_issuer'), supportedAlgs: algs, sources } };
}
