import { useEffect, useState } from 'react';
import type { Engine } from '../state/useEngine';

/**
 * Whether the readers the configuration text needs are loaded. Pasting Terraform starts loading
 * the HCL library (its own chunk, never part of the first verdict of other input); the returned
 * flag changes when it arrives so the verdict is evaluated again.
 */
export function useIacReaders(engine: Engine | null, policyText: string): boolean {
  const ready = engine ? engine.iacReadersReady(policyText) : false;
  const [, setLoaded] = useState(0);
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
