import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareExact, compileWildcard, describeDivergence, matchWildcard, wildcardMatches } from './wildcard';

/** Independent oracle: translate the pattern to an anchored RegExp (fine for small inputs). */
function oracle(pattern: string, text: string, flavour: 'iam' | 'glob', ignoreCase = false): boolean {
  const source = [...pattern]
    .map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' && flavour === 'iam' ? '[\\s\\S]' : c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'iu' : 'u').test(text);
}

// RegExp syntax and a line break too: `?` segments are searched as literal RegExps.
const alphabet = fc.constantFrom('a', 'b', ':', '/', '*', '?', 'A', '.', '(', '[', '\\', '$', '^', '|', '+', '{', '\n');
const small = fc.array(alphabet, { maxLength: 10 }).map((chars) => chars.join(''));
const textAlphabet = fc.constantFrom('a', 'b', ':', '/', '*', '?', 'A', 'é', '.', '(', '[', '\\', '$', '^', '|', '+', '{', '\n');
const smallText = fc.array(textAlphabet, { maxLength: 12 }).map((chars) => chars.join(''));

describe('matchWildcard, IAM flavour', () => {
  // docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String:
  // StringLike: "*" matches any combination of characters, "?" any single character; both cross "/" and ":".
  it('lets * cross / and :', () => {
    expect(matchWildcard('project_path:mygroup/*', 'project_path:mygroup/sub/proj:ref_type:branch:ref:main', { flavour: 'iam' }).matched).toBe(true);
  });
  it('matches ? to exactly one character', () => {
    expect(matchWildcard('v?.0', 'v1.0', { flavour: 'iam' }).matched).toBe(true);
    expect(matchWildcard('v?.0', 'v10.0', { flavour: 'iam' }).matched).toBe(false);
    expect(matchWildcard('v?.0', 'v.0', { flavour: 'iam' }).matched).toBe(false);
  });
  it('is case-sensitive unless asked', () => {
    expect(matchWildcard('repo:Octo/*', 'repo:octo/x', { flavour: 'iam' }).matched).toBe(false);
    expect(matchWildcard('repo:Octo/*', 'repo:octo/x', { flavour: 'iam', ignoreCase: true }).matched).toBe(true);
  });
  it('agrees with a regex oracle on random small inputs', () => {
    fc.assert(
      fc.property(small, smallText, fc.boolean(), (pattern, text, ignoreCase) => {
        expect(matchWildcard(pattern, text, { flavour: 'iam', ignoreCase }).matched).toBe(oracle(pattern, text, 'iam', ignoreCase));
      }),
      { numRuns: 5_000 },
    );
  });
});

describe('matchWildcard, go-glob flavour (Vault bound_claims_type=glob)', () => {
  // github.com/ryanuber/go-glob glob.go: only "*" is special; the match is anchored at both ends.
  it('treats ? literally', () => {
    expect(matchWildcard('v?.0', 'v1.0', { flavour: 'glob' }).matched).toBe(false);
    expect(matchWildcard('v?.0', 'v?.0', { flavour: 'glob' }).matched).toBe(true);
  });
  it('is anchored', () => {
    expect(matchWildcard('auto-deploy-*', 'x-auto-deploy-1', { flavour: 'glob' }).matched).toBe(false);
    expect(matchWildcard('*', '', { flavour: 'glob' }).matched).toBe(true);
    expect(matchWildcard('', '', { flavour: 'glob' }).matched).toBe(true);
    expect(matchWildcard('', 'a', { flavour: 'glob' }).matched).toBe(false);
  });
  it('agrees with a regex oracle on random small inputs', () => {
    fc.assert(
      fc.property(small, smallText, (pattern, text) => {
        expect(matchWildcard(pattern, text, { flavour: 'glob' }).matched).toBe(oracle(pattern, text, 'glob'));
      }),
      { numRuns: 5_000 },
    );
  });
});

describe('divergence', () => {
  it('points at the first character no alternative can consume', () => {
    const outcome = matchWildcard('project_path:g/p:ref_type:branch:ref:*', 'project_path:g/p:ref_type:tag:ref:v1.0', { flavour: 'iam' });
    expect(outcome).toEqual({ matched: false, divergedAt: 26 });
  });
  it('reports a text that ends too early', () => {
    expect(matchWildcard('abc*', 'ab', { flavour: 'iam' })).toEqual({ matched: false, divergedAt: 2 });
  });
  it('never reports a divergence beyond the text, and the prefix before it is still viable', () => {
    fc.assert(
      fc.property(small, smallText, (pattern, text) => {
        const outcome = matchWildcard(pattern, text, { flavour: 'iam' });
        if (outcome.matched) return;
        const at = outcome.divergedAt!;
        const chars = [...text];
        expect(at).toBeLessThanOrEqual(chars.length);
        // Maximal viable prefix: some prefix of the pattern matches text[0, at), none matches text[0, at + 1).
        const viable = (length: number) =>
          [...pattern].some((_, k) => oracle([...pattern].slice(0, k + 1).join(''), chars.slice(0, length).join(''), 'iam')) ||
          oracle('', chars.slice(0, length).join(''), 'iam');
        expect(viable(at)).toBe(true);
        if (at < chars.length) expect(viable(at + 1)).toBe(false);
      }),
      { numRuns: 2_000 },
    );
  });
  it('describes an exact near miss the way the verdict shows it', () => {
    const expected = 'project_path:mygroup/myproject:ref_type:branch:ref:main';
    const actual = 'project_path:mygroup/myproject:ref_type:tag:ref:v1.0';
    const outcome = compareExact(expected, actual);
    expect(outcome.divergedAt).toBe(40);
    expect(describeDivergence(expected, actual, outcome.divergedAt!)).toBe(
      'differs at character 41: policy wants `branch:ref:main`, token has `tag:ref:v1.0`',
    );
  });
});

