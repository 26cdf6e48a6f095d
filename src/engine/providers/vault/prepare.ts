/**
 * Everything a login needs that does not depend on the token, for one server flavour: the role and
 * config written as Vault writes them, the effective leeways, the accepted algorithms, the bound
 * claims planned, and the refusals every login would get before the token is read.
 */
import type { SourceRange } from '../../result';
import { planBoundClaim, type PlannedBoundClaim } from './bound-claims';
import { readConfig, SUPPORTED_ALGS, type AuthConfig, type ConfigOutcome } from './config';
import type { Flavour } from './fields';
import { allowedMessage } from './messages';
import type { VaultPolicy } from './parse';
import { leewaysOf, type Leeways } from './time';
import { writeRole, type RoleWriteOutcome, type StoredRole } from './validate-role';

export interface PreparedBoundClaim extends PlannedBoundClaim {
  source: SourceRange;
}

export interface PreparedLogin {
  roleName: string | null;
  role: StoredRole;
  config: AuthConfig;
  leeways: Leeways;
  allowedAlgs: readonly string[];
  /** An oidc role serves only the browser flow: every JWT login is refused (path_login.go L110–112). */
  oidcRole: boolean;
  /** Vault's JWT validator has no case for the OIDC-flow config type (backend.go jwtValidator). */
  unsupportedConfig: boolean;
  boundClaims: PreparedBoundClaim[];
  allowed: (alias: string) => string;
}

export type Preparation =
  | { ok: true; login: PreparedLogin }
  | { ok: false; write: Extract<RoleWriteOutcome, { ok: false }> }
  | { ok: false; config: Extract<ConfigOutcome, { ok: false }> };

export function prepareLogin(policy: VaultPolicy, flavour: Flavour): Preparation {
  const write = writeRole(policy.role, flavour);
  if (!write.ok) return { ok: false, write };
  const read = readConfig(policy.config, flavour);
  if (!read.ok) return { ok: false, config: read };
  const { role } = write;
  const { config } = read;
  return {
    ok: true,
    login: {
      roleName: policy.roleName,
      role,
      config,
      leeways: leewaysOf(role),
      allowedAlgs: config.supportedAlgs.length > 0 ? config.supportedAlgs : SUPPORTED_ALGS,
      oidcRole: role.roleType === 'oidc',
      unsupportedConfig: config.given && config.keySourceGiven && config.authType === 'oidc-flow' && flavour === 'vault',
      boundClaims: role.boundClaims.map((claim) => ({ ...planBoundClaim(claim.key, claim.value.go, role.boundClaimsType), source: claim.range })),
      allowed: allowedMessage(policy.roleName, role.tokenPolicies, role.tokenBoundCidrs),
    },
  };
}
