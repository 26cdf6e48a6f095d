/**
 * The engine's entry points with every provider at hand: `prepare` (a configuration asked about
 * many tokens), `evaluate` (one traced verdict) and `detectProvider`. They never throw: whatever
 * goes wrong becomes an `error` result with a located message.
 */
import { detectWith, evaluateWith, type Detection, type EvaluationInput } from './evaluate-with';
import { prepareWith, type Prepared, type PrepareInput } from './prepare';
import { PROVIDERS } from './providers/index';
import type { EvaluationResult } from './result';

export { signatureCheck, type Detection, type EvaluationInput } from './evaluate-with';
export type { DecideContext, Prepared, PrepareInput } from './prepare';

export function detectProvider(policyText: string): Detection {
  return detectWith(PROVIDERS, policyText);
}

/** The configuration detected, converted, parsed and planned once (and kept for the next call). */
export function prepare(input: PrepareInput): Prepared {
  return prepareWith(PROVIDERS, input);
}

export function evaluate(input: EvaluationInput): EvaluationResult {
  return evaluateWith(PROVIDERS, input);
}
