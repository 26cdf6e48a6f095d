/**
 * What a traced login records: every check in Vault's order, the first refusal (Vault's answer)
 * with its check marked decisive, and the facts the explanation shows beside the checks (the
 * acceptance window, the entity alias and its metadata, the group aliases).
 */
import { isoOf } from '../../time';
import type { Check, EvaluationResult, QuickDecision } from '../../result';
import { boundClaimCheck, claimMappingCheck, groupsCheck, userClaimCheck } from './login-checks';
import { boundClaimNotes, type BoundClaimMatch } from './bound-claims';
import type { VaultOptions } from './options';
import type { PreparedBoundClaim, PreparedLogin } from './prepare';
import type { TimeOutcome } from './time';
import type { GoValue } from './value';

const failed = (check: Check) => check.result === 'fail' || check.result === 'error';

export class LoginTrace {
  readonly checks: Check[] = [];
  /** The first refusal met: what Vault answers. */
  refusal: QuickDecision | null = null;
  time: TimeOutcome | null = null;
  private identityRefused = false;
  private aliasName: string | undefined;
  private readonly metadata: Record<string, string> = {};
  private groups: string[] | undefined;
  private readonly boundClaims: Array<{ claim: PreparedBoundClaim; match: BoundClaimMatch; refused: boolean; decisive: boolean }> = [];

  constructor(
    private readonly login: PreparedLogin,
    private readonly options: VaultOptions,
  ) {}

  /** One step's checks and the refusal it brings; the first refusal's first failing check is decisive. */
  step(checks: Check | Check[], refusal: QuickDecision | null): void {
    this.add(Array.isArray(checks) ? checks : [checks], this.answers(refusal));
  }

  /** Whether `refusal` is the first, which becomes the answer. */
  private answers(refusal: QuickDecision | null): boolean {
    if (refusal === null || this.refusal !== null) return false;
    this.refusal = refusal;
    return true;
  }

  private add(checks: Check[], decisive: boolean): void {
    const index = decisive ? checks.findIndex(failed) : -1;
    if (index >= 0) checks[index] = { ...checks[index], decisive: true };
    this.checks.push(...checks);
  }

  /** A refusal that has no check of its own here (the engine reports the signature). */
  refuse(refusal: QuickDecision): void {
    this.refusal ??= refusal;
  }

  userClaim(value: GoValue | undefined, refusal: QuickDecision | null): void {
    if (refusal) this.identityRefused = true;
    else this.aliasName = (value as { value: string }).value;
    this.step(userClaimCheck(this.login.role, value), refusal);
  }

  claimMapping(mapping: PreparedLogin['role']['claimMappings'][number], found: GoValue | undefined, refusal: QuickDecision | null): void {
    if (refusal) this.identityRefused = true;
    else if (found !== undefined) this.metadata[mapping.target] = (found as { value: string }).value;
    this.step(claimMappingCheck(mapping, found), refusal);
  }

  groupsClaim(found: GoValue | undefined, list: GoValue[] | null, bad: GoValue | undefined, refusal: QuickDecision | null): void {
    // Empty names make no group alias.
    const groups = refusal === null && list ? list.map((item) => (item as { value: string }).value).filter((g) => g !== '') : null;
    if (refusal) this.identityRefused = true;
    else this.groups = groups!;
    this.step(groupsCheck(this.login.role, found, list, bad, groups), refusal);
  }

  /** Noted as the login meets them; worded together in `result`, since each reason counts the failures. */
  boundClaim(claim: PreparedBoundClaim, match: BoundClaimMatch, refusal: QuickDecision | null): void {
    this.boundClaims.push({ claim, match, refused: refusal !== null, decisive: this.answers(refusal) });
  }

  /** The provider's result for the login's answer (`allow` comes with its success message); once per trace. */
  result(answer: QuickDecision): EvaluationResult {
    const { login, options } = this;
    const { role } = login;
    const failingBound = this.boundClaims.filter((b) => b.refused);
    for (const { claim, match, decisive } of this.boundClaims) {
      const notes = boundClaimNotes(claim.key, claim.expected, match, claim.mode);
      this.add([boundClaimCheck(claim.key, claim.expected, claim.source, match, notes, claim.mode, failingBound.length)], decisive);
    }
    const failing = this.checks.filter(failed).map((check) => check.id);
    const details: Record<string, unknown> = {
      flavour: options.flavour,
      vaultVersion: options.audienceRule === 'current' ? '1.17+' : 'before 1.17',
      role: login.roleName ?? null,
      boundClaimsType: role.boundClaimsType,
      leeways: {
        expirationLeeway: login.leeways.expiration,
        notBeforeLeeway: login.leeways.notBefore,
        clockSkewLeeway: login.leeways.clockSkew,
        stored: { expiration_leeway: role.expirationLeeway, not_before_leeway: role.notBeforeLeeway, clock_skew_leeway: role.clockSkewLeeway },
      },
      failingChecks: failing,
    };
    const time = this.time;
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
    if (!this.identityRefused && this.aliasName !== undefined) {
      this.metadata.role = login.roleName ?? '<role name>';
      details.alias = { name: this.aliasName, metadata: this.metadata };
      if (this.groups) details.groupAliases = this.groups;
    }
    if (answer.decision === 'allow') {
      details.token = {
        policies: role.tokenPolicies,
        ttl: role.tokenTtl,
        maxTtl: role.tokenMaxTtl,
        explicitMaxTtl: role.tokenExplicitMaxTtl,
        period: role.tokenPeriod,
        numUses: role.tokenNumUses,
        type: role.tokenType,
      };
    }
    return { provider: 'vault', decision: answer.decision, message: answer.message, checks: this.checks, findings: [], details };
  }
}
