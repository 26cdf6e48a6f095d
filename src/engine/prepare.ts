/**
 * The engine's one front door: a configuration text becomes a `Prepared` configuration — the
 * provider detected, Terraform or CloudFormation converted (with its source map), the provider's
 * configuration parsed and planned — once, and kept in one cache. Every caller asks the prepared
 * configuration: `evaluate()` (one traced verdict), exposure, diff, the scenario matrix,
 * `trustlens test`, scans, the CLI and the app's workers.
 *
 * `decide` answers decision and message through the provider's plan with nothing traced;
 * `explain` answers the full result. Neither throws.
 */
import { detectWith, type ProviderRegistry } from './detect';
import { prepareIac } from './prepare-iac';
import { signatureCheck, type DecideContext, type Stage } from './stage';
import { detectIacFormat, MAX_CONFIGURATION_LENGTH, type Conversion } from './inputs/index';
import { tokenLimitProblem } from './limits';
import type { EvaluationContext, ProviderModule } from './provider';
import { errorResult, type EvaluationResult, type ProviderId, type QuickDecision } from './result';
import { suggestFix } from './suggest';
import { claimsToken, type Claims, type Token, type TokenOutcome } from './token';
import { SIGNATURE_NOT_CHECKED } from './verify';

export { signatureCheck, type DecideContext } from './stage';

export interface PrepareInput {
  policyText: string;
  /** Null or absent: detect from the configuration's shape. */
  provider?: ProviderId | null;
  options?: Record<string, string>;
}


