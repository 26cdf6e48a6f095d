/**
 * A JWT login as path_login.go pathLogin runs it (L96–211), with cap's validator in between. Every
 * test is evaluated and reported as a check; the first failure in Vault's order is the one Vault
 * returns (HTTP 400 with that message) and is marked decisive.
 */
import { isoOf } from '../../time';
import type { EvaluationContext } from '../../provider';
import type { Check, EvaluationResult, SourceRange } from '../../result';
import type { Token } from '../../token';
import { evaluateBoundClaim, normalizeList, type BoundClaimOutcome } from './bound-claims';
import { SUPPORTED_ALGS, type AuthConfig } from './config';
import { getClaim, getLiteral } from './lookup';
import type { VaultOptions } from './options';
import type { VaultPolicy } from './parse';
import { decodeRegisteredClaims } from './registered';
import { checkTimes, leewaysOf, TIME_MESSAGES, type TimeOutcome } from './time';
import type { StoredRole } from './validate-role';
import { displayValue, goFormat, type GoValue } from './value';

import { BAD_SIGNATURE_MESSAGE, CLAIMS_PREFIX, LOGIN_MESSAGES, TOKEN_PREFIX } from './messages';

export { BAD_SIGNATURE_MESSAGE, CLAIMS_PREFIX, TOKEN_PREFIX };

interface Step {
  check: Check;
  /** Vault's message when this check is the first failure. */
  message?: string;
  /** `error` when the input itself is unusable (a registered claim of the wrong type, a panic). */
  decision?: 'deny' | 'error';
}

