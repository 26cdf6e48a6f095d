/**
 * One configuration of a scan through the exposure analysis `trustlens exposure` runs: its grade,
 * widest reach and a witness of it, and the findings `evaluate()` gives for that witness (or for
 * the intended token when nothing beyond it gets in). Identical configurations are analysed
 * once: an account often holds many roles with the same trust policy.
 */
import { prepare } from '../evaluate';
import { isoInstant } from '../exposure/analyse';
import { analyseExposure } from '../exposure/index';
import type { Claims } from '../exposure/types';
import type { EvaluationResult } from '../result';
import { reachOf, witnessFor } from './reach';
import type { ScanConfiguration, ScanError, ScannedConfiguration } from './types';

export type Analysed = Omit<ScannedConfiguration, 'name' | 'source'>;

export type AnalysisOutcome = { ok: true; analysed: Analysed } | { ok: false; message: string; line?: number };

export type AnalysisCache = Map<string, AnalysisOutcome>;

function evaluateClaims(configuration: ScanConfiguration, claims: Claims, at: number): EvaluationResult {
  return prepare({ policyText: configuration.policyText, provider: configuration.provider, options: configuration.options }).explain(claims, { at });
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function unresolved(result: EvaluationResult): { message: string; line?: number } | null {
  if (result.decision !== 'error' || result.details.inputError !== 'policy') return null;
  const source = result.details.errorSource as { line?: number } | undefined;
  return { message: oneLine(result.message), line: source?.line };
}

export function analyseOne(configuration: ScanConfiguration, at: number): AnalysisOutcome {
  const report = analyseExposure({ policyText: configuration.policyText, provider: configuration.provider, at, options: configuration.options });
  if (report.error) return { ok: false, message: oneLine(report.error) };
  let reach = reachOf(report);
  const found = witnessFor(report);
  // A reach stated without a witness beyond the intended token: the intended token is the witness.
  const witness = found ?? (reach !== 'none' && report.intended ? { axis: 'intended', label: 'the intended token', claims: report.intended, at: isoInstant(at) } : null);
  if (!witness) reach = 'none';
  const probe = witness?.claims ?? report.intended ?? null;
  let findings: Analysed['findings'] = [];
  if (probe) {
    const result = evaluateClaims(configuration, probe, at);
    // Where `eval` stops on the configuration (an unresolved Terraform variable), so does the scan.
    const stop = unresolved(result);
    if (stop) return { ok: false, ...stop };
    findings = result.findings.map((finding) => ({ id: finding.id, severity: finding.severity, message: oneLine(finding.message) }));
  }
  const issuer = report.intended?.iss;
  const issuers = typeof issuer === 'string' && issuer ? [issuer] : configuration.issuers;
  return {
    ok: true,
    analysed: {
      provider: report.provider,
      issuers,
      grade: report.grade,
      reach,
      ...(witness ? { witness: { axis: witness.axis, label: witness.label, claims: witness.claims, at: witness.at } } : {}),
      findings,
    },
  };
}

export function cacheKey(configuration: ScanConfiguration): string {
  return JSON.stringify([configuration.provider, configuration.options ?? null, configuration.policyText]);
}

export function analyseConfiguration(configuration: ScanConfiguration, at: number, cache: AnalysisCache = new Map()): { configuration: ScannedConfiguration } | { error: ScanError } {
  const key = cacheKey(configuration);
  let outcome = cache.get(key);
  if (!outcome) {
    try {
      outcome = analyseOne(configuration, at);
    } catch (error) {
      outcome = { ok: false, message: `internal error while analysing: ${error instanceof Error ? error.message : String(error)}` };
    }
    cache.set(key, outcome);
  }
  if (!outcome.ok) return { error: { source: { ...configuration.source, ...(outcome.line ? { line: outcome.line } : {}) }, message: `${configuration.name}: ${outcome.message}` } };
  return { configuration: { name: configuration.name, source: configuration.source, ...outcome.analysed } };
}
