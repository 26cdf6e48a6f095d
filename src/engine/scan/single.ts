/**
 * One trust configuration per file, in any form `trustlens eval --policy` reads (an AWS trust
 * policy, a Vault role, a Google Cloud provider, an Azure federated credential), named after the
 * configuration where it says and after the file otherwise.
 */
import { detectProvider } from '../evaluate';
import { namedIssuers, webIdentityIssuers } from './aws';
import { isObject } from './locate';
import { roleNameOf } from './vault';
import type { FileRead } from './types';

function nameOf(value: unknown, file: string): string {
  if (isObject(value)) {
    const provider = isObject(value.provider) ? value.provider : value;
    if (typeof provider.name === 'string' && provider.name) return provider.name.split('/').slice(-3).join('/');
    if (typeof provider.displayName === 'string' && provider.displayName) return provider.displayName;
  }
  return roleNameOf(file);
}

function issuersOf(value: unknown): string[] {
  if (!isObject(value)) return [];
  if (typeof value.issuer === 'string') return [value.issuer];
  const provider = isObject(value.provider) ? value.provider : value;
  if (isObject(provider.oidc) && typeof provider.oidc.issuerUri === 'string') return [provider.oidc.issuerUri];
  const config = isObject(value.config) ? value.config : null;
  if (config) {
    for (const key of ['bound_issuer', 'oidc_discovery_url']) if (typeof config[key] === 'string' && config[key]) return [config[key] as string];
  }
  return [];
}

/** Reads the file as one configuration; `recognised` is false when no provider reads it. */
export function readSingle(file: string, text: string, value: unknown): FileRead {
  const detection = detectProvider(text);
  if (!detection.ok) return { configurations: [], skipped: 0, errors: [], recognised: false };
  const provider = detection.provider;
  let issuers = issuersOf(value);
  if (provider === 'aws') {
    const trusted = webIdentityIssuers(value);
    if (trusted.length === 0) return { configurations: [], skipped: 1, errors: [], recognised: true };
    issuers = namedIssuers(trusted);
  }
  if (provider === 'gcp' && isObject(value)) {
    const entry = isObject(value.provider) ? value.provider : value;
    if (!isObject(entry.oidc) && (isObject(entry.aws) || isObject(entry.saml))) return { configurations: [], skipped: 1, errors: [], recognised: true };
  }
  return { configurations: [{ name: nameOf(value, file), provider, policyText: text, source: { file, line: 1 }, issuers }], skipped: 0, errors: [], recognised: true };
}
