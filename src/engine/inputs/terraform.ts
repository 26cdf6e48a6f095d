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
import { HclSyntaxError, parseExpression } from './hcl/syntax';
import { HclEvalError, isUnknown, unknown } from './hcl/value';
import type { HclLibrary } from './hcl-library';
import { parseHcl } from './hcl-library';
import { scanChecked, scanPositions, type PositionBlock, type PositionItem } from './hcl-positions';
import { RESOURCE_TYPES } from './terraform-shape';
import { entryOf, objectOf, scalar, type Located, type LocatedEntry } from './located';
import { convertPolicyDocument, mergePolicyDocuments, repeatedSid } from './policy-document';
import { moduleTargets, type GcpParts, type ModuleResource, type NotFollowed } from './terraform-modules';
import { attributeOf, evaluateAt, instancesOf, locateBlock, locateJsonString, projectNumberOf, rangeOf, topBlocks, type Instance, type TerraformText } from './terraform-values';

export { RESOURCE_TYPES } from './terraform-shape';
export { looksLikeTerraform } from './terraform-sniff';

export interface Candidate {
  /** `aws_iam_role.ci`, `data.aws_iam_policy_document.trust`, `aws_iam_role.this[0]`. */
  address: string;
  provider: ProviderId;
  range?: SourceRange;
}

export type ConvertOutcome =
  | { ok: true; value: Located; whole?: SourceRange; candidate: Candidate; candidates: Candidate[]; notes: string[]; unchecked?: boolean }
  | { ok: false; message: string; source?: SourceRange; candidates: Candidate[]; unchecked?: boolean };

export interface ConvertRequest {
  resource?: string | null;
  provider?: ProviderId | null;
  vars?: Record<string, string>;
}

const MERGE_ARGUMENTS = { sources: ['source_json', 'source_policy_documents'], overrides: ['override_json', 'override_policy_documents'] };

/** A JSON policy given as a string or a jsonencode'd value, as the provider reads it. */
function documentValue(tf: TerraformText, value: Located): Located {
  if (isUnknown(value)) return value;
  if (value.kind !== 'scalar') return { ...value, encoded: false };
  if (typeof value.value !== 'string') return value;
  return locateJsonString(tf, value.value, undefined) ?? value;
}

function policyDocument(tf: TerraformText, block: PositionBlock, bindings: Map<string, Located>): Located {
  const body = locateBlock(tf, block, bindings);
  const current = convertPolicyDocument(body);
  const repeated = repeatedSid(current);
  if (repeated) throw new HclEvalError(repeated, block.start, block.end);
  const listed = (keys: string[]) =>
    keys.flatMap((key) => {
      const value = entryOf(body, key);
      if (!value) return [];
      if (value.kind === 'array' && !value.encoded) return value.items.map((item) => documentValue(tf, item));
      if (isUnknown(value)) return [value];
      return [documentValue(tf, value)];
    });
  const sources = listed(MERGE_ARGUMENTS.sources);
  const overrides = listed(MERGE_ARGUMENTS.overrides);
  if (sources.length === 0 && overrides.length === 0) return current;
  const merged = mergePolicyDocuments(sources, current, overrides);
  if (typeof merged === 'string') throw new HclEvalError(merged, block.start, block.end);
  return merged;
}

/** An aws_iam_role's trust policy: jsonencode → object; a JSON string → parsed; a data source → converted. */
function rolePolicy(tf: TerraformText, block: PositionBlock, instance: Instance, address: string): { ok: true; value: Located } | { ok: false; message: string; source?: SourceRange } {
  const attribute = attributeOf(block, 'assume_role_policy');
  if (!attribute) return { ok: false, message: `${address} has no assume_role_policy`, source: rangeOf(tf, block.start, block.end) };
  const value = evaluateAt(tf, attribute.value, instance.bindings);
  if (isUnknown(value)) return { ok: true, value };
  if (value.kind !== 'scalar') {
    if (value.encoded) return { ok: true, value: { ...value, encoded: false } };
    return { ok: false, message: `${address}: assume_role_policy must be a string (use jsonencode)`, source: value.range };
  }
  if (typeof value.value === 'string') {
    const document = locateJsonString(tf, value.value, attribute.value);
    if (document) return { ok: true, value: document };
  }
  return { ok: false, message: `${address}: assume_role_policy is not a JSON policy document`, source: value.range };
}

