/**
 * The request context AWS builds from a web identity token: which condition keys exist, with
 * which values. Only the claims in AWS's per-issuer tables become keys; every other claim is
 * absent, and the reason it is absent is kept so the verdict can say it.
 *
 * Sources: "Available keys for AWS OIDC federation" (Default tab, GitHub tab, GitLab.com keys)
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html and
 * the Service Authorization Reference for STS.
 */
import { isoOf } from '../../time';
import type { Claims } from '../../token';

export interface ContextEntry {
  /** The key as AWS spells it, e.g. `gitlab.com:sub`. */
  key: string;
  values: string[];
  multivalued: boolean;
  /** Where the value comes from: `claim sub`, `claim azp`, `evaluation instant`, … */
  origin: string;
}

export type KeyLookup = { present: true; entry: ContextEntry } | { present: false; reason: string };

export interface RequestContext {
  issuer: string | null;
  /** `iss` without `https://`, path and trailing slash kept; null when `iss` is not an https URL. */
  prefix: string | null;
  /** True when the 2026 provider-specific keys (GitHub, gitlab.com, …) exist at the evaluation instant. */
  providerKeys: boolean;
  providerKind: ProviderKind;
  entries: Map<string, ContextEntry>;
  lookup(key: string): KeyLookup;
}

export type ProviderKind = 'github' | 'gitlab.com' | 'buildkite' | 'circleci' | 'oci' | 'cognito' | 'default';

/**
 * AWS announced the provider-specific keys in its January 2026 What's New post
 * (aws-sts-supports-validation-identity-provider-claims; reported 2026-02-02/03). Before that a
 * condition on, e.g., `token.actions.githubusercontent.com:actor` never matched
 * (aws-actions/configure-aws-credentials#306). The exact day is not published; this is the cut-over.
 */
export const PROVIDER_KEYS_SINCE = Date.UTC(2026, 1, 1) / 1000;

const GITHUB_KEYS = ['actor', 'actor_id', 'job_workflow_ref', 'repository', 'repository_id', 'repository_owner_id', 'workflow', 'ref', 'environment', 'enterprise_id'];
const GITLAB_COM_KEYS = ['namespace_id', 'pipeline_source', 'project_id', 'ref_protected', 'runner_environment', 'user_access_level', 'user_email', 'user_id', 'user_login'];
const BUILDKITE_KEYS = ['organization_id', 'organization_slug', 'pipeline_id', 'pipeline_slug', 'build_branch', 'cluster_id', 'cluster_name'];
const CIRCLECI_KEYS = ['oidc.circleci.com/project-id'];
const OCI_KEYS = ['rpst_id'];

/** The Default tab: key ← claim. `aud` reads `azp` when the token has one. */
const DEFAULT_KEYS = ['sub', 'aud', 'oaud', 'amr', 'email'];

export function providerKindOf(prefix: string): ProviderKind {
  const lower = prefix.toLowerCase();
  if (lower === 'token.actions.githubusercontent.com' || lower.startsWith('token.actions.githubusercontent.com/')) return 'github';
  if (/^token\.actions\.[a-z0-9-]+\.ghe\.com$/.test(lower) || /^github\.com\/enterprises\/[^/]+$/.test(lower)) return 'github';
  if (lower === 'gitlab.com') return 'gitlab.com';
  if (lower === 'agent.buildkite.com') return 'buildkite';
  if (/^oidc\.circleci\.com\/org\/[^/]+$/.test(lower)) return 'circleci';
  if (/^idcs-[^.]+\.identity\.oraclecloud\.com$/.test(lower)) return 'oci';
  if (lower === 'cognito-identity.amazonaws.com') return 'cognito';
  return 'default';
}

export function providerKeysFor(kind: ProviderKind): string[] {
  switch (kind) {
    case 'github':
      return GITHUB_KEYS;
    case 'gitlab.com':
      return GITLAB_COM_KEYS;
    case 'buildkite':
      return BUILDKITE_KEYS;
    case 'circleci':
      return CIRCLECI_KEYS;
    case 'oci':
      return OCI_KEYS;
    default:
      return [];
  }
}

