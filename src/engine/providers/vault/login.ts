/**
 * A JWT login as path_login.go pathLogin runs it (L96–211), with hashicorp/cap's validator in
 * between: the one evaluation behind both the decision and the explanation.
 *
 * Vault stops at the first refusal and answers with its message. Without a trace this does the
 * same and builds nothing else. With a trace it goes on through every remaining step, so each
 * check can be shown, and answers with the first refusal all the same: the trace only words what
 * the steps computed (login-checks.ts), it never decides.
 */
import type { QuickDecision } from '../../result';
import type { Token } from '../../token';
import { matchPlannedBoundClaim, normalizeList } from './bound-claims';
import {
  algCheck,
  audienceCheck,
  boundCidrsCheck,
  headerAlg,
  issuerCheck,
  keySourceCheck,
  registeredClaimsCheck,
  roleTypeCheck,
  subjectCheck,
  timeChecks,
  unboundAudienceCheck,
} from './login-checks';
import type { LoginTrace } from './login-trace';
import { getClaim, getLiteral } from './lookup';
import { BAD_SIGNATURE_MESSAGE, CLAIMS_PREFIX, LOGIN_MESSAGES, TOKEN_PREFIX } from './messages';
import type { AudienceRule, VaultOptions } from './options';
import type { PreparedLogin } from './prepare';
import { decodeRegisteredClaims } from './registered';
import { checkTimes, TIME_MESSAGES } from './time';
import { goFormat, type GoValue } from './value';

const deny = (message: string): QuickDecision => ({ decision: 'deny', message });

/**
 * `signatureInvalid`: the engine found the signature bad, which Vault reports where it verifies it
 * (step 8a), after the role and config and before any claim.
 */