/** The reference semantics, per code point: a set of live pattern positions (no shortcuts). */
function automatonDivergence(pattern: string, text: string, flavour: 'iam' | 'glob'): number | undefined {
  type Item = 'star' | 'any' | string;
  const items: Item[] = [...pattern].map((c) => (c === '*' ? 'star' : c === '?' && flavour === 'iam' ? 'any' : c));
  let live = new Set<number>([0]);
  const close = (set: Set<number>) => {
    for (let i = 0; i < items.length; i++) if (set.has(i) && items[i] === 'star') set.add(i + 1);
    return set;
  };
  close(live);
  const chars = [...text];
  for (let index = 0; index < chars.length; index++) {
    const next = new Set<number>();
    for (const i of live) {
      if (i >= items.length) continue;
      if (items[i] === 'star') next.add(i);
      else if (items[i] === 'any' || items[i] === chars[index]) next.add(i + 1);
    }
    if (next.size === 0) return index;
    live = close(next);
  }
  return live.has(items.length) ? undefined : chars.length;
}

describe('segment search (the matcher used everywhere)', () => {
  // Astral characters, lone surrogates and long star-rich patterns: the cases where working on the
  // UTF-16 string could differ from matching code point by code point.
  const wide = fc.constantFrom('a', 'b', 'ab', '*', '?', '😀', '\uD83D', '\uDE00', 'é', ':');
  const widePattern = fc.array(wide, { maxLength: 14 }).map((parts) => parts.join(''));
  const wideText = fc.array(fc.constantFrom('a', 'b', 'ab', '😀', '\uD83D', '\uDE00', '?', '*', 'é', ':'), { maxLength: 24 }).map((parts) => parts.join(''));
  for (const flavour of ['iam', 'glob'] as const) {
    it(`agrees with the regex oracle on astral and lone-surrogate text (${flavour})`, () => {
      fc.assert(
        fc.property(widePattern, wideText, (pattern, text) => {
          expect(wildcardMatches(pattern, text, { flavour })).toBe(oracle(pattern, text, flavour));
        }),
        { numRuns: 5_000 },
      );
    });
    it(`reports the same divergence as a code point automaton (${flavour})`, () => {
      fc.assert(
        fc.property(widePattern, wideText, (pattern, text) => {
          expect(compileWildcard(pattern, { flavour }).divergence(text)).toBe(automatonDivergence(pattern, text, flavour));
        }),
        { numRuns: 3_000 },
      );
    });
  }
  it('finds middle segments whose `?` overlaps an earlier near miss', () => {
    expect(wildcardMatches('*a?a*', 'aaba', { flavour: 'iam' })).toBe(true);
    expect(wildcardMatches('x*ab?b*y', 'xababbby', { flavour: 'iam' })).toBe(true);
    expect(wildcardMatches('x*??*y', 'xay', { flavour: 'iam' })).toBe(false);
    expect(wildcardMatches('x*??*y', 'xaby', { flavour: 'iam' })).toBe(true);
  });
  it('lower-cases code point by code point when ignoring case', () => {
    // Whole-string lower-casing would turn the final Σ into ς; per code point it is σ.
    expect(wildcardMatches('*σ', 'ΑΣ', { flavour: 'iam', ignoreCase: true })).toBe(true);
    expect(matchWildcard('REPO:*', 'repo:x', { flavour: 'iam', ignoreCase: true })).toEqual({ matched: true });
  });
});

describe('worst cases', () => {
  it('finishes a 64-star pattern against a 100 KB string (no backtracking blow-up)', () => {
    const pattern = 'a*'.repeat(64) + 'b';
    const text = 'a'.repeat(100_000);
    expect(matchWildcard(pattern, text, { flavour: 'iam' })).toEqual({ matched: false, divergedAt: 100_000 });
    expect(matchWildcard(pattern, `${text}b`, { flavour: 'glob' }).matched).toBe(true);
  });
  it('matches many stars over a long text whose segments lie far apart', () => {
    const pattern = `x${'*ab?c'.repeat(16)}*y`;
    const text = `x${'ab_c'.padStart(640, '-').repeat(16)}y`;
    expect(wildcardMatches(pattern, text, { flavour: 'iam' })).toBe(true);
    expect(wildcardMatches(pattern, `${text}z`, { flavour: 'iam' })).toBe(false);
  });
});
