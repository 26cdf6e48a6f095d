/**
 * The checks a traced login shows, one describer per step of path_login.go pathLogin. Each takes
 * the outcome the login already computed (login.ts) and only words it: labels, expected and
 * actual values, reasons and sources. Nothing here decides.
 */
import { isoOf } from '../../time';
import type { Check, SourceRange } from '../../result';
import type { Token } from '../../token';
import type { BoundClaimMatch } from './bound-claims';
import type { AuthConfig } from './config';
import type { PreparedLogin } from './prepare';
import type { RegisteredClaims, RegisteredOutcome } from './registered';
import type { Leeways, TimeOutcome } from './time';
import type { AudienceRule } from './options';
import type { StoredRole } from './validate-role';
import { displayValue, type GoValue } from './value';

const NOT_DECODED = 'Not evaluated: the registered claims do not decode.';

export function roleTypeCheck(role: StoredRole): Check {
  const source = role.sources.role_type;
  return role.roleType === 'oidc'
    ? { id: 'role.role_type', label: 'Role type', result: 'fail', expected: 'jwt', actual: 'oidc', reason: 'An oidc role only serves the browser OIDC flow; JWT login refuses it.', source }
    : { id: 'role.role_type', label: 'Role type', result: 'pass', expected: 'jwt', actual: 'jwt', reason: 'A jwt role accepts JWT login.', source };
}

export function boundCidrsCheck(role: StoredRole): Check {
  if (role.tokenBoundCidrs.length === 0) {
    return { id: 'role.token_bound_cidrs', label: 'Client address (token_bound_cidrs)', result: 'pass', reason: 'No token_bound_cidrs: any client address may log in.' };
  }
  return {
    id: 'role.token_bound_cidrs',
    label: 'Client address (token_bound_cidrs)',
    result: 'skip',
    expected: role.tokenBoundCidrs,
    reason: `Vault answers 403 "permission denied" unless the client address is inside ${role.tokenBoundCidrs.join(', ')}; the client address is not known here, so this is not evaluated.`,
    source: role.sources.token_bound_cidrs ?? role.sources.bound_cidrs,
  };
}

export function keySourceCheck(config: AuthConfig, unsupported: boolean): Check {
  const id = 'config.key_source';
  const label = 'Auth method config';
  if (!config.given) {
    return { id, label, result: 'skip', reason: 'No auth method config was given: trustlens assumes a working key source and no bound_issuer. Pass {"config": {…}, "role": {…}} to check them.' };
  }
  if (!config.keySourceGiven) {
    return { id, label, result: 'skip', reason: 'The config shows no key source (jwks_url, oidc_discovery_url, jwt_validation_pubkeys, …): trustlens assumes a working one, since Vault saves no config without it.' };
  }
  if (unsupported) {
    return {
      id,
      label,
      result: 'fail',
      expected: 'jwt_validation_pubkeys, jwks_url, jwks_pairs, or oidc_discovery_url without client credentials',
      actual: 'oidc_discovery_url with oidc_client_id and oidc_client_secret',
      reason: "With client credentials the config is the OIDC flow type, which Vault's JWT validator does not handle: every jwt-role login fails (backend.go jwtValidator; plugin issue #200).",
      source: config.sources.oidc_client_id ?? config.sources.oidc_discovery_url,
    };
  }
  return { id, label, result: 'pass', actual: config.authType, reason: `Tokens are verified with the ${describeAuthType(config.authType)}.` };
}

function describeAuthType(type: AuthConfig['authType']): string {
  switch (type) {
    case 'static-keys':
      return 'static public keys (jwt_validation_pubkeys)';
    case 'jwks':
      return 'JWKS at jwks_url';
    case 'multi-jwks':
      return 'JWKS pairs (jwks_pairs)';
    case 'oidc-discovery':
      return 'keys from OIDC discovery (oidc_discovery_url)';
    case 'oidc-flow':
      return 'keys from OIDC discovery (OpenBao handles the OIDC flow config for JWT login too)';
    case 'unconfigured':
      return 'no key source';
  }
}

