/**
 * The engine's one entry point: configuration text + token + instant → result, with every
 * provider at hand. It never throws: whatever goes wrong becomes an `error` result with a located message.
 */
import { detectWith, evaluateWith, type Detection, type EvaluationInput } from './evaluate-with';
import { PROVIDERS } from './providers/index';
import type { EvaluationResult } from './result';

export { signatureCheck, type Detection, type EvaluationInput } from './evaluate-with';

export function detectProvider(policyText: string): Detection {
  return detectWith(PROVIDERS, policyText);
}

export function evaluate(input: EvaluationInput): EvaluationResult {
  return evaluateWith(PROVIDERS, input);
}
