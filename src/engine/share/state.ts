/**
 * The share state carried in the URL fragment (the web app's stable contract):
 * `#s=<lz-string compressToEncodedURIComponent(JSON)>` with
 * `{"v":1,"provider":…,"policy":…,"claims":{…}|null,"token":"…"|null,"at":<unix seconds>|null}`,
 * and `#example=<id>` for a gallery example. Decoding is strict and never throws: a link someone
 * hands over is untrusted input, and a bad one must leave the app usable with a reason to show.
 */
import * as lzModule from 'lz-string';
import { PROVIDER_IDS, type ProviderId } from '../result';

// lz-string is CommonJS: Node's ESM loader exposes it only as `default`, bundlers also by name.
const lz = ((lzModule as { default?: typeof lzModule }).default ?? lzModule) as typeof lzModule;

export const SHARE_STATE_VERSION = 1;

export interface ShareState {
  v: 1;
  provider: ProviderId;
  policy: string;
  claims: Record<string, unknown> | null;
  token: string | null;
  at: number | null;
  header?: Record<string, unknown> | null;
  options?: Record<string, string>;
  /**
   * Compare mode: the earlier version of the configuration, which `policy` is compared against.
   * Optional and additive, so links without it keep loading as before.
   */
  before?: string;
}

export type FragmentOutcome =
  | { kind: 'none' }
  | { kind: 'state'; state: ShareState }
  | { kind: 'example'; id: string }
  | { kind: 'invalid'; reason: string };

/**
 * Longest `s=` value accepted. lz-string is dictionary based, so a short input can expand to a
 * very long string (8 KB of fragment can hold 10 million repeated characters, and the bound
 * grows with the square of the length). 16 KB keeps the worst case to tens of megabytes while
 * holding far more than any real state: an AWS trust policy is capped at 4,096 characters and a
 * full token with claims and policy compresses to about 2.6 KB.
 */
export const MAX_FRAGMENT_CHARS = 16_384;
/** Longest decompressed JSON accepted. */
export const MAX_STATE_JSON_CHARS = 262_144;
/** Deepest nesting accepted in claims and header (the UI renders them recursively). */
export const MAX_JSON_DEPTH = 64;
export const MAX_OPTIONS = 32;
export const MAX_OPTION_CHARS = 256;
export const MAX_EXAMPLE_ID_CHARS = 100;

/** The alphabet of compressToEncodedURIComponent: nothing else appears in a link we made. */
const ENCODED_ALPHABET = /^[A-Za-z0-9+\-$]*$/;
const EXAMPLE_ID = /^[a-z0-9][a-z0-9-]*$/;
/** Unix seconds of 0001-01-01 and 9999-12-31, the range ISO 8601 renders without extensions. */
const MIN_AT = -62_135_596_800;
const MAX_AT = 253_402_300_799;

const KNOWN_KEYS = ['v', 'provider', 'policy', 'claims', 'token', 'at', 'header', 'options', 'before'] as const;

export function encodeShareFragment(state: ShareState): string {
  // Fixed key order, so the same state always gives the same link.
  const ordered: Record<string, unknown> = {
    v: state.v,
    provider: state.provider,
    policy: state.policy,
    claims: state.claims,
    token: state.token,
    at: state.at,
  };
  if (state.header !== undefined) ordered.header = state.header;
  if (state.options !== undefined) ordered.options = state.options;
  if (state.before !== undefined) ordered.before = state.before;
  return `#s=${lz.compressToEncodedURIComponent(JSON.stringify(ordered))}`;
}

export function decodeFragment(hash: string): FragmentOutcome {
  try {
    return decodeFragmentUnsafe(hash);
  } catch (error) {
    // Defensive: every path below is meant to return; a link must never break the page.
    const detail = error instanceof Error ? error.message : String(error);
    return invalid(`This link could not be read (${detail}); nothing was loaded.`);
  }
}

function invalid(reason: string): FragmentOutcome {
  return { kind: 'invalid', reason };
}

function decodeFragmentUnsafe(hash: unknown): FragmentOutcome {
  if (typeof hash !== 'string') return { kind: 'none' };
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  if (fragment === '') return { kind: 'none' };
  const eq = fragment.indexOf('=');
  const key = eq >= 0 ? fragment.slice(0, eq) : fragment;
  const value = eq >= 0 ? fragment.slice(eq + 1) : null;
  if (key === 'example') return decodeExample(value);
  if (key === 's') return decodeStateValue(value);
  // Any other fragment (an in-page anchor, another tool's format) is not ours to load or refuse.
  return { kind: 'none' };
}

function decodeExample(value: string | null): FragmentOutcome {
  const id = value === null ? '' : percentDecoded(value);
  if (id === null || id === '') return invalid('This example link names no example (expected #example=<id>); nothing was loaded.');
  if (id.length > MAX_EXAMPLE_ID_CHARS || !EXAMPLE_ID.test(id)) {
    return invalid(`This example link's id ${JSON.stringify(id.slice(0, 40))} is not an example id (lower-case letters, digits and dashes); nothing was loaded.`);
  }
  return { kind: 'example', id };
}

