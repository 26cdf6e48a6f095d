/**
 * Terraform / OpenTofu text → the configuration a provider evaluates, for the resources that hold
 * a trust configuration:
 * - `aws_iam_role.assume_role_policy` (jsonencode, heredoc, literal string, or a reference to a
 *   `data.aws_iam_policy_document` in the same text) and `data.aws_iam_policy_document` itself;
 * - `vault_jwt_auth_backend_role` (+ its `vault_jwt_auth_backend` for issuer and discovery);
 * - `google_iam_workload_identity_pool_provider` (+ `google_service_account_iam_member` /
 *   `_binding` granting its principals);
 * - `azuread_application_federated_identity_credential`, `azurerm_federated_identity_credential`.
 * Argument names: the providers' registry docs (registry.terraform.io/providers/hashicorp/<p>).
 */
import { LineIndex } from '../json';
import type { ProviderId, SourceRange } from '../result';
import type { HclLibrary } from './hcl-library';
import { parseHcl } from './hcl-library';
import { scanPositions, type PositionAttribute } from './hcl-positions';
import { entryOf, objectOf, scalar, type Located, type LocatedEntry } from './located';
import { convertPolicyDocument } from './policy-document';
import { blocksOf, locateBlock, locateJsonString, positionBlock, projectNumberOf, rangeOf, type TerraformText } from './terraform-values';

export interface Candidate {
  /** `aws_iam_role.ci`, `data.aws_iam_policy_document.trust`. */
  address: string;
  provider: ProviderId;
  range?: SourceRange;
}

export type ConvertOutcome =
  | { ok: true; value: Located; whole?: SourceRange; candidate: Candidate; candidates: Candidate[]; notes: string[] }
  | { ok: false; message: string; source?: SourceRange; candidates: Candidate[] };

export interface ConvertRequest {
  resource?: string | null;
  provider?: ProviderId | null;
  vars?: Record<string, string>;
}

const RESOURCE_TYPES: Array<{ kind: 'resource' | 'data'; type: string; provider: ProviderId }> = [
  { kind: 'resource', type: 'aws_iam_role', provider: 'aws' },
  { kind: 'data', type: 'aws_iam_policy_document', provider: 'aws' },
  { kind: 'resource', type: 'vault_jwt_auth_backend_role', provider: 'vault' },
  { kind: 'resource', type: 'google_iam_workload_identity_pool_provider', provider: 'gcp' },
  { kind: 'resource', type: 'azuread_application_federated_identity_credential', provider: 'azure' },
  { kind: 'resource', type: 'azurerm_federated_identity_credential', provider: 'azure' },
];

/** Whether the text reads as Terraform: a top-level block keyword with a label or a brace. */
export function looksLikeTerraform(text: string): boolean {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return false;
  return /^[ \t]*(resource|data)[ \t]+"[A-Za-z0-9_-]+"[ \t]+"[^"\n]*"[ \t]*\{/m.test(text) || /^[ \t]*(variable|locals|terraform|provider|module|output)\b[^\n]*\{/m.test(text) && /^[ \t]*(resource|data)\b/m.test(text);
}

function attributeOf(tf: TerraformText, kind: string, type: string, name: string, attribute: string): PositionAttribute | undefined {
  const block = positionBlock(tf.positions, kind, kind === 'resource' || kind === 'data' ? [type, name] : []);
  const found = block?.body.find((item) => item.kind === 'attribute' && item.name === attribute);
  return found?.kind === 'attribute' ? found : undefined;
}

function blockRange(tf: TerraformText, kind: 'resource' | 'data', type: string, name: string): SourceRange | undefined {
  const block = positionBlock(tf.positions, kind, [type, name]);
  return block ? rangeOf(tf, block.start, block.end) : undefined;
}

function located(tf: TerraformText, kind: 'resource' | 'data', type: string, name: string): Located | null {
  const found = blocksOf(tf, kind, type).find((b) => b.name === name);
  return found ? locateBlock(tf, found.body, positionBlock(tf.positions, kind, [type, name])) : null;
}

const MERGED_DOCUMENTS = ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json'];

function policyDocument(tf: TerraformText, name: string): Located | null {
  const document = located(tf, 'data', 'aws_iam_policy_document', name);
  return document ? convertPolicyDocument(document) : null;
}

/** Documents merged from other documents are not rebuilt here; saying so beats a partial policy. */
function mergedDocumentArgument(tf: TerraformText, name: string): { key: string; range?: SourceRange } | null {
  const document = located(tf, 'data', 'aws_iam_policy_document', name);
  const entry = document?.kind === 'object' ? document.entries.find((e) => MERGED_DOCUMENTS.includes(e.key)) : undefined;
  return entry ? { key: entry.key, range: entry.keyRange } : null;
}

