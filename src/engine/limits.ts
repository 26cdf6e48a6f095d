/**
 * Size limits on what is evaluated. Where a service documents a limit, exceeding it is the
 * service's own validation error; where it documents none, an engine budget keeps every
 * evaluation finite and says so in trustlens's words. Provider-specific configuration limits
 * live with each provider (GCP: validate.ts; Azure: validate.ts), and so does a token length a
 * service documents (the face's `maxTokenLength`); this module measures the token once and
 * holds the limits every provider shares.
 */
import type { ProviderModule } from './provider';
import type { SourceRange } from './result';
import type { Token } from './token';

/**
 * Engine budget: deepest claim nesting evaluated. No service documents one; CI tokens nest two or
 * three levels. Same bound as a share link's claims (share/state.ts MAX_JSON_DEPTH).
 */
export const MAX_CLAIMS_DEPTH = 64;

/** STS's WebIdentityToken limit, for the token pane's note (the rule itself is the AWS face's `maxTokenLength`). */
export { WEB_IDENTITY_TOKEN_MAX as AWS_WEB_IDENTITY_TOKEN_MAX } from './providers/aws/messages';

export interface LimitProblem {
  message: string;
  source?: SourceRange;
}

const utf8 = new TextEncoder();

/** base64url length of a UTF-8 text: what the claims take in a compact JWS. */
function base64urlLength(text: string): number {
  return Math.ceil((utf8.encode(text).length * 4) / 3);
}

/** Characters JSON writes as more than one byte: quote, backslash, controls, and anything past ASCII. */
const WIDE_IN_JSON = /[^\x20\x21\x23-\x5b\x5d-\x7e]/;

/**
 * Long claim values recur across the tokens of one run (a matrix, an analysis's witnesses, a
 * scenario file): whether each is plain is kept, so a 10 KB `sub` is scanned once, not per token.
 */
const LONG = 1_024;
const plainLong = new Map<string, boolean>();

/** A long string's bytes in JSON, quotes included: exact when plain ASCII, its plainness kept. */
function longStringBytes(text: string): number {
  let plain = plainLong.get(text);
  if (plain === undefined) {
    if (plainLong.size >= 64) plainLong.clear();
    plain = !WIDE_IN_JSON.test(text);
    plainLong.set(text, plain);
  }
  return plain ? text.length + 2 : text.length * 6 + 2;
}

/** A string's bytes in JSON, quotes included: exact when every character is plain ASCII (CI claims are). */
function stringBytesBound(text: string): number {
  if (text.length < LONG) return WIDE_IN_JSON.test(text) ? text.length * 6 + 2 : text.length + 2;
  return longStringBytes(text);
}

/**
 * An upper bound on the UTF-8 bytes of a JSON value's serialisation, without building it: a
 * UTF-16 unit takes at most six bytes (a `\uXXXX` escape), a plain ASCII one exactly one, a number at
 * most 24 characters.
 * Decisions check the token's size on every call, so the exact count is taken only when this
 * bound says it might matter.
 */
export function jsonBytesBound(root: unknown): number {
  return walk(root, Infinity, stringBytesBound);
}

/**
 * A short string as if each of its units were a `\uXXXX` escape, read no further; a long one as
 * `longStringBytes` counts it, so one long plain claim (a 10 KB `sub`) does not push a token past
 * the loose bound on its own.
 */
function stringBytesLoose(text: string): number {
  return text.length < LONG ? text.length * 6 + 2 : longStringBytes(text);
}

/** `walk`'s answer when the value nests deeper than its limit. */
const TOO_DEEP = -1;

/**
 * One pass over a JSON value, iteratively (hostile nesting must not exhaust the stack): a bound on
 * its JSON bytes, strings counted by `bound`, or TOO_DEEP when it nests deeper than `depthLimit`.
 */