const VAULT_ROLE_SKIPPED = new Set(['role_name', 'backend', 'namespace', 'disable_bound_claims_parsing', 'count', 'for_each', 'provider', 'depends_on']);
export const VAULT_CONFIG_FIELDS = [
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

function vaultRole(tf: TerraformText, block: PositionBlock, instance: Instance): Located {
  return vaultRoleFrom(locateBlock(tf, block, instance.bindings), (role) => vaultBackendFor(tf, role));
}

/** A Vault role's configuration from its arguments, with its auth method's configuration when found. */
export function vaultRoleFrom(role: Located, backendFor: (role: Located) => Located | null): Located {
  const parsing = entryOf(role, 'disable_bound_claims_parsing');
  const splitClaims = !(parsing?.kind === 'scalar' && parsing.value === true);
  const roleEntries: LocatedEntry[] = [];
  for (const entry of role.kind === 'object' ? role.entries : []) {
    if (VAULT_ROLE_SKIPPED.has(entry.key)) continue;
    if (entry.key === 'bound_claims' && splitClaims && entry.value.kind === 'object') {
      // The provider splits each bound claim at commas unless disable_bound_claims_parsing is set
      // (registry.terraform.io/providers/hashicorp/vault/latest/docs/resources/jwt_auth_backend_role).
      const claims = entry.value.entries.map((claim) =>
        claim.value.kind === 'scalar' && typeof claim.value.value === 'string' && !isUnknown(claim.value)
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
  const backend = backendFor(role);
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
  const backendValue = entryOf(role, 'backend');
  if (backendValue && isUnknown(backendValue)) return null;
  const path = backendValue?.kind === 'scalar' ? String(backendValue.value) : backendValue ? null : 'jwt';
  const trim = (p: string) => p.replace(/^\/|\/$/g, '');
  for (const block of topBlocks(tf, 'resource', 'vault_jwt_auth_backend')) {
    const written = attributeOf(block, 'path');
    const value = written ? evaluateAt(tf, written.value) : scalar('jwt');
    if (value.kind === 'scalar' && !isUnknown(value) && path !== null && trim(String(value.value)) === trim(path)) return locateBlock(tf, block);
  }
  return null;
}

const GCP_PROVIDER_FIELDS: Record<string, string> = {
  display_name: 'displayName',
  description: 'description',
  disabled: 'disabled',
  attribute_mapping: 'attributeMapping',
  attribute_condition: 'attributeCondition',
};

function gcpProvider(tf: TerraformText, block: PositionBlock, instance: Instance, grantAddress?: string): Located {
  const provider = locateBlock(tf, block, instance.bindings);
  return gcpProviderFrom(provider, gcpProviderName(tf, provider), gcpBindings(tf, grantAddress));
}

/** A workload identity pool provider's configuration from its arguments, its name and the grants on service accounts. */
export function gcpProviderFrom(provider: Located, name: Located, bindings: Located[]): Located {
  const entries: LocatedEntry[] = [];
  const byKey = (key: string) => (provider.kind === 'object' ? provider.entries.find((e) => e.key === key) : undefined);
  for (const [from, to] of Object.entries(GCP_PROVIDER_FIELDS)) {
    const entry = byKey(from);
    if (entry) entries.push({ ...entry, key: to });
  }
  const oidc = entryOf(provider, 'oidc');
  const oidcBlock = oidc?.kind === 'array' ? oidc.items[0] : undefined;
  if (oidcBlock && isUnknown(oidcBlock)) entries.push({ key: 'oidc', value: oidcBlock });
  else if (oidcBlock && oidcBlock.kind === 'object') {
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
  entries.unshift({ key: 'name', value: name });
  const providerObject = objectOf(entries, provider.range);
  if (bindings.length === 0) return providerObject;
  return objectOf([
    { key: 'provider', value: providerObject },
    { key: 'iamPolicy', value: objectOf([{ key: 'bindings', value: { kind: 'array', items: bindings } }]) },
  ]);
}

/**
 * The provider's resource name. Terraform knows the project by ID, but the name and the principal
 * identifiers use its number, which the text does not give: an unknown unless `--var project_number=…`.
 */
function gcpProviderName(tf: TerraformText, provider: Located): Located {
  const text = (key: string) => {
    const value = entryOf(provider, key);
    return value?.kind === 'scalar' ? value : unknown([{ name: key }]);
  };
  const projectNumber = projectNumberOf(tf, provider.range);
  const parts = [scalar('projects/'), projectNumber, scalar('/locations/global/workloadIdentityPools/'), text('workload_identity_pool_id'), scalar('/providers/'), text('workload_identity_pool_provider_id')];
  const unresolved = parts.flatMap((p) => (p.kind === 'scalar' ? (p.unresolved ?? []) : []));
  return scalar(parts.map((p) => (p.kind === 'scalar' ? String(p.value) : '')).join(''), entryOf(provider, 'workload_identity_pool_provider_id')?.range ?? provider.range, unresolved);
}

const GRANT_TYPES = ['google_service_account_iam_member', 'google_service_account_iam_binding', 'google_service_account_iam_policy'];

interface Grant {
  /** The service account granted on: its value, or the unknowns or text naming it. */
  account: string;
  address: string;
  bindings: Located[];
}

/** A value as a grouping key: its text when known, else the names of what it depends on. */
function keyOf(tf: TerraformText, block: PositionBlock, names: string[], bindings: Map<string, Located>): string | null {
  for (const name of names) {
    const written = attributeOf(block, name);
    if (!written) continue;
    const value = evaluateAt(tf, written.value, bindings);
    if (isUnknown(value)) return `unknown:${value.unresolved.map((u) => u.name).join(',')}`;
    return value.kind === 'scalar' ? `value:${String(value.value)}` : `text:${tf.text.slice(written.value.start, written.value.end).trim()}`;
  }
  return null;
}

/**
 * Service-account IAM grants in the same text, per service account, as get-iam-policy bindings:
 * `_member`, `_binding` and `_policy` (its `policy_data`, e.g. from `data "google_iam_policy"`).
 */
function gcpGrants(tf: TerraformText): Grant[] {
  const grants: Grant[] = [];
  for (const type of GRANT_TYPES) {
    for (const block of topBlocks(tf, 'resource', type)) {
      const base = `${type}.${block.labels[1]}`;
      const instances = instancesOf(tf, block);
      if (!Array.isArray(instances)) {
        grants.push({ account: `unknown:${instances.unresolved.map((u) => u.name).join(',')}`, address: base, bindings: [instances] });
        continue;
      }
      for (const instance of instances) {
        const grant = locateBlock(tf, block, instance.bindings);
        const account = keyOf(tf, block, ['service_account_id'], instance.bindings) ?? base;
        const address = `${base}${instance.suffix}`;
        if (type.endsWith('_policy')) {
          const data = entryOf(grant, 'policy_data');
          const policy = data && data.kind === 'scalar' && typeof data.value === 'string' && !isUnknown(data) ? locateJsonString(tf, data.value, undefined) : data;
          if (policy && isUnknown(policy)) {
            grants.push({ account, address, bindings: [policy] });
            continue;
          }
          const bindings = policy ? entryOf(policy, 'bindings') : undefined;
          grants.push({ account, address, bindings: bindings?.kind === 'array' ? bindings.items : bindings ? [bindings] : [] });
          continue;
        }
        const role = entryOf(grant, 'role');
        const members = type.endsWith('_member') ? entryOf(grant, 'member') : entryOf(grant, 'members');
        if (!role || !members) continue;
        const list = members.kind === 'array' || isUnknown(members) ? members : { kind: 'array' as const, items: [members], range: members.range };
        grants.push({ account, address, bindings: [objectOf([{ key: 'role', value: role }, { key: 'members', value: list }], grant.range)] });
      }
    }
  }
  return grants;
}

/** The bindings on one service account: the one a grant names, or the only one granted on. */
function gcpBindings(tf: TerraformText, grantAddress?: string): Located[] {
  const grants = gcpGrants(tf);
  const account = grantAddress ? grants.find((g) => g.address === grantAddress)?.account : grants[0]?.account;
  return grants.filter((g) => g.account === account).flatMap((g) => g.bindings);
}

function azureCredential(tf: TerraformText, type: string, block: PositionBlock, instance: Instance): Located {
  return azureCredentialFrom(type, locateBlock(tf, block, instance.bindings));
}

export function azureCredentialFrom(type: string, credential: Located): Located {
  const renamed: Record<string, string> =
    type === 'azurerm_federated_identity_credential'
      ? { name: 'name', issuer: 'issuer', subject: 'subject', audience: 'audiences' }
      : { display_name: 'name', issuer: 'issuer', subject: 'subject', audiences: 'audiences', description: 'description' };
  const entries = (credential.kind === 'object' ? credential.entries : []).filter((e) => e.key in renamed).map((e) => ({ ...e, key: renamed[e.key] }));
  return objectOf(entries, credential.range);
}

interface Target {
  candidate: Candidate;
  type: string;
  block: PositionBlock;
  /** null when the instances depend on a value the text does not give. */
  instance: Instance | null;
  pending?: Located;
  /** Google Cloud: the grant whose service account is decided, when grants name several. */
  grantAddress?: string;
  viaGrant?: boolean;
  severalAccounts?: boolean;
  /** Azure: the application (or identity) the credential belongs to. */
  application?: string;
  /** A resource a followed module call declares. */
  module?: ModuleResource;
}

/** A Google Cloud configuration from a module's pool provider and its grants on one service account. */
function gcpFromModule(parts: GcpParts, account?: string): Located {
  return gcpProviderFrom(parts.provider, parts.name, parts.grants.filter((g) => g.account === account).map((g) => g.binding));
}

/** What the module calls of the text declare, once per text. */
const moduleCache = new WeakMap<TerraformText, { resources: ModuleResource[]; notFollowed: NotFollowed[] }>();
function modulesOf(tf: TerraformText): { resources: ModuleResource[]; notFollowed: NotFollowed[] } {
  let found = moduleCache.get(tf);
  if (!found) {
    found = moduleTargets(tf, gcpFromModule);
    moduleCache.set(tf, found);
  }
  return found;
}

function targets(tf: TerraformText): Target[] {
  const found = resourceTargets(tf);
  const grants = topBlocks(tf, 'resource').some((b) => GRANT_TYPES.includes(b.labels[0])) ? gcpGrants(tf) : [];
  const providers = found.filter((t) => t.type === 'google_iam_workload_identity_pool_provider');
  if (new Set(grants.map((g) => g.account)).size > 1 && providers.length === 1) {
    // Grants on several service accounts are separate policies: each is decided on its own.
    for (const grant of grants) {
      found.push({ ...providers[0], candidate: { address: grant.address, provider: 'gcp', range: providers[0].candidate.range }, grantAddress: grant.address, viaGrant: true });
    }
    providers[0].severalAccounts = true;
  }
  for (const resource of modulesOf(tf).resources) {
    const block = topBlocks(tf, 'module').find((b) => resource.address === `module.${b.labels[0]}` || resource.address.startsWith(`module.${b.labels[0]}.`) || resource.address.startsWith(`module.${b.labels[0]}[`))!;
    found.push({ candidate: { address: resource.address, provider: resource.provider, range: resource.range }, type: 'module', block, instance: { key: null, suffix: '', bindings: new Map() }, module: resource });
  }
  return found;
}

function resourceTargets(tf: TerraformText): Target[] {
  return RESOURCE_TYPES.flatMap(({ kind, type, provider }) =>
    topBlocks(tf, kind, type).flatMap((block): Target[] => {
      const base = `${kind === 'data' ? 'data.' : ''}${type}.${block.labels[1]}`;
      const range = rangeOf(tf, block.start, block.end);
      let instances: ReturnType<typeof instancesOf>;
      try {
        instances = instancesOf(tf, block);
      } catch {
        instances = [];
      }
      if (!Array.isArray(instances)) return [{ candidate: { address: base, provider, range }, type, block, instance: null, pending: instances }];
      return instances.map((instance) => ({ candidate: { address: `${base}${instance.suffix}`, provider, range }, type, block, instance }));
    }),
  );
}

export function terraformCandidates(tf: TerraformText): Candidate[] {
  return targets(tf).map((t) => t.candidate);
}

/**
 * The library (HashiCorp's own HCL parser, compiled to JavaScript) takes about 9 ms per KB, so
 * it double-checks only texts up to this size; every text is checked by trustlens's own reading
 * of its structure and of every expression in it.
 */
const LIBRARY_CHECK_LIMIT = 50_000;

interface Checked {
  text: string;
  lines: LineIndex;
  positions: PositionItem[];
  problem: { source: SourceRange; message: string } | null;
  /** False while HashiCorp's parser, not yet loaded, still has to double-check the text. */
  complete: boolean;
}

/** The last text read: the same configuration is converted again on every keystroke in the token. */
let lastChecked: Checked | null = null;

function checkTerraform(text: string, library: HclLibrary | null): Checked {
  if (lastChecked?.text === text && (lastChecked.complete || library === null)) return lastChecked;
  const lines = new LineIndex(text);
  const { items, problem, heredocs } = scanChecked(text);
  let found: Checked['problem'] = problem ? { source: lines.range(problem.offset, problem.offset + 1), message: problem.message } : null;
  const unclosed = unclosedHeredoc(text, lines, heredocs);
  if (unclosed) found = unclosed;
  if (!found) found = expressionProblem(text, lines, items);
  const needsLibrary = !found && text.length <= LIBRARY_CHECK_LIMIT;
  if (needsLibrary && library && !parseHcl(library, text)) found = { ...syntaxErrorBlock(text, library), message: 'the HCL parser refuses it' };
  lastChecked = { text, lines, positions: items, problem: found, complete: !needsLibrary || library !== null };
  return lastChecked;
}

/** The first attribute whose expression does not parse, anywhere in the text. */
function expressionProblem(text: string, lines: LineIndex, items: PositionItem[]): Checked['problem'] {
  for (const item of items) {
    if (item.kind === 'block') {
      const inner = expressionProblem(text, lines, item.body);
      if (inner) return inner;
      continue;
    }
    try {
      parseExpression(text, item.value.start, item.value.end);
    } catch (error) {
      if (!(error instanceof HclSyntaxError)) throw error;
      return { source: lines.range(error.offset, error.offset + 1), message: `${item.name}: ${error.message}` };
    }
  }
  return null;
}

export function readTerraform(text: string, library: HclLibrary | null, vars: Record<string, string>): TerraformText | { problem: { source: SourceRange; message: string } } {
  const checked = checkTerraform(text, library);
  if (checked.problem) return { problem: checked.problem };
  const tf: TerraformText = { text, lines: checked.lines, library, positions: checked.positions, vars, evaluating: new Set() };
  tf.policyDocument = (block, bindings) => policyDocument(tf, block, bindings);
  return tf;
}

/** An unterminated heredoc runs to the end of the text: it is the error, wherever it was opened. */
function unclosedHeredoc(text: string, lines: LineIndex, heredocs: Array<{ start: number; end: number; text: string }>): Checked['problem'] {
  for (const token of heredocs) {
    const marker = /^<<-?([A-Za-z_][A-Za-z0-9_-]*)/.exec(token.text)?.[1] ?? '';
    const last = text.slice(token.start, token.end).split('\n').at(-1)?.trim();
    if (token.end >= text.trimEnd().length && last !== marker) {
      return { source: lines.range(token.start, token.start + 2 + marker.length), message: `the heredoc <<${marker} is not closed by a line holding only ${marker}` };
    }
  }
  return null;
}

/**
 * The library reports no position for a syntax error, so the first top-level block it refuses on
 * its own is named; text outside any block points at the first line.
 */
function syntaxErrorBlock(text: string, library: HclLibrary): { source: SourceRange } {
  const lines = new LineIndex(text);
  for (const item of scanPositions(text)) {
    if (item.kind !== 'block') continue;
    if (!parseHcl(library, text.slice(item.start, item.end))) {
      const headerEnd = text.indexOf('\n', item.start);
      return { source: lines.range(item.start, headerEnd < 0 || headerEnd > item.end ? item.end : headerEnd) };
    }
  }
  return { source: { line: 1, column: 1, endLine: 1, endColumn: 2 } };
}

/** Picks the resource: the one asked for, else the only one for the provider, else an error naming them. */
export function chooseCandidate(
  candidates: Candidate[],
  request: ConvertRequest,
  referenced: (candidate: Candidate) => boolean,
): { ok: true; candidate: Candidate } | { ok: false; message: string } {
  // A long list is cut so the message stays one readable line; the picker lists them all.
  const list = (items: Candidate[]) => {
    const shown = items.slice(0, 5).map((c) => c.address).join(', ');
    return items.length > 5 ? `${shown} and ${(items.length - 5).toLocaleString('en-US')} more` : shown;
  };
  if (request.resource) {
    const wanted = request.resource.trim();
    // `aws_iam_role.this` names the one instance of `aws_iam_role.this[0]`.
    const found = candidates.find((c) => c.address === wanted) ?? (candidates.filter((c) => c.address.startsWith(`${wanted}[`)).length === 1 ? candidates.find((c) => c.address.startsWith(`${wanted}[`)) : undefined);
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

/** One line, at most 300 characters, with where in the pasted text. */
export function locatedMessage(message: string, range: SourceRange | undefined): string {
  const line = message.replace(/\s+/g, ' ').trim();
  const where = range ? ` (line ${range.line}:${range.column})` : '';
  const room = 300 - where.length;
  return `${line.length > room ? `${line.slice(0, room - 1)}…` : line}${where}`;
}

/**
 * Without the library (`null`: not loaded yet) the text is read by trustlens's own reader alone;
 * where the library would have double-checked it, the outcome says `unchecked`.
 */
export function convertTerraform(text: string, library: HclLibrary | null, request: ConvertRequest): ConvertOutcome {
  const outcome = convertTerraformRead(text, library, request);
  return library === null && !checkTerraform(text, null).complete ? { ...outcome, unchecked: true } : outcome;
}

function convertTerraformRead(text: string, library: HclLibrary | null, request: ConvertRequest): ConvertOutcome {
  const tf = readTerraform(text, library, request.vars ?? {});
  if ('problem' in tf) {
    const { source, message } = tf.problem;
    return { ok: false, message: locatedMessage(`The Terraform text is not valid HCL: ${message}`, source), source, candidates: [] };
  }
  let candidates: Candidate[] = [];
  try {
    const all = targets(tf);
    candidates = all.map((t) => t.candidate);
    // A policy document that a role in the same text uses is evaluated through the role.
    const referencedDocuments = new Set<string>();
    for (const block of topBlocks(tf, 'resource', 'aws_iam_role')) {
      const policy = attributeOf(block, 'assume_role_policy');
      const match = policy ? /data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)/.exec(text.slice(policy.value.start, policy.value.end)) : null;
      if (match) referencedDocuments.add(`data.aws_iam_policy_document.${match[1]}`);
    }
    // Credentials of one Azure application are decided together, so one of them stands for all.
    const azure = all.filter((t) => t.instance && (t.type === 'azuread_application_federated_identity_credential' || t.type === 'azurerm_federated_identity_credential'));
    for (const t of azure) t.application = `${t.type}:${keyOf(tf, t.block, ['application_id', 'application_object_id', 'parent_id'], t.instance!.bindings) ?? t.candidate.address}`;
    const hidden = (c: Candidate) => {
      const t = all.find((x) => x.candidate === c)!;
      if (t.severalAccounts) return true;
      if (t.application && azure.find((x) => x.application === t.application) !== t) return true;
      return referencedDocuments.has(c.address.replace(/\[.*$/, ''));
    };
    const chosen = chooseCandidate(candidates, request, hidden);
    const { notFollowed } = modulesOf(tf);
    const wanted = request.resource?.trim();
    const askedFor = wanted ? notFollowed.find((m) => wanted === `module.${m.name}` || wanted.startsWith(`module.${m.name}.`) || wanted.startsWith(`module.${m.name}[`)) : undefined;
    if (!chosen.ok && (askedFor || (candidates.length === 0 && notFollowed.length > 0))) {
      // A trust configuration built inside a module not modelled is not read from the call: say which calls those are, and why.
      const first = askedFor ?? notFollowed[0];
      const others = askedFor ? 0 : notFollowed.length - 1;
      const message = `${askedFor ? '' : 'the text holds no trust configuration of its own; '}module "${first.name}" (${first.source}) is not followed: ${first.reason}${others > 0 ? `; and ${others} more module call(s)` : ''}; paste the module's files or the plan (terraform show -json plan.out)`;
      return { ok: false, message: locatedMessage(message, first.range), source: first.range, candidates };
    }
    if (!chosen.ok) return { ok: false, message: chosen.message, candidates };
    const candidate = chosen.candidate;
    const target = all.find((t) => t.candidate === candidate)!;
    if (!target.instance) return { ok: true, value: target.pending!, whole: candidate.range, candidate, candidates, notes: [] };
    let value: Located;
    if (target.module) {
      const rendered = target.module.render();
      if (!('kind' in rendered)) {
        const source = rendered.range ?? candidate.range;
        return { ok: false, message: locatedMessage(`${candidate.address}: ${rendered.error}`, source), source, candidates };
      }
      return { ok: true, value: rendered, whole: candidate.range, candidate, candidates, notes: [] };
    }
    switch (target.type) {
      case 'aws_iam_role': {
        const policy = rolePolicy(tf, target.block, target.instance, candidate.address);
        if (!policy.ok) return { ok: false, message: locatedMessage(policy.message, policy.source), source: policy.source, candidates };
        value = policy.value;
        break;
      }
      case 'aws_iam_policy_document':
        value = policyDocument(tf, target.block, target.instance.bindings);
        break;
      case 'vault_jwt_auth_backend_role':
        value = vaultRole(tf, target.block, target.instance);
        break;
      case 'google_iam_workload_identity_pool_provider':
        if (target.severalAccounts) {
          const names = all.filter((t) => t.viaGrant).map((t) => t.candidate.address);
          return { ok: false, message: locatedMessage(`the service-account grants are on several service accounts, each its own policy: choose one with --resource (${names.slice(0, 4).join(', ')}${names.length > 4 ? ', …' : ''})`, candidate.range), source: candidate.range, candidates };
        }
        value = gcpProvider(tf, target.block, target.instance, target.grantAddress);
        break;
      default: {
        // Entra accepts the token when any credential of the application matches it.
        const group = azure.filter((t) => t.application === target.application);
        value = { kind: 'array', items: group.map((t) => azureCredential(tf, t.type, t.block, t.instance!)) };
      }
    }
    return { ok: true, value, whole: candidate.range, candidate, candidates, notes: [] };
  } catch (error) {
    if (error instanceof HclEvalError || error instanceof HclSyntaxError) {
      const [s, e] = error instanceof HclEvalError ? [error.s, error.e] : [error.offset, error.offset + 1];
      const source = tf.lines.range(s, Math.max(e, s + 1));
      return { ok: false, message: locatedMessage(`The Terraform text cannot be evaluated: ${error.message}`, source), source, candidates };
    }
    throw error;
  }
}