/** An aws_iam_role's trust policy: jsonencode → object; a JSON string → parsed; a data source → converted. */
function rolePolicy(tf: TerraformText, name: string): { ok: true; value: Located } | { ok: false; message: string; source?: SourceRange } {
  const role = located(tf, 'resource', 'aws_iam_role', name);
  const value = role ? entryOf(role, 'assume_role_policy') : undefined;
  if (!value) return { ok: false, message: `aws_iam_role.${name} has no assume_role_policy`, source: blockRange(tf, 'resource', 'aws_iam_role', name) };
  if (value.kind === 'object') return { ok: true, value };
  if (value.kind === 'scalar' && typeof value.value === 'string' && !value.unresolved) {
    const attribute = attributeOf(tf, 'resource', 'aws_iam_role', name, 'assume_role_policy');
    const document = locateJsonString(tf, value.value, attribute?.value);
    if (document) return { ok: true, value: document };
    return { ok: false, message: `aws_iam_role.${name}: assume_role_policy is not a JSON policy document`, source: value.range };
  }
  // An unresolved reference (e.g. to a file or another module): the policy itself is the placeholder.
  return { ok: true, value };
}

const VAULT_ROLE_SKIPPED = new Set(['role_name', 'backend', 'namespace', 'disable_bound_claims_parsing']);
const VAULT_CONFIG_FIELDS = [
  'bound_issuer',
  'oidc_discovery_url',
  'oidc_discovery_ca_pem',
  'jwks_url',
  'jwks_ca_pem',
  'jwt_validation_pubkeys',
  'jwt_supported_algs',
  'default_role',
  'provider_config',
];

function vaultRole(tf: TerraformText, name: string): Located {
  const role = located(tf, 'resource', 'vault_jwt_auth_backend_role', name)!;
  const parsing = entryOf(role, 'disable_bound_claims_parsing');
  const splitClaims = !(parsing?.kind === 'scalar' && parsing.value === true);
  const roleEntries: LocatedEntry[] = [];
  for (const entry of role.kind === 'object' ? role.entries : []) {
    if (VAULT_ROLE_SKIPPED.has(entry.key)) continue;
    if (entry.key === 'bound_claims' && splitClaims && entry.value.kind === 'object') {
      // The provider splits each bound claim at commas unless disable_bound_claims_parsing is set
      // (registry.terraform.io/providers/hashicorp/vault/latest/docs/resources/jwt_auth_backend_role).
      const claims = entry.value.entries.map((claim) =>
        claim.value.kind === 'scalar' && typeof claim.value.value === 'string'
          ? {
              ...claim,
              value: { kind: 'array' as const, items: claim.value.value.split(',').map((part) => scalar(part.trim(), claim.value.range)), range: claim.value.range },
            }
          : claim,
      );
      roleEntries.push({ ...entry, value: { ...entry.value, entries: claims } });
      continue;
    }
    roleEntries.push(entry);
  }
  const roleObject = objectOf(roleEntries, role.range);
  const backend = vaultBackendFor(tf, role);
  if (!backend) return roleObject;
  const config = objectOf((backend.kind === 'object' ? backend.entries : []).filter((e) => VAULT_CONFIG_FIELDS.includes(e.key)), backend.range);
  const roleName = role.kind === 'object' ? role.entries.find((e) => e.key === 'role_name') : undefined;
  return objectOf([
    ...(roleName ? [{ ...roleName, key: 'name' }] : []),
    { key: 'config', value: config },
    { key: 'role', value: roleObject },
  ]);
}

/** The role's auth method: the vault_jwt_auth_backend whose path is the role's backend ("jwt" when unset). */
function vaultBackendFor(tf: TerraformText, role: Located): Located | null {
  const backends = blocksOf(tf, 'resource', 'vault_jwt_auth_backend');
  const backendValue = entryOf(role, 'backend');
  const path = backendValue?.kind === 'scalar' && !backendValue.unresolved ? String(backendValue.value) : backendValue ? null : 'jwt';
  const match = backends.find((b) => String(b.body.path ?? 'jwt').replace(/^\/|\/$/g, '') === path?.replace(/^\/|\/$/g, ''));
  if (match) return located(tf, 'resource', 'vault_jwt_auth_backend', match.name);
  return null;
}

const GCP_PROVIDER_FIELDS: Record<string, string> = {
  display_name: 'displayName',
  description: 'description',
  disabled: 'disabled',
  attribute_mapping: 'attributeMapping',
  attribute_condition: 'attributeCondition',
};

