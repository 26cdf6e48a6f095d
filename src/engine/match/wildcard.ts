/**
 * Wildcard matching shared by every provider.
 *
 * - `iam`: AWS StringLike / ArnLike / Action matching — `*` any run of characters (including `/`
 *   and `:`), `?` exactly one character.
 * - `glob`: Vault's bound_claims glob mode (ryanuber/go-glob) — only `*` is special, anchored at
 *   both ends, `?` is literal.
 *
 * The matcher simulates the pattern as an automaton over the text (a set of live pattern
 * positions), so it is linear in pattern × text whatever the pattern: no regex backtracking.
 * The same pass tells where a non-match diverges, which the verdict shows to the user.
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

type Token = { kind: 'star' } | { kind: 'any' } | { kind: 'char'; char: string };

function tokenise(pattern: string, options: WildcardOptions): Token[] {
  const tokens: Token[] = [];
  for (const char of pattern) {
    if (char === '*') {
      // Consecutive stars are one star; keeps the state set small for `***` patterns.
      if (tokens.length === 0 || tokens[tokens.length - 1].kind !== 'star') tokens.push({ kind: 'star' });
    } else if (char === '?' && options.flavour === 'iam') {
      tokens.push({ kind: 'any' });
    } else {
      tokens.push({ kind: 'char', char: fold(char, options) });
    }
  }
  return tokens;
}

function fold(char: string, options: WildcardOptions): string {
  if (!options.ignoreCase) return char;
  const lower = char.toLowerCase();
  // Keep one code point for one code point, so positions in the folded text match the original.
  return [...lower].length === 1 ? lower : char;
}

export function matchWildcard(pattern: string, text: string, options: WildcardOptions): WildcardOutcome {
  const tokens = tokenise(pattern, options);
  const chars = [...text].map((c) => fold(c, options));
  const size = tokens.length + 1;
  let current = new Uint8Array(size);
  let next = new Uint8Array(size);

  // A star may match the empty string: a live position at a star also makes the next one live.
  const close = (set: Uint8Array) => {
    for (let i = 0; i < tokens.length; i++) if (set[i] && tokens[i].kind === 'star') set[i + 1] = 1;
  };
  current[0] = 1;
  close(current);

  for (let index = 0; index < chars.length; index++) {
    next.fill(0);
    let alive = false;
    const char = chars[index];
    for (let i = 0; i < tokens.length; i++) {
      if (!current[i]) continue;
      const token = tokens[i];
      if (token.kind === 'star') {
        next[i] = 1;
        alive = true;
      } else if (token.kind === 'any' || token.char === char) {
        next[i + 1] = 1;
        alive = true;
      }
    }
    if (!alive) return { matched: false, divergedAt: index };
    close(next);
    [current, next] = [next, current];
  }
  return current[tokens.length] ? { matched: true } : { matched: false, divergedAt: chars.length };
}

export function hasWildcard(pattern: string, flavour: WildcardFlavour): boolean {
  return pattern.includes('*') || (flavour === 'iam' && pattern.includes('?'));
}

/** Exact comparison that also says where two strings first differ. */
export function compareExact(expected: string, actual: string, ignoreCase = false): WildcardOutcome {
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
