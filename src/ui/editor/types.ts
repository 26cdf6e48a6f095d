import type { SourceRange } from '../../engine/result';

/** Something the verdict says about a range of the configuration: a check or a finding. */
export interface Annotation {
  range: SourceRange;
  severity: 'error' | 'warning' | 'info' | 'pass';
  message: string;
  /** The decisive check: highlighted as a whole line. */
  decisive?: boolean;
  /** An extra inline class on the range's characters (e.g. `mark-syntax` for a parse error). */
  mark?: string;
}

/** Syntax colouring the editor's own language does not know (CEL inside JSON strings). */
export interface Highlight {
  range: SourceRange;
  /** Applied to the range's characters. */
  className: string;
}

/** What the verdict can ask of whichever editor is showing (textarea or Monaco). */
export interface EditorHandle {
  reveal(range: SourceRange): void;
}

export interface CodeInputProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  /** The editor's accessible name. */
  label: string;
  testId: string;
  language: 'json' | 'plaintext';
  /** Model URI; JSON schemas are matched by it, so each provider has its own. */
  path: string;
  theme: 'light' | 'dark';
  annotations: Annotation[];
  highlights?: Highlight[];
  handleRef?: { current: EditorHandle | null };
  /** When false, only the plain textarea is used (embed mode). */
  rich: boolean;
  placeholder?: string;
  rows?: number;
}

export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(text.length, offset + column - 1);
}
