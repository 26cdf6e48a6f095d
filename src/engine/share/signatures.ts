/**
 * Signature material anywhere in text. A share link, the address bar and browser history must
 * never carry a replayable token unless the person asked for it, and tokens turn up in places
 * other than the token field: inside a pasted JSON reply, in a claim value, run together with a
 * second token, or followed by the full stop of the sentence they were copied from.
 *
 * A "JWS-shaped run" is a maximal run of base64url segments joined by dots in which a segment
 * holds a JOSE header and two more segments follow. Everything after the segment following the
 * header is signature (or a further token glued to it) and is dropped, leaving `header.payload.`,
 * which still decodes to the same header and claims.
 */
import { base64url } from 'jose';

/** Maximal dot-joined runs of base64url characters with at least three segments. */
const DOTTED_RUN = /[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*){2,}/g;

/**
 * A segment that is, or ends in, a JOSE header. Compact JSON headers start with `{"`, which is
 * `eyJ` in base64url; a token glued to the end of other text (or to another token's signature)
 * keeps that marker inside the segment. A header that starts with whitespace is recognised when
 * it opens the segment.
 */
function looksLikeJoseHeader(segment: string): boolean {
  if (segment.includes('eyJ')) return true;
  if (segment.length < 4) return false;
  try {
    for (const byte of base64url.decode(segment.slice(0, 4))) {
      if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) continue;
      return byte === 0x7b;
    }
    return false;
  } catch {
    return false;
  }
}

/** True when the text holds a JWS-shaped run with something after its payload segment. */
export function containsSignature(text: string): boolean {
  return scrubSignatures(text) !== text;
}

/** The text with every JWS-shaped run cut back to `header.payload.`. */
export function scrubSignatures(text: string): string {
  if (!text.includes('.')) return text;
  return text.replace(DOTTED_RUN, (run) => {
    const segments = run.split('.');
    for (let header = 0; header + 2 < segments.length; header++) {
      if (!looksLikeJoseHeader(segments[header])) continue;
      // Everything after the payload: the signature and whatever was glued to it.
      if (segments.slice(header + 2).join('') === '') return run;
      return `${segments.slice(0, header + 2).join('.')}.`;
    }
    return run;
  });
}

/** A JSON value with every string (and key) scrubbed; the input is not changed. */
export function scrubSignaturesInJson<T>(value: T): T {
  const text = JSON.stringify(value);
  if (text === undefined) return value;
  const scrubbed = scrubSignatures(text);
  // The replacement removes only base64url characters and dots, never quotes or escapes, so the
  // text stays valid JSON of the same shape.
  return scrubbed === text ? value : (JSON.parse(scrubbed) as T);
}