/** `alg` is null when the token has no JWS header to read it from. */
export function algCheck(login: PreparedLogin, alg: string | null, allowed: boolean): Check {
  const { config } = login;
  const id = 'token.alg';
  const label = 'Signing algorithm (alg)';
  const expected = [...login.allowedAlgs];
  const source = config.sources.jwt_supported_algs;
  if (alg === null) return { id, label, result: 'skip', expected, reason: 'Crafted claims have no JWS header; the alg check is not evaluated.', source };
  const named = config.supportedAlgs.length > 0;
  return {
    id,
    label,
    result: allowed ? 'pass' : 'fail',
    expected,
    actual: alg,
    reason: allowed
      ? `${alg} is ${named ? 'in jwt_supported_algs' : 'one of the 10 algorithms accepted when jwt_supported_algs is empty'}.`
      : `${alg} is not in ${named ? 'jwt_supported_algs' : 'the algorithms Vault accepts'}.`,
    source,
  };
}

/** The JWS header's alg as the check reads it: none for crafted claims. */
export function headerAlg(token: Token): string | null {
  return token.kind === 'jws' && typeof token.header?.alg === 'string' ? token.header.alg : null;
}

export function registeredClaimsCheck(claims: Record<string, unknown>, registered: RegisteredOutcome): Check {
  const id = 'token.registered_claims';
  const label = 'Registered claims (iss, sub, aud, exp, nbf, iat, jti)';
  if (!registered.ok) {
    return {
      id,
      label,
      result: 'error',
      actual: displayValue(goValueOf(claims[registered.key])),
      reason: `The token's "${registered.key}" has a type Vault cannot decode, so validation stops: ${registered.error}.`,
    };
  }
  const folded = registered.claims.foldedKeys;
  return {
    id,
    label,
    result: 'pass',
    reason: folded.length > 0
      ? `Decoded; note that ${folded.map((k) => `"${k}"`).join(', ')} feed the registered claims too (Go matches JSON keys case-insensitively).`
      : 'iss, sub, aud and the time claims have the types Vault expects.',
  };
}

function goValueOf(value: unknown): GoValue {
  if (value === null || value === undefined) return { kind: 'nil' };
  if (typeof value === 'string') return { kind: 'string', value };
  if (typeof value === 'number') return { kind: 'float', value };
  if (typeof value === 'boolean') return { kind: 'bool', value };
  if (Array.isArray(value)) return { kind: 'list', items: value.map(goValueOf) };
  return { kind: 'map', entries: Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, goValueOf(v)]) };
}

export function issuerCheck(config: AuthConfig, claims: Record<string, unknown>, decoded: RegisteredClaims | null, matches: boolean): Check {
  const id = 'config.bound_issuer';
  const label = 'Issuer (bound_issuer)';
  if (!config.given) return { id, label, result: 'skip', actual: typeof claims.iss === 'string' ? claims.iss : null, reason: 'No config given: the issuer bound is not known.' };
  if (config.boundIssuer === '') {
    return { id, label, result: 'pass', actual: decoded?.iss, reason: 'The config has no bound_issuer: any issuer passes (the key source still has to verify the signature).' };
  }
  const source = config.sources.bound_issuer;
  if (!decoded) return { id, label, result: 'skip', expected: config.boundIssuer, reason: NOT_DECODED, source };
  return exactCheck(id, label, config.boundIssuer, decoded.iss, matches, source, 'The issuer equals bound_issuer exactly.', `${JSON.stringify(decoded.iss)} is not ${JSON.stringify(config.boundIssuer)}: Vault compares exactly (case, scheme and trailing slash included).`);
}

