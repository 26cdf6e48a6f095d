/**
 * JSON with source locations. Every provider parses its configuration through here so that each
 * check can point at the line it came from, and so that number lexemes stay available (Vault
 * compares role numbers as text: `22` and `22.0` differ).
 */
import {
  findNodeAtLocation,
  getNodeValue,
  parseTree,
  printParseErrorCode,
  type JSONPath,
  type Node,
  type ParseError,
} from 'jsonc-parser';
import type { SourceRange } from './result';

export type { Node as JsonNode, JSONPath } from 'jsonc-parser';

export interface JsonDocument {
  text: string;
  root: Node;
  value: unknown;
  /** Maps offsets to line/column; built once per document. */
  lines: LineIndex;
}

export interface LocatedError {
  message: string;
  source: SourceRange;
}

export type JsonParseOutcome = { ok: true; doc: JsonDocument } | { ok: false; error: LocatedError };

const PARSE_ERROR_TEXT: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'property name expected',
  ValueExpected: 'value expected',
  ColonExpected: "':' expected",
  CommaExpected: "',' expected",
  CloseBraceExpected: "'}' expected",
  CloseBracketExpected: "']' expected",
  EndOfFileExpected: 'end of input expected (extra text after the JSON value)',
  InvalidCommentToken: 'invalid comment',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in string',
};

/** Strict JSON (no comments, no trailing commas), as the clouds' own APIs accept it. */
export function parseJsonDocument(raw: string, what = 'JSON'): JsonParseOutcome {
  // A byte-order mark is not JSON text; a space in its place keeps every offset.
  const text = raw.charCodeAt(0) === 0xfeff ? ` ${raw.slice(1)}` : raw;
  const lines = new LineIndex(text);
  const tooDeep = offsetBeyondDepth(text, MAX_DEPTH);
  if (tooDeep !== null) {
    const pos = lines.position(tooDeep);
    return {
      ok: false,
      error: {
        message: `${what} is nested more than ${MAX_DEPTH} levels deep at line ${pos.line}, column ${pos.column}`,
        source: lines.range(tooDeep, tooDeep + 1),
      },
    };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  if (errors.length > 0 || !root) {
    const first = errors[0];
    const offset = first ? first.offset : 0;
    const code = first ? printParseErrorCode(first.error) : 'ValueExpected';
    const pos = lines.position(offset);
    const detail = text.trim() === '' ? 'empty input' : (PARSE_ERROR_TEXT[code] ?? code);
    return {
      ok: false,
      error: {
        message: `${what} is not valid JSON: ${detail} at line ${pos.line}, column ${pos.column}`,
        source: lines.range(offset, Math.max(offset + (first?.length ?? 0), offset + 1)),
      },
    };
  }
  return { ok: true, doc: { text, root, value: getNodeValue(root), lines } };
}

/** No trust configuration or token nests this deep; the parser's recursion would overflow first. */
export const MAX_DEPTH = 256;

/** Offset of the first bracket that opens level `limit + 1`, ignoring brackets inside strings. */
function offsetBeyondDepth(text: string, limit: number): number | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return i;
    } else if (c === 125 || c === 93) depth--;
  }
  return null;
}

export function nodeAt(doc: JsonDocument, path: JSONPath): Node | undefined {
  return findNodeAtLocation(doc.root, path);
}

export function rangeOfNode(doc: JsonDocument, node: Node | undefined): SourceRange | undefined {
  if (!node) return undefined;
  return doc.lines.range(node.offset, node.offset + node.length);
}

/** Range of a property: from its key to the end of its value. */
export function rangeOfProperty(doc: JsonDocument, path: JSONPath): SourceRange | undefined {
  const valueNode = findNodeAtLocation(doc.root, path);
  const property = valueNode?.parent?.type === 'property' ? valueNode.parent : valueNode;
  return rangeOfNode(doc, property);
}

/** The exact text of a node, e.g. a number's lexeme `22.0`. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
  range(start: number, end: number): SourceRange {
    const a = this.position(start);
    const b = this.position(end);
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }
}