export interface Prepared {
  /** False when the configuration itself cannot be read; every answer is then that error. */
  ok: boolean;
  provider: ProviderId | null;
  /** The error result every token gets when `ok` is false. */
  error?: EvaluationResult;
  /** What the provider reads: the text given, or what Terraform / CloudFormation converts to. */
  configurationText: string | null;
  /** The conversion, for Terraform and CloudFormation text. */
  conversion: Conversion | null;
  /** Decision and message only; nothing traced. */
  decide(token: Token | Claims, context: DecideContext): QuickDecision;
  /** The full result, exactly what `evaluate()` returns for this token. */
  explain(token: Token | Claims, context: DecideContext): EvaluationResult;
  /** The same for a token that may not have been readable (its error then speaks, after the configuration's). */
  evaluate(token: TokenOutcome, context: DecideContext): EvaluationResult;
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

function internalError(provider: ProviderId | null, error: unknown): EvaluationResult {
  return errorResult(provider, `internal error while evaluating: ${error instanceof Error ? error.message : String(error)}`);
}

/** The stage's answers, made safe and annotated: what every caller gets. */
function finish(stage: Stage, given: ProviderId | null): Prepared {
  const evaluate = (token: TokenOutcome, context: DecideContext): EvaluationResult => {
    try {
      return annotate(stage.run(token, context));
    } catch (error) {
      return internalError(given, error);
    }
  };
  const explain = (token: Token | Claims, context: DecideContext) => evaluate({ ok: true, token: asToken(token) }, context);
  let error: EvaluationResult | undefined;
  if (!stage.ok) {
    // A configuration that cannot be read answers the same error whatever the token.
    error = evaluate({ ok: true, token: claimsToken({}) }, { at: 0 });
  }
  const decide = (token: Token | Claims, context: DecideContext): QuickDecision => {
    if (stage.quick) {
      try {
        return stage.quick(asToken(token), context);
      } catch {
        // An unexpected input: the traced run reports it as evaluate() does.
      }
    }
    const result = explain(token, context);
    return { decision: result.decision, message: result.message };
  };
  return { ok: stage.ok, provider: stage.provider, error, configurationText: stage.configurationText, conversion: stage.conversion, decide, explain, evaluate };
}

function failedStage(provider: ProviderId | null, result: EvaluationResult, conversion: Conversion | null = null): Stage {
  return { ok: false, provider, configurationText: null, conversion, run: () => result };
}

function tokenFor(outcome: TokenOutcome, provider: ProviderId): Token | EvaluationResult {
  if (outcome.ok) return outcome.token;
  return errorResult(provider, outcome.error.message, { source: outcome.error.source, details: { inputError: 'token' } });
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

/** A provider's own configuration (JSON, or a Vault command line): parsed, planned and linted once. */
function configurationStage(providers: ProviderRegistry, text: string, given: ProviderId | null, options: Record<string, string>): Stage {
  let providerId = given;
  if (!providerId) {
    const detection = detectWith(providers, text);
    if (!detection.ok) return failedStage(null, errorResult(null, detection.message, { source: detection.source, details: { inputError: 'policy' } }));
    providerId = detection.provider;
  }
  const id = providerId;
  const provider: ProviderModule<unknown> | undefined = providers[id];
  if (!provider) return failedStage(null, errorResult(null, `unknown provider: ${String(id)}`, { details: { inputError: 'provider' } }));
  const parsed = provider.parse(text);
  if (!parsed.ok) return failedStage(id, errorResult(id, parsed.error.message, { source: parsed.error.source, details: { inputError: 'policy' } }));
  const policy = parsed.policy;
  const plan = provider.plan(policy);
  let lint: EvaluationResult['findings'] | null = null;
  const run = (outcome: TokenOutcome, context: DecideContext): EvaluationResult => {
    const token = tokenFor(outcome, id);
    if (!('kind' in token)) return token;
    const limit = tokenLimitProblem(provider, token);
    if (limit) return errorResult(id, limit.message, { source: limit.source, details: { inputError: 'token' } });
    const signature = context.signature ?? SIGNATURE_NOT_CHECKED;
    const evaluation: EvaluationContext = { at: context.at, signature, options };
    const result = plan.explain(token, evaluation);
    lint ??= safeLint(provider, policy);
    const findings = [...lint, ...result.findings];
    const checks = [signatureCheck(signature), ...result.checks.filter((c) => c.id !== 'token.signature')];
    const merged: EvaluationResult = { ...result, provider: id, checks, findings: dedupeFindings(findings) };
    // A provider that places the signature check in its own order (Vault runs some checks before it)
    // says so; otherwise a bad signature is what the service reports.
    if (signature.state === 'invalid' && merged.decision !== 'error' && result.details.signatureHandled !== true) {
      return { ...merged, decision: 'deny', message: provider.badSignatureMessage };
    }
    return merged;
  };
  // A bad signature changes the message after the provider has decided, and a token over the size
  // limits is refused before: the traced run owns both.
  const quick = (token: Token, context: DecideContext): QuickDecision => {
    if (context.signature?.state === 'invalid' || tokenLimitProblem(provider, token)) {
      const result = annotate(run({ ok: true, token }, context));
      return { decision: result.decision, message: result.message };
    }
    return plan.decide(token, context.at, options);
  };
  return { ok: true, provider: id, configurationText: text, conversion: null, run, quick };
}

function stageWith(providers: ProviderRegistry, input: PrepareInput): Stage {
  const text = input.policyText;
  const given = input.provider ?? null;
  const options = input.options ?? {};
  if (text.length > MAX_CONFIGURATION_LENGTH) {
    const message = `The trust configuration could not be read: it is ${text.length.toLocaleString('en-US')} characters long and trustlens reads up to ${MAX_CONFIGURATION_LENGTH.toLocaleString('en-US')} (line 1:1)`;
    return failedStage(given, errorResult(given, message, { source: { line: 1, column: 1, endLine: 1, endColumn: 2 }, details: { inputError: 'policy' } }));
  }
  const format = detectIacFormat(text);
  if (format) return prepareIac(text, format, given, options, (converted, provider) => cachedStage(providers, { policyText: converted, provider, options }));
  return configurationStage(providers, text, given, options);
}

/** Entries kept: the text being edited, a file's few configurations, a diff's two versions. */
const CAPACITY = 32;
/** Larger texts are prepared every time rather than pinned in memory. */
const MAX_CACHED_TEXT = 512 * 1024;

interface Entry {
  stage: Stage;
  prepared: Prepared;
}

const cache = new Map<string, Entry>();

function cacheKey(providers: ProviderRegistry, input: PrepareInput): string {
  const options = Object.entries(input.options ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // The registry matters: the browser's workers hold only the providers they loaded.
  const registry = Object.keys(providers).sort().join(',');
  return `${registry}\u0000${input.provider ?? ''}\u0000${JSON.stringify(options)}\u0000${input.policyText}`;
}

/**
 * A stage whose answer can change when more code arrives (a reader still loading, Terraform read
 * before HashiCorp's parser could double-check it) is never kept.
 */
function keepable(stage: Stage): boolean {
  if (stage.conversion?.unchecked) return false;
  if (stage.ok) return true;
  const details = stage.run({ ok: true, token: claimsToken({}) }, { at: 0 }).details;
  const iac = details.iac as { pending?: boolean; unchecked?: boolean } | undefined;
  return iac?.pending !== true && iac?.unchecked !== true && details.inputError !== 'provider';
}

function cachedEntry(providers: ProviderRegistry, input: PrepareInput): Entry {
  if (input.policyText.length > MAX_CACHED_TEXT) {
    const stage = stageWith(providers, input);
    return { stage, prepared: finish(stage, input.provider ?? null) };
  }
  const key = cacheKey(providers, input);
  const hit = cache.get(key);
  if (hit) {
    // Least recently used goes first: re-inserting moves the entry to the end.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const stage = stageWith(providers, input);
  const entry = { stage, prepared: finish(stage, input.provider ?? null) };
  if (keepable(stage)) {
    if (cache.size >= CAPACITY) cache.delete(cache.keys().next().value!);
    cache.set(key, entry);
  }
  return entry;
}

function cachedStage(providers: ProviderRegistry, input: PrepareInput): Stage {
  return cachedEntry(providers, input).stage;
}

/** The configuration prepared with the providers given (the browser's worker passes only those it loaded). */
export function prepareWith(providers: ProviderRegistry, input: PrepareInput): Prepared {
  try {
    return cachedEntry(providers, input).prepared;
  } catch (error) {
    return finish(failedStage(input.provider ?? null, internalError(input.provider ?? null, error)), input.provider ?? null);
  }
}

/** Forget every prepared configuration (tests that count parses). */
export function clearPrepared(): void {
  cache.clear();
}
