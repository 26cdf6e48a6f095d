/**
 * Wildcard matching shared by every provider.
 *
 * - `iam`: AWS StringLike / ArnLike / Action matching — `*` any run of characters (including `/`
 *   and `:`), `?` exactly one character.
 * - `glob`: Vault's bound_claims glob mode (ryanuber/go-glob) — only `*` is special, anchored at
 *   both ends, `?` is literal.
 *
 * A pattern is compiled once (and cached) into its star-separated segments. Matching works on the
 * string itself, without allocating: the head must match at the start, the tail at the end, and
 * each middle segment is searched left to right (leftmost occurrence first, which is optimal
 * because every segment has a fixed length and the next star absorbs whatever lies between).
 * That is linear in the text for a given pattern, whatever the pattern: no regex backtracking.
 *
 * Where a failed match diverges (shown to the user) is computed only when asked: every prefix of
 * the text stays viable once the head has matched and a star follows, so the divergence is where
 * the head stops fitting — no search needed.
 */

export type WildcardFlavour = 'iam' | 'glob';

export interface WildcardOptions {
  flavour: WildcardFlavour;
  ignoreCase?: boolean;
}

export interface WildcardOutcome {
  matched: boolean;
  /**
   * On a non-match: how many characters of the text some prefix of the pattern could consume
   * before every alternative died. Equal to the text length when the text ended too early.
   */
  divergedAt?: number;
}

/** One star-free piece of a pattern; `any` when it holds an IAM `?`. */
interface Segment {
  text: string;
  any: boolean;
  /** For a segment with `?`: its longest `?`-free run, searched with indexOf, and where it sits. */
  anchor: string;
  anchorOffset: number;
  /**
   * For a segment with `?`: the segment as a RegExp of literal units and single-unit classes,
   * searched from `lastIndex`. V8's RegExp engine skips ahead over the whole segment (a
   * Boyer-Moore lookahead that allows a class per position), about twice as fast as searching the
   * anchor with indexOf and checking each hit. No quantifier, so no backtracking.
   */
  finder: RegExp | null;
}

export interface CompiledWildcard {
  readonly pattern: string;
  readonly options: Readonly<WildcardOptions>;
  /** Whether the whole text matches. */
  test(text: string): boolean;
  /** On a non-match, the code point index where the text stops fitting; undefined on a match. */
  divergence(text: string): number | undefined;
}

const QUESTION = 63;
const SURROGATE = /[\uD800-\uDFFF]/;

function fold(char: string, ignoreCase: boolean | undefined): string {
  if (!ignoreCase) return char;
  const lower = char.toLowerCase();
  // Keep one code point for one code point, so positions in the folded text match the original.
  return [...lower].length === 1 ? lower : char;
}

/** Lower-cases code point by code point (never a context-dependent whole-string rule). */
function foldText(text: string): string {
  let ascii = true;
  let upper = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) {
      ascii = false;
      break;
    }
    if (code >= 65 && code <= 90) upper = true;
  }
  if (ascii) return upper ? text.toLowerCase() : text;
  let folded = '';
  for (const char of text) folded += fold(char, true);
  return folded;
}

/** No lone surrogates. */
function isWellFormed(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xd800 || code > 0xdfff) continue;
    if (code >= 0xdc00) return false;
    const next = text.charCodeAt(i + 1);
    if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
    i++;
  }
  return true;
}