function walk(root: unknown, depthLimit: number, bound: (text: string) => number): number {
  let bytes = 0;
  let values: unknown[] | null = null;
  let depths: number[] | null = null;
  // Claims are mostly a flat object of strings and numbers: its own level needs no stack.
  if (typeof root === 'object' && root !== null && !Array.isArray(root)) {
    if (depthLimit < 1) return TOO_DEEP;
    bytes += 2;
    // for…in rather than Object.keys: no array per token, and V8 reads each value through the
    // enumeration cache. An inherited enumerable property would only raise the bound.
    for (const key in root) {
      const value = (root as Record<string, unknown>)[key];
      bytes += bound(key) + 2;
      if (typeof value === 'string') bytes += bound(value) + 1;
      else if (typeof value === 'number') bytes += 25;
      else if (typeof value !== 'object' || value === null) bytes += 6;
      else {
        (values ??= []).push(value);
        (depths ??= []).push(1);
      }
    }
  } else {
    values = [root];
    depths = [0];
  }
  if (values === null || depths === null) return bytes;
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop()!;
    if (typeof value === 'string') bytes += bound(value) + 1;
    else if (typeof value === 'number') bytes += 25;
    else if (typeof value !== 'object' || value === null) bytes += 6;
    else {
      if (depth + 1 > depthLimit) return TOO_DEEP;
      if (Array.isArray(value)) {
        // Brackets, and a separator per item (an empty array or object as an item has no slack of its own).
        bytes += 2 + value.length;
        for (const item of value) {
          values.push(item);
          depths.push(depth + 1);
        }
      } else {
        bytes += 2;
        for (const key in value) {
          bytes += bound(key) + 2;
          values.push((value as Record<string, unknown>)[key]);
          depths.push(depth + 1);
        }
      }
    }
  }
  return bytes;
}

const base64Of = (bytes: number) => Math.ceil((bytes * 4) / 3);

const AT_START: SourceRange = { line: 1, column: 1, endLine: 1, endColumn: 2 };

interface TokenSize {
  /** The token measured, and its claims then (a token's claims may be swapped for others). */
  token: Token;
  claims: Token['claims'];
  tooDeep: boolean;
  /** For a crafted claim set, an upper bound on its payload segment's length, cheap to take. */
  payloadBound: number;
  /** The same bound with each string read, taken when the first is not enough. */
  closerBound?: number;
  /** For a crafted claim set, its payload segment's length, taken when the bounds are not enough. */
  payloadLength?: number;
}

/**
 * The last token measured: a token is often judged under many configurations in a row (every
 * keystroke in the policy, both sides of a diff). One entry and no WeakMap: a WeakMap entry per
 * token cost more than measuring it again, on analyses that build a new token per decision.
 */
let last: TokenSize | null = null;

function sizeOf(token: Token): TokenSize {
  if (last !== null && last.token === token && last.claims === token.claims) return last;
  // One walk that reads no short string's characters settles a usual token: its depth, and that
  // even with every such unit escaped its claims fit. Only a token near a limit is measured closer.
  const loose = walk(token.claims, MAX_CLAIMS_DEPTH, stringBytesLoose);
  const tooDeep = loose === TOO_DEEP;
  last = { token, claims: token.claims, tooDeep, payloadBound: token.compact !== null || tooDeep ? 0 : base64Of(loose) };
  return last;
}

/**
 * The length the service would see, as far as it matters against `limit`: the compact JWS; for a
 * crafted claim set (no compact form) its payload segment alone, a lower bound, or 0 when surely short.
 */
function lengthAgainst(token: Token, size: TokenSize, limit: number): number {
  if (token.compact !== null) return token.compact.length;
  if (size.payloadBound <= limit) return 0;
  // Closer: strings read, exact when plain ASCII (CI claims are); then, near the limit, the segment itself.
  size.closerBound ??= base64Of(jsonBytesBound(token.claims));
  if (size.closerBound <= limit) return 0;
  size.payloadLength ??= base64urlLength(JSON.stringify(token.claims));
  return size.payloadLength;
}

/** The first limit the token breaks for this provider, or null. */
export function tokenLimitProblem(provider: Pick<ProviderModule, 'maxTokenLength'>, token: Token): LimitProblem | null {
  const size = sizeOf(token);
  if (size.tooDeep) {
    return {
      message: `The token's claims are nested more than ${MAX_CLAIMS_DEPTH} levels deep; trustlens evaluates up to ${MAX_CLAIMS_DEPTH} (CI tokens nest two or three).`,
      source: AT_START,
    };
  }
  const max = provider.maxTokenLength;
  if (max && lengthAgainst(token, size, max.characters) > max.characters) return { message: max.message, source: AT_START };
  return null;
}
