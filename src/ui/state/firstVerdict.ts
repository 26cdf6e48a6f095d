/**
 * The first verdict on screen, as a promise: heavy extras (Monaco, about 1 MB gzip) wait for it so
 * they do not compete with it for the network and the main thread.
 */
let markShown: () => void = () => undefined;
const shown = new Promise<void>((resolve) => (markShown = resolve));

/** Called once a verdict has been painted. */
export function markFirstVerdict(): void {
  // A performance mark, so the end-to-end suite and the bench can tell what loaded before it.
  if (typeof performance !== 'undefined' && performance.getEntriesByName('trustlens:first-verdict').length === 0) performance.mark('trustlens:first-verdict');
  markShown();
}

/** Resolves once the first verdict is painted, or after `fallbackMs` if none comes (the extras must still arrive). */
export function afterFirstVerdict(fallbackMs = 4_000): Promise<void> {
  return Promise.race([shown, new Promise<void>((resolve) => setTimeout(resolve, fallbackMs))]);
}
