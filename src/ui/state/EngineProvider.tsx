import { useQuery } from '@tanstack/react-query';
import { useMemo, type ReactNode } from 'react';
import { celEditorQuery, engineQuery } from './queries';
import { EngineContext } from './useEngine';

/** Gives `useEngine()` to the page: the engine chunk, with the CEL editor support once that has been asked for and has arrived. */
export function EngineProvider({ children }: { children: ReactNode }) {
  const loaded = useQuery(engineQuery());
  // Only watches: the CEL support is asked for where a Google Cloud configuration is shown.
  const cel = useQuery({ ...celEditorQuery(), enabled: false });
  const engine = useMemo(() => {
    if (!loaded.data) return null;
    return cel.data ? { ...loaded.data, celEditorRegions: cel.data } : loaded.data;
  }, [loaded.data, cel.data]);
  return <EngineContext value={engine}>{children}</EngineContext>;
}
