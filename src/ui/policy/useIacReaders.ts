import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { iacReadersQuery } from '../state/queries';
import { useEngine } from '../state/useEngine';

/**
 * Whether the readers the configuration text needs are loaded. Pasting Terraform starts loading
 * the HCL library (its own chunk, never part of the first verdict of other input); the returned
 * flag changes when it arrives.
 */
export function useIacReaders(policyText: string): boolean {
  const engine = useEngine();
  // Read the text again only when it changes, not on every keystroke in the token.
  const needed = useMemo(() => engine !== null && !engine.iacReadersReady(policyText), [engine, policyText]);
  const loaded = useQuery({ ...iacReadersQuery(engine, policyText), enabled: needed });
  return engine !== null && (!needed || loaded.isSuccess);
}
