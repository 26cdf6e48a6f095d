/**
 * A configuration value converted from Terraform or CloudFormation, each part carrying the range
 * of the text it came from, and the JSON text written from it with a source map back to those
 * ranges. The providers evaluate the JSON; their check ranges are carried back through the map.
 */
import type { SourceRange } from '../result';

/** A value the pasted text does not give: another resource's attribute, a variable without default, … */
export interface Placeholder {
  /** What to fill in: `var.account_id`, `AWS::AccountId`, `aws_iam_openid_connect_provider.gitlab.arn`. */
  name: string;
  range?: SourceRange;
}

/**
 * `encoded` marks a string that is the JSON text of a structure (Terraform's `jsonencode`): it is
 * kept as the structure, so each part keeps its place, and written as text where a string is needed.
 */
export type Located =
  | { kind: 'scalar'; value: string | number | boolean | null; range?: SourceRange; unresolved?: Placeholder[]; encoded?: undefined }
  | { kind: 'array'; items: Located[]; range?: SourceRange; encoded?: boolean }
  | { kind: 'object'; entries: LocatedEntry[]; range?: SourceRange; encoded?: boolean };

export interface LocatedEntry {
  key: string;
  keyRange?: SourceRange;
  value: Located;
  /** A key the text does not determine (`"${var.url}:sub" = …`): the entry depends on these. */
  unresolved?: Placeholder[];
}

export const scalar = (value: string | number | boolean | null, range?: SourceRange, unresolved?: Placeholder[]): Located =>
  unresolved && unresolved.length > 0 ? { kind: 'scalar', value, range, unresolved } : { kind: 'scalar', value, range };

export function objectOf(entries: LocatedEntry[], range?: SourceRange): Located {
  return { kind: 'object', entries, range };
}

export function entryOf(located: Located, key: string): Located | undefined {
  return located.kind === 'object' ? located.entries.find((e) => e.key === key)?.value : undefined;
}

export function placeholdersIn(located: Located): Placeholder[] {
  switch (located.kind) {
    case 'scalar':
      return located.unresolved ?? [];
    case 'array':
      return located.items.flatMap(placeholdersIn);
    case 'object':
      return located.entries.flatMap((e) => [...(e.unresolved ?? []), ...placeholdersIn(e.value)]);
  }
}

export function plainValue(located: Located): unknown {
  switch (located.kind) {
    case 'scalar':
      return located.value;
    case 'array':
      return located.items.map(plainValue);
    case 'object':
      return Object.fromEntries(located.entries.map((e) => [e.key, plainValue(e.value)]));
  }
}

export function spanOf(a: SourceRange | undefined, b: SourceRange | undefined): SourceRange | undefined {
  if (!a) return b;
  if (!b) return a;
  return { line: a.line, column: a.column, endLine: b.endLine, endColumn: b.endColumn };
}

interface Span {
  start: number;
  end: number;
  range: SourceRange;
}

export interface SourceMap {
  /** Converted-text spans, each with the original range it came from. */
  spans: Span[];
  /** The range of the whole converted configuration in the original (the resource or property). */
  whole?: SourceRange;
}

/** Writes the value as two-space-indented JSON and records where each part landed. */
export function writeJson(located: Located, whole?: SourceRange): { text: string; map: SourceMap } {
  const spans: Span[] = [];
  let out = '';
  const write = (value: Located, indent: string): void => {
    const start = out.length;
    switch (value.kind) {
      case 'scalar':
        out += JSON.stringify(value.value);
        break;
      case 'array':
        if (value.items.length === 0) {
          out += '[]';
          break;
        }
        out += '[\n';
        value.items.forEach((item, i) => {
          out += `${indent}  `;
          write(item, `${indent}  `);
          out += i < value.items.length - 1 ? ',\n' : '\n';
        });
        out += `${indent}]`;
        break;
      case 'object':
        if (value.entries.length === 0) {
          out += '{}';
          break;
        }
        out += '{\n';
        value.entries.forEach((entry, i) => {
          out += `${indent}  `;
          const entryStart = out.length;
          out += `${JSON.stringify(entry.key)}: `;
          write(entry.value, `${indent}  `);
          const entryRange = spanOf(entry.keyRange, entry.value.range);
          if (entryRange) spans.push({ start: entryStart, end: out.length, range: entryRange });
          out += i < value.entries.length - 1 ? ',\n' : '\n';
        });
        out += `${indent}}`;
        break;
    }
    if (value.range) spans.push({ start, end: out.length, range: value.range });
  };
  write(located, '');
  return { text: `${out}\n`, map: { spans, whole } };
}

/** The original range for a range in the converted text: the smallest converted part holding it. */
export function mapRange(range: SourceRange, convertedText: string, map: SourceMap): SourceRange | undefined {
  const lineStarts = lineStartsOf(convertedText);
  const start = offsetOf(convertedText, lineStarts, range.line, range.column);
  const end = offsetOf(convertedText, lineStarts, range.endLine, range.endColumn);
  let best: Span | undefined;
  for (const span of map.spans) {
    if (span.start <= start && end <= span.end && (!best || span.end - span.start < best.end - best.start)) best = span;
  }
  if (best) return best.range;
  // A range that straddles parts: the smallest part holding its start.
  for (const span of map.spans) {
    if (span.start <= start && start < span.end && (!best || span.end - span.start < best.end - best.start)) best = span;
  }
  return best?.range ?? map.whole;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function offsetOf(text: string, lineStarts: number[], line: number, column: number): number {
  const lineStart = lineStarts[Math.min(Math.max(line, 1), lineStarts.length) - 1];
  return Math.min(text.length, lineStart + Math.max(column, 1) - 1);
}