export function subjectCheck(role: StoredRole, decoded: RegisteredClaims | null, matches: boolean): Check {
  const id = 'role.bound_subject';
  const label = 'Subject (bound_subject)';
  if (role.boundSubject === '') return { id, label, result: 'pass', actual: decoded?.sub, reason: 'No bound_subject: any subject passes.' };
  const source = role.sources.bound_subject;
  if (!decoded) return { id, label, result: 'skip', expected: role.boundSubject, reason: NOT_DECODED, source };
  return exactCheck(id, label, role.boundSubject, decoded.sub, matches, source, 'The subject equals bound_subject exactly.', 'bound_subject is an exact, case-sensitive comparison (no wildcards).');
}

/** cap's iss and sub checks: one exact, case-sensitive string comparison each. */
function exactCheck(id: string, label: string, expected: string, actual: string, ok: boolean, source: SourceRange | undefined, passReason: string, failReason: string): Check {
  return { id, label, result: ok ? 'pass' : 'fail', expected, actual, reason: ok ? passReason : failReason, source };
}

/** `hit` is the bound audience the token's aud contains, if any. */
export function audienceCheck(role: StoredRole, decoded: RegisteredClaims | null, hit: string | undefined): Check {
  const id = 'role.bound_audiences';
  const label = 'Audience (bound_audiences)';
  if (role.boundAudiences.length === 0) {
    return { id, label, result: 'pass', actual: decoded?.aud, reason: 'No bound_audiences: this check is skipped (but see the unbound-audience rule below).' };
  }
  const source = role.sources.bound_audiences;
  if (!decoded) return { id, label, result: 'skip', expected: role.boundAudiences, reason: NOT_DECODED, source };
  return {
    id,
    label,
    result: hit !== undefined ? 'pass' : 'fail',
    expected: role.boundAudiences,
    actual: decoded.aud,
    reason: hit !== undefined ? `The token's aud contains ${JSON.stringify(hit)}.` : audienceMissReason(role.boundAudiences, decoded.aud),
    source,
  };
}

function audienceMissReason(bound: string[], aud: string[]): string {
  if (aud.length === 0) return 'The token has no aud, and the role requires one of bound_audiences.';
  for (const wanted of bound) {
    for (const got of aud) {
      if (wanted.replace(/\/+$/, '') === got.replace(/\/+$/, '')) return `${JSON.stringify(wanted)} and ${JSON.stringify(got)} differ only by a trailing slash: Vault compares exactly.`;
      if (wanted.toLowerCase() === got.toLowerCase()) return `${JSON.stringify(wanted)} and ${JSON.stringify(got)} differ only in case: Vault compares exactly.`;
    }
  }
  return 'No entry of bound_audiences equals any entry of the token\'s aud.';
}

/** The lifetime checks: one skip when the claims did not decode, else nbf, exp and (with iat) iat. */
export function timeChecks(time: TimeOutcome | null, leeways: Leeways, now: number, role: StoredRole): Check[] {
  if (time === null) return [{ id: 'token.time', label: 'Token lifetime (exp, nbf, iat)', result: 'skip', reason: NOT_DECODED }];
  if (time.failure === 'missing') {
    return [{ id: 'token.time', label: 'Token lifetime (exp, nbf, iat)', result: 'fail', expected: 'at least one of iat, nbf, exp', actual: 'none', reason: 'The token has no non-zero iat, nbf or exp.' }];
  }
  const source = role.sources.clock_skew_leeway;
  const skew = leeways.clockSkew;
  const window = time.window!;
  const span = `accepted from ${isoOf(window.from)} to ${isoOf(window.to)} inclusive (clock_skew_leeway ${skew} s)`;
  const nbfNote = time.synthesised.nbf ? ` nbf is absent, so Vault uses ${time.iat !== null ? 'iat' : `exp − ${leeways.notBefore} s (not_before_leeway)`} = ${time.nbf}.` : '';
  const expNote = time.synthesised.exp ? ` exp is absent, so Vault uses max(iat, nbf) + ${leeways.expiration} s (expiration_leeway) = ${time.exp}.` : '';
  const leewayUnused = !time.synthesised.exp && !time.synthesised.nbf && (role.expirationLeeway !== 0 || role.notBeforeLeeway !== 0)
    ? ' expiration_leeway and not_before_leeway play no part here: the token carries exp and nbf.'
    : '';
  // cap tests nbf, exp and iat in turn and stops at the first; each is shown on its own.
  const nbfOk = !(now + skew < time.nbf!);
  const expOk = !(now - skew > time.exp!);
  const checks: Check[] = [
    {
      id: 'token.nbf',
      label: 'Not before (nbf)',
      result: nbfOk ? 'pass' : 'fail',
      expected: `now ≥ ${isoOf(time.nbf!)} − ${skew} s`,
      actual: isoOf(now),
      reason: `${nbfOk ? 'Valid already' : 'Not valid yet'}: ${span}.${nbfNote}`,
      source,
    },
    {
      id: 'token.exp',
      label: 'Expiry (exp)',
      result: expOk ? 'pass' : 'fail',
      expected: `now ≤ ${isoOf(time.exp!)} + ${skew} s`,
      actual: isoOf(now),
      reason: `${expOk ? 'Not expired' : 'Expired'}: ${span}.${expNote}${leewayUnused}`,
      source: time.synthesised.exp ? role.sources.expiration_leeway ?? source : source,
    },
  ];
  if (time.iat !== null) {
    const iatOk = !(now + skew < time.iat);
    checks.push({
      id: 'token.iat',
      label: 'Issued at (iat)',
      result: iatOk ? 'pass' : 'fail',
      expected: `now ≥ ${isoOf(time.iat)} − ${skew} s`,
      actual: isoOf(now),
      reason: iatOk ? 'Not issued in the future.' : `Issued in the future beyond the ${skew} s clock skew.`,
      source,
    });
  }
  return checks;
}

