/**
 * Texts too big or too deeply nested for the rich editor's per-text services. Monaco's JSON
 * validation, folding and bracket-pair colouring work on the whole text on every change: a 2 MB
 * policy held the page for about 4 s after its paste, and the JSON worker overflowed its stack on
 * it; 10,000 nested brackets on one line took over 10 s to paint their bracket decorations.
 * Such a text is still shown and edited in full, as plain text.
 */

/** Longer than any configuration a service accepts; the page also stops mirroring such a text in the link. */
export const HEAVY_TEXT_LENGTH = 200_000;

/** Deeper than any configuration trustlens reads (JSON: 256 levels; Terraform and CloudFormation: 100). */
export const HEAVY_NESTING = 256;

/** Whether brackets outside double-quoted strings nest deeper than `limit`. */
function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34 || c === 10) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91 || c === 40) {
      if (++depth > limit) return true;
    } else if (c === 125 || c === 93 || c === 41) depth = Math.max(0, depth - 1);
  }
  return false;
}

export function isHeavyText(text: string): boolean {
  return text.length > HEAVY_TEXT_LENGTH || (text.length > HEAVY_NESTING && nestsDeeperThan(text, HEAVY_NESTING));
}
