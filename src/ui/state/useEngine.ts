import { useSyncExternalStore } from 'react';

export type Engine = typeof import('../engine');

let engine: Engine | null = null;
let failure: Error | null = null;
const listeners = new Set<() => void>();

// Start loading at once: the chunk is needed for the first verdict.
export const engineReady: Promise<Engine> = import('../engine').then(
  (module) => {
    engine = module;
    listeners.forEach((listener) => listener());
    return module;
  },
  (error: unknown) => {
    failure = error instanceof Error ? error : new Error(String(error));
    listeners.forEach((listener) => listener());
    throw failure;
  },
);
engineReady.catch(() => undefined);

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The engine once its chunk has arrived, else null. */
export function useEngine(): Engine | null {
  return useSyncExternalStore(subscribe, () => engine);
}

export function engineLoadError(): Error | null {
  return failure;
}
