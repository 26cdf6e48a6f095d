/**
 * The flexible-credential `matches` operator: `?` one character, `*` any run of characters
 * (including `/`, as the documented `refs/heads/*` examples for nested branches imply), anchored
 * at both ends, case-sensitive. Everything else is literal.
 */
import { matchWildcard, type WildcardOutcome } from '../../match';

export function matchesPattern(pattern: string, text: string, options: { ignoreCase?: boolean } = {}): WildcardOutcome {
  return matchWildcard(pattern, text, { flavour: 'iam', ignoreCase: options.ignoreCase ?? false });
}

function fitsAt(pattern: string[], text: string[], offset: number): number {
  // Index in `pattern` of the first character that does not fit `text` at `offset`, or -1.
  for (let i = 0; i < pattern.length; i++) {
    const char = text[offset + i];
    if (char === undefined) return i;
    if (pattern[i] !== '?' && pattern[i] !== char) return i;
  }
  return -1;
}

function shorten(text: string, keep: 'start' | 'end'): string {
  if (text.length <= 40) return text;
  return keep === 'start' ? `${text.slice(0, 40)}…` : `…${text.slice(-40)}`;
}

/**
 * Why `text` does not match `pattern`, in the terms people fix patterns in: the literal head before
 * the first `*`, the literal tail after the last `*`, or a middle piece that never appears.
 */
export function explainPatternMismatch(pattern: string, text: string): string {
  const patternChars = [...pattern];
  const textChars = [...text];
  const firstStar = patternChars.indexOf('*');
  if (firstStar < 0) {
    if (textChars.length !== patternChars.length) {
      return `the pattern has no \`*\`, so the value must be exactly ${patternChars.length} characters long; the token's has ${textChars.length}`;
    }
    const at = fitsAt(patternChars, textChars, 0);
    return `differs at character ${at + 1}: pattern wants \`${shorten(patternChars.slice(at).join(''), 'start')}\`, token has \`${shorten(textChars.slice(at).join(''), 'start')}\``;
  }
  const head = patternChars.slice(0, firstStar);
  const headMiss = fitsAt(head, textChars, 0);
  if (headMiss >= 0) {
    if (headMiss >= textChars.length) return `the token's value ends after ${textChars.length} characters, before the pattern's fixed start \`${head.join('')}\` is complete`;
    return `differs at character ${headMiss + 1}: the pattern starts with \`${head.join('')}\`, the token has \`${shorten(textChars.slice(headMiss).join(''), 'start')}\` from there`;
  }
  const lastStar = patternChars.lastIndexOf('*');
  const tail = patternChars.slice(lastStar + 1);
  const tailStart = textChars.length - tail.length;
  if (tailStart < head.length || fitsAt(tail, textChars, tailStart) >= 0) {
    return `the pattern must end with \`${tail.join('')}\`, but the token's value ends with \`${shorten(textChars.slice(Math.max(head.length, tailStart)).join(''), 'end')}\``;
  }
  const middle = patternChars.slice(firstStar + 1, lastStar).join('').split('*').filter((piece) => piece !== '');
  return `the pattern's middle part${middle.length > 1 ? 's' : ''} ${middle.map((piece) => `\`${piece}\``).join(', ')} must appear in order between \`${head.join('')}\` and \`${tail.join('')}\`; the token's value \`${shorten(text, 'start')}\` does not have ${middle.length > 1 ? 'them' : 'it'}`;
}
