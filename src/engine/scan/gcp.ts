/**
 * Google Cloud: `gcloud iam workload-identity-pools providers list --format=json` prints the
 * pool's providers as a list (https://cloud.google.com/sdk/gcloud/reference/iam/workload-identity-pools/providers/list;
 * each item a WorkloadIdentityPoolProvider resource,
 * https://cloud.google.com/iam/docs/reference/rest/v1/projects.locations.workloadIdentityPools.providers).
 * Only `oidc` providers trust an OIDC issuer; `aws`, `saml` and `x509` ones are skipped. The IAM
 * bindings granting the pool's principals come from a `get-iam-policy --format=json` output
 * beside the list, when one is there.
 */
import type { FileRead } from './types';
import { isObject, jsonText, Locator } from './locate';

const PROVIDER_NAME = /workloadIdentityPools\/([^/]+)\/providers\/([^/]+)$/;

function looksLikeProvider(value: unknown): value is Record<string, unknown> {
  if (!isObject(value)) return false;
  if (typeof value.name === 'string' && PROVIDER_NAME.test(value.name)) return true;
  return isObject(value.oidc) || isObject(value.aws) || isObject(value.saml) || 'attributeMapping' in value;
}

export function looksLikeGcpProviderList(value: unknown): value is Record<string, unknown>[] {
  return Array.isArray(value) && value.length > 0 && value.every(looksLikeProvider);
}

/** A `get-iam-policy --format=json` output: `{bindings: [{role, members}], etag, version}`. */
export function looksLikeIamPolicy(value: unknown): value is { bindings: unknown[] } {
  return isObject(value) && Array.isArray(value.bindings) && value.bindings.every((binding) => isObject(binding) && Array.isArray(binding.members)) && !('provider' in value);
}

/** The pool a provider belongs to, from its resource name. */
export function poolOf(providerName: string): string | null {
  return PROVIDER_NAME.exec(providerName)?.[1] ?? null;
}

/** The bindings of an IAM policy whose members name principals of the pool. */
export function bindingsForPool(bindings: unknown[], pool: string): unknown[] {
  const marker = `/workloadIdentityPools/${pool}/`;
  return bindings.filter((binding) => isObject(binding) && Array.isArray(binding.members) && binding.members.some((member) => typeof member === 'string' && member.includes(marker)));
}

/** The configuration text for a provider, with the bindings that grant its pool when any are known. */
export function gcpPolicyText(provider: Record<string, unknown>, bindings: unknown[] | null): string {
  const pool = typeof provider.name === 'string' ? poolOf(provider.name) : null;
  const granted = bindings && pool ? bindingsForPool(bindings, pool) : [];
  return granted.length > 0 ? jsonText({ provider, iamPolicy: { bindings: granted } }) : jsonText(provider);
}

export function readGcpProviderList(file: string, text: string, providers: Record<string, unknown>[]): FileRead {
  const locator = new Locator(text);
  const read: FileRead = { configurations: [], skipped: 0, errors: [], recognised: true };
  for (const [index, provider] of providers.entries()) {
    const name = typeof provider.name === 'string' ? provider.name : `provider ${index + 1}`;
    const line = typeof provider.name === 'string' ? locator.next('name', provider.name) : 1;
    const oidc = provider.oidc;
    // A disabled or deleted provider exchanges no token (the `disabled` and `state` fields of the resource).
    if (!isObject(oidc) || provider.disabled === true || provider.state === 'DELETED') {
      read.skipped++;
      continue;
    }
    const issuers = typeof oidc.issuerUri === 'string' ? [oidc.issuerUri] : [];
    read.configurations.push({
      name: name.split('/').slice(-3).join('/'),
      provider: 'gcp',
      policyText: gcpPolicyText(provider, null),
      source: { file, line },
      issuers,
      pending: { kind: 'gcp', provider },
    });
  }
  return read;
}
