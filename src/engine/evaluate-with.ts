/**
 * Evaluation over a given set of providers: the CLI and the tests pass them all (`evaluate.ts`);
 * the browser's worker passes only the one it loaded, so other providers' code never arrives.
 * It never throws: whatever goes wrong becomes an `error` result with a located message.
 */
import { prepareWith } from './prepare';
import type { ProviderRegistry } from './detect';
import type { EvaluationResult, ProviderId } from './result';
import type { TokenOutcome } from './token';
import type { SignatureStatus } from './verify';

export { detectWith, type Detection, type ProviderRegistry } from './detect';
export { signatureCheck } from './prepare';

export interface EvaluationInput {
  policyText: string;
  /** Null or absent: detect from the configuration's shape. */
  provider?: ProviderId | null;
  token: TokenOutcome;
  at: number;
  signature?: SignatureStatus;
  options?: Record<string, string>;
}

export function evaluateWith(providers: ProviderRegistry, input: EvaluationInput): EvaluationResult {
  return prepareWith(providers, input).evaluate(input.token, { at: input.at, signature: input.signature });
}
