/**
 * The one envelope between the page and its workers (evaluation and analysis). The page sends
 * calls, each with its own id and answered once, and hints (no id, no answer: "load this provider
 * now"). The worker answers a call with its id: optionally `started` first — the work itself
 * begins, its code loaded, so a deadline counts from there and not from a download — then either
 * a verdict (`result`: an evaluation never fails, its failures are `error` verdicts) or a value or
 * an error (an analysis). A worker may also send notices, which answer no call.
 */

/** A call: what to do, with the id its answer carries. */
export type Call<T extends { kind: string }> = T & { id: number };

export type Reply<V> =
  | { kind: 'started'; id: number }
  | { kind: 'result'; id: number; result: V }
  | { id: number; ok: true; value: V }
  | { id: number; ok: false; error: string };

/** A worker's news that answers no call (a library it loaded), for the page to act on. */
export type Notice = { kind: 'notice'; notice: string };

/** What a reply settles, or null for `started`. */
export function settlementOf<V>(reply: Reply<V>): { ok: true; value: V } | { ok: false; error: string } | null {
  if ('kind' in reply) return reply.kind === 'started' ? null : { ok: true, value: reply.result };
  return reply.ok ? { ok: true, value: reply.value } : { ok: false, error: reply.error };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A worker needs no network, whatever a configuration or a token holds: it cannot send a request
 * (its own code chunks still load through import(), which these do not affect). Called first
 * thing in each worker.
 */
export function lockDownNetwork(scope: object): void {
  for (const name of ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts'] as const) {
    Object.defineProperty(scope, name, { value: undefined, configurable: false, writable: false });
  }
}

/**
 * Posts a reply; one that cannot cross to the page (a value structured clone refuses) is replaced
 * by `unsendable(reason)`, so the page is never left waiting.
 */
export function postReply<V>(scope: { postMessage(message: unknown): void }, reply: Reply<V>, unsendable: (reason: string) => Reply<V>): void {
  try {
    scope.postMessage(reply);
  } catch (error) {
    scope.postMessage(unsendable(messageOf(error)));
  }
}