const KIND_NAMES: Record<ProviderKind, string> = {
  github: 'GitHub',
  'gitlab.com': 'gitlab.com',
  buildkite: 'Buildkite',
  circleci: 'CircleCI',
  oci: 'OCI',
  cognito: 'Amazon Cognito',
  default: 'this issuer (Default mapping)',
};

/** `https://gitlab.com` → `gitlab.com`; anything that is not an https URL has no prefix. */
export function keyPrefixOf(issuer: unknown): string | null {
  if (typeof issuer !== 'string' || !issuer.startsWith('https://') || issuer.length === 'https://'.length) return null;
  return issuer.slice('https://'.length);
}

export type ClaimKeysMode = 'by-date' | '2026' | 'legacy';

export function providerKeysAvailable(at: number, mode: ClaimKeysMode): boolean {
  if (mode === '2026') return true;
  if (mode === 'legacy') return false;
  return at >= PROVIDER_KEYS_SINCE;
}

interface ClaimValue {
  values: string[];
  multivalued: boolean;
}

/** How a JSON claim value becomes context values; objects and null cannot. */
function claimValue(value: unknown, alwaysMultivalued: boolean): ClaimValue | { unusable: string } {
  if (typeof value === 'string') return { values: [value], multivalued: alwaysMultivalued };
  if (typeof value === 'number' || typeof value === 'boolean') return { values: [String(value)], multivalued: alwaysMultivalued };
  if (Array.isArray(value)) {
    const scalars = value.filter((item) => ['string', 'number', 'boolean'].includes(typeof item)).map(String);
    if (scalars.length !== value.length) return { unusable: 'it is an array holding objects' };
    // An empty list is a null data set: AWS treats the key as not present.
    if (scalars.length === 0) return { unusable: 'it is an empty list' };
    return { values: scalars, multivalued: alwaysMultivalued || scalars.length > 1 };
  }
  return { unusable: value === null ? 'it is null' : 'it is a JSON object' };
}

export interface ContextOptions {
  at: number;
  claimKeys: ClaimKeysMode;
  /**
   * Lower-cased keys a compiled policy reads; when given, only those entries are built (the
   * decision never looks at the others, and the instant's ISO text is not formatted for nothing).
   */
  wanted?: ReadonlySet<string>;
}

export const TAGS_CLAIM = 'https://aws.amazon.com/tags';
export const SOURCE_IDENTITY_CLAIM = 'https://aws.amazon.com/source_identity';

/** Global keys AWS has for the call but the token cannot tell. */
const UNKNOWABLE_GLOBAL_KEYS: Record<string, string> = {
  'aws:sourceip': "the caller's IP address is not part of the token, so trustlens treats aws:SourceIp as absent",
  'aws:sourcevpc': 'the call is assumed not to come through a VPC endpoint',
  'aws:sourcevpce': 'the call is assumed not to come through a VPC endpoint',
  'aws:vpcsourceip': 'the call is assumed not to come through a VPC endpoint',
  'sts:rolesessionname': 'RoleSessionName is a request parameter, not part of the token',
  'aws:requestedregion': 'the STS endpoint region is not part of the token',
  'aws:federatedprovider': 'aws:FederatedProvider describes later requests made with the session, not the AssumeRoleWithWebIdentity call',
  'aws:principalarn': 'the caller is not an AWS principal',
  'aws:principalaccount': 'the caller is not an AWS principal',
  'aws:userid': 'the caller is not an AWS principal',
};

const kinds = new Map<string, ProviderKind>();

function kindOfPrefix(prefix: string): ProviderKind {
  let kind = kinds.get(prefix);
  if (kind === undefined) {
    if (kinds.size >= 64) kinds.clear();
    kind = providerKindOf(prefix);
    kinds.set(prefix, kind);
  }
  return kind;
}

/** One key backed by a claim, for tokens of one issuer. */
interface ClaimSlot {
  key: string;
  lower: string;
  claim: string;
  /** The `aud` key reads `azp` when the token has one. */
  readsAzpFirst: boolean;
  multivalued: boolean;
  origin: string;
}

/**
 * Which entries the request context holds for tokens of one issuer at one setting of the 2026
 * keys, limited to the keys a policy's conditions read when `wanted` is given. Worked out once per
 * policy and issuer, so a decision reads only the claims behind those keys.
 */
