/**
 * Re-evaluates on every edit. Typing stays responsive because the inputs are deferred: React
 * renders the keystroke first and the verdict when it has time.
 */
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { evaluate } from '../../engine/evaluate';
import type { EvaluationResult } from '../../engine/result';
import { readTokenInput, type TokenOutcome } from '../../engine/token';
import { keyMaterialFrom, SIGNATURE_NOT_CHECKED, verifySignature, type SignatureStatus } from '../../engine/verify';
import type { Workbench } from './workbench';

export interface KeyInput {
  text: string;
  /** Where the key came from, shown in the verdict: "pasted key", "JWKS fetched from …". */
  source: string;
}

export function safeReadToken(text: string): TokenOutcome {
  try {
    return readTokenInput(text);
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

export interface Evaluation {
  at: number;
  token: TokenOutcome;
  signature: SignatureStatus;
  signaturePending: boolean;
  result: EvaluationResult;
  /** True while the shown verdict lags behind the latest keystroke. */
  stale: boolean;
}

export function useEvaluation(workbench: Workbench, key: KeyInput): Evaluation {
  const deferred = useDeferredValue(workbench);
  const deferredKey = useDeferredValue(key);
  const now = useNow(deferred.at === null);
  const at = deferred.at ?? now;
  const token = useMemo(() => safeReadToken(deferred.tokenText), [deferred.tokenText]);
  const compact = token.ok ? token.token.compact : null;
  const keyText = deferredKey.text.trim();

  const verification = useQuery({
    queryKey: ['verify', compact, keyText, deferredKey.source],
    queryFn: () => verifySignature(compact, keyMaterialFrom(keyText, deferredKey.source)),
    enabled: keyText !== '' && token.ok,
    staleTime: Infinity,
    gcTime: 60_000,
    retry: false,
  });
  let signature: SignatureStatus = SIGNATURE_NOT_CHECKED;
  if (keyText !== '' && token.ok) {
    if (!compact) signature = { state: 'skipped', reason: 'Crafted claims carry no signature.' };
    else if (verification.data) signature = verification.data;
    else signature = { state: 'skipped', reason: 'Verifying the signature…' };
  }

  const result = useMemo(
    () =>
      evaluate({
        policyText: deferred.policyText,
        provider: deferred.provider,
        token,
        at,
        signature,
        options: deferred.options,
      }),
    // `signature` is rebuilt every render; its content is what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [deferred.policyText, deferred.provider, deferred.options, token, at, JSON.stringify(signature)],
  );

  return {
    at,
    token,
    signature,
    signaturePending: keyText !== '' && token.ok && !!compact && verification.isPending,
    result,
    stale: deferred !== workbench,
  };
}
