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
import { CLAIMS_PREFIX, LOGIN_MESSAGES, TOKEN_PREFIX } from './messages';
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
  roleName: string | null;
}

function prepare(policy: VaultPolicy, options: VaultOptions): Prepared | QuickDecision {
  const write = writeRole(policy.role, options.flavour);
  if (!write.ok) return { decision: 'error', message: write.message };
  const read = readConfig(policy.config, options.flavour);
  if (!read.ok) return { decision: 'error', message: read.message };
  const { role } = write;
  const { config } = read;
  let before: QuickDecision | null = null;
  if (role.roleType === 'oidc') before = deny(LOGIN_MESSAGES.oidcRole);
  else if (config.given && config.keySourceGiven && config.authType === 'oidc-flow' && options.flavour === 'vault') {
    before = deny(LOGIN_MESSAGES.unsupportedConfig);
  }
  return {
    role,
    config,
    options,
    leeways: leewaysOf(role),
    allowedAlgs: config.supportedAlgs.length > 0 ? config.supportedAlgs : SUPPORTED_ALGS,
    before,
    roleName: policy.roleName,
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
  if (userValue === undefined) return deny(LOGIN_MESSAGES.userClaimMissing(role.userClaim));
  if (userValue.kind !== 'string') return deny(LOGIN_MESSAGES.userClaimNotString(role.userClaim));
  for (const mapping of role.claimMappings) {
    const found = getClaim(claims, mapping.source, options.flavour).value;
    if (found !== undefined && found.kind !== 'string') return deny(LOGIN_MESSAGES.mappingNotString(mapping.source));
  }
  if (role.groupsClaim !== '') {
    const found = getClaim(claims, role.groupsClaim, options.flavour).value;
    if (found === undefined) return deny(LOGIN_MESSAGES.groupsMissing(role.groupsClaim));
    const list = normalizeList(found);
    if (!list) return deny(LOGIN_MESSAGES.groupsNotList(role.groupsClaim));
    const bad = list.find((item) => item.kind !== 'string');
    if (bad) return deny(LOGIN_MESSAGES.groupNotString(goFormat(bad)));
  }
  return { alias: userValue.value };
}

function login(prepared: Prepared, token: Token, at: number): QuickDecision {
  if (prepared.before) return prepared.before;
  const { role, config, options, leeways } = prepared;
  const claims = token.claims;
  const alg = typeof token.header?.alg === 'string' ? token.header.alg : null;
  if (token.kind === 'jws' && alg !== null && !prepared.allowedAlgs.includes(alg)) {
    return deny(LOGIN_MESSAGES.algorithm);
  }
  const registered = decodeRegisteredClaims(claims);
  if (!registered.ok) return { decision: 'error', message: `${TOKEN_PREFIX}${registered.error}` };
  const decoded = registered.claims;
  if (config.given && config.boundIssuer !== '' && decoded.iss !== config.boundIssuer) return deny(LOGIN_MESSAGES.issuer);
  if (role.boundSubject !== '' && decoded.sub !== role.boundSubject) return deny(LOGIN_MESSAGES.subject);
  if (role.boundAudiences.length > 0 && !role.boundAudiences.some((aud) => decoded.aud.includes(aud))) {
    return deny(LOGIN_MESSAGES.audience);
  }
  const time = checkTimes(decoded, leeways, at);
  if (time.failure) return deny(`${TOKEN_PREFIX}${TIME_MESSAGES[time.failure]}`);
  if (role.boundAudiences.length === 0 && unboundAudienceRefuses(claims, options)) return deny(LOGIN_MESSAGES.unboundAudience);
  const identity = identityOf(role, claims, options);
  if ('decision' in identity) return identity;
  for (const claim of role.boundClaims) {
    const match = matchBoundClaim(claim.key, claim.value.go, claims, role.boundClaimsType, options.flavour);
    if (match.status === 'pass') continue;
    return match.status === 'panic' ? { decision: 'error', message: LOGIN_MESSAGES.panic(match.error!) } : deny(`${CLAIMS_PREFIX}${match.error}`);
  }
  return { decision: 'allow', message: LOGIN_MESSAGES.allowed(identity.alias, prepared.roleName, role.tokenPolicies, role.tokenBoundCidrs) };
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
