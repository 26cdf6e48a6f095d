/**
 * Size limits on what is evaluated. Where a service documents a limit, exceeding it is the
 * service's own validation error; where it documents none, an engine budget keeps every
 * evaluation finite and says so in trustlens's words. Provider-specific configuration limits
 * live with each provider (GCP: validate.ts; Azure: validate.ts); this module holds the ones on
 * the token, which every provider shares.
 */
import type { ProviderId, SourceRange } from './result';
import type { Token } from './token';

/**
 * Engine budget: deepest claim nesting evaluated. No service documents one; CI tokens nest two or
 * three levels. Same bound as a share link's claims (share/state.ts MAX_JSON_DEPTH).
 */
export const MAX_CLAIMS_DEPTH = 64;

/**
 * AWS STS AssumeRoleWithWebIdentity, request parameter WebIdentityToken: "Length Constraints:
 * Minimum length of 4. Maximum length of 20000." (API reference,
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html).
 * The message is the AWS query-protocol validation error for a length constraint.
 */
export const AWS_WEB_IDENTITY_TOKEN_MAX = 20_000;
export const AWS_TOKEN_TOO_LONG = `1 validation error detected: Value at 'webIdentityToken' failed to satisfy constraint: Member must have length less than or equal to ${AWS_WEB_IDENTITY_TOKEN_MAX}`;

export interface LimitProblem {
  message: string;
  source?: SourceRange;
}

/** Nesting depth of a JSON value, iteratively (hostile nesting must not exhaust the stack). */
export function depthExceeds(root: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return false;
}

const utf8 = new TextEncoder();

/** base64url length of a UTF-8 text: what the claims take in a compact JWS. */
function base64urlLength(text: string): number {
  return Math.ceil((utf8.encode(text).length * 4) / 3);
}

/**
 * An upper bound on the UTF-8 bytes of a JSON value's serialisation, without building it: a
 * UTF-16 unit takes at most six bytes (a `\uXXXX` escape), a plain ASCII one exactly one, a number at
 * most 24 characters.
 * Compiled decisions check the token's size on every call, so the exact count is taken only when
 * this bound says it might matter.
 */
/** Characters JSON writes as more than one byte: quote, backslash, controls, and anything past ASCII. */
const WIDE_IN_JSON = /[^\x20\x21\x23-\x5b\x5d-\x7e]/;

/** A string's bytes in JSON, quotes included: exact when every character is plain ASCII (CI claims are). */
function stringBytesBound(text: string): number {
  return WIDE_IN_JSON.test(text) ? text.length * 6 + 2 : text.length + 2;
}

export function jsonBytesBound(root: unknown): number {
  let bytes = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') bytes += stringBytesBound(value) + 1;
    else if (typeof value === 'number') bytes += 25;
    else if (typeof value !== 'object' || value === null) bytes += 6;
    else if (Array.isArray(value)) {
      // Brackets, and a separator per item (an empty array or object as an item has no slack of its own).
      bytes += 2 + value.length;
      for (const item of value) stack.push(item);
    } else {
      bytes += 2;
      for (const key of Object.keys(value)) {
        bytes += stringBytesBound(key) + 2;
        stack.push((value as Record<string, unknown>)[key]);
      }
    }
  }
  return bytes;
}

const AT_START: SourceRange = { line: 1, column: 1, endLine: 1, endColumn: 2 };

interface TokenSize {
  claims: Token['claims'];
  tooDeep: boolean;
  /** The length AWS would see: the compact JWS, or a lower bound for a crafted claim set (0 when surely short). */
  awsLength: number;
}

/**
 * A token is a value: decoded or crafted once, then judged under many configurations (every
 * keystroke in the policy, both sides of a diff, a scenario matrix). Its size is measured once.
 */
const sizes = new WeakMap<Token, TokenSize>();

function sizeOf(token: Token): TokenSize {
  const known = sizes.get(token);
  if (known && known.claims === token.claims) return known;
  // A crafted claim set has no compact form: its payload segment alone is a lower bound.
  const awsLength =
    token.compact !== null
      ? token.compact.length
      : Math.ceil((jsonBytesBound(token.claims) * 4) / 3) <= AWS_WEB_IDENTITY_TOKEN_MAX
        ? 0
        : base64urlLength(JSON.stringify(token.claims));
  const size = { claims: token.claims, tooDeep: depthExceeds(token.claims, MAX_CLAIMS_DEPTH), awsLength };
  sizes.set(token, size);
  return size;
}

/** The first limit the token breaks for this provider, or null. */
export function tokenLimitProblem(provider: ProviderId, token: Token): LimitProblem | null {
  const size = sizeOf(token);
  if (size.tooDeep) {
    return {
      message: `The token's claims are nested more than ${MAX_CLAIMS_DEPTH} levels deep; trustlens evaluates up to ${MAX_CLAIMS_DEPTH} (CI tokens nest two or three).`,
      source: AT_START,
    };
  }
  if (provider === 'aws' && size.awsLength > AWS_WEB_IDENTITY_TOKEN_MAX) return { message: AWS_TOKEN_TOO_LONG, source: AT_START };
  return null;
}