export function evaluateLogin(
  policy: VaultPolicy,
  role: StoredRole,
  config: AuthConfig,
  token: Token,
  context: EvaluationContext,
  options: VaultOptions,
): EvaluationResult {
  const claims = token.claims;
  const roleName = policy.roleName;
  const steps: Step[] = [];
  const src = (field: string): SourceRange | undefined => role.sources[field];
  const add = (step: Step) => steps.push(step);

  // Step 4 (L110–112).
  add(
    role.roleType === 'oidc'
      ? {
          check: { id: 'role.role_type', label: 'Role type', result: 'fail', expected: 'jwt', actual: 'oidc', reason: 'An oidc role only serves the browser OIDC flow; JWT login refuses it.', source: src('role_type') },
          message: LOGIN_MESSAGES.oidcRole,
        }
      : { check: { id: 'role.role_type', label: 'Role type', result: 'pass', expected: 'jwt', actual: 'jwt', reason: 'A jwt role accepts JWT login.', source: src('role_type') } },
  );

  // Step 6 (L121–129): before any look at the token.
  add({
    check:
      role.tokenBoundCidrs.length > 0
        ? {
            id: 'role.token_bound_cidrs',
            label: 'Client address (token_bound_cidrs)',
            result: 'skip',
            expected: role.tokenBoundCidrs,
            reason: `Vault answers 403 "permission denied" unless the client address is inside ${role.tokenBoundCidrs.join(', ')}; the client address is not known here, so this is not evaluated.`,
            source: src('token_bound_cidrs') ?? src('bound_cidrs'),
          }
        : { id: 'role.token_bound_cidrs', label: 'Client address (token_bound_cidrs)', result: 'pass', reason: 'No token_bound_cidrs: any client address may log in.' },
  });

  // Step 7 (L132–135; backend.go jwtValidator).
  if (!config.given) {
    add({ check: { id: 'config.key_source', label: 'Auth method config', result: 'skip', reason: 'No auth method config was given: trustlens assumes a working key source and no bound_issuer. Pass {"config": {…}, "role": {…}} to check them.' } });
  } else if (!config.keySourceGiven) {
    add({ check: { id: 'config.key_source', label: 'Auth method config', result: 'skip', reason: 'The config shows no key source (jwks_url, oidc_discovery_url, jwt_validation_pubkeys, …): trustlens assumes a working one, since Vault saves no config without it.' } });
  } else if (config.authType === 'oidc-flow' && options.flavour === 'vault') {
    add({
      check: {
        id: 'config.key_source',
        label: 'Auth method config',
        result: 'fail',
        expected: 'jwt_validation_pubkeys, jwks_url, jwks_pairs, or oidc_discovery_url without client credentials',
        actual: 'oidc_discovery_url with oidc_client_id and oidc_client_secret',
        reason: "With client credentials the config is the OIDC flow type, which Vault's JWT validator does not handle: every jwt-role login fails (backend.go jwtValidator; plugin issue #200).",
        source: config.sources.oidc_client_id ?? config.sources.oidc_discovery_url,
      },
      message: LOGIN_MESSAGES.unsupportedConfig,
    });
  } else {
    add({ check: { id: 'config.key_source', label: 'Auth method config', result: 'pass', actual: config.authType, reason: `Tokens are verified with the ${describeAuthType(config.authType)}.` } });
  }

  // Step 8a: the signature check itself is reported by the engine (token.signature).
  const signatureFailed = context.signature.state === 'invalid';
  const signatureIndex = steps.length;

  // Step 8b (cap L207–209): the alg header.
  const allowedAlgs = config.supportedAlgs.length > 0 ? config.supportedAlgs : [...SUPPORTED_ALGS];
  const alg = typeof token.header?.alg === 'string' ? token.header.alg : null;
  if (token.kind !== 'jws' || alg === null) {
    add({ check: { id: 'token.alg', label: 'Signing algorithm (alg)', result: 'skip', expected: allowedAlgs, reason: 'Crafted claims have no JWS header; the alg check is not evaluated.', source: config.sources.jwt_supported_algs } });
  } else {
    const ok = allowedAlgs.includes(alg);
    add({
      check: {
        id: 'token.alg',
        label: 'Signing algorithm (alg)',
        result: ok ? 'pass' : 'fail',
        expected: allowedAlgs,
        actual: alg,
        reason: ok
          ? `${alg} is ${config.supportedAlgs.length > 0 ? 'in jwt_supported_algs' : 'one of the 10 algorithms accepted when jwt_supported_algs is empty'}.`
          : `${alg} is not in ${config.supportedAlgs.length > 0 ? 'jwt_supported_algs' : 'the algorithms Vault accepts'}.`,
        source: config.sources.jwt_supported_algs,
      },
      message: ok ? undefined : LOGIN_MESSAGES.algorithm,
    });
  }

  // Step 8c (cap L212–219): registered claims decode into go-jose's Claims.
  const registered = decodeRegisteredClaims(claims);
  if (!registered.ok) {
    add({
      check: {
        id: 'token.registered_claims',
        label: 'Registered claims (iss, sub, aud, exp, nbf, iat, jti)',
        result: 'error',
        actual: displayValue(goValueOf(claims[registered.key])),
        reason: `The token's "${registered.key}" has a type Vault cannot decode, so validation stops: ${registered.error}.`,
      },
      message: `${TOKEN_PREFIX}${registered.error}`,
      decision: 'error',
    });
  } else {
    const folded = registered.claims.foldedKeys;
    add({
      check: {
        id: 'token.registered_claims',
        label: 'Registered claims (iss, sub, aud, exp, nbf, iat, jti)',
        result: 'pass',
        reason: folded.length > 0
          ? `Decoded; note that ${folded.map((k) => `"${k}"`).join(', ')} feed the registered claims too (Go matches JSON keys case-insensitively).`
          : 'iss, sub, aud and the time claims have the types Vault expects.',
      },
    });
  }
  const decoded = registered.ok ? registered.claims : null;
  const notDecoded = 'Not evaluated: the registered claims do not decode.';

  // Step 8d: config bound_issuer.
  if (!config.given) {
    add({ check: { id: 'config.bound_issuer', label: 'Issuer (bound_issuer)', result: 'skip', actual: stringOrNull(claims.iss), reason: 'No config given: the issuer bound is not known.' } });
  } else if (config.boundIssuer === '') {
    add({ check: { id: 'config.bound_issuer', label: 'Issuer (bound_issuer)', result: 'pass', actual: decoded?.iss, reason: 'The config has no bound_issuer: any issuer passes (the key source still has to verify the signature).' } });
  } else if (!decoded) {
    add({ check: { id: 'config.bound_issuer', label: 'Issuer (bound_issuer)', result: 'skip', expected: config.boundIssuer, reason: notDecoded, source: config.sources.bound_issuer } });
  } else {
    add(
      exactBoundStep({
        id: 'config.bound_issuer',
        label: 'Issuer (bound_issuer)',
        expected: config.boundIssuer,
        actual: decoded.iss,
        passReason: 'The issuer equals bound_issuer exactly.',
        failReason: `${JSON.stringify(decoded.iss)} is not ${JSON.stringify(config.boundIssuer)}: Vault compares exactly (case, scheme and trailing slash included).`,
        source: config.sources.bound_issuer,
        message: LOGIN_MESSAGES.issuer,
      }),
    );
  }

  // Step 8e: bound_subject.
  if (role.boundSubject === '') {
    add({ check: { id: 'role.bound_subject', label: 'Subject (bound_subject)', result: 'pass', actual: decoded?.sub, reason: 'No bound_subject: any subject passes.' } });
  } else if (!decoded) {
    add({ check: { id: 'role.bound_subject', label: 'Subject (bound_subject)', result: 'skip', expected: role.boundSubject, reason: notDecoded, source: src('bound_subject') } });
  } else {
    add(
      exactBoundStep({
        id: 'role.bound_subject',
        label: 'Subject (bound_subject)',
        expected: role.boundSubject,
        actual: decoded.sub,
        passReason: 'The subject equals bound_subject exactly.',
        failReason: 'bound_subject is an exact, case-sensitive comparison (no wildcards).',
        source: src('bound_subject'),
        message: LOGIN_MESSAGES.subject,
      }),
    );
  }

  // Step 8f: bound_audiences, any role entry equal to any token entry.
  if (role.boundAudiences.length === 0) {
    add({ check: { id: 'role.bound_audiences', label: 'Audience (bound_audiences)', result: 'pass', actual: decoded?.aud, reason: 'No bound_audiences: this check is skipped (but see the unbound-audience rule below).' } });
  } else if (!decoded) {
    add({ check: { id: 'role.bound_audiences', label: 'Audience (bound_audiences)', result: 'skip', expected: role.boundAudiences, reason: notDecoded, source: src('bound_audiences') } });
  } else {
    const hit = role.boundAudiences.find((aud) => decoded.aud.includes(aud));
    add({
      check: {
        id: 'role.bound_audiences',
        label: 'Audience (bound_audiences)',
        result: hit !== undefined ? 'pass' : 'fail',
        expected: role.boundAudiences,
        actual: decoded.aud,
        reason: hit !== undefined ? `The token's aud contains ${JSON.stringify(hit)}.` : audienceMissReason(role.boundAudiences, decoded.aud),
        source: src('bound_audiences'),
      },
      message: hit !== undefined ? undefined : LOGIN_MESSAGES.audience,
    });
  }

  // Steps 8g–8j: time.
  const leeways = leewaysOf(role);
  let time: TimeOutcome | null = null;
  if (!decoded) {
    add({ check: { id: 'token.time', label: 'Token lifetime (exp, nbf, iat)', result: 'skip', reason: notDecoded } });
  } else {
    time = checkTimes(decoded, leeways, context.at);
    steps.push(...timeSteps(time, leeways, context.at, role));
  }

  // Step 9 (L168–180): a role without bound_audiences refuses a token that names an audience.
  steps.push(unboundAudienceStep(role, claims, options));

  // Step 10: createIdentity — user_claim, claim_mappings, groups_claim.
  const identity = identitySteps(role, claims, roleName, options);
  steps.push(...identity.steps);

  // Step 11: bound_claims, each key.
  const boundOutcomes = role.boundClaims.map((claim) => ({
    claim,
    outcome: evaluateBoundClaim(claim.key, claim.value.go, claims, role.boundClaimsType, options.flavour),
  }));
  const failingBound = boundOutcomes.filter((b) => b.outcome.status !== 'pass');
  for (const { claim, outcome } of boundOutcomes) {
    steps.push(boundClaimStep(claim.key, claim.value.go, claim.range, outcome, role.boundClaimsType, failingBound.length));
  }

  // The first failure in Vault's order decides.
  let decisiveIndex = steps.findIndex((s) => s.check.result === 'fail' || s.check.result === 'error');
  let decision: EvaluationResult['decision'] = 'allow';
  let message = '';
  if (signatureFailed && (decisiveIndex === -1 || decisiveIndex >= signatureIndex)) {
    decisiveIndex = -1;
    decision = 'deny';
    message = BAD_SIGNATURE_MESSAGE;
  } else if (decisiveIndex >= 0) {
    const step = steps[decisiveIndex];
    decision = step.decision ?? 'deny';
    message = step.message ?? step.check.reason;
  }
  const checks = steps.map((s, index) => (index === decisiveIndex ? { ...s.check, decisive: true } : s.check));

  const failing = checks.filter((c) => c.result === 'fail' || c.result === 'error').map((c) => c.id);
  const details: Record<string, unknown> = {
    flavour: options.flavour,
    vaultVersion: options.audienceRule === 'current' ? '1.17+' : 'before 1.17',
    role: roleName ?? null,
    boundClaimsType: role.boundClaimsType,
    leeways: {
      expirationLeeway: leeways.expiration,
      notBeforeLeeway: leeways.notBefore,
      clockSkewLeeway: leeways.clockSkew,
      stored: { expiration_leeway: role.expirationLeeway, not_before_leeway: role.notBeforeLeeway, clock_skew_leeway: role.clockSkewLeeway },
    },
    failingChecks: failing,
  };
  if (time?.window) {
    details.acceptanceWindow = {
      from: time.window.from,
      to: time.window.to,
      fromIso: isoOf(time.window.from),
      toIso: isoOf(time.window.to),
      effectiveNbf: time.nbf,
      effectiveExp: time.exp,
      synthesised: time.synthesised,
    };
  }
  if (failing.length > 1) {
    details.onlyOneReported = `Vault stops at the first failure and returns only that message; ${failing.length} checks fail here (${failing.join(', ')}).`;
  }
  if (failingBound.length > 1) {
    details.boundClaimsOrder = `Vault checks bound_claims in Go map order, which is random: with ${failingBound.length} failing claims (${failingBound.map((b) => b.claim.key).join(', ')}) it names any one of them. trustlens shows the first in the role's order.`;
  }
  if (role.warnings.length > 0) details.writeWarnings = role.warnings;
  if (identity.alias) details.alias = identity.alias;
  if (identity.groups) details.groupAliases = identity.groups;
  if (decision === 'allow') {
    details.token = {
      policies: role.tokenPolicies,
      ttl: role.tokenTtl,
      maxTtl: role.tokenMaxTtl,
      explicitMaxTtl: role.tokenExplicitMaxTtl,
      period: role.tokenPeriod,
      numUses: role.tokenNumUses,
      type: role.tokenType,
    };
    message = LOGIN_MESSAGES.allowed(identity.alias?.name ?? '', roleName, role.tokenPolicies, role.tokenBoundCidrs);
  }
  return { provider: 'vault', decision, message, checks, findings: [], details };
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

/** cap's iss and sub checks: one exact, case-sensitive string comparison each. */
function exactBoundStep(check: {
  id: string;
  label: string;
  expected: string;
  actual: unknown;
  passReason: string;
  failReason: string;
  source: SourceRange | undefined;
  message: string;
}): Step {
  const ok = check.actual === check.expected;
  return {
    check: {
      id: check.id,
      label: check.label,
      result: ok ? 'pass' : 'fail',
      expected: check.expected,
      actual: check.actual,
      reason: ok ? check.passReason : check.failReason,
      source: check.source,
    },
    message: ok ? undefined : check.message,
  };
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function goValueOf(value: unknown): GoValue {
  if (value === null || value === undefined) return { kind: 'nil' };
  if (typeof value === 'string') return { kind: 'string', value };
  if (typeof value === 'number') return { kind: 'float', value };
  if (typeof value === 'boolean') return { kind: 'bool', value };
  if (Array.isArray(value)) return { kind: 'list', items: value.map(goValueOf) };
  return { kind: 'map', entries: Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, goValueOf(v)]) };
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

function timeSteps(time: TimeOutcome, leeways: ReturnType<typeof leewaysOf>, now: number, role: StoredRole): Step[] {
  const source = role.sources.clock_skew_leeway;
  if (time.failure === 'missing') {
    return [
      {
        check: { id: 'token.time', label: 'Token lifetime (exp, nbf, iat)', result: 'fail', expected: 'at least one of iat, nbf, exp', actual: 'none', reason: 'The token has no non-zero iat, nbf or exp.' },
        message: `${TOKEN_PREFIX}${TIME_MESSAGES.missing}`,
      },
    ];
  }
  const skew = leeways.clockSkew;
  const window = time.window!;
  const span = `accepted from ${isoOf(window.from)} to ${isoOf(window.to)} inclusive (clock_skew_leeway ${skew} s)`;
  const nbfNote = time.synthesised.nbf ? ` nbf is absent, so Vault uses ${time.iat !== null ? 'iat' : `exp − ${leeways.notBefore} s (not_before_leeway)`} = ${time.nbf}.` : '';
  const expNote = time.synthesised.exp ? ` exp is absent, so Vault uses max(iat, nbf) + ${leeways.expiration} s (expiration_leeway) = ${time.exp}.` : '';
  const leewayUnused = !time.synthesised.exp && !time.synthesised.nbf && (role.expirationLeeway !== 0 || role.notBeforeLeeway !== 0)
    ? ' expiration_leeway and not_before_leeway play no part here: the token carries exp and nbf.'
    : '';
  const steps: Step[] = [];
  const nbfOk = !(now + skew < time.nbf!);
  steps.push({
    check: {
      id: 'token.nbf',
      label: 'Not before (nbf)',
      result: nbfOk ? 'pass' : 'fail',
      expected: `now ≥ ${isoOf(time.nbf!)} − ${skew} s`,
      actual: isoOf(now),
      reason: `${nbfOk ? 'Valid already' : 'Not valid yet'}: ${span}.${nbfNote}`,
      source,
    },
    message: nbfOk ? undefined : `${TOKEN_PREFIX}${TIME_MESSAGES.nbf}`,
  });
  const expOk = !(now - skew > time.exp!);
  steps.push({
    check: {
      id: 'token.exp',
      label: 'Expiry (exp)',
      result: expOk ? 'pass' : 'fail',
      expected: `now ≤ ${isoOf(time.exp!)} + ${skew} s`,
      actual: isoOf(now),
      reason: `${expOk ? 'Not expired' : 'Expired'}: ${span}.${expNote}${leewayUnused}`,
      source: time.synthesised.exp ? role.sources.expiration_leeway ?? source : source,
    },
    message: expOk ? undefined : `${TOKEN_PREFIX}${TIME_MESSAGES.exp}`,
  });
  if (time.iat !== null) {
    const iatOk = !(now + skew < time.iat);
    steps.push({
      check: {
        id: 'token.iat',
        label: 'Issued at (iat)',
        result: iatOk ? 'pass' : 'fail',
        expected: `now ≥ ${isoOf(time.iat)} − ${skew} s`,
        actual: isoOf(now),
        reason: iatOk ? 'Not issued in the future.' : `Issued in the future beyond the ${skew} s clock skew.`,
        source,
      },
      message: iatOk ? undefined : `${TOKEN_PREFIX}${TIME_MESSAGES.iat}`,
    });
  }
  return steps;
}

function unboundAudienceStep(role: StoredRole, claims: Record<string, unknown>, options: VaultOptions): Step {
  const id = 'role.bound_audiences.required';
  const label = 'Audience without bound_audiences';
  if (role.boundAudiences.length > 0) {
    return { check: { id, label, result: 'pass', reason: 'The role binds audiences, so this rule does not apply.', source: role.sources.bound_audiences } };
  }
  const aud = getClaim(claims, 'aud', options.flavour).value;
  let rejects = false;
  let why = '';
  if (aud?.kind === 'list') {
    rejects = aud.items.length > 0;
    why = rejects ? 'the token\'s aud is a non-empty list' : 'the token\'s aud is an empty list';
  } else if (aud?.kind === 'string') {
    if (options.audienceRule === 'before-1.17') {
      why = 'before plugin v0.20.3 (Vault 1.17) only a list aud was refused; this aud is a string';
    } else {
      rejects = aud.value !== '';
      why = rejects ? 'the token names an audience (a string aud is refused since plugin v0.20.3 / Vault 1.17)' : 'the token\'s aud is the empty string';
    }
  } else {
    why = 'the token has no aud';
  }
  return {
    check: {
      id,
      label,
      result: rejects ? 'fail' : 'pass',
      expected: 'no aud, since the role has no bound_audiences',
      actual: aud === undefined ? null : displayValue(aud),
      reason: `${rejects ? 'Refused' : 'Allowed'}: the role has no bound_audiences and ${why}.`,
    },
    message: rejects ? LOGIN_MESSAGES.unboundAudience : undefined,
  };
}

interface IdentityResult {
  steps: Step[];
  alias?: { name: string; metadata: Record<string, string> };
  groups?: string[];
}

function identitySteps(role: StoredRole, claims: Record<string, unknown>, roleName: string | null, options: VaultOptions): IdentityResult {
  const steps: Step[] = [];
  let ok = true;
  // user_claim (L238–251): literal key unless user_claim_json_pointer.
  const userValue = role.userClaimJsonPointer ? getClaim(claims, role.userClaim, options.flavour).value : getLiteral(claims, role.userClaim);
  const userSource = role.sources.user_claim;
  let aliasName: string | undefined;
  const pointerNote = !role.userClaimJsonPointer && role.userClaim.startsWith('/') ? ' user_claim_json_pointer is false, so the name is a literal key, not a pointer.' : '';
  if (userValue === undefined) {
    ok = false;
    steps.push({
      check: { id: 'role.user_claim', label: `User claim (${role.userClaim})`, result: 'fail', expected: 'a string claim', actual: null, reason: `The token has no "${role.userClaim}" claim (or it is null).${pointerNote}`, source: userSource },
      message: LOGIN_MESSAGES.userClaimMissing(role.userClaim),
    });
  } else if (userValue.kind !== 'string') {
    ok = false;
    steps.push({
      check: { id: 'role.user_claim', label: `User claim (${role.userClaim})`, result: 'fail', expected: 'a string claim', actual: displayValue(userValue), reason: `The alias name must be a string; this claim is a ${userValue.kind === 'number' || userValue.kind === 'float' ? 'number' : userValue.kind}.`, source: userSource },
      message: LOGIN_MESSAGES.userClaimNotString(role.userClaim),
    });
  } else {
    aliasName = userValue.value;
    steps.push({ check: { id: 'role.user_claim', label: `User claim (${role.userClaim})`, result: 'pass', actual: userValue.value, reason: `The entity alias name is ${JSON.stringify(userValue.value)}.${pointerNote}`, source: userSource } });
  }

  // claim_mappings (extractMetadata L77–90).
  const metadata: Record<string, string> = {};
  for (const mapping of role.claimMappings) {
    const found = getClaim(claims, mapping.source, options.flavour).value;
    const id = `role.claim_mappings.${mapping.source}`;
    const label = `Claim mapping ${mapping.source} → ${mapping.target}`;
    if (found === undefined) {
      steps.push({ check: { id, label, result: 'pass', actual: null, reason: 'The claim is absent, so the mapping is skipped silently.', source: mapping.range } });
    } else if (found.kind !== 'string') {
      steps.push({
        check: { id, label, result: 'fail', expected: 'a string claim', actual: displayValue(found), reason: 'Metadata values must be strings; numbers and lists are refused.', source: mapping.range },
        message: LOGIN_MESSAGES.mappingNotString(mapping.source),
      });
      ok = false;
    } else {
      metadata[mapping.target] = found.value;
      steps.push({ check: { id, label, result: 'pass', actual: found.value, reason: `Metadata ${mapping.target} = ${JSON.stringify(found.value)}.`, source: mapping.range } });
    }
  }
  metadata.role = roleName ?? '<role name>';

  // groups_claim (L276–301).
  let groups: string[] | undefined;
  if (role.groupsClaim !== '') {
    const id = 'role.groups_claim';
    const label = `Groups claim (${role.groupsClaim})`;
    const source = role.sources.groups_claim;
    const found = getClaim(claims, role.groupsClaim, options.flavour).value;
    const fail = (message: string, reason: string, actual: unknown) => {
      ok = false;
      steps.push({ check: { id, label, result: 'fail', expected: 'a string or a list of strings', actual, reason, source }, message });
    };
    if (found === undefined) {
      fail(LOGIN_MESSAGES.groupsMissing(role.groupsClaim), 'The groups claim is absent (or null).', null);
    } else {
      const list = normalizeList(found);
      if (!list) {
        fail(LOGIN_MESSAGES.groupsNotList(role.groupsClaim), 'An object cannot be a groups list.', displayValue(found));
      } else {
        const bad = list.find((item) => item.kind !== 'string');
        if (bad) {
          fail(LOGIN_MESSAGES.groupNotString(goFormat(bad)), 'Every group must be a string.', displayValue(found));
        } else {
          groups = list.map((item) => (item as { value: string }).value).filter((g) => g !== '');
          steps.push({ check: { id, label, result: 'pass', actual: groups, reason: `Group aliases: ${groups.length > 0 ? groups.join(', ') : 'none'} (empty names are skipped).`, source } });
        }
      }
    }
  }
  return { steps, alias: ok && aliasName !== undefined ? { name: aliasName, metadata } : undefined, groups: ok ? groups : undefined };
}

function boundClaimStep(key: string, expected: GoValue, source: SourceRange, outcome: BoundClaimOutcome, mode: 'string' | 'glob', failingCount: number): Step {
  const id = `role.bound_claims.${key}`;
  const label = `Bound claim ${key}${mode === 'glob' ? ' (glob)' : ''}`;
  const actual = outcome.lookup.value === undefined ? null : displayValue(outcome.lookup.value);
  const notes = outcome.notes.length > 0 ? ` ${outcome.notes.join(' ')}` : '';
  if (outcome.status === 'pass') {
    const matched = outcome.matched!;
    return {
      check: {
        id,
        label,
        result: 'pass',
        expected: displayValue(expected),
        actual,
        reason: `${mode === 'glob' ? 'Pattern' : 'Value'} ${displayValue(matched.expected)} matches the token's ${displayValue(matched.actual)}.${notes}`,
        source,
      },
    };
  }
  const several = failingCount > 1 ? ` ${failingCount} bound claims fail; Vault checks them in random (Go map) order and reports only one.` : '';
  const headline: Record<Exclude<BoundClaimOutcome['status'], 'pass'>, string> = {
    missing: 'The token does not carry this claim (absent, null, or an unresolved pointer).',
    'received-not-list': 'The token value is an object, which Vault cannot compare.',
    'bound-not-list': 'The role value is an object or null, which Vault cannot compare.',
    'glob-not-string': 'In glob mode every role value must be a string.',
    'no-match': `No role value ${mode === 'glob' ? 'matches' : 'equals'} any token value.`,
    panic: 'Vault cannot compare these values.',
  };
  return {
    check: { id, label, result: outcome.status === 'panic' ? 'error' : 'fail', expected: displayValue(expected), actual, reason: `${headline[outcome.status]}${notes}${several}`, source },
    message: outcome.status === 'panic' ? LOGIN_MESSAGES.panic(outcome.error!) : `${CLAIMS_PREFIX}${outcome.error}`,
    decision: outcome.status === 'panic' ? 'error' : 'deny',
  };
}