/** `aud` is the token's aud as getClaim reads it (only looked up when the role binds no audience). */
export function unboundAudienceCheck(role: StoredRole, aud: GoValue | undefined, rule: AudienceRule, refused: boolean): Check {
  const id = 'role.bound_audiences.required';
  const label = 'Audience without bound_audiences';
  if (role.boundAudiences.length > 0) {
    return { id, label, result: 'pass', reason: 'The role binds audiences, so this rule does not apply.', source: role.sources.bound_audiences };
  }
  let why: string;
  if (aud?.kind === 'list') {
    why = refused ? 'the token\'s aud is a non-empty list' : 'the token\'s aud is an empty list';
  } else if (aud?.kind === 'string') {
    if (rule === 'before-1.17') why = 'before plugin v0.20.3 (Vault 1.17) only a list aud was refused; this aud is a string';
    else why = refused ? 'the token names an audience (a string aud is refused since plugin v0.20.3 / Vault 1.17)' : 'the token\'s aud is the empty string';
  } else {
    why = 'the token has no aud';
  }
  return {
    id,
    label,
    result: refused ? 'fail' : 'pass',
    expected: 'no aud, since the role has no bound_audiences',
    actual: aud === undefined ? null : displayValue(aud),
    reason: `${refused ? 'Refused' : 'Allowed'}: the role has no bound_audiences and ${why}.`,
  };
}

/** user_claim (createIdentity L238–251): a literal key unless user_claim_json_pointer. */
export function userClaimCheck(role: StoredRole, value: GoValue | undefined): Check {
  const id = 'role.user_claim';
  const label = `User claim (${role.userClaim})`;
  const source = role.sources.user_claim;
  const pointerNote = !role.userClaimJsonPointer && role.userClaim.startsWith('/') ? ' user_claim_json_pointer is false, so the name is a literal key, not a pointer.' : '';
  if (value === undefined) {
    return { id, label, result: 'fail', expected: 'a string claim', actual: null, reason: `The token has no "${role.userClaim}" claim (or it is null).${pointerNote}`, source };
  }
  if (value.kind !== 'string') {
    const kind = value.kind === 'number' || value.kind === 'float' ? 'number' : value.kind;
    return { id, label, result: 'fail', expected: 'a string claim', actual: displayValue(value), reason: `The alias name must be a string; this claim is a ${kind}.`, source };
  }
  return { id, label, result: 'pass', actual: value.value, reason: `The entity alias name is ${JSON.stringify(value.value)}.${pointerNote}`, source };
}

