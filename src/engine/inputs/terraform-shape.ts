/**
 * Which providers' trust resources Terraform text declares, read from its block headers alone,
 * without HashiCorp's HCL library: the page places Terraform text with this, so only the
 * evaluation worker ever downloads the library.
 */
import type { ProviderId } from '../result';
import { quotedKey, scanPositions, type PositionBlock } from './hcl-positions';
import { followedModule } from './terraform-module-sources';

/** The resources that hold a trust configuration, and whose configuration each is. */
export const RESOURCE_TYPES: Array<{ kind: 'resource' | 'data'; type: string; provider: ProviderId }> = [
  { kind: 'resource', type: 'aws_iam_role', provider: 'aws' },
  { kind: 'data', type: 'aws_iam_policy_document', provider: 'aws' },
  { kind: 'resource', type: 'vault_jwt_auth_backend_role', provider: 'vault' },
  { kind: 'resource', type: 'google_iam_workload_identity_pool_provider', provider: 'gcp' },
  { kind: 'resource', type: 'azuread_application_federated_identity_credential', provider: 'azure' },
  { kind: 'resource', type: 'azurerm_federated_identity_credential', provider: 'azure' },
];

/**
 * The providers whose trust resources the text declares at its top level, or through a call of a
 * module trustlens follows (named by a literal `source`), in `RESOURCE_TYPES` order.
 */
export function terraformProvidersByShape(text: string): ProviderId[] {
  const found = new Set<ProviderId>();
  for (const item of scanPositions(text)) {
    if (item.kind !== 'block') continue;
    if (item.type === 'module') {
      const module = followedModule(literalSource(text, item) ?? '');
      if (module) found.add(module.provider);
      continue;
    }
    const declared = RESOURCE_TYPES.find((r) => r.kind === item.type && r.type === item.labels[0]);
    if (declared) found.add(declared.provider);
  }
  return RESOURCE_TYPES.map((r) => r.provider).filter((p, i, all) => found.has(p) && all.indexOf(p) === i);
}

/** A module call's `source` when written as a plain string (Terraform allows nothing else there). */
function literalSource(text: string, block: PositionBlock): string | null {
  const attribute = block.body.find((item) => item.kind === 'attribute' && item.name === 'source');
  if (!attribute || attribute.kind !== 'attribute' || attribute.value.kind !== 'string') return null;
  const written = text.slice(attribute.value.start, attribute.value.end);
  return written.includes('${') ? null : quotedKey(written);
}