export function runLogin(login: PreparedLogin, token: Token, at: number, options: VaultOptions, signatureInvalid: boolean, trace: LoginTrace | null): QuickDecision {
  const { role, config } = login;
  const { flavour } = options;
  const claims = token.claims;
  let refusal: QuickDecision | null;

  // Step 4 (L110–112).
  refusal = login.oidcRole ? deny(LOGIN_MESSAGES.oidcRole) : null;
  if (refusal && !trace) return refusal;
  trace?.step(roleTypeCheck(role), refusal);

  // Step 6 (L121–129): the client address, before any look at the token; not known here.
  trace?.step(boundCidrsCheck(role), null);

  // Step 7 (L132–135; backend.go jwtValidator).
  refusal = login.unsupportedConfig ? deny(LOGIN_MESSAGES.unsupportedConfig) : null;
  if (refusal && !trace) return refusal;
  trace?.step(keySourceCheck(config, login.unsupportedConfig), refusal);

  // Step 8a: the signature (its check is the engine's own).
  if (signatureInvalid) {
    refusal = deny(BAD_SIGNATURE_MESSAGE);
    if (!trace) return refusal;
    trace.refuse(refusal);
  }

  // Step 8b (cap L207–209): the alg header.
  const alg = headerAlg(token);
  const algAllowed = alg === null || login.allowedAlgs.includes(alg);
  refusal = algAllowed ? null : deny(LOGIN_MESSAGES.algorithm);
  if (refusal && !trace) return refusal;
  trace?.step(algCheck(login, alg, algAllowed), refusal);

  // Step 8c (cap L212–219): the registered claims decode into go-jose's Claims, or validation stops.
  const registered = decodeRegisteredClaims(claims);
  refusal = registered.ok ? null : { decision: 'error', message: `${TOKEN_PREFIX}${registered.error}` };
  if (refusal && !trace) return refusal;
  trace?.step(registeredClaimsCheck(claims, registered), refusal);
  // Null only on a trace past a failed decode: the claim checks below are then shown as skipped.
  const decoded = registered.ok ? registered.claims : null;

  // Step 8d: the config's bound_issuer, exactly.
  const issuerBound = decoded !== null && config.given && config.boundIssuer !== '';
  const issuerMatches = !issuerBound || decoded.iss === config.boundIssuer;
  refusal = issuerMatches ? null : deny(LOGIN_MESSAGES.issuer);
  if (refusal && !trace) return refusal;
  trace?.step(issuerCheck(config, claims, decoded, issuerMatches), refusal);

  // Step 8e: bound_subject, exactly.
  const subjectMatches = decoded === null || role.boundSubject === '' || decoded.sub === role.boundSubject;
  refusal = subjectMatches ? null : deny(LOGIN_MESSAGES.subject);
  if (refusal && !trace) return refusal;
  trace?.step(subjectCheck(role, decoded, subjectMatches), refusal);

  // Step 8f: bound_audiences, any role entry equal to any token entry.
  const audienceBound = decoded !== null && role.boundAudiences.length > 0;
  const hit = audienceBound ? role.boundAudiences.find((aud) => decoded.aud.includes(aud)) : undefined;
  refusal = audienceBound && hit === undefined ? deny(LOGIN_MESSAGES.audience) : null;
  if (refusal && !trace) return refusal;
  trace?.step(audienceCheck(role, decoded, hit), refusal);

  // Steps 8g–8j: the token's lifetime.
  const time = decoded !== null ? checkTimes(decoded, login.leeways, at) : null;
  refusal = time?.failure ? deny(`${TOKEN_PREFIX}${TIME_MESSAGES[time.failure]}`) : null;
  if (refusal && !trace) return refusal;
  if (trace) {
    trace.time = time;
    trace.step(timeChecks(time, login.leeways, at, role), refusal);
  }

  // Step 9 (L168–180): a role without bound_audiences refuses a token that names an audience.
  const aud = role.boundAudiences.length === 0 ? getClaim(claims, 'aud', flavour).value : undefined;
  const audienceNamed = role.boundAudiences.length === 0 && namesAudience(aud, options.audienceRule);
  refusal = audienceNamed ? deny(LOGIN_MESSAGES.unboundAudience) : null;
  if (refusal && !trace) return refusal;
  trace?.step(unboundAudienceCheck(role, aud, options.audienceRule, audienceNamed), refusal);

  // Step 10 (createIdentity): user_claim, a literal key unless user_claim_json_pointer (L238–251).
  const user = role.userClaimJsonPointer ? getClaim(claims, role.userClaim, flavour).value : getLiteral(claims, role.userClaim);
  refusal =
    user === undefined ? deny(LOGIN_MESSAGES.userClaimMissing(role.userClaim))
    : user.kind !== 'string' ? deny(LOGIN_MESSAGES.userClaimNotString(role.userClaim))
    : null;
  if (refusal && !trace) return refusal;
  trace?.userClaim(user, refusal);

  // claim_mappings (extractMetadata L77–90): an absent claim is skipped, a non-string refused.
  for (const mapping of role.claimMappings) {
    const found = getClaim(claims, mapping.source, flavour).value;
    refusal = found !== undefined && found.kind !== 'string' ? deny(LOGIN_MESSAGES.mappingNotString(mapping.source)) : null;
    if (refusal && !trace) return refusal;
    trace?.claimMapping(mapping, found, refusal);
  }

  // groups_claim (L276–301): a string or a list of strings.
  if (role.groupsClaim !== '') {
    const found = getClaim(claims, role.groupsClaim, flavour).value;
    const list = found === undefined ? null : normalizeList(found);
    const bad = list?.find((item) => item.kind !== 'string');
    refusal =
      found === undefined ? deny(LOGIN_MESSAGES.groupsMissing(role.groupsClaim))
      : !list ? deny(LOGIN_MESSAGES.groupsNotList(role.groupsClaim))
      : bad ? deny(LOGIN_MESSAGES.groupNotString(goFormat(bad)))
      : null;
    if (refusal && !trace) return refusal;
    trace?.groupsClaim(found, list, bad, refusal);
  }

  // Step 11: bound_claims, key by key (validateBoundClaims).
  for (const claim of login.boundClaims) {
    const match = matchPlannedBoundClaim(claim, claims, flavour);
    refusal =
      match.status === 'pass' ? null
      : match.status === 'panic' ? { decision: 'error', message: LOGIN_MESSAGES.panic(match.error!) }
      : deny(`${CLAIMS_PREFIX}${match.error}`);
    if (refusal && !trace) return refusal;
    trace?.boundClaim(claim, match, refusal);
  }

  if (trace?.refusal) return trace.refusal;
  return { decision: 'allow', message: login.allowed((user as { value: string }).value) };
}

/** Step 9's test: a non-empty list aud; since plugin v0.20.3 (Vault 1.17, PR #295) a non-empty string too. */
function namesAudience(aud: GoValue | undefined, rule: AudienceRule): boolean {
  if (aud?.kind === 'list') return aud.items.length > 0;
  if (aud?.kind === 'string') return rule !== 'before-1.17' && aud.value !== '';
  return false;
}
