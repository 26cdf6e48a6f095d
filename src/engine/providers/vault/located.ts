/**
 * Role and config values with the place they came from, so every check can point into the editor.
 * Built from JSON text (number lexemes kept) or from `vault write key=value` arguments.
 */
import type { Node } from 'jsonc-parser';
import type { LineIndex } from '../../json';
import type { SourceRange } from '../../result';
import { type GoValue } from './value';

export interface LocatedValue {
  go: GoValue;
  range: SourceRange;
  /** For objects: the members, last duplicate winning as in Go's `encoding/json`. */
  entries?: LocatedEntry[];
  /** For arrays: the elements. */
  items?: LocatedValue[];
}

export interface LocatedEntry {
  key: string;
  keyRange: SourceRange;
  /** From the key to the end of the value. */
  range: SourceRange;
  value: LocatedValue;
}

/** A JSON node as Vault decodes it with `UseNumber`: numbers keep their lexeme. */
export function locateJsonNode(node: Node, text: string, base: number, lines: LineIndex): LocatedValue {
  const range = lines.range(base + node.offset, base + node.offset + node.length);
  switch (node.type) {
    case 'object': {
      const entries: LocatedEntry[] = [];
      for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (!keyNode || !valueNode) continue;
        entries.push({
          key: String(keyNode.value),
          keyRange: lines.range(base + keyNode.offset, base + keyNode.offset + keyNode.length),
          range: lines.range(base + property.offset, base + property.offset + property.length),
          value: locateJsonNode(valueNode, text, base, lines),
        });
      }
      const unique = lastWins(entries);
      return { go: { kind: 'map', entries: unique.map((e) => [e.key, e.value.go]) }, range, entries: unique };
    }
    case 'array': {
      const items = (node.children ?? []).map((child) => locateJsonNode(child, text, base, lines));
      return { go: { kind: 'list', items: items.map((i) => i.go) }, range, items };
    }
    case 'string':
      return { go: { kind: 'string', value: String(node.value) }, range };
    case 'number':
      return { go: { kind: 'number', text: text.slice(node.offset, node.offset + node.length) }, range };
    case 'boolean':
      return { go: { kind: 'bool', value: Boolean(node.value) }, range };
    default:
      return { go: { kind: 'nil' }, range };
  }
}

/** Go maps keep one value per key; the last one written wins. */
export function lastWins(entries: LocatedEntry[]): LocatedEntry[] {
  const lastIndex = new Map<string, number>();
  entries.forEach((entry, index) => lastIndex.set(entry.key, index));
  return entries.filter((entry, index) => lastIndex.get(entry.key) === index);
}

export function entryOf(entries: LocatedEntry[] | null | undefined, key: string): LocatedEntry | undefined {
  return entries?.find((entry) => entry.key === key);
}
