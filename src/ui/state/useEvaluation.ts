/**
 * Re-evaluates on every edit, in the evaluation worker: typing never waits for an evaluation, and
 * one that overruns its deadline is stopped and shown as an `error` verdict. Heavy inputs are
 * deferred too, so React renders the keystroke first and the verdict when it has time.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { EvaluationInput } from '../../engine/evaluate-with';
import type { EvaluationResult } from '../../engine/result';
import type { TokenOutcome } from '../../engine/token';
import type { SignatureStatus } from '../../engine/verify';
import { useIacReaders } from '../policy/useIacReaders';
import { evaluationClient } from '../worker/shared';
import { celEditorQuery, evaluationQuery, signatureQuery, type Answer } from './queries';
import { markFirstVerdict } from './firstVerdict';
import { reuseUnchanged } from './reuse';
import { useEngine, type Engine } from './useEngine';
import type { Workbench } from './workbench';

export interface KeyInput {
  text: string;
  /** Where the key came from, shown in the verdict: "pasted key", "JWKS fetched from …". */
  source: string;
}

/**
 * Inputs light enough to go to the worker from the keystroke's own render: a token the page reads
 * in a fraction of a millisecond (about 0.3 ms at this length), a configuration the worker
 * evaluates in a few.
 */
const LIGHT_TOKEN_CHARS = 16_000;
const LIGHT_CONFIGURATION_CHARS = 64_000;

function isLight(workbench: Workbench): boolean {
  return workbench.tokenText.length <= LIGHT_TOKEN_CHARS && workbench.policyText.length <= LIGHT_CONFIGURATION_CHARS;
}

const NOT_CHECKED: SignatureStatus = { state: 'skipped', reason: 'No key material was given: the token is decoded, not verified.' };

export function safeReadToken(engine: Engine, text: string): TokenOutcome {
  try {
    return engine.readTokenInput(text);
  } catch (error) {
    // A pathological input (e.g. thousands of nested arrays) can exhaust the parser's stack.
    const reason = error instanceof RangeError ? 'it is nested too deeply to read' : error instanceof Error ? error.message : String(error);
    return { ok: false, error: { message: `The token input could not be read: ${reason}.`, source: { line: 1, column: 1, endLine: 1, endColumn: 2 } } };
  }
}

/** The current instant in Unix seconds, ticking while "now" is in use so relative times stay true. */
export function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Math.floor(Date.now() / 1000));
  useEffect(() => {
    if (!ticking) return;
    setNow(Math.floor(Date.now() / 1000));
    const timer = window.setInterval(() => setNow(Math.floor(Date.now() / 1000)), 15_000);
    return () => window.clearInterval(timer);
  }, [ticking]);
  return now;
}

/**
 * The answer on screen, keeping the previous verdict's check and finding objects where the new one
 * has equal ones (`reuseUnchanged`), so a keystroke that changes one check re-renders one check.
 */
function useReused(answer: Answer | null): Answer | null {
  const shown = useRef<Answer | null>(null);
  const reused = useMemo(() => (answer ? { input: answer.input, result: reuseUnchanged(shown.current?.result ?? null, answer.result) } : null), [answer]);
  useEffect(() => {
    shown.current = reused;
  }, [reused]);
  return reused;
}

export interface Evaluation {
  at: number;
  /**
   * Whether `at` is the ticking "now" rather than a chosen instant. It describes the same (deferred)
   * inputs as `at`, so the verdict never says "judged now" beside the instant chosen before.
   */
  atIsNow: boolean;
  /** Null until the engine chunk has arrived. */
  token: TokenOutcome | null;
  signature: SignatureStatus;
  signaturePending: boolean;
  result: EvaluationResult | null;
  /**
   * The token `result` was computed from. Right after an edit `token` is already the new one while
   * `result` is still the previous verdict: whatever quotes the result must use this one.
   */
  resultToken: TokenOutcome | null;
  /** True while the shown verdict lags behind the latest keystroke. */
  stale: boolean;
}

export function useEvaluation(workbench: Workbench, key: KeyInput): Evaluation {
  const engine = useEngine();
  // The worker fetches the provider's code while the page is still loading the rest.
  useEffect(() => evaluationClient.preload(workbench.provider), [workbench.provider]);
  // CEL highlighting for a Google Cloud configuration (the query waits for the first verdict).
  useQuery({ ...celEditorQuery(), enabled: workbench.provider === 'gcp' });
  // Inputs light enough to read within a keystroke are evaluated from the keystroke's own render,
  // so the worker starts at once; heavier ones wait for React to render the keystroke first.
  const lagging = useDeferredValue(workbench);
  const deferred = isLight(workbench) ? workbench : lagging;
  const deferredKey = useDeferredValue(key);
  const now = useNow(deferred.at === null);
  const at = deferred.at ?? now;
  // Read again only when the text or the reader changes, not when a part of the engine arrives (the
  // CEL support): the token's identity keys the verdict, which must not be asked for twice.
  const readTokenInput = engine?.readTokenInput;
  const token = useMemo(
    () => (engine && readTokenInput ? safeReadToken(engine, deferred.tokenText) : null),
    [readTokenInput, deferred.tokenText],
  );
  const compact = token?.ok ? token.token.compact : null;
  const keyText = deferredKey.text.trim();
  const wantsVerification = engine !== null && keyText !== '' && !!token?.ok;

  const verification = useQuery({ ...signatureQuery(engine, compact, keyText, deferredKey.source), enabled: wantsVerification });
  let signature: SignatureStatus = NOT_CHECKED;
  if (wantsVerification) {
    if (!compact) signature = { state: 'skipped', reason: 'Crafted claims carry no signature.' };
    else if (verification.data) signature = verification.data;
    else signature = { state: 'skipped', reason: 'Verifying the signature…' };
  }
  const signatureKey = JSON.stringify(signature);

  const workerHasReader = useIacReaders(workbench.policyText);
  const input = useMemo<EvaluationInput | null>(
    () =>
      token
        ? {
            policyText: deferred.policyText,
            provider: deferred.provider,
            token,
            at,
            signature: JSON.parse(signatureKey) as SignatureStatus,
            options: deferred.options,
          }
        : null,
    [deferred.policyText, deferred.provider, deferred.options, token, at, signatureKey],
  );
  const query = useQuery({ ...evaluationQuery(input, workerHasReader), placeholderData: keepPreviousData });
  const answer = useReused(query.data ?? null);
  const answered = answer !== null;
  useEffect(() => {
    // After the frame that paints it: the next animation frame, then a task.
    if (answered) requestAnimationFrame(() => setTimeout(markFirstVerdict, 0));
  }, [answered]);

  return {
    at,
    atIsNow: deferred.at === null,
    token,
    signature,
    signaturePending: wantsVerification && !!compact && verification.isPending,
    result: answer?.result ?? null,
    resultToken: answer?.input.token ?? null,
    stale: deferred !== workbench || (input !== null && (query.isPlaceholderData || query.data === undefined)),
  };
}
