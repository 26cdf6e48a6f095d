/**
 * A Vault / OpenBao JWT role compiled into a decision function: the role and config are written
 * once per server flavour, then each login runs pathLogin's order (login.ts) and stops at the first
 * failure, with no checks, reasons or details built. `evaluateLogin` stays the explanation and the
 * reference: a property test holds both to the same decisions and messages.
 */
import type { QuickDecision } from '../../result';
import type { Token } from '../../token';
import { matchBoundClaim, normalizeList } from './bound-claims';
import { readConfig, SUPPORTED_ALGS, type AuthConfig } from './config';
import { CLAIMS_PREFIX, TOKEN_PREFIX } from './login';
import { getClaim, getLiteral } from './lookup';
import { readOptions, type VaultOptions } from './options';
import type { VaultPolicy } from './parse';
import { decodeRegisteredClaims } from './registered';
import { checkTimes, leewaysOf, TIME_MESSAGES, type Leeways } from './time';
import { writeRole, type StoredRole } from './validate-role';
import { goFormat } from './value';

export type VaultDecider = (token: Token, at: number, options: Record<string, string>) => QuickDecision;

const deny = (message: string): QuickDecision => ({ decision: 'deny', message });

/** Everything about the role that does not depend on the token, for one server flavour. */
interface Prepared {
  role: StoredRole;
  config: AuthConfig;
  options: VaultOptions;
  leeways: Leeways;
  allowedAlgs: readonly string[];
  /** The refusal every login gets before the token is read (an oidc role, an OIDC-flow config on Vault). */
  before: QuickDecision | null;
  allowTail: string;
}

function prepare(policy: VaultPolicy, options: VaultOptions): Prepared | QuickDecision {
  const write = writeRole(policy.role, options.flavour);
  if (!write.ok) return { decision: 'error', message: write.message };
  const read = readConfig(policy.config, options.flavour);
  if (!read.ok) return { decision: 'error', message: read.message };
  const { role } = write;
  const { config } = read;
  let before: QuickDecision | null = null;
  if (role.roleType === 'oidc') before = deny('role with oidc role_type is not allowed');
  else if (config.given && config.keySourceGiven && config.authType === 'oidc-flow' && options.flavour === 'vault') {
    before = deny('error configuring token validator: unsupported config type');
  }
  const policies = role.tokenPolicies.length > 0 ? role.tokenPolicies.join(', ') : 'default only';
  const allowTail = ` on role ${policy.roleName ? JSON.stringify(policy.roleName) : '(unnamed)'} with policies: ${policies}.${role.tokenBoundCidrs.length > 0 ? ` Only from ${role.tokenBoundCidrs.join(', ')}.` : ''}`;
  return {
    role,
    config,
    options,
    leeways: leewaysOf(role),
    allowedAlgs: config.supportedAlgs.length > 0 ? config.supportedAlgs : SUPPORTED_ALGS,
    before,
    allowTail,
  };
}

/** Step 9: a role without bound_audiences refuses a token that names an audience. */
function unboundAudienceRefuses(claims: Record<string, unknown>, options: VaultOptions): boolean {
  const aud = getClaim(claims, 'aud', options.flavour).value;
  if (aud?.kind === 'list') return aud.items.length > 0;
  if (aud?.kind === 'string') return options.audienceRule !== 'before-1.17' && aud.value !== '';
  return false;
}

/** Step 10 (createIdentity): the alias name, or Vault's refusal. */
function identityOf(role: StoredRole, claims: Record<string, unknown>, options: VaultOptions): { alias: string } | QuickDecision {
  const userValue = role.userClaimJsonPointer ? getClaim(claims, role.userClaim, options.flavour).value : getLiteral(claims, role.userClaim);
  if (userValue === undefined) return deny(`claim ${JSON.stringify(role.userClaim)} not found in token`);
  if (userValue.kind !== 'string') return deny(`claim ${JSON.stringify(role.userClaim)} could not be converted to string`);
  for (const mapping of role.claimMappings) {
    const found = getClaim(claims, mapping.source, options.flavour).value;
    if (found !== undefined && found.kind !== 'string') return deny(`error converting claim '${mapping.source}' to string`);
  }
  if (role.groupsClaim !== '') {
    const found = getClaim(claims, role.groupsClaim, options.flavour).value;
    if (found === undefined) return deny(`failed to fetch groups: ${JSON.stringify(role.groupsClaim)} claim not found in token`);
    const list = normalizeList(found);
    if (!list) return deny(`${JSON.stringify(role.groupsClaim)} claim could not be converted to string list`);
    const bad = list.find((item) => item.kind !== 'string');
    if (bad) return deny(`value ${goFormat(bad)} in groups claim could not be parsed as string`);
  }
  return { alias: userValue.value };
}

function login(prepared: Prepared, token: Token, at: number): QuickDecision {
  if (prepared.before) return prepared.before;
  const { role, config, options, leeways } = prepared;
  const claims = token.claims;
  const alg = typeof token.header?.alg === 'string' ? token.header.alg : null;
  if (token.kind === 'jws' && alg !== null && !prepared.allowedAlgs.includes(alg)) {
    return deny(`${TOKEN_PREFIX}invalid algorithm (alg) header parameter: token signed with unexpected algorithm`);
  }
  const registered = decodeRegisteredClaims(claims);
  if (!registered.ok) return { decision: 'error', message: `${TOKEN_PREFIX}${registered.error}` };
  const decoded = registered.claims;
  if (config.given && config.boundIssuer !== '' && decoded.iss !== config.boundIssuer) return deny(`${TOKEN_PREFIX}invalid issuer (iss) claim`);
  if (role.boundSubject !== '' && decoded.sub !== role.boundSubject) return deny(`${TOKEN_PREFIX}invalid subject (sub) claim`);
  if (role.boundAudiences.length > 0 && !role.boundAudiences.some((aud) => decoded.aud.includes(aud))) {
    return deny(`${TOKEN_PREFIX}invalid audience (aud) claim: audience claim does not match any expected audience`);
  }
  const time = checkTimes(decoded, leeways, at);
  if (time.failure) return deny(`${TOKEN_PREFIX}${TIME_MESSAGES[time.failure]}`);
  if (role.boundAudiences.length === 0 && unboundAudienceRefuses(claims, options)) return deny('audience claim found in JWT but no audiences bound to the role');
  const identity = identityOf(role, claims, options);
  if ('decision' in identity) return identity;
  for (const claim of role.boundClaims) {
    const match = matchBoundClaim(claim.key, claim.value.go, claims, role.boundClaimsType, options.flavour);
    if (match.status === 'pass') continue;
    return match.status === 'panic' ? { decision: 'error', message: `login panics: ${match.error}` } : deny(`${CLAIMS_PREFIX}${match.error}`);
  }
  return { decision: 'allow', message: `Vault would log in as entity alias ${JSON.stringify(identity.alias)}${prepared.allowTail}` };
}

export function compileVaultDecider(policy: VaultPolicy): VaultDecider {
  // The role write depends on the server flavour; a batch of tokens shares one.
  const byFlavour = new Map<string, Prepared | QuickDecision>();
  return (token, at, rawOptions) => {
    const options = readOptions(rawOptions);
    const key = `${options.flavour}/${options.audienceRule}`;
    let prepared = byFlavour.get(key);
    if (!prepared) byFlavour.set(key, (prepared = prepare(policy, options)));
    return 'decision' in prepared ? prepared : login(prepared, token, at);
  };
}