/** One claim_mappings entry (extractMetadata L77–90). */
export function claimMappingCheck(mapping: StoredRole['claimMappings'][number], found: GoValue | undefined): Check {
  const id = `role.claim_mappings.${mapping.source}`;
  const label = `Claim mapping ${mapping.source} → ${mapping.target}`;
  const source = mapping.range;
  if (found === undefined) return { id, label, result: 'pass', actual: null, reason: 'The claim is absent, so the mapping is skipped silently.', source };
  if (found.kind !== 'string') {
    return { id, label, result: 'fail', expected: 'a string claim', actual: displayValue(found), reason: 'Metadata values must be strings; numbers and lists are refused.', source };
  }
  return { id, label, result: 'pass', actual: found.value, reason: `Metadata ${mapping.target} = ${JSON.stringify(found.value)}.`, source };
}

/**
 * groups_claim (L276–301). `list` is the claim normalised (null when it cannot be), `bad` its first
 * entry that is not a string, `groups` the group alias names when every entry is one.
 */
export function groupsCheck(role: StoredRole, found: GoValue | undefined, list: GoValue[] | null, bad: GoValue | undefined, groups: string[] | null): Check {
  const id = 'role.groups_claim';
  const label = `Groups claim (${role.groupsClaim})`;
  const source = role.sources.groups_claim;
  const fail = (reason: string, actual: unknown): Check => ({ id, label, result: 'fail', expected: 'a string or a list of strings', actual, reason, source });
  if (found === undefined) return fail('The groups claim is absent (or null).', null);
  if (!list) return fail('An object cannot be a groups list.', displayValue(found));
  if (bad || !groups) return fail('Every group must be a string.', displayValue(found));
  return { id, label, result: 'pass', actual: groups, reason: `Group aliases: ${groups.length > 0 ? groups.join(', ') : 'none'} (empty names are skipped).`, source };
}

const BOUND_CLAIM_HEADLINES: Record<Exclude<BoundClaimMatch['status'], 'pass'>, (mode: 'string' | 'glob') => string> = {
  missing: () => 'The token does not carry this claim (absent, null, or an unresolved pointer).',
  'received-not-list': () => 'The token value is an object, which Vault cannot compare.',
  'bound-not-list': () => 'The role value is an object or null, which Vault cannot compare.',
  'glob-not-string': () => 'In glob mode every role value must be a string.',
  'no-match': (mode) => `No role value ${mode === 'glob' ? 'matches' : 'equals'} any token value.`,
  panic: () => 'Vault cannot compare these values.',
};

/** One bound_claims key; `failingCount` bound claims fail in all (Vault reports one of them). */
export function boundClaimCheck(key: string, expected: GoValue, source: SourceRange, match: BoundClaimMatch, notes: string[], mode: 'string' | 'glob', failingCount: number): Check {
  const id = `role.bound_claims.${key}`;
  const label = `Bound claim ${key}${mode === 'glob' ? ' (glob)' : ''}`;
  const actual = match.lookup.value === undefined ? null : displayValue(match.lookup.value);
  const noteText = notes.length > 0 ? ` ${notes.join(' ')}` : '';
  if (match.status === 'pass') {
    const matched = match.matched!;
    return {
      id,
      label,
      result: 'pass',
      expected: displayValue(expected),
      actual,
      reason: `${mode === 'glob' ? 'Pattern' : 'Value'} ${displayValue(matched.expected)} matches the token's ${displayValue(matched.actual)}.${noteText}`,
      source,
    };
  }
  const several = failingCount > 1 ? ` ${failingCount} bound claims fail; Vault checks them in random (Go map) order and reports only one.` : '';
  return {
    id,
    label,
    result: match.status === 'panic' ? 'error' : 'fail',
    expected: displayValue(expected),
    actual,
    reason: `${BOUND_CLAIM_HEADLINES[match.status](mode)}${noteText}${several}`,
    source,
  };
}