/** Links pasted through chat tools or mail sometimes come back percent-encoded. */
function percentDecoded(value: string): string | null {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

function decodeStateValue(raw: string | null): FragmentOutcome {
  if (raw === null || raw === '') return invalid('This link carries no state after #s=; nothing was loaded.');
  if (raw.length > MAX_FRAGMENT_CHARS * 3) return tooLongFragment(raw.length);
  const value = percentDecoded(raw);
  if (value === null || !ENCODED_ALPHABET.test(value)) {
    return invalid('This link\'s state contains characters a trustlens link never has: it was probably cut or altered in transit; nothing was loaded.');
  }
  if (value.length > MAX_FRAGMENT_CHARS) return tooLongFragment(value.length);
  let json: string | null;
  try {
    json = lz.decompressFromEncodedURIComponent(value);
  } catch {
    json = null;
  }
  if (typeof json !== 'string' || json === '') {
    return invalid('This link\'s state does not decompress: it was probably cut short or altered; nothing was loaded.');
  }
  if (json.length > MAX_STATE_JSON_CHARS) {
    return invalid(`This link's state is ${json.length} characters once decompressed, more than the ${MAX_STATE_JSON_CHARS} trustlens accepts; nothing was loaded.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return invalid('This link\'s state is not valid JSON once decompressed: it was probably cut short or altered; nothing was loaded.');
  }
  return validateState(parsed);
}

function tooLongFragment(length: number): FragmentOutcome {
  return invalid(`This link's state is ${length} characters long, more than the ${MAX_FRAGMENT_CHARS} trustlens accepts; nothing was loaded.`);
}

export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Nesting depth of a JSON value, iteratively, so hostile nesting cannot exhaust the stack. */
export function jsonDepth(root: unknown, limit: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    const here = depth + 1;
    if (here > deepest) deepest = here;
    if (deepest > limit) return deepest;
    for (const child of Object.values(value)) stack.push([child, here]);
  }
  return deepest;
}

/** Check a parsed state object; returns the state with unknown keys dropped. */
export function validateState(value: unknown): FragmentOutcome {
  if (!isPlainRecord(value)) return invalid('This link\'s state is not an object; nothing was loaded.');
  const version = value.v;
  if (version === undefined) return invalid('This link\'s state has no version ("v"); nothing was loaded.');
  if (typeof version === 'number' && Number.isInteger(version) && version > SHARE_STATE_VERSION) {
    return invalid(`This link was made by a newer trustlens (state version ${version}); nothing was loaded.`);
  }
  if (version !== SHARE_STATE_VERSION) {
    return invalid(`This link's state version ${JSON.stringify(version)} is not one trustlens knows (expected ${SHARE_STATE_VERSION}); nothing was loaded.`);
  }
  const provider = value.provider;
  if (typeof provider !== 'string' || !PROVIDER_IDS.includes(provider as ProviderId)) {
    return invalid(`This link names an unknown provider ${JSON.stringify(provider)} (expected ${PROVIDER_IDS.join(', ')}); nothing was loaded.`);
  }
  if (typeof value.policy !== 'string') return invalid('This link\'s "policy" is not text; nothing was loaded.');
  const claims = value.claims ?? null;
  const token = value.token ?? null;
  if (claims !== null && !isPlainRecord(claims)) return invalid('This link\'s "claims" is not a JSON object; nothing was loaded.');
  if (token !== null && typeof token !== 'string') return invalid('This link\'s "token" is not text; nothing was loaded.');
  if ((claims === null) === (token === null)) {
    return invalid(
      claims === null
        ? 'This link carries neither claims nor a token; nothing was loaded.'
        : 'This link carries both claims and a token (exactly one is allowed); nothing was loaded.',
    );
  }
  if (claims !== null && jsonDepth(claims, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    return invalid(`This link's claims are nested deeper than ${MAX_JSON_DEPTH} levels; nothing was loaded.`);
  }
  const at = value.at ?? null;
  if (at !== null && (typeof at !== 'number' || !Number.isInteger(at) || at < MIN_AT || at > MAX_AT)) {
    return invalid('This link\'s evaluation time ("at") is not whole Unix seconds between the years 1 and 9999; nothing was loaded.');
  }
  const state: ShareState = { v: 1, provider: provider as ProviderId, policy: value.policy, claims, token, at };
  if ('header' in value) {
    const header = value.header;
    if (header !== null && !isPlainRecord(header)) return invalid('This link\'s "header" is not a JSON object; nothing was loaded.');
    if (header !== null && jsonDepth(header, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      return invalid(`This link's header is nested deeper than ${MAX_JSON_DEPTH} levels; nothing was loaded.`);
    }
    state.header = header as Record<string, unknown> | null;
  }
  if ('options' in value) {
    const options = value.options;
    if (!isPlainRecord(options)) return invalid('This link\'s "options" is not an object of text values; nothing was loaded.');
    const entries = Object.entries(options);
    if (entries.length > MAX_OPTIONS) return invalid(`This link carries ${entries.length} options, more than ${MAX_OPTIONS}; nothing was loaded.`);
    for (const [key, option] of entries) {
      if (typeof option !== 'string' || key.length > MAX_OPTION_CHARS || option.length > MAX_OPTION_CHARS) {
        return invalid(`This link's option ${JSON.stringify(key.slice(0, 40))} is not a short text value; nothing was loaded.`);
      }
    }
    state.options = Object.fromEntries(entries) as Record<string, string>;
  }
  if ('before' in value) {
    if (typeof value.before !== 'string') return invalid('This link\'s "before" (the configuration compared against) is not text; nothing was loaded.');
    state.before = value.before;
  }
  return { kind: 'state', state };
}

