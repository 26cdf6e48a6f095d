/**
 * A role write as Vault performs it (path_role.go pathRoleCreateUpdate, on a new role), in Vault's
 * order and with its messages. Every input form is treated as the write that would create the
 * role, so a role Vault would refuse to hold is an `error`, not a login result.
 */
import type { SourceRange } from '../../result';
import { goDurationText } from './numbers';
import { entryOf, type LocatedEntry, type LocatedValue } from './located';
import { convertField, fieldValidationMessage, roleFields, type Flavour } from './fields';
import { goFormat, type GoValue } from './value';

export interface BoundClaim {
  key: string;
  keyRange: SourceRange;
  range: SourceRange;
  value: LocatedValue;
}

export interface StoredRole {
  roleType: 'jwt' | 'oidc';
  boundAudiences: string[];
  boundSubject: string;
  boundClaimsType: 'string' | 'glob';
  boundClaims: BoundClaim[];
  claimMappings: Array<{ source: string; target: string; range: SourceRange }>;
  userClaim: string;
  userClaimJsonPointer: boolean;
  groupsClaim: string;
  /** Seconds as stored: 0 means "use the default" at login, negative means none. */
  expirationLeeway: number;
  notBeforeLeeway: number;
  clockSkewLeeway: number;
  tokenBoundCidrs: string[];
  tokenPolicies: string[];
  tokenTtl: number;
  tokenMaxTtl: number;
  tokenExplicitMaxTtl: number;
  tokenPeriod: number;
  tokenNumUses: number;
  tokenType: string;
  allowedRedirectUris: string[];
  verboseOidcLogging: boolean;
  /** Where each field was written, for editor marks. */
  sources: Record<string, SourceRange>;
  /** Keys the endpoint does not know: Vault drops them without a word. */
  unknownFields: LocatedEntry[];
  warnings: string[];
}

export type RoleWriteOutcome =
  | { ok: true; role: StoredRole }
  | { ok: false; message: string; source?: SourceRange; field?: string; note?: string };

/** The mount's max lease TTL when not tuned: 32 days (Vault's default system max TTL). */
export const DEFAULT_MAX_LEASE_TTL = 768 * 3600;

/** token_bound_cidrs accepts IPs and CIDRs; anything with a `/` that is not one becomes a UNIX socket (go-sockaddr). */
export function parseAddress(text: string): 'ip' | 'unix-socket' | null {
  if (isIpOrCidr(text)) return 'ip';
  if (text.length > 1 && (text.startsWith('.') || text.startsWith('/') || text.includes('/'))) return 'unix-socket';
  return null;
}

function isIpOrCidr(text: string): boolean {
  const [address, prefix, ...rest] = text.split('/');
  if (rest.length > 0) return false;
  const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (ipv4) {
    if (!ipv4.slice(1).every((part) => Number(part) <= 255)) return false;
    return prefix === undefined || (/^\d{1,2}$/.test(prefix) && Number(prefix) <= 32);
  }
  if (address.includes(':') && /^[0-9a-fA-F:.]+$/.test(address) && (address.match(/::/g) ?? []).length <= 1) {
    return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= 128);
  }
  return false;
}

interface Request {
  has(field: string): boolean;
  get<T>(field: string): T | undefined;
  raw(field: string): GoValue | undefined;
  source(field: string): SourceRange | undefined;
  entry(field: string): LocatedEntry | undefined;
}

