/**
 * Google's `extract()` string method for attribute mappings: `'a/b/c'.extract('a/{x}/c') == 'b'`.
 *
 * Google documents the function through examples only (the default AWS mapping, and the IAM
 * Conditions reference it links to); the no-match result (`''`) follows the third-party WIF
 * emulator loicsikidi/wif-go (pkg/compiler/functions/extract). Both are labelled inferred in the
 * specification (gcp.md §1.3).
 */

export interface ExtractTemplate {
  prefix: string;
  suffix: string;
  placeholder: string;
}

export type TemplateOutcome = { ok: true; template: ExtractTemplate } | { ok: false; message: string };

/** A template is literal text with exactly one `{placeholder}`. */
export function parseExtractTemplate(template: string): TemplateOutcome {
  const open = template.indexOf('{');
  const close = open < 0 ? -1 : template.indexOf('}', open + 1);
  if (open < 0 || close < 0) {
    return { ok: false, message: `extract(): the template ${JSON.stringify(template)} has no {placeholder}` };
  }
  const prefix = template.slice(0, open);
  const suffix = template.slice(close + 1);
  if (/[{}]/.test(prefix) || /[{}]/.test(suffix)) {
    return { ok: false, message: `extract(): the template ${JSON.stringify(template)} must contain exactly one {placeholder}` };
  }
  return { ok: true, template: { prefix, suffix, placeholder: template.slice(open + 1, close) } };
}

/**
 * The text between the first occurrence of the prefix and the first occurrence of the suffix after
 * it; the rest of the string when the suffix is empty; `''` when either is absent.
 */
export function applyExtract(value: string, template: ExtractTemplate): string {
  const at = value.indexOf(template.prefix);
  if (at < 0) return '';
  const rest = value.slice(at + template.prefix.length);
  if (template.suffix === '') return rest;
  const end = rest.indexOf(template.suffix);
  return end < 0 ? '' : rest.slice(0, end);
}