function segmentOf(text: string, flavour: WildcardFlavour): Segment {
  const any = flavour === 'iam' && text.includes('?');
  if (!any) return { text, any, anchor: text, anchorOffset: 0, finder: null };
  let anchor = '';
  let anchorOffset = 0;
  let offset = 0;
  for (const piece of text.split('?')) {
    if (piece.length > anchor.length) {
      anchor = piece;
      anchorOffset = offset;
    }
    // The pieces are joined by single `?`s.
    offset += piece.length + 1;
  }
  // Without the `u` flag `[^]` is one UTF-16 unit, as unit matching wants (texts a `?` could
  // split at a surrogate pair never reach unit matching).
  const finder = new RegExp(text.split('?').map((piece) => piece.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')).join('[^]'), 'g');
  return { text, any, anchor, anchorOffset, finder };
}

/** Whether `segment` fits `text` at unit index `at` (the caller checked the length). */
function fitsAt(segment: Segment, text: string, at: number): boolean {
  if (!segment.any) return text.startsWith(segment.text, at);
  const pattern = segment.text;
  for (let i = 0; i < pattern.length; i++) {
    const code = pattern.charCodeAt(i);
    if (code !== QUESTION && code !== text.charCodeAt(at + i)) return false;
  }
  return true;
}

/** Leftmost index ≥ from where `segment` fits and ends by `limit`; -1 when none. */
function search(segment: Segment, text: string, from: number, limit: number): number {
  const length = segment.text.length;
  if (!segment.any) {
    const index = text.indexOf(segment.text, from);
    return index >= 0 && index + length <= limit ? index : -1;
  }
  if (segment.anchor === '') return from + length <= limit ? from : -1;
  const finder = segment.finder;
  if (finder) {
    // The leftmost fit from `from`; when it ends past the limit, every later one does too.
    finder.lastIndex = from;
    if (!finder.test(text)) return -1;
    return finder.lastIndex <= limit ? finder.lastIndex - length : -1;
  }
  let candidate = from;
  while (candidate + length <= limit) {
    const found = text.indexOf(segment.anchor, candidate + segment.anchorOffset);
    if (found < 0) return -1;
    candidate = found - segment.anchorOffset;
    if (candidate + length > limit) return -1;
    if (fitsAt(segment, text, candidate)) return candidate;
    candidate++;
  }
  return -1;
}

const ANY_CODE_POINT = -1;

class Compiled implements CompiledWildcard {
  readonly pattern: string;
  readonly options: Readonly<WildcardOptions>;
  private readonly folded: string;
  private readonly segments: Segment[];
  private readonly starred: boolean;
  private readonly hasAny: boolean;
  private readonly wellFormed: boolean;
  /** Code points before the first star (the whole pattern without one), `?` as ANY_CODE_POINT. */
  private readonly head: number[];

  constructor(pattern: string, options: WildcardOptions) {
    this.pattern = pattern;
    this.options = { flavour: options.flavour, ignoreCase: options.ignoreCase ?? false };
    this.folded = options.ignoreCase ? foldText(pattern) : pattern;
    const pieces = this.folded.split('*');
    this.starred = pieces.length > 1;
    // Empty middle pieces come from consecutive stars, which act as one star.
    this.segments = pieces
      .filter((piece, index) => piece !== '' || index === 0 || index === pieces.length - 1)
      .map((piece) => segmentOf(piece, options.flavour));
    this.hasAny = this.segments.some((segment) => segment.any);
    this.wellFormed = isWellFormed(this.folded);
    this.head = [];
    for (const char of pieces[0]) this.head.push(options.flavour === 'iam' && char === '?' ? ANY_CODE_POINT : char.codePointAt(0)!);
  }

  test(input: string): boolean {
    const text = this.options.ignoreCase ? foldText(input) : input;
    // Unit-level matching equals code point matching when the text has no surrogates, or when the
    // pattern is well-formed and has no `?` that could split a pair: a well-formed segment can only
    // match from one code point boundary to another, even in a text with lone surrogates. Anything
    // else is rare enough for the per-code-point automaton.
    if ((this.hasAny || !this.wellFormed) && SURROGATE.test(text)) {
      return automatonMatch(this.folded, text, this.options.flavour);
    }
    return this.unitMatch(text);
  }

  private unitMatch(text: string): boolean {
    const segments = this.segments;
    const head = segments[0];
    if (!this.starred) return text.length === head.text.length && fitsAt(head, text, 0);
    const tail = segments[segments.length - 1];
    const tailStart = text.length - tail.text.length;
    if (tailStart < head.text.length) return false;
    if (!fitsAt(head, text, 0) || !fitsAt(tail, text, tailStart)) return false;
    let position = head.text.length;
    for (let index = 1; index < segments.length - 1; index++) {
      const segment = segments[index];
      const found = search(segment, text, position, tailStart);
      if (found < 0) return false;
      position = found + segment.text.length;
    }
    return true;
  }

  divergence(input: string): number | undefined {
    if (this.test(input)) return undefined;
    const text = this.options.ignoreCase ? foldText(input) : input;
    let unit = 0;
    let index = 0;
    for (const wanted of this.head) {
      if (unit >= text.length) return index;
      const code = text.codePointAt(unit)!;
      if (wanted !== ANY_CODE_POINT && wanted !== code) return index;
      unit += code > 0xffff ? 2 : 1;
      index++;
    }
    if (!this.starred) return index;
    // After the head a star keeps every prefix viable: the text simply ended too early.
    while (unit < text.length) {
      unit += text.codePointAt(unit)! > 0xffff ? 2 : 1;
      index++;
    }
    return index;
  }
}

const CACHE_LIMIT = 2_000;
const caches = new Map<string, Map<string, CompiledWildcard>>();

/** The compiled matcher for a pattern; patterns recur across tokens, so compiled ones are kept. */
export function compileWildcard(pattern: string, options: WildcardOptions): CompiledWildcard {
  const kind = options.ignoreCase ? `${options.flavour}/i` : options.flavour;
  let cache = caches.get(kind);
  if (!cache) caches.set(kind, (cache = new Map()));
  let compiled = cache.get(pattern);
  if (!compiled) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    compiled = new Compiled(pattern, options);
    cache.set(pattern, compiled);
  }
  return compiled;
}

/** Yes/no match, the hot path: no divergence is computed. */
export function wildcardMatches(pattern: string, text: string, options: WildcardOptions): boolean {
  return compileWildcard(pattern, options).test(text);
}

export function matchWildcard(pattern: string, text: string, options: WildcardOptions): WildcardOutcome {
  const compiled = compileWildcard(pattern, options);
  if (compiled.test(text)) return { matched: true };
  return { matched: false, divergedAt: compiled.divergence(text) };
}

/**
 * The reference semantics, per code point: the pattern simulated as an automaton over the text (a
 * set of live pattern positions), linear in pattern × text. Used for texts whose surrogate pairs
 * a `?` could split.
 */
function automatonMatch(pattern: string, text: string, flavour: WildcardFlavour): boolean {
  const STAR = -1;
  const ANY = -2;
  const tokens: number[] = [];
  for (const char of pattern) {
    const token = char === '*' ? STAR : char === '?' && flavour === 'iam' ? ANY : char.codePointAt(0)!;
    if (token !== STAR || tokens[tokens.length - 1] !== STAR) tokens.push(token);
  }
  const size = tokens.length + 1;
  let current = new Uint8Array(size);
  let next = new Uint8Array(size);
  const close = (set: Uint8Array) => {
    for (let i = 0; i < tokens.length; i++) if (set[i] && tokens[i] === STAR) set[i + 1] = 1;
  };
  current[0] = 1;
  close(current);
  for (const char of text) {
    const code = char.codePointAt(0)!;
    next.fill(0);
    let alive = false;
    for (let i = 0; i < tokens.length; i++) {
      if (!current[i]) continue;
      const token = tokens[i];
      if (token === STAR) {
        next[i] = 1;
        alive = true;
      } else if (token === ANY || token === code) {
        next[i + 1] = 1;
        alive = true;
      }
    }
    if (!alive) return false;
    close(next);
    [current, next] = [next, current];
  }
  return current[tokens.length] === 1;
}

export function hasWildcard(pattern: string, flavour: WildcardFlavour): boolean {
  return pattern.includes('*') || (flavour === 'iam' && pattern.includes('?'));
}

/** Exact comparison that also says where two strings first differ. */
export function compareExact(expected: string, actual: string, ignoreCase = false): WildcardOutcome {
  if (!ignoreCase) {
    if (expected === actual) return { matched: true };
    // Without surrogates, code units are characters: no arrays needed.
    if (!SURROGATE.test(expected) && !SURROGATE.test(actual)) {
      const limit = Math.min(expected.length, actual.length);
      let index = 0;
      while (index < limit && expected.charCodeAt(index) === actual.charCodeAt(index)) index++;
      return { matched: false, divergedAt: index };
    }
  }
  const a = [...expected];
  const b = [...actual];
  const same = (x: string, y: string) => (ignoreCase ? x.toLowerCase() === y.toLowerCase() : x === y);
  const limit = Math.min(a.length, b.length);
  let index = 0;
  while (index < limit && same(a[index], b[index])) index++;
  if (index === a.length && index === b.length) return { matched: true };
  return { matched: false, divergedAt: index };
}

/**
 * "differs at character 41: policy wants `branch:ref:main`, token has `tag:ref:v1.0`".
 * Characters are counted from 1, as people count them.
 */
export function describeDivergence(expected: string, actual: string, divergedAt: number, noun = 'policy'): string {
  const chars = [...actual];
  if (divergedAt >= chars.length) {
    return `token value ends after ${chars.length} characters where the ${noun} wants more: ${noun} wants \`${expected}\``;
  }
  const expectedChars = [...expected];
  const tail = (list: string[], from: number) => {
    const rest = list.slice(from).join('');
    return rest.length > 40 ? `${rest.slice(0, 40)}…` : rest;
  };
  // For a wildcard pattern the position in the pattern is not the position in the text; show the
  // pattern whole and the token from the divergence.
  const wants = hasWildcard(expected, 'iam') ? expected : tail(expectedChars, divergedAt);
  return `differs at character ${divergedAt + 1}: ${noun} wants \`${wants}\`, token has \`${tail(chars, divergedAt)}\``;
}