export function writeRole(fields: LocatedEntry[], flavour: Flavour): RoleWriteOutcome {
  const schema = roleFields(flavour);
  const converted = new Map<string, unknown>();
  const unknownFields: LocatedEntry[] = [];
  const failures: Array<{ entry: LocatedEntry; message: string }> = [];
  for (const entry of fields) {
    // Own properties only: a field named constructor or __proto__ is an unknown field, not Object's.
    const type = Object.hasOwn(schema, entry.key) ? schema[entry.key] : undefined;
    if (!type) {
      unknownFields.push(entry);
      continue;
    }
    const result = convertField(type, entry.value.go);
    if (!result.ok) failures.push({ entry, message: fieldValidationMessage(entry.key, entry.value.go, result.error) });
    else converted.set(entry.key, result.value);
  }
  if (failures.length > 0) {
    // FieldData.Validate ranges over a Go map: with several bad fields Vault names any one of them.
    const first = failures[0];
    return {
      ok: false,
      message: first.message,
      source: first.entry.range,
      field: first.entry.key,
      note: failures.length > 1 ? `Vault validates fields in random order; ${failures.length} fields fail (${failures.map((f) => f.entry.key).join(', ')}) and it reports one of them.` : undefined,
    };
  }

  const request: Request = {
    has: (field) => converted.has(field),
    get: <T>(field: string) => converted.get(field) as T | undefined,
    raw: (field) => entryOf(fields, field)?.value.go,
    source: (field) => entryOf(fields, field)?.range,
    entry: (field) => entryOf(fields, field),
  };
  const reject = (message: string, field?: string, note?: string): RoleWriteOutcome => ({
    ok: false,
    message,
    field,
    source: field ? request.source(field) : undefined,
    note,
  });

  // L400–407: an omitted (or empty) role_type means oidc.
  const roleTypeText = request.get<string>('role_type') ?? '';
  const roleType = roleTypeText === '' ? 'oidc' : roleTypeText;
  if (roleType !== 'jwt' && roleType !== 'oidc') return reject(`invalid 'role_type': ${roleType}`, 'role_type');

  const tokens = parseTokenFields(request);
  if ('message' in tokens) return reject(tokens.message, tokens.field);

  // tokenutil.UpgradeValue: a legacy field applies only when its token_* twin is absent.
  const upgrade = <T>(legacy: string, current: string, value: T, fallback: T): T =>
    request.has(current) ? value : request.has(legacy) ? (request.get<T>(legacy) as T) : fallback;
  let tokenBoundCidrs = tokens.tokenBoundCidrs;
  if (!request.has('token_bound_cidrs') && request.has('bound_cidrs')) {
    const legacy = request.get<string[]>('bound_cidrs')!;
    const bad = legacy.find((address) => parseAddress(address) === null);
    if (bad !== undefined) {
      return reject(`error parsing address ${JSON.stringify(bad)}: Unable to convert ${bad} to an IPv4 or IPv6 address, or a UNIX Socket`, 'bound_cidrs');
    }
    tokenBoundCidrs = legacy;
  }
  const tokenPolicies = upgrade('policies', 'token_policies', tokens.tokenPolicies, tokens.tokenPolicies);
  const tokenNumUses = upgrade('num_uses', 'token_num_uses', tokens.tokenNumUses, tokens.tokenNumUses);
  const tokenTtl = upgrade('ttl', 'token_ttl', tokens.tokenTtl, tokens.tokenTtl);
  const tokenMaxTtl = upgrade('max_ttl', 'token_max_ttl', tokens.tokenMaxTtl, tokens.tokenMaxTtl);
  const tokenPeriod = upgrade('period', 'token_period', tokens.tokenPeriod, tokens.tokenPeriod);

  if (tokenPeriod > DEFAULT_MAX_LEASE_TTL) {
    return reject(
      `'period' of '"${goDurationText(tokenPeriod)}"' is greater than the backend's maximum lease TTL of '"${goDurationText(DEFAULT_MAX_LEASE_TTL)}"'`,
      request.has('token_period') ? 'token_period' : 'period',
      'Assumes the mount\'s maximum lease TTL is Vault\'s default (768h).',
    );
  }

  // L473–479: evaluated on every write; omitted means "string", an explicit "" is invalid.
  // A JSON null converts to "" (FieldData.Get only falls back to the default when the key is absent).
  const boundClaimsType = request.has('bound_claims_type') ? request.get<string>('bound_claims_type')! : 'string';
  if (boundClaimsType !== 'string' && boundClaimsType !== 'glob') {
    return reject(`invalid 'bound_claims_type': ${boundClaimsType}`, 'bound_claims_type');
  }

  const boundClaims: BoundClaim[] = [];
  const boundClaimsEntry = request.entry('bound_claims');
  if (boundClaimsEntry && request.has('bound_claims')) {
    const value = boundClaimsEntry.value;
    const members = boundClaimMembers(value);
    if (boundClaimsType === 'glob') {
      // L484–498: glob values must be strings or lists of strings (map order: Vault names any one).
      for (const member of members) {
        const list = normalizeForWrite(member.value.go);
        if (!list) return { ok: false, message: `claim is not a string or list: ${goFormat(member.value.go)}`, source: member.range, field: 'bound_claims' };
        const nonString = list.find((item) => item.kind !== 'string');
        if (nonString) return { ok: false, message: `claim is not a string: ${goFormat(nonString)}`, source: member.range, field: 'bound_claims' };
      }
    }
    boundClaims.push(...members);
  }

  const claimMappings: StoredRole['claimMappings'] = [];
  if (request.has('claim_mappings')) {
    const pairs = request.get<Array<[string, string]>>('claim_mappings')!;
    const targets = new Set<string>();
    const mappingEntries = request.entry('claim_mappings')?.value.entries;
    for (const [source, target] of pairs) {
      const where = mappingEntries?.find((e) => e.key === source)?.range ?? request.source('claim_mappings')!;
      if (target === 'role') return { ok: false, message: `metadata key "role" is reserved and may not be a mapping destination`, source: where, field: 'claim_mappings' };
      if (targets.has(target)) return { ok: false, message: `multiple keys are mapped to metadata key ${JSON.stringify(target)}`, source: where, field: 'claim_mappings' };
      targets.add(target);
      claimMappings.push({ source, target, range: where });
    }
  }

  if (flavour === 'openbao' && request.has('oauth2_metadata')) {
    const bad = request.get<string[]>('oauth2_metadata')!.find((name) => !['id_token', 'refresh_token', 'access_token'].includes(name));
    if (bad !== undefined) return reject(`Unrecognized oauth2 metadata name ${bad}`, 'oauth2_metadata');
  }

  const userClaim = request.get<string>('user_claim') ?? '';
  if (userClaim === '') return reject('a user claim must be defined on the role', request.has('user_claim') ? 'user_claim' : undefined);

  const allowedRedirectUris = request.get<string[]>('allowed_redirect_uris') ?? [];

  if (flavour === 'openbao') {
    const mode = request.has('callback_mode') ? request.get<string>('callback_mode')! : 'client';
    if (!['device', 'direct', 'client'].includes(mode)) return reject(`invalid 'callback_mode': ${mode}`, 'callback_mode');
  }

  if (roleType === 'oidc' && allowedRedirectUris.length === 0) {
    return reject("'allowed_redirect_uris' must be set if 'role_type' is 'oidc' or unspecified.", request.has('role_type') ? 'role_type' : undefined);
  }

  const boundAudiences = request.get<string[]>('bound_audiences') ?? [];
  const boundSubject = request.get<string>('bound_subject') ?? '';
  if (roleType !== 'oidc' && boundAudiences.length === 0 && tokenBoundCidrs.length === 0 && boundSubject === '' && boundClaims.length === 0) {
    return reject('must have at least one bound constraint when creating/updating a role');
  }

  if (tokenMaxTtl > 0 && tokenTtl > tokenMaxTtl) return reject('ttl should not be greater than max ttl', request.has('ttl') ? 'ttl' : 'max_ttl');

  const warnings: string[] = [];
  if (tokenMaxTtl > DEFAULT_MAX_LEASE_TTL) {
    warnings.push("token max ttl is greater than the system or backend mount's maximum TTL value; issued tokens' max TTL value will be truncated");
  }
  const verboseOidcLogging = request.get<boolean>('verbose_oidc_logging') ?? false;
  if (verboseOidcLogging) {
    warnings.push('verbose_oidc_logging has been enabled for this role. This is not recommended in production since sensitive information may be present in OIDC responses.');
  }

  const sources: Record<string, SourceRange> = {};
  for (const entry of fields) sources[entry.key] = entry.range;

  return {
    ok: true,
    role: {
      roleType,
      boundAudiences,
      boundSubject,
      boundClaimsType,
      boundClaims,
      claimMappings,
      userClaim,
      userClaimJsonPointer: request.get<boolean>('user_claim_json_pointer') ?? false,
      groupsClaim: request.get<string>('groups_claim') ?? '',
      expirationLeeway: request.get<number>('expiration_leeway') ?? 0,
      notBeforeLeeway: request.get<number>('not_before_leeway') ?? 0,
      clockSkewLeeway: request.get<number>('clock_skew_leeway') ?? 0,
      tokenBoundCidrs,
      tokenPolicies,
      tokenTtl,
      tokenMaxTtl,
      tokenExplicitMaxTtl: tokens.tokenExplicitMaxTtl,
      tokenPeriod,
      tokenNumUses,
      tokenType: tokens.tokenType,
      allowedRedirectUris,
      verboseOidcLogging,
      sources,
      unknownFields,
      warnings,
    },
  };
}

