/**
 * The one result shape every provider returns. It mirrors the JSON output of
 * `trustlens eval --format json` (see the CLI contract), so the web app, the CLI and the
 * scenario runner all render the same object.
 */

export type ProviderId = 'aws' | 'vault' | 'gcp' | 'azure';
export const PROVIDER_IDS: readonly ProviderId[] = ['aws', 'vault', 'gcp', 'azure'];

export type Decision = 'allow' | 'deny' | 'error';

/** A decision and the service's message, without the trace: what compiled decision functions return. */
export interface QuickDecision {
  decision: Decision;
  message: string;
}
export type CheckResult = 'pass' | 'fail' | 'skip' | 'error';

/** 1-based, inclusive start, exclusive end column — the convention of Monaco markers. */
export interface SourceRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Check {
  /** Stable id, e.g. `statement[0].condition.StringLike.gitlab.com:sub`. */
  id: string;
  label: string;
  result: CheckResult;
  /** What the configuration requires (string or JSON). */
  expected?: unknown;
  /** What the token carries. */
  actual?: unknown;
  /** One sentence: why it passed or failed. */
  reason: string;
  /** Where in the configuration text the check comes from. */
  source?: SourceRange;
  /** True on the check whose failure the service reports (the first in the service's own order). */
  decisive?: boolean;
}

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** A lint: something risky or surprising about a configuration, independent of the decision. */
export interface Finding {
  id: string;
  severity: Severity;
  message: string;
  source?: SourceRange;
  /** Doc URL or upstream source file the rule comes from. */
  reference?: string;
}

export interface EvaluationResult {
  provider: ProviderId | null;
  decision: Decision;
  /** The error the real service would return, or a one-line summary when granted. */
  message: string;
  checks: Check[];
  findings: Finding[];
  /** Provider-specific: matched statements, GCP attributes and principals, Vault alias, … */
  details: Record<string, unknown>;
}

export function errorResult(
  provider: ProviderId | null,
  message: string,
  extra: Partial<Pick<EvaluationResult, 'checks' | 'findings' | 'details'>> & { source?: SourceRange } = {},
): EvaluationResult {
  const details: Record<string, unknown> = { ...(extra.details ?? {}) };
  if (extra.source) details.errorSource = extra.source;
  return {
    provider,
    decision: 'error',
    message,
    checks: extra.checks ?? [],
    findings: extra.findings ?? [],
    details,
  };
}
