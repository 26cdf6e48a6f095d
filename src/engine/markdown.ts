/**
 * Text placed into Markdown. Check messages and reports quote claim values and configuration
 * text, which anyone who can shape a token controls: unescaped, `[verify](https://…)` becomes a
 * link in an editor hover, `![](data:…)` an image, and a bare `https://…` an autolink (GFM).
 *
 * CommonMark lets a backslash escape any ASCII punctuation character (spec §2.4), after which the
 * character is literal text. Escaping every one of them leaves no link, image, emphasis, HTML,
 * entity or code span syntax, and breaks GFM's extended autolinks, which need a literal `://`,
 * `www.` or `@` in the source.
 */
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/g;

/** Plain text that renders as itself in any CommonMark/GFM renderer (Monaco hovers included). */
export function escapeMarkdown(text: string): string {
  // `$&` is the matched character: a replacement pattern, not a callback per character.
  return text.replace(ASCII_PUNCTUATION, '\\$&');
}