export interface ContextLayout {
  issuer: string | null;
  prefix: string | null;
  kind: ProviderKind;
  providerKeys: boolean;
  slots: ClaimSlot[];
  currentTime: boolean;
  epochTime: boolean;
  secureTransport: boolean;
  wanted: ReadonlySet<string> | undefined;
}

export function contextLayout(issuer: unknown, providerKeys: boolean, wanted?: ReadonlySet<string>): ContextLayout {
  const prefix = keyPrefixOf(issuer);
  const kind = prefix ? kindOfPrefix(prefix) : 'default';
  const slots: ClaimSlot[] = [];
  const add = (name: string, claim: string, readsAzpFirst: boolean, multivalued: boolean) => {
    const key = `${prefix}:${name}`;
    const lower = key.toLowerCase();
    if (!wanted || wanted.has(lower)) slots.push({ key, lower, claim, readsAzpFirst, multivalued, origin: `claim ${claim}` });
  };
  if (prefix) {
    for (const name of DEFAULT_KEYS) add(name, name === 'oaud' ? 'aud' : name, name === 'aud', name === 'amr');
    if (providerKeys) for (const name of providerKeysFor(kind)) add(name, name, false, false);
  }
  const wants = (lower: string) => !wanted || wanted.has(lower);
  return {
    issuer: typeof issuer === 'string' ? issuer : null,
    prefix,
    kind,
    providerKeys,
    slots,
    currentTime: wants('aws:currenttime'),
    epochTime: wants('aws:epochtime'),
    secureTransport: wants('aws:securetransport'),
    wanted,
  };
}

/** The context entries under construction; module functions rather than per-call closures keep it cheap. */
interface ContextBuilder {
  entries: Map<string, ContextEntry>;
  /** Keys whose claim exists but cannot be a condition value, and why; made when the first one is. */
  unusable: Map<string, string> | null;
}

function putEntry(builder: ContextBuilder, key: string, lower: string, value: unknown, origin: string, alwaysMultivalued: boolean): void {
  const converted = claimValue(value, alwaysMultivalued);
  if ('unusable' in converted) {
    (builder.unusable ??= new Map()).set(lower, `absent: the ${origin} cannot be a condition value because ${converted.unusable}`);
    return;
  }
  builder.entries.set(lower, { key, values: converted.values, multivalued: converted.multivalued, origin });
}

function addEntry(builder: ContextBuilder, wanted: ReadonlySet<string> | undefined, key: string, value: unknown, origin: string, alwaysMultivalued = false): void {
  const lower = key.toLowerCase();
  if (wanted && !wanted.has(lower)) return;
  putEntry(builder, key, lower, value, origin, alwaysMultivalued);
}

const SECURE_TRANSPORT_VALUES = ['true'];

class BuiltContext implements RequestContext {
  readonly issuer: string | null;
  readonly prefix: string | null;
  readonly providerKeys: boolean;
  readonly providerKind: ProviderKind;

  constructor(
    layout: ContextLayout,
    readonly entries: Map<string, ContextEntry>,
    private readonly unusable: Map<string, string> | null,
    private readonly claims: Claims,
    private readonly at: number,
  ) {
    this.issuer = layout.issuer;
    this.prefix = layout.prefix;
    this.providerKeys = layout.providerKeys;
    this.providerKind = layout.kind;
  }

  lookup(key: string): KeyLookup {
    const lower = key.toLowerCase();
    const entry = this.entries.get(lower);
    if (entry) return { present: true, entry };
    return { present: false, reason: this.unusable?.get(lower) ?? absentReason(key, this.claims, this.prefix, this.providerKind, this.providerKeys, this.at) };
  }
}

