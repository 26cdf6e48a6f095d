/**
 * Where the embed may post its messages. `postMessage(message, '*')` hands them to whatever
 * document is in the parent frame at that moment; naming the origin delivers them only to the
 * page that embedded trustlens (HTML Standard, window.postMessage: targetOrigin). The parent's
 * origin comes from the browser (`location.ancestorOrigins`, Chromium and WebKit) or from the
 * referrer of the framed page; an embedder may also pass `origin=<its origin>` in the query, which
 * is used only when the browser tells nothing or agrees with it. Framing itself is allowed only
 * by the `frame-ancestors` header (FRAME_ANCESTORS), so every origin found here is an allowed one.
 */

export interface EmbedContext {
  ancestorOrigins: readonly string[] | null;
  referrer: string;
  /** `origin=` from the embed URL's query, if any. */
  originParam: string | null;
}

function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/** The origin to post to, or null: then nothing is posted. */
export function embedTargetOrigin(context: EmbedContext): string | null {
  const fromBrowser = (context.ancestorOrigins && context.ancestorOrigins.length > 0 ? originOf(context.ancestorOrigins[0]) : null) ?? (context.referrer ? originOf(context.referrer) : null);
  const requested = context.originParam ? originOf(context.originParam) : null;
  if (fromBrowser && requested && fromBrowser !== requested) return null;
  return fromBrowser ?? requested;
}

/** The embed's context in a browser. */
export function currentEmbedContext(): EmbedContext {
  const ancestors = (window.location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
  return {
    ancestorOrigins: ancestors ? Array.from({ length: ancestors.length }, (_, index) => ancestors.item(index) ?? '') : null,
    referrer: document.referrer,
    originParam: new URLSearchParams(window.location.search).get('origin'),
  };
}

/**
 * The verdict message without claim values: an embedding page learns the decision and the
 * service's wording, not who ran the job (a subject, an e-mail, a repository path).
 */
export function withoutClaimValues(message: string, claims: Record<string, unknown> | null): string {
  if (!claims) return message;
  const values = new Set<string>();
  const stack: unknown[] = [claims];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string' && value.length >= 3) values.add(value);
    else if (typeof value === 'number' && String(value).length >= 3) values.add(String(value));
    else if (typeof value === 'object' && value !== null) stack.push(...Object.values(value));
  }
  let result = message;
  // Longest first, so a value that contains another is masked whole.
  for (const value of [...values].sort((a, b) => b.length - a.length)) result = result.split(value).join('[claim]');
  return result;
}
