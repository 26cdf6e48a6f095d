import { useSyncExternalStore } from 'react';

export type Engine = typeof import('../engine');

let module: Engine | null = null;
let celEditorRegions: Engine['celEditorRegions'] | null = null;
let celRequested = false;
let engine: Engine | null = null;
let failure: Error | null = null;
const listeners = new Set<() => void>();

/** A new engine object whenever a part arrives, so memoised views recompute with it. */
function publish() {
  engine = module && celEditorRegions ? { ...module, celEditorRegions } : module;
  listeners.forEach((listener) => listener());
}

// Start loading at once: the chunk is needed for the first verdict.
export const engineReady: Promise<Engine> = import('../engine').then(
  (loaded) => {
    module = loaded;
    publish();
    return loaded;
  },
  (error: unknown) => {
    failure = error instanceof Error ? error : new Error(String(error));
    publish();
    throw failure;
  },
);
engineReady.catch(() => undefined);

/**
 * The CEL editor support (tokens and syntax markers for Google Cloud's expressions) brings the
 * CEL parser; it is fetched only once a Google Cloud configuration is on screen.
 */
export function loadCelEditor(): void {
  if (celRequested) return;
  celRequested = true;
  import('../../engine/providers/gcp/editor').then(
    (loaded) => {
      celEditorRegions = loaded.celEditorRegions;
      publish();
    },
    () => {
      // The editor keeps working without highlighting; a later Google Cloud configuration retries.
      celRequested = false;
    },
  );
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The engine once its chunk has arrived, else null. */
export function useEngine(): Engine | null {
  return useSyncExternalStore(subscribe, () => engine);
}

