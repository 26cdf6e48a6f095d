/**
 * A small number standing for a text, for query keys. React Query hashes every key on every
 * render with JSON.stringify; a configuration of a few hundred statements would be serialised on
 * each keystroke in the token. A Map finds a string by the hash the engine caches on it, so the
 * same text (an unchanged configuration) keeps its number without being read again.
 */
const ids = new Map<string, number>();
let next = 0;

/** How many texts are remembered: enough for the configuration, its earlier version and the undo steps between. */
const REMEMBERED = 64;

export function textId(text: string): number {
  let id = ids.get(text);
  if (id === undefined) {
    // Forgetting only costs a recomputation: numbers are never reused, so no two texts share one.
    if (ids.size >= REMEMBERED) ids.clear();
    id = next++;
    ids.set(text, id);
  }
  return id;
}

const objectIds = new WeakMap<object, number>();

/**
 * A number standing for one object, for query keys over values the page already keeps by identity
 * (a decoded token, a memoised list of claim sets): React Query would otherwise serialise them on
 * every render. Two equal but distinct objects get different numbers, which costs at most one
 * repeated computation.
 */
export function objectId(value: object | null): number {
  if (value === null) return -1;
  let id = objectIds.get(value);
  if (id === undefined) {
    id = next++;
    objectIds.set(value, id);
  }
  return id;
}
