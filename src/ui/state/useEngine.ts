import { createContext, useContext } from 'react';

export type Engine = typeof import('../engine');

/**
 * The engine the page reads (`src/ui/engine.ts`), given by `EngineProvider`: null until its chunk
 * has arrived, then a new object whenever a part arrives (the CEL editor support), so memoised
 * views recompute with it.
 */
export const EngineContext = createContext<Engine | null>(null);

/** The engine once its chunk has arrived, else null. */
export function useEngine(): Engine | null {
  return useContext(EngineContext);
}
