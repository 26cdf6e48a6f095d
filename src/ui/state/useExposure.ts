/**
 * "Who else gets in" and the compare mode's policy diff, recomputed as the configuration changes
 * without holding up typing: the inputs are deferred (React renders the keystroke first) and
 * settle for a pause in typing, and the analysis runs in an idle callback behind a query keyed on
 * exactly what it reads, so an unchanged configuration is never analysed twice and the last report
 * stays on screen while the next one is computed. The analyses run in the analysis worker, so even
 * a large diff never holds up the page.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { DiffReport, ExposureReport } from '../../engine/exposure/types';
import type { EvaluationResult, ProviderId } from '../../engine/result';
import type { TokenOutcome } from '../../engine/token';
import type { Annotation } from '../editor/types';
import { useEngine } from './useEngine';
import { earlierVerdictQuery, exposureQuery, policyDiffQuery } from './queries';
import type { Workbench } from './workbench';

interface AnalysisInputs {
  provider: ProviderId;
  policyText: string;
  claims: Record<string, unknown> | null;
  at: number;
  options: Record<string, string>;
}

/** The claims the analysis varies: the token's when it decodes, else none (the engine builds one). */
function claimsOf(token: TokenOutcome | null): Record<string, unknown> | null {
  return token?.ok ? token.token.claims : null;
}

/**
 * Analyses take from a few milliseconds to a few hundred (a diff of a large configuration): they
 * start only once typing pauses for this long, so the worker is not flooded with stale inputs.
 */
export const TYPING_PAUSE_MS = 300;

/** `value`, once it has stayed the same for `delay` milliseconds (at once the first time). */
function useSettled<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

function useDeferredInputs(workbench: Workbench, token: TokenOutcome | null, at: number): AnalysisInputs & { before: string | undefined } {
  const inputs = useMemo(
    () => ({ provider: workbench.provider, policyText: workbench.policyText, claims: claimsOf(token), at, options: workbench.options, before: workbench.before }),
    [workbench.provider, workbench.policyText, workbench.options, workbench.before, token, at],
  );
  return useSettled(useDeferredValue(inputs), TYPING_PAUSE_MS);
}

export interface Analysis<T> {
  report: T | null;
  /** The analysis threw (a defect): said in words, never an uncaught exception. */
  error: string | null;
  /** Why there is nothing to analyse (an unreadable configuration, an unknown provider), in the engine's words. */
  notice: string | null;
  /** True while the shown report belongs to earlier inputs. */
  updating: boolean;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface Exposure extends Analysis<ExposureReport> {
  /** Conditions the analysis could not reason about, as editor markers. */
  annotations: Annotation[];
  /**
   * The claims in the token pane once typing paused (the ones the analysis was given): witnesses
   * are compared with these, so a keystroke re-renders none of them.
   */
  paneClaims: Record<string, unknown> | null;
}

const NO_ANNOTATIONS: Annotation[] = [];

export function opaqueAnnotations(report: ExposureReport | null): Annotation[] {
  if (!report?.opaqueConditions?.length) return NO_ANNOTATIONS;
  return report.opaqueConditions.flatMap((condition) =>
    condition.source
      ? [{ range: condition.source, severity: 'info' as const, message: `Who else gets in: not analysed — ${condition.description}`, mark: 'mark-opaque' }]
      : [],
  );
}

export function useExposure(workbench: Workbench, token: TokenOutcome | null, at: number, enabled = true): Exposure {
  const engine = useEngine();
  const inputs = useDeferredInputs(workbench, token, at);
  const query = useQuery({
    ...exposureQuery({ policyText: inputs.policyText, provider: inputs.provider, claims: inputs.claims, at: inputs.at, options: inputs.options }),
    enabled: enabled && engine !== null && inputs.policyText.trim() !== '',
    placeholderData: keepPreviousData,
  });
  const report = query.data ?? null;
  const annotations = useMemo(() => opaqueAnnotations(report), [report]);
  const error = query.error ? messageOf(query.error) : null;
  const updating = query.isFetching || query.isPlaceholderData;
  // One object while nothing in it changes, so the panels showing it skip a keystroke's render.
  const paneClaims = inputs.claims;
  return useMemo(() => ({ report, error, notice: report?.error ?? null, updating, annotations, paneClaims }), [report, error, updating, annotations, paneClaims]);
}

export interface Comparison extends Analysis<DiffReport> {
  /** The current token under the earlier configuration; null until the engine has arrived. */
  beforeResult: EvaluationResult | null;
}

/** Compare mode: the token under the earlier configuration, and what the change lets in or shuts out. */
export function useComparison(workbench: Workbench, token: TokenOutcome | null, at: number): Comparison {
  const engine = useEngine();
  const inputs = useDeferredInputs(workbench, token, at);
  const before = inputs.before;
  const comparing = before !== undefined;
  const beforeQuery = useQuery({
    ...earlierVerdictQuery({ policyText: before ?? '', provider: inputs.provider, token: token!, at: inputs.at, options: inputs.options }),
    enabled: comparing && engine !== null && token !== null,
    placeholderData: keepPreviousData,
  });
  const beforeResult = comparing && token ? (beforeQuery.data ?? null) : null;
  const query = useQuery({
    ...policyDiffQuery({ before: before ?? '', after: inputs.policyText, provider: inputs.provider, claims: inputs.claims, at: inputs.at, options: inputs.options }),
    enabled: comparing && engine !== null,
    placeholderData: keepPreviousData,
  });
  const report = comparing ? (query.data ?? null) : null;
  const error = query.error ? messageOf(query.error) : null;
  const updating = query.isFetching || query.isPlaceholderData;
  return useMemo(() => ({ report, error, notice: report?.error ?? null, updating, beforeResult }), [report, error, updating, beforeResult]);
}
