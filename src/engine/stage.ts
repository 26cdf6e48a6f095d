/**
 * What the front door's stages share: the instant and signature a decision is asked at, a stage's
 * answers, and the signature check every result starts with.
 */
import type { Conversion } from './inputs/index';
import type { Check, EvaluationResult, ProviderId, QuickDecision } from './result';
import type { Token, TokenOutcome } from './token';
import type { SignatureStatus } from './verify';

export interface DecideContext {
  /** The evaluation instant, Unix seconds. */
  at: number;
  signature?: SignatureStatus;
}

/** What a prepared configuration answers before the last touch (who speaks, the fix). */
export interface Stage {
  ok: boolean;
  provider: ProviderId | null;
  configurationText: string | null;
  conversion: Conversion | null;
  /** Unannotated; `evaluate()` annotates once, at the front door. */
  run(token: TokenOutcome, context: DecideContext): EvaluationResult;
  /** Absent where only the traced run can answer (a conversion that still needs values). */
  quick?: (token: Token, context: DecideContext) => QuickDecision;
}

export function signatureCheck(status: SignatureStatus): Check {
  switch (status.state) {
    case 'skipped':
      return { id: 'token.signature', label: 'Token signature', result: 'skip', reason: status.reason };
    case 'verified':
      return {
        id: 'token.signature',
        label: 'Token signature',
        result: 'pass',
        expected: status.keySource,
        actual: `${status.alg}${status.kid ? ` kid=${status.kid}` : ''}`,
        reason: `Verified with key ${status.kid ? `kid=${status.kid} ` : ''}(${status.alg}) from ${status.keySource}.`,
      };
    case 'invalid':
      return {
        id: 'token.signature',
        label: 'Token signature',
        result: 'fail',
        expected: status.keySource,
        reason: `Signature does not verify: ${status.reason}.`,
      };
  }
}