function gcpProvider(tf: TerraformText, name: string): Located {
  const provider = located(tf, 'resource', 'google_iam_workload_identity_pool_provider', name)!;
  const entries: LocatedEntry[] = [];
  const byKey = (key: string) => (provider.kind === 'object' ? provider.entries.find((e) => e.key === key) : undefined);
  for (const [from, to] of Object.entries(GCP_PROVIDER_FIELDS)) {
    const entry = byKey(from);
    if (entry) entries.push({ ...entry, key: to });
  }
  const oidc = entryOf(provider, 'oidc');
  const oidcBlock = oidc?.kind === 'array' ? oidc.items[0] : undefined;
  if (oidcBlock && oidcBlock.kind === 'object') {
    const renamed: Record<string, string> = { issuer_uri: 'issuerUri', allowed_audiences: 'allowedAudiences', jwks_json: 'jwksJson' };
    entries.push({
      key: 'oidc',
      keyRange: byKey('oidc')?.keyRange,
      value: objectOf(
        oidcBlock.entries.filter((e) => e.key in renamed).map((e) => ({ ...e, key: renamed[e.key] })),
        oidcBlock.range,
      ),
    });
  }
  entries.unshift({ key: 'name', value: gcpProviderName(tf, provider) });
  const bindings = gcpBindings(tf);
  const providerObject = objectOf(entries, provider.range);
  if (bindings.length === 0) return providerObject;
  return objectOf([
    { key: 'provider', value: providerObject },
    { key: 'iamPolicy', value: objectOf([{ key: 'bindings', value: { kind: 'array', items: bindings } }]) },
  ]);
}

/**
 * The provider's resource name. Terraform knows the project by ID, but the name and the principal
 * identifiers use its number, which the text does not give: a placeholder unless `--var project_number=…`.
 */
function gcpProviderName(tf: TerraformText, provider: Located): Located {
  const text = (key: string) => {
    const value = entryOf(provider, key);
    return value?.kind === 'scalar' ? value : scalar(`\${${key}}`, undefined, [{ name: key }]);
  };
  const projectNumber = projectNumberOf(tf, provider.range);
  const parts = [scalar('projects/'), projectNumber, scalar('/locations/global/workloadIdentityPools/'), text('workload_identity_pool_id'), scalar('/providers/'), text('workload_identity_pool_provider_id')];
  const unresolved = parts.flatMap((p) => (p.kind === 'scalar' ? (p.unresolved ?? []) : []));
  return scalar(parts.map((p) => (p.kind === 'scalar' ? String(p.value) : '')).join(''), entryOf(provider, 'workload_identity_pool_provider_id')?.range ?? provider.range, unresolved);
}

/** Service-account IAM grants in the same text, as get-iam-policy bindings. */
function gcpBindings(tf: TerraformText): Located[] {
  const bindings: Located[] = [];
  for (const { name } of blocksOf(tf, 'resource', 'google_service_account_iam_member')) {
    const member = located(tf, 'resource', 'google_service_account_iam_member', name)!;
    const role = entryOf(member, 'role');
    const value = entryOf(member, 'member');
    if (role && value) bindings.push(objectOf([{ key: 'role', value: role }, { key: 'members', value: { kind: 'array', items: [value], range: value.range } }], member.range));
  }
  for (const { name } of blocksOf(tf, 'resource', 'google_service_account_iam_binding')) {
    const binding = located(tf, 'resource', 'google_service_account_iam_binding', name)!;
    const role = entryOf(binding, 'role');
    const members = entryOf(binding, 'members');
    if (role && members) bindings.push(objectOf([{ key: 'role', value: role }, { key: 'members', value: members }], binding.range));
  }
  return bindings;
}

function azureCredential(tf: TerraformText, type: string, name: string): Located {
  const credential = located(tf, 'resource', type, name)!;
  const renamed: Record<string, string> =
    type === 'azurerm_federated_identity_credential'
      ? { name: 'name', issuer: 'issuer', subject: 'subject', audience: 'audiences' }
      : { display_name: 'name', issuer: 'issuer', subject: 'subject', audiences: 'audiences', description: 'description' };
  const entries = (credential.kind === 'object' ? credential.entries : []).filter((e) => e.key in renamed).map((e) => ({ ...e, key: renamed[e.key] }));
  return objectOf(entries, credential.range);
}

export function terraformCandidates(tf: TerraformText): Candidate[] {
  return RESOURCE_TYPES.flatMap(({ kind, type, provider }) =>
    blocksOf(tf, kind, type).map(({ name }) => ({
      address: kind === 'data' ? `data.${type}.${name}` : `${type}.${name}`,
      provider,
      range: blockRange(tf, kind, type, name),
    })),
  );
}

export function readTerraform(text: string, library: HclLibrary, vars: Record<string, string>): TerraformText | null {
  const value = parseHcl(library, text);
  if (!value) return null;
  const tf: TerraformText = { text, lines: new LineIndex(text), library, value, positions: scanPositions(text), vars };
  tf.policyDocument = (name) => policyDocument(tf, name);
  return tf;
}