/** The members of bound_claims as located entries (a `vault write` list of maps merges). */
function boundClaimMembers(value: LocatedValue): BoundClaim[] {
  if (value.entries) return value.entries.map((e) => ({ key: e.key, keyRange: e.keyRange, range: e.range, value: e.value }));
  if (value.items) {
    const merged = new Map<string, BoundClaim>();
    for (const item of value.items) for (const e of item.entries ?? []) merged.set(e.key, { key: e.key, keyRange: e.keyRange, range: e.range, value: e.value });
    return [...merged.values()];
  }
  return [];
}

/** normalizeList as the write path uses it: string, bool, number or list. */
function normalizeForWrite(value: GoValue): GoValue[] | null {
  if (value.kind === 'list') return value.items;
  if (value.kind === 'string' || value.kind === 'bool' || value.kind === 'number') return [value];
  return null;
}

interface TokenFields {
  tokenBoundCidrs: string[];
  tokenExplicitMaxTtl: number;
  tokenMaxTtl: number;
  tokenPeriod: number;
  tokenPolicies: string[];
  tokenType: string;
  tokenNumUses: number;
  tokenTtl: number;
}

/** tokenutil.ParseTokenFields, in its order. */
function parseTokenFields(request: Request): TokenFields | { message: string; field: string } {
  const out: TokenFields = {
    tokenBoundCidrs: [],
    tokenExplicitMaxTtl: request.get<number>('token_explicit_max_ttl') ?? 0,
    tokenMaxTtl: 0,
    tokenPeriod: 0,
    tokenPolicies: [],
    tokenType: 'default',
    tokenNumUses: 0,
    tokenTtl: 0,
  };
  if (request.has('token_bound_cidrs')) {
    const addresses = request.get<string[]>('token_bound_cidrs')!;
    for (const address of addresses) {
      if (parseAddress(address) === null) {
        return {
          message: `error parsing address ${JSON.stringify(address)}: Unable to convert ${address} to an IPv4 or IPv6 address, or a UNIX Socket`,
          field: 'token_bound_cidrs',
        };
      }
    }
    out.tokenBoundCidrs = addresses;
  }
  out.tokenMaxTtl = request.get<number>('token_max_ttl') ?? 0;
  if (out.tokenMaxTtl < 0) return { message: "'token_max_ttl' cannot be negative", field: 'token_max_ttl' };
  out.tokenPeriod = request.get<number>('token_period') ?? 0;
  if (out.tokenPeriod < 0) return { message: "'token_period' cannot be negative", field: 'token_period' };
  out.tokenPolicies = request.get<string[]>('token_policies') ?? [];
  if (request.has('token_type')) {
    const type = request.get<string>('token_type')!;
    if (!['', 'default', 'service', 'batch'].includes(type)) return { message: `invalid 'token_type' value ${JSON.stringify(type)}`, field: 'token_type' };
    out.tokenType = type === '' ? 'default' : type;
  }
  out.tokenNumUses = request.get<number>('token_num_uses') ?? 0;
  if (out.tokenNumUses < 0) return { message: "'token_num_uses' cannot be negative", field: 'token_num_uses' };
  if (out.tokenType === 'batch') {
    if (out.tokenPeriod !== 0) return { message: "'token_type' cannot be 'batch' or 'default_batch' when set to generate periodic tokens", field: 'token_type' };
    if (out.tokenNumUses !== 0) return { message: "'token_type' cannot be 'batch' or 'default_batch' when set to generate tokens with limited use count", field: 'token_type' };
  }
  out.tokenTtl = request.get<number>('token_ttl') ?? 0;
  if (out.tokenTtl < 0) return { message: "'token_ttl' cannot be negative", field: 'token_ttl' };
  if (out.tokenTtl > 0 && out.tokenMaxTtl > 0 && out.tokenTtl > out.tokenMaxTtl) {
    return { message: "'token_ttl' cannot be greater than 'token_max_ttl'", field: 'token_ttl' };
  }
  return out;
}
