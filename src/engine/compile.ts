/**
 * A configuration compiled once for many tokens: `decide` answers decision and message fast (for
 * exposure analysis, policy diff and scenario runs, which try thousands of tokens per edit), and
 * `explain` gives the full traced result — exactly what `evaluate()` returns — only when it is shown.
 *
 * `decide` never disagrees with `explain` (property tests hold them together). Providers with a
 * compiled decision function use it (all four; Google Cloud's only where its CEL cannot spend the
 * evaluation budget); otherwise the traced evaluation answers, with the configuration parsed and
 * its CEL programs planned once.
 */
import { detectProvider, evaluate } from './evaluate';
import { parseCached } from './parse-cache';
import type { ProviderModule, QuickDecider } from './provider';
import { PROVIDERS } from './providers/index';
import { errorResult, type EvaluationResult, type ProviderId, type QuickDecision } from './result';
import { annotate } from './evaluate-with';
import { tokenLimitProblem } from './limits';
import { claimsToken, type Claims, type Token } from './token';
import type { SignatureStatus } from './verify';

export interface CompileInput {
  policyText: string;
  /** Null or absent: detect from the configuration's shape, as `evaluate()` does. */
  provider?: ProviderId | null;
  options?: Record<string, string>;
}

export interface DecideContext {
  /** The evaluation instant, Unix seconds. */
  at: number;
  signature?: SignatureStatus;
}

export type { QuickDecision };

export interface CompiledConfiguration {
  /** False when the configuration itself cannot be read; `decide` and `explain` then return that error. */
  ok: boolean;
  provider: ProviderId | null;
  /** The error result when `ok` is false. */
  error?: EvaluationResult;
  decide(token: Token | Claims, context: DecideContext): QuickDecision;
  explain(token: Token | Claims, context: DecideContext): EvaluationResult;
}


/** A `Token` from decodeToken/claimsToken, or a bare claims object. */
export function asToken(token: Token | Claims): Token {
  const candidate = token as Partial<Token>;
  const isToken =
    (candidate.kind === 'jws' || candidate.kind === 'claims') &&
    typeof candidate.claims === 'object' &&
    candidate.claims !== null &&
    Array.isArray(candidate.warnings);
  return isToken ? (token as Token) : claimsToken(token as Claims);
}

function project(result: EvaluationResult): QuickDecision {
  return { decision: result.decision, message: result.message };
}

export function compileConfiguration(input: CompileInput): CompiledConfiguration {
  const options = input.options ?? {};
  let providerId = input.provider ?? null;
  if (!providerId) {
    const detection = detectProvider(input.policyText);
    if (!detection.ok) return failed(null, errorResult(null, detection.message, { source: detection.source, details: { inputError: 'policy' } }));
    providerId = detection.provider;
  }
  const provider: ProviderModule<unknown> | undefined = PROVIDERS[providerId];
  if (!provider) return failed(null, errorResult(null, `unknown provider: ${String(providerId)}`, { details: { inputError: 'provider' } }));
  let parsed;
  try {
    parsed = parseCached(providerId, provider, input.policyText);
  } catch (error) {
    return failed(providerId, errorResult(providerId, `internal error while evaluating: ${error instanceof Error ? error.message : String(error)}`));
  }
  if (!parsed.ok) {
    return failed(providerId, errorResult(providerId, parsed.error.message, { source: parsed.error.source, details: { inputError: 'policy' } }));
  }
  const id = providerId;
  const explain = (token: Token | Claims, context: DecideContext): EvaluationResult =>
    evaluate({ policyText: input.policyText, provider: id, token: { ok: true, token: asToken(token) }, at: context.at, signature: context.signature, options });

  let fast: QuickDecider | null = null;
  try {
    fast = provider.compile(parsed.policy);
  } catch {
    fast = null;
  }
  const decide = (token: Token | Claims, context: DecideContext): QuickDecision => {
    // A bad signature changes the message after the provider has decided; the traced path owns that.
    // So does a token over the engine's or the service's size limits.
    const asked = asToken(token);
    if (fast && context.signature?.state !== 'invalid' && !tokenLimitProblem(id, asked)) {
      try {
        return fast(asked, context.at, options);
      } catch {
        // An unexpected input: the traced path reports it as evaluate() does.
      }
    }
    return project(explain(token, context));
  };
  return { ok: true, provider: id, decide, explain };
}

function failed(provider: ProviderId | null, unannotated: EvaluationResult): CompiledConfiguration {
  // The same result evaluate() gives: who speaks in the message, and any fix.
  const error = annotate(unannotated);
  return { ok: false, provider, error, decide: () => project(error), explain: () => error };
}
