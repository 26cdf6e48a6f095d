/**
 * Whether text reads as Terraform, by a few patterns and nothing else: the page asks this on load
 * (to have the evaluation worker start fetching the HCL library at once), so it imports nothing.
 */

/** Whether the text reads as Terraform: a top-level block keyword with a label or a brace. */
export function looksLikeTerraform(text: string): boolean {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return false;
  return /^[ \t]*(resource|data)[ \t]+"[A-Za-z0-9_-]+"[ \t]+"[^"\n]*"[ \t]*\{/m.test(text) || /^[ \t]*module[ \t]+"[^"\n]+"[ \t]*\{/m.test(text) || /^[ \t]*(variable|locals|terraform|provider|module|output)\b[^\n]*\{/m.test(text) && /^[ \t]*(resource|data)\b/m.test(text);
}
