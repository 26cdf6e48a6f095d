/**
 * Terraform / OpenTofu plan and state JSON (`terraform show -json`,
 * https://developer.hashicorp.com/terraform/internals/json-format): every resource of the planned
 * (or stored) values that holds a trust configuration, with its values already resolved, written as
 * the configuration its provider reads and located at its `address` in the file. Attribute names:
 * the providers' registry docs (registry.terraform.io/providers/hashicorp/<p>).
 */
import type { FileRead, ScanConfiguration } from './types';
import { namedIssuers, webIdentityIssuers } from './aws';
import { isObject, jsonText, Locator } from './locate';

interface PlanResource {
  address: string;
  type: string;
  values: Record<string, unknown>;
}

export function looksLikeTerraformPlan(value: unknown): value is Record<string, unknown> {
  return isObject(value) && typeof value.format_version === 'string' && (isObject(value.planned_values) || isObject(value.values));
}

function resourcesOf(module: unknown, into: PlanResource[] = []): PlanResource[] {
  if (!isObject(module)) return into;
  for (const resource of Array.isArray(module.resources) ? module.resources : []) {
    if (isObject(resource) && resource.mode !== 'data' && typeof resource.address === 'string' && typeof resource.type === 'string' && isObject(resource.values)) {
      into.push({ address: resource.address, type: resource.type, values: resource.values });
    }
  }
  for (const child of Array.isArray(module.child_modules) ? module.child_modules : []) resourcesOf(child, into);
  return into;
}

const VAULT_ROLE_KEYS = ['role_type', 'user_claim', 'user_claim_json_pointer', 'bound_audiences', 'bound_subject', 'bound_claims', 'bound_claims_type', 'claim_mappings', 'groups_claim', 'token_policies', 'expiration_leeway', 'not_before_leeway', 'clock_skew_leeway', 'token_ttl', 'token_max_ttl', 'token_explicit_max_ttl'];
const VAULT_CONFIG_KEYS = ['bound_issuer', 'oidc_discovery_url', 'jwks_url', 'jwt_validation_pubkeys', 'jwt_supported_algs'];

function present(value: unknown): boolean {
  return value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0) && !(isObject(value) && Object.keys(value).length === 0);
}

function pick(values: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => present(values[key])).map((key) => [key, values[key]]));
}

type Converted = { provider: ScanConfiguration['provider']; text: string; issuers: string[] } | { skip: true } | { error: string } | null;

function convert(resource: PlanResource, all: PlanResource[]): Converted {
  const { type, values } = resource;
  switch (type) {
    case 'aws_iam_role': {
      if (typeof values.assume_role_policy !== 'string') return { error: 'assume_role_policy is known only after apply' };
      let document: unknown;
      try {
        document = JSON.parse(values.assume_role_policy);
      } catch {
        return { error: 'assume_role_policy is not a JSON policy document' };
      }
      const issuers = webIdentityIssuers(document);
      return issuers.length === 0 ? { skip: true } : { provider: 'aws', text: jsonText(document), issuers: namedIssuers(issuers) };
    }
    case 'vault_jwt_auth_backend_role': {
      const backend = all.find((r) => r.type === 'vault_jwt_auth_backend' && r.values.path === values.backend);
      const config = backend ? pick(backend.values, VAULT_CONFIG_KEYS) : null;
      const role = pick(values, VAULT_ROLE_KEYS);
      const issuer = config?.bound_issuer ?? config?.oidc_discovery_url;
      return { provider: 'vault', text: jsonText(config ? { config, role } : role), issuers: typeof issuer === 'string' ? [issuer] : [] };
    }
    case 'google_iam_workload_identity_pool_provider': {
      const oidc = Array.isArray(values.oidc) && isObject(values.oidc[0]) ? values.oidc[0] : null;
      if (!oidc) return { skip: true };
      const provider = {
        name: `projects/${String(values.project ?? 'PROJECT')}/locations/global/workloadIdentityPools/${String(values.workload_identity_pool_id)}/providers/${String(values.workload_identity_pool_provider_id)}`,
        ...(present(values.attribute_mapping) ? { attributeMapping: values.attribute_mapping } : {}),
        ...(present(values.attribute_condition) ? { attributeCondition: values.attribute_condition } : {}),
        oidc: { issuerUri: oidc.issuer_uri, ...(present(oidc.allowed_audiences) ? { allowedAudiences: oidc.allowed_audiences } : {}) },
      };
      return { provider: 'gcp', text: jsonText(provider), issuers: typeof oidc.issuer_uri === 'string' ? [oidc.issuer_uri] : [] };
    }
    case 'azuread_application_federated_identity_credential':
    case 'azurerm_federated_identity_credential': {
      const credential = {
        name: values.display_name ?? values.name,
        issuer: values.issuer,
        subject: values.subject,
        audiences: values.audiences ?? values.audience,
      };
      return { provider: 'azure', text: jsonText(credential), issuers: typeof values.issuer === 'string' ? [values.issuer] : [] };
    }
    default:
      return null;
  }
}

export function readTerraformPlan(file: string, text: string, value: Record<string, unknown>): FileRead {
  const root = isObject(value.planned_values) ? value.planned_values.root_module : isObject(value.values) ? value.values.root_module : null;
  const resources = resourcesOf(root);
  const locator = new Locator(text);
  const read: FileRead = { configurations: [], skipped: 0, errors: [], recognised: true };
  for (const resource of resources) {
    const converted = convert(resource, resources);
    if (converted === null) continue;
    const line = locator.next('address', resource.address);
    if ('skip' in converted) read.skipped++;
    else if ('error' in converted) read.errors.push({ source: { file, line }, message: `${resource.address}: ${converted.error}` });
    else read.configurations.push({ name: resource.address, provider: converted.provider, policyText: converted.text, source: { file, line }, issuers: converted.issuers });
  }
  return read;
}
