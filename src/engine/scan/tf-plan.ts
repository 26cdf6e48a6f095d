/**
 * Terraform / OpenTofu plan and state JSON (`terraform show -json`,
 * https://developer.hashicorp.com/terraform/internals/json-format): every resource of the planned
 * (or stored) values that holds a trust configuration, converted by the reader `eval --policy`
 * uses (inputs/terraform-plan.ts) and located at its `address` in the file.
 */
import { isUnknown } from '../inputs/hcl/value';
import { entryOf, plainValue, placeholdersIn, type Located } from '../inputs/located';
import { convertPlanResource, planTrustResources, planValues, readPlan } from '../inputs/terraform-plan';
import type { FileRead } from './types';
import { namedIssuers, webIdentityIssuers } from './aws';
import { isObject, jsonText } from './locate';

export function looksLikeTerraformPlan(value: unknown): value is Record<string, unknown> {
  return isObject(value) && typeof value.format_version === 'string' && (isObject(value.planned_values) || isObject(value.values));
}

export function readTerraformPlan(file: string, text: string, _value: Record<string, unknown>): FileRead {
  const read: FileRead = { configurations: [], skipped: 0, errors: [], recognised: true };
  const plan = readPlan(text);
  if ('message' in plan) {
    read.errors.push({ source: { file, line: plan.source.line }, message: plan.message });
    return read;
  }
  for (const { resource, candidate } of planTrustResources(plan)) {
    // A policy document is read through the role that renders it.
    if (resource.mode === 'data') continue;
    const line = resource.addressRange.line;
    const error = (message: string) => read.errors.push({ source: { file, line }, message: `${resource.address}: ${message}` });
    const converted = convertPlanResource(plan, resource, candidate, {});
    if (!converted.ok) {
      error(converted.message.replace(`${resource.address}.`, ''));
      continue;
    }
    let value = converted.value;
    let issuers: string[] = [];
    switch (candidate.provider) {
      case 'aws': {
        if (isUnknown(value)) {
          error('assume_role_policy is known only after apply');
          continue;
        }
        issuers = webIdentityIssuers(plainValue(value));
        break;
      }
      case 'vault': {
        const config = entryOf(value, 'config');
        const issuer = config ? (entryOf(config, 'bound_issuer') ?? entryOf(config, 'oidc_discovery_url')) : undefined;
        issuers = issuer?.kind === 'scalar' && typeof issuer.value === 'string' ? [issuer.value] : [];
        break;
      }
      case 'gcp': {
        const provider = entryOf(value, 'provider') ?? value;
        const oidc = entryOf(provider, 'oidc');
        if (!oidc) {
          read.skipped++;
          continue;
        }
        const issuer = entryOf(oidc, 'issuerUri');
        issuers = issuer?.kind === 'scalar' && typeof issuer.value === 'string' ? [issuer.value] : [];
        const name = entryOf(provider, 'name');
        if (name && placeholdersIn(name).length > 0) {
          // A plan knows the provider's name only after apply: it is written from its IDs so the scan can still list it.
          const values = planValues(plan, resource) ?? {};
          const written = `projects/${String(values.project ?? 'PROJECT')}/locations/global/workloadIdentityPools/${String(values.workload_identity_pool_id)}/providers/${String(values.workload_identity_pool_provider_id)}`;
          value = replaceName(value, written);
        }
        break;
      }
      default: {
        const credential = value.kind === 'array' ? value.items[0] : value;
        const issuer = credential ? entryOf(credential, 'issuer') : undefined;
        issuers = issuer?.kind === 'scalar' && typeof issuer.value === 'string' ? [issuer.value] : [];
      }
    }
    if (candidate.provider === 'aws' && issuers.length === 0) {
      read.skipped++;
      continue;
    }
    read.configurations.push({ name: resource.address, provider: candidate.provider, policyText: jsonText(plainValue(value)), source: { file, line }, issuers: candidate.provider === 'aws' ? namedIssuers(issuers) : issuers });
  }
  return read;
}

function replaceName(value: Located, name: string): Located {
  if (value.kind !== 'object') return value;
  if (value.entries.some((e) => e.key === 'provider')) return { ...value, entries: value.entries.map((e) => (e.key === 'provider' ? { ...e, value: replaceName(e.value, name) } : e)) };
  return { ...value, entries: value.entries.map((e) => (e.key === 'name' ? { ...e, value: { kind: 'scalar' as const, value: name, range: e.value.range } as Located } : e)) };
}
