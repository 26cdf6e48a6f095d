/**
 * Concrete values built from a hint's pattern: a glob's `*` filled with a chosen segment, a
 * prefix completed, a simple regular expression written out. The values are proposals; the
 * evaluator decides whether the configuration admits them.
 */
import type { ClaimHint } from '../../constraints';

/** Fill every `*` with `fill` (and `?` with one character where the operator has it). */
export function fillGlob(pattern: string, fill: string, questionMark: boolean): string {
  let out = '';
  for (const char of pattern) {
    if (char === '*') out += fill;
    else if (char === '?' && questionMark) out += fill.charAt(0) || 'x';
    else out += char;
  }
  return out;
}

const CLASS_RUNS = /(\[\^?[^\]]*\]|\\[wdsS]|\.)(\+|\*|\{\d+(,\d*)?\})/g;

/** A sample string for a regular expression of the common shapes (anchors, literals, `.*`, classes, first alternative). */
export function regexSample(pattern: string, fill: string): string | undefined {
  let text = pattern.replace(/^\^/, '').replace(/\$$/, '');
  text = text.replace(/\((?:\?:)?([^()|]*)(\|[^()]*)?\)/g, '$1');
  text = text.replace(CLASS_RUNS, '\u0000');
  text = text.replace(/\\([./\-:@_])/g, '$1');
  if (/[\\()[\]|+*?{}^$]/.test(text)) return undefined;
  return text.replace(/\u0000/g, fill);
}

/** Values satisfying a (non-negated) hint, with `fill` for the free parts. */
export function samplesOf(hint: ClaimHint, fill: string): string[] {
  const out: string[] = [];
  for (const value of hint.values) {
    switch (hint.kind) {
      case 'equals':
        out.push(value);
        break;
      case 'glob':
        out.push(fillGlob(value, fill, hint.where.startsWith('String') || hint.where.includes('claimsMatchingExpression')));
        break;
      case 'prefix':
        out.push(value + fill);
        break;
      case 'suffix':
        out.push(fill + value);
        break;
      case 'contains':
        out.push(value, fill + value);
        break;
      case 'regex': {
        const sample = regexSample(value, fill);
        if (sample !== undefined) out.push(sample);
        break;
      }
      case 'present':
        break;
    }
  }
  return out;
}