/** The request context for one token, laid out for its issuer (`layout.issuer` must be the token's `iss`). */
export function contextFrom(layout: ContextLayout, claims: Claims, at: number): RequestContext {
  const builder: ContextBuilder = { entries: new Map(), unusable: null };
  for (const slot of layout.slots) {
    const claim = slot.readsAzpFirst && claims.azp !== undefined ? 'azp' : slot.claim;
    const value = claims[claim];
    if (value === undefined) continue;
    putEntry(builder, slot.key, slot.lower, value, claim === slot.claim ? slot.origin : 'claim azp', slot.multivalued);
  }
  if (layout.currentTime) putEntry(builder, 'aws:CurrentTime', 'aws:currenttime', isoOf(at), 'evaluation instant', false);
  if (layout.epochTime) putEntry(builder, 'aws:EpochTime', 'aws:epochtime', String(at), 'evaluation instant', false);
  // STS is reached over HTTPS only; the operators page calls this key always present.
  if (layout.secureTransport) builder.entries.set('aws:securetransport', { key: 'aws:SecureTransport', values: SECURE_TRANSPORT_VALUES, multivalued: false, origin: 'the HTTPS call' });

  const wanted = layout.wanted;
  const tags = claims[TAGS_CLAIM];
  if (typeof tags === 'object' && tags !== null && !Array.isArray(tags)) {
    const principalTags = (tags as Record<string, unknown>).principal_tags;
    if (typeof principalTags === 'object' && principalTags !== null && !Array.isArray(principalTags)) {
      const tagKeys = Object.keys(principalTags);
      for (const tagKey of tagKeys) {
        const raw = (principalTags as Record<string, unknown>)[tagKey];
        // "You must pass a single value for each session tag": the tag value is the list's one entry.
        const value = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
        addEntry(builder, wanted, `aws:RequestTag/${tagKey}`, value, `session tag ${tagKey}`);
      }
      if (tagKeys.length > 0) addEntry(builder, wanted, 'aws:TagKeys', tagKeys, 'session tag keys', true);
    }
    const transitive = (tags as Record<string, unknown>).transitive_tag_keys;
    if (Array.isArray(transitive) && transitive.length > 0) addEntry(builder, wanted, 'sts:TransitiveTagKeys', transitive, 'transitive_tag_keys', true);
  }
  if (claims[SOURCE_IDENTITY_CLAIM] !== undefined) addEntry(builder, wanted, 'sts:SourceIdentity', claims[SOURCE_IDENTITY_CLAIM], 'source_identity claim');

  return new BuiltContext(layout, builder.entries, builder.unusable, claims, at);
}

export function buildRequestContext(claims: Claims, options: ContextOptions): RequestContext {
  return contextFrom(contextLayout(claims.iss, providerKeysAvailable(options.at, options.claimKeys), options.wanted), claims, options.at);
}

/** Why a key is not in the request context, in one sentence. */
export function absentReason(key: string, claims: Claims, prefix: string | null, kind: ProviderKind, providerKeys: boolean, at: number): string {
  const lower = key.toLowerCase();
  if (UNKNOWABLE_GLOBAL_KEYS[lower]) return `absent: ${UNKNOWABLE_GLOBAL_KEYS[lower]}`;
  if (lower.startsWith('https://') || lower.startsWith('http://')) {
    return 'absent: condition keys never carry the https:// scheme, so AWS never populates this key';
  }
  const colon = key.lastIndexOf(':');
  if (colon <= 0) return 'absent: not a condition key AWS populates for this call';
  const keyPrefix = key.slice(0, colon);
  const name = key.slice(colon + 1);
  if (prefix === null) return 'absent: the token has no https issuer, so no provider keys exist';
  if (keyPrefix.toLowerCase() !== prefix.toLowerCase()) {
    if (/^(aws|sts|iam)$/i.test(keyPrefix)) return `absent: AWS does not populate ${key} for this call`;
    return `absent: the key belongs to issuer ${keyPrefix}, but the token comes from ${prefix}`;
  }
  const lowerName = name.toLowerCase();
  const claimName = Object.keys(claims).find((claim) => claim.toLowerCase() === lowerName) ?? name;
  const isProviderKey = providerKeysFor(kind).includes(lowerName);
  if (isProviderKey && !providerKeys) {
    return `absent: AWS added the ${name} key for ${KIND_NAMES[kind]} in 2026; on ${isoOf(at).slice(0, 10)} it did not exist`;
  }
  if (DEFAULT_KEYS.includes(lowerName) || isProviderKey) {
    return `absent: the token has no ${lowerName === 'oaud' ? 'aud' : lowerName} claim`;
  }
  if (claims[claimName] === undefined) {
    return `absent: AWS does not expose a ${name} key for issuer ${prefix}, and the token has no such claim`;
  }
  return `absent: AWS does not expose claim ${claimName} for issuer ${prefix}`;
}
