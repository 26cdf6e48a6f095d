/**
 * The face every provider shows: parse (with source ranges) → plan (decide, and explain with the
 * trace) → lint.
 * Providers live in `providers/<id>/` and are listed in `providers/index.ts`.
 */
import type { Constraints } from './constraints';
import type { LocatedError } from './json';
import type { EvaluationResult, Finding, ProviderId, QuickDecision } from './result';
import type { Token } from './token';
import type { SignatureStatus } from './verify';

export interface EvaluationContext {
  /** The evaluation instant, Unix seconds. Each provider applies its own skew and leeway rules. */
  at: number;
  signature: SignatureStatus;
  /** Provider switches, e.g. Vault flavour `vault` | `openbao`. Unknown keys are ignored. */
  options: Record<string, string>;
}

export type ParseOutcome<Policy> = { ok: true; policy: Policy } | { ok: false; error: LocatedError };

export interface ProviderOption {
  key: string;
  label: string;
  choices: Array<{ value: string; label: string }>;
  defaultValue: string;
}

export interface ProviderModule<Policy = unknown> {
  id: ProviderId;
  label: string;
  /** The cloud's short name in sentences ("Switched the provider to Google Cloud"). */
  name: string;
  /**
   * Whether the configuration looks like this provider's. `value` is the parsed JSON when the text
   * is JSON, else undefined (Vault also reads `vault write …` command lines).
   */
  detect(text: string, value: unknown): boolean;
  parse(text: string): ParseOutcome<Policy>;
  /** Findings about the configuration alone (risky, surprising, or refused at write time). */
  lint(policy: Policy): Finding[];
  /**
   * The configuration planned once for many tokens: one evaluation, in the service's order, that
   * answers `decide` with nothing traced and `explain` with every check observed along the way.
   * A configuration the service would refuse to hold plans to an `error` answer for every token.
   */
  plan(policy: Policy): Plan;
  /** What the configuration says about claims, each way in apart (for the exposure analysis). */
  constraints(text: string): Constraints;
  /** The service's message when the token's signature does not verify. */
  badSignatureMessage: string;
  /**
   * The longest token the service takes, in characters of its compact form, and its refusal: a
   * longer token is refused before the configuration is read. Absent where none is documented.
   */
  maxTokenLength?: { characters: number; message: string };
  /** JSON schema for the configuration editor. */
  schema?: object;
  /** Switches shown beside the editor (e.g. Vault / OpenBao). */
  options?: ProviderOption[];
}

/**
 * One evaluation of one configuration, written once: `decide` runs it with no observer (nothing
 * traced, nothing allocated for the trace) and `explain` runs the same steps with an observer
 * that records each check, so the two cannot disagree on the decision or the message.
 */
export interface Plan {
  decide(token: Token, at: number, options: Record<string, string>): QuickDecision;
  /** Never throws; the provider's own result (the front door adds the signature check and lint). */
  explain(token: Token, context: EvaluationContext): EvaluationResult;
}

/** What the interface shows of a provider before (or without) its evaluation code (`providers/faces.ts`). */
export type ProviderFace = Pick<ProviderModule, 'id' | 'label' | 'name' | 'detect' | 'badSignatureMessage' | 'maxTokenLength' | 'schema' | 'options'>;

/** A face in the registry: with the loader of the whole module, its own chunk in the browser. */
export interface RegisteredProvider extends ProviderFace {
  load(): Promise<ProviderModule<any>>;
}
