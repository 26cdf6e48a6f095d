/**
 * Evaluation over a given set of providers: the CLI and the tests pass them all (`evaluate.ts`);
 * the browser's worker passes only the one it loaded, so other providers' code never arrives.
 * It never throws: whatever goes wrong becomes an `error` result with a located message.
 */
import { detectWith, type ProviderRegistry } from './detect';
import { evaluateIac } from './evaluate-iac';
import { detectIacFormat, MAX_CONFIGURATION_LENGTH } from './inputs/index';
import { tokenLimitProblem } from './limits';
import { detectCached, lintCached, parseCached } from './parse-cache';
import type { EvaluationContext, ProviderModule } from './provider';
import { suggestFix } from './suggest';

import { errorResult, type Check, type EvaluationResult, type ProviderId } from './result';
import type { Token, TokenOutcome } from './token';
import { SIGNATURE_NOT_CHECKED, type SignatureStatus } from './verify';

export { detectWith, type Detection, type ProviderRegistry } from './detect';

export interface EvaluationInput {
  policyText: string;
  /** Null or absent: detect from the configuration's shape. */
  provider?: ProviderId | null;
  token: TokenOutcome;
  at: number;
  signature?: SignatureStatus;
  options?: Record<string, string>;
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

function tokenFor(outcome: TokenOutcome, provider: ProviderId): Token | EvaluationResult {
  if (outcome.ok) return outcome.token;
  return errorResult(provider, outcome.error.message, { source: outcome.error.source, details: { inputError: 'token' } });
}

export function evaluateWith(providers: ProviderRegistry, input: EvaluationInput): EvaluationResult {
  try {
    return annotate(evaluateUnsafe(providers, input));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return errorResult(input.provider ?? null, `internal error while evaluating: ${reason}`);
  }
}

function evaluateUnsafe(providers: ProviderRegistry, input: EvaluationInput): EvaluationResult {
  if (input.policyText.length > MAX_CONFIGURATION_LENGTH) {
    const message = `The trust configuration could not be read: it is ${input.policyText.length.toLocaleString('en-US')} characters long and trustlens reads up to ${MAX_CONFIGURATION_LENGTH.toLocaleString('en-US')} (line 1:1)`;
    return errorResult(input.provider ?? null, message, { source: { line: 1, column: 1, endLine: 1, endColumn: 2 }, details: { inputError: 'policy' } });
  }
  const iacFormat = detectIacFormat(input.policyText);
  if (iacFormat) {
    const result = evaluateIac(input, iacFormat, (converted) => evaluateUnsafe(providers, converted));
    // A conversion error still reports the signature check, like every other result.
    if (result.checks.some((c) => c.id === 'token.signature')) return result;
    return { ...result, checks: [signatureCheck(input.signature ?? SIGNATURE_NOT_CHECKED), ...result.checks] };
  }
  let providerId = input.provider ?? null;
  if (!providerId) {
    const detection = detectCached(input.policyText, (text) => detectWith(providers, text));
    if (!detection.ok) return errorResult(null, detection.message, { source: detection.source, details: { inputError: 'policy' } });
    providerId = detection.provider;
  }
  const provider: ProviderModule<unknown> | undefined = providers[providerId];
  if (!provider) return errorResult(null, `unknown provider: ${String(providerId)}`, { details: { inputError: 'provider' } });
  const parsed = parseCached(providerId, provider, input.policyText);
  if (!parsed.ok) {
    return errorResult(providerId, parsed.error.message, { source: parsed.error.source, details: { inputError: 'policy' } });
  }
  const token = tokenFor(input.token, providerId);
  if (!('kind' in token)) return token;
  const limit = tokenLimitProblem(providerId, token);
  if (limit) return errorResult(providerId, limit.message, { source: limit.source, details: { inputError: 'token' } });
  const signature = input.signature ?? SIGNATURE_NOT_CHECKED;
  const context: EvaluationContext = { at: input.at, signature, options: input.options ?? {} };
  const result = provider.evaluate(parsed.policy, token, context);
  const findings = [...lintCached(parsed.policy, () => safeLint(provider, parsed.policy)), ...result.findings];
  const checks = [signatureCheck(signature), ...result.checks.filter((c) => c.id !== 'token.signature')];
  const merged: EvaluationResult = { ...result, provider: providerId, checks, findings: dedupeFindings(findings) };
  // A provider that places the signature check in its own order (Vault runs some checks before it)
  // says so; otherwise a bad signature is what the service reports.
  if (signature.state === 'invalid' && merged.decision !== 'error' && result.details.signatureHandled !== true) {
    return { ...merged, decision: 'deny', message: provider.badSignatureMessage };
  }
  return merged;
}

/** trustlens's own reading errors, as opposed to what the service itself would answer. */
const TRUSTLENS_READING_ERROR = /is not valid (JSON|YAML|HCL)|^unknown provider|^ambiguous provider|could not be read|cannot be evaluated|is nested more than|too deeply to read in the browser|does not read/;

/**
 * Who speaks in the message (`details.messageBy`: the service, or trustlens when it could not
 * read an input), and the one-line fix the deciding check suggests (`details.fix`).
 */
export function annotate(result: EvaluationResult): EvaluationResult {
  const input = result.details.inputError;
  // Values the Terraform or CloudFormation text does not give are trustlens's question, not the service's answer.
  const unresolved = Array.isArray(result.details.unresolved) && result.details.unresolved.length > 0;
  const byTrustlens = result.decision === 'error' && (input === 'token' || input === 'provider' || (input === 'policy' && (unresolved || TRUSTLENS_READING_ERROR.test(result.message))));
  const fix = suggestFix(result);
  return { ...result, details: { ...result.details, messageBy: byTrustlens ? 'trustlens' : 'service', ...(fix ? { fix } : {}) } };
}

function safeLint(provider: ProviderModule<unknown>, policy: unknown) {
  try {
    return provider.lint(policy);
  } catch {
    return [];
  }
}

function dedupeFindings(findings: EvaluationResult['findings']): EvaluationResult['findings'] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.id}\u0000${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
