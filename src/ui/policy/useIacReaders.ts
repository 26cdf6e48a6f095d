import { useEffect, useMemo, useState } from 'react';
import type { Engine } from '../state/useEngine';

/**
 * Whether the readers the configuration text needs are loaded. Pasting Terraform starts loading
 * the HCL library (its own chunk, never part of the first verdict of other input); the returned
 * flag changes when it arrives so the verdict is evaluated again.
 */
export function useIacReaders(engine: Engine | null, policyText: string): boolean {
  const [loaded, setLoaded] = useState(0);
  // Read the text again only when it (or what is loaded) changes, not on every keystroke in the token.
  const ready = useMemo(() => (engine ? engine.iacReadersReady(policyText) : false), [engine, policyText, loaded]);
  useEffect(() => {
    if (!engine || ready) return;
    let live = true;
    engine.loadIacReaders(policyText).then(
      () => live && setLoaded((n) => n + 1),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [engine, ready, policyText]);
  return ready;
}
