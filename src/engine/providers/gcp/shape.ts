/**
 * Whether a value has a workload identity pool provider's shape: what detection needs, kept apart
 * from the parser so that detecting reads no CEL (the CEL library stays in this provider's chunk).
 */

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The provider object inside a parsed configuration value, if it has the provider's shape. */
export function providerObject(value: unknown): Record<string, unknown> | undefined {
  if (!isObject(value)) return undefined;
  if (isObject(value.provider)) return value.provider;
  return value;
}

export function looksLikeGcp(value: unknown): boolean {
  if (!isObject(value)) return false;
  const wrapped = isObject(value.provider);
  const provider = providerObject(value);
  if (!provider) return false;
  const name = typeof provider.name === 'string' && provider.name.includes('/workloadIdentityPools/');
  return 'attributeMapping' in provider || 'attributeCondition' in provider || isObject(provider.oidc) || name || (wrapped && 'iamPolicy' in value);
}
