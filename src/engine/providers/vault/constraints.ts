/**
 * Vault / OpenBao JWT role fields as claim hints: bound_subject, bound_audiences, bound_claims
 * (string or glob by bound_claims_type, lists, JSON pointer keys) and the config's bound_issuer.
 * Source: hashicorp/vault-plugin-auth-jwt path_role.go, claims.go (validateBoundClaims,
 * getClaim with JSON pointers) and path_config.go.
 */
import { entryOf, type LocatedEntry, type LocatedValue } from './located';
import { parseVaultPolicy } from './parse';
import { scalarText } from './value';
import type { Constraints } from '../../constraints';
import { emptyConstraints, splitPath } from '../../constraints';

function texts(value: LocatedValue | undefined): string[] {
  if (!value) return [];
  if (value.items) return value.items.flatMap(texts);
  const scalar = scalarText(value.go);
  if (scalar !== null) return [scalar];
  if (value.go.kind === 'list') return value.go.items.flatMap((item) => (scalarText(item) === null ? [] : [scalarText(item)!]));
  return [];
}

function listField(entries: LocatedEntry[], key: string): string[] {
  // `vault write … bound_audiences=a,b` passes a comma-separated string (framework TypeCommaStringSlice).
  return texts(entryOf(entries, key)?.value).flatMap((value) => value.split(',')).map((value) => value.trim()).filter((value) => value !== '');
}

export function vaultConstraints(text: string): Constraints {
  const parsed = parseVaultPolicy(text);
  const constraints = emptyConstraints();
  if (!parsed.ok) return constraints;
  const { role, config } = parsed.policy;
  const issuer = config ? texts(entryOf(config, 'bound_issuer')?.value)[0] ?? '' : '';
  if (issuer !== '') {
    constraints.issuers.push(issuer);
    constraints.issuerPinned = true;
  } else {
    const discovery = config ? texts(entryOf(config, 'oidc_discovery_url')?.value)[0] ?? '' : '';
    // Discovery pins the issuer through the discovery document's `issuer` (go-oidc verifies it).
    if (discovery !== '') {
      constraints.issuers.push(discovery.replace(/\/+$/, ''));
      constraints.issuerPinned = true;
    }
  }
  const userClaim = entryOf(role, 'user_claim');
  const userClaimName = texts(userClaim?.value)[0];
  // Login fails without the user_claim (path_login.go "claim … not found in token").
  if (userClaim && userClaimName && !userClaimName.startsWith('/')) constraints.hints.push({ claim: userClaimName, kind: 'present', values: [], where: 'user_claim', source: userClaim.range });
  const subject = entryOf(role, 'bound_subject');
  const subjectText = texts(subject?.value)[0];
  if (subject && subjectText) constraints.hints.push({ claim: 'sub', kind: 'equals', values: [subjectText], where: 'bound_subject', source: subject.range });
  const audiences = entryOf(role, 'bound_audiences');
  const audienceList = listField(role, 'bound_audiences');
  if (audiences && audienceList.length > 0) constraints.hints.push({ claim: 'aud', kind: 'equals', values: audienceList, where: 'bound_audiences', source: audiences.range });
  const glob = texts(entryOf(role, 'bound_claims_type')?.value)[0] === 'glob';
  const boundClaims = entryOf(role, 'bound_claims');
  for (const entry of boundClaims?.value.entries ?? []) {
    let claim = entry.key;
    if (claim.startsWith('/')) {
      const segments = claim.slice(1).split('/');
      if (segments.length > 1) {
        constraints.opaque.push({ description: `bound_claims ${entry.key}: a nested claim the analysis does not vary`, source: entry.range });
        continue;
      }
      claim = segments[0].replace(/~1/g, '/').replace(/~0/g, '~');
    }
    constraints.hints.push({ claim, kind: glob ? 'glob' : 'equals', values: texts(entry.value), where: `bound_claims ${entry.key}`, source: entry.range });
  }
  // One role is one way in; each value of a listed bound claim is analysed on its own.
  constraints.paths.push(...splitPath({ label: 'the role', hints: constraints.hints, issuers: constraints.issuers }, 400));
  if (!constraints.issuerPinned) {
    constraints.opaque.push({ description: config ? 'the config names no bound_issuer or discovery URL: which issuers get in depends on the mount\'s keys (jwks_url, jwt_validation_pubkeys), not analysed' : 'no auth method config given: which issuers get in depends on the mount\'s keys and bound_issuer, not analysed (give {"config": …, "role": …})' });
  }
  return constraints;
}
