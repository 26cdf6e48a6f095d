/**
 * Decisions for `trustlens test`: each configuration is compiled once and every scenario on it is
 * decided through the compiled path; the traced evaluation runs only where its exact words are
 * needed — an error (which names the faulty input), Terraform or CloudFormation text, or a
 * scenario that fails and whose line must say what the evaluation said.
 */
import { prepare, type Prepared } from '../engine/evaluate';
import { detectIacFormat } from '../engine/inputs/index';
import type { QuickDecision } from '../engine/result';
import { claimsToken, decodeToken, parseClaims, type TokenOutcome } from '../engine/token';
import { SIGNATURE_NOT_CHECKED } from '../engine/verify';
import { runEvaluation, type EvalRequest } from './eval';

/** Scenario files name few configurations; a file with one per scenario must not grow this without end. */
const MAX_COMPILED = 64;

export class ScenarioDecider {
  /** By configuration text, then provider and options: a file's scenarios share one text, whose hash is kept. */
  private readonly compiled = new Map<string, Map<string, Prepared | null>>();
  private size = 0;

  /** The decision and message `runEvaluation` would give for this request, through the compiled path. */
  async decide(request: EvalRequest, claims?: Record<string, unknown>): Promise<QuickDecision> {
    const token: TokenOutcome = claims !== undefined ? { ok: true, token: claimsToken(claims) } : request.tokenKind === 'claims' ? parseClaims(request.tokenText) : decodeToken(request.tokenText);
    const compiled = token.ok && request.jwksText === undefined ? this.compiledFor(request) : null;
    if (compiled && token.ok) {
      const quick = compiled.decide(token.token, { at: request.at, signature: SIGNATURE_NOT_CHECKED });
      if (quick.decision !== 'error') return quick;
    }
    return this.explain(request);
  }

  /** The traced evaluation's decision and message. */
  async explain(request: EvalRequest): Promise<QuickDecision> {
    const result = await runEvaluation(request);
    return { decision: result.decision, message: result.message };
  }

  private compiledFor(request: EvalRequest): Prepared | null {
    let byOptions = this.compiled.get(request.policyText);
    if (!byOptions) {
      if (this.size >= MAX_COMPILED) {
        this.compiled.clear();
        this.size = 0;
      }
      byOptions = new Map();
      this.compiled.set(request.policyText, byOptions);
    }
    const key = `${request.provider ?? ''} ${JSON.stringify(request.options ?? {})}`;
    let compiled = byOptions.get(key);
    if (compiled === undefined) {
      // Infrastructure code is converted on the traced path (with its readers loaded); a configuration that cannot be read reports there too.
      const candidate = detectIacFormat(request.policyText)
        ? null
        : prepare({ policyText: request.policyText, provider: request.provider, options: request.options });
      compiled = candidate?.ok ? candidate : null;
      byOptions.set(key, compiled);
      this.size++;
    }
    return compiled;
  }
}