/**
 * The library reports no position for a syntax error, so the first top-level block it refuses on
 * its own is named; text outside any block points at the first line.
 */
function syntaxErrorBlock(text: string, library: HclLibrary): SourceRange {
  const lines = new LineIndex(text);
  for (const item of scanPositions(text)) {
    if (item.kind !== 'block') continue;
    if (!parseHcl(library, text.slice(item.start, item.end))) {
      const headerEnd = text.indexOf('\n', item.start);
      return lines.range(item.start, headerEnd < 0 || headerEnd > item.end ? item.end : headerEnd);
    }
  }
  return { line: 1, column: 1, endLine: 1, endColumn: 2 };
}

/** Picks the resource: the one asked for, else the only one for the provider, else an error naming them. */
export function chooseCandidate(
  candidates: Candidate[],
  request: ConvertRequest,
  referenced: (candidate: Candidate) => boolean,
): { ok: true; candidate: Candidate } | { ok: false; message: string } {
  const list = (items: Candidate[]) => items.map((c) => c.address).join(', ');
  if (request.resource) {
    const wanted = request.resource.trim();
    const found = candidates.find((c) => c.address === wanted);
    if (!found) return { ok: false, message: `no resource ${wanted} in the configuration; it holds ${candidates.length > 0 ? list(candidates) : 'no trust configuration'}` };
    return { ok: true, candidate: found };
  }
  let pool = request.provider ? candidates.filter((c) => c.provider === request.provider) : candidates;
  if (pool.length === 0) {
    return {
      ok: false,
      message:
        candidates.length === 0
          ? 'the configuration holds no trust configuration: expected aws_iam_role, data "aws_iam_policy_document", vault_jwt_auth_backend_role, google_iam_workload_identity_pool_provider, azuread_application_federated_identity_credential or azurerm_federated_identity_credential'
          : `the configuration holds no ${request.provider} trust configuration; it holds ${list(candidates)}`,
    };
  }
  if (pool.length > 1) pool = pool.filter((c) => !referenced(c)).length > 0 ? pool.filter((c) => !referenced(c)) : pool;
  if (pool.length > 1) return { ok: false, message: `the configuration holds several trust configurations: ${list(pool)}; choose one with --resource TYPE.NAME` };
  return { ok: true, candidate: pool[0] };
}

export function convertTerraform(text: string, library: HclLibrary, request: ConvertRequest): ConvertOutcome {
  const tf = readTerraform(text, library, request.vars ?? {});
  if (!tf) return { ok: false, message: 'The Terraform text is not valid HCL: the HCL parser refuses it', source: syntaxErrorBlock(text, library), candidates: [] };
  const candidates = terraformCandidates(tf);
  // A policy document that a role in the same text uses is evaluated through the role.
  const referencedDocuments = new Set<string>();
  for (const { body } of blocksOf(tf, 'resource', 'aws_iam_role')) {
    const match = /data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)\.(?:minified_)?json/.exec(String(body.assume_role_policy ?? ''));
    if (match) referencedDocuments.add(`data.aws_iam_policy_document.${match[1]}`);
  }
  const chosen = chooseCandidate(candidates, request, (c) => referencedDocuments.has(c.address));
  if (!chosen.ok) return { ok: false, message: chosen.message, candidates };
  const candidate = chosen.candidate;
  const [type, name] = candidate.address.startsWith('data.') ? candidate.address.split('.').slice(1) : candidate.address.split('.');
  const usedDocument = type === 'aws_iam_policy_document' ? name : /data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)\./.exec(String(blocksOf(tf, 'resource', type).find((b) => b.name === name)?.body.assume_role_policy ?? ''))?.[1];
  const merged = usedDocument ? mergedDocumentArgument(tf, usedDocument) : null;
  if (merged) {
    return {
      ok: false,
      message: `data.aws_iam_policy_document.${usedDocument} uses ${merged.key}, which trustlens does not merge; paste the rendered policy (terraform console: data.aws_iam_policy_document.${usedDocument}.json) instead`,
      source: merged.range,
      candidates,
    };
  }
  let value: Located;
  switch (type) {
    case 'aws_iam_role': {
      const policy = rolePolicy(tf, name);
      if (!policy.ok) return { ok: false, message: policy.message, source: policy.source, candidates };
      value = policy.value;
      break;
    }
    case 'aws_iam_policy_document':
      value = policyDocument(tf, name)!;
      break;
    case 'vault_jwt_auth_backend_role':
      value = vaultRole(tf, name);
      break;
    case 'google_iam_workload_identity_pool_provider':
      value = gcpProvider(tf, name);
      break;
    default:
      value = azureCredential(tf, type, name);
  }
  return { ok: true, value, whole: candidate.range, candidate, candidates, notes: [] };
}

