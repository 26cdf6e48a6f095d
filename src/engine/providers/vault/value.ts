/**
 * Values as the Vault plugin holds them in Go. Role JSON is decoded with `UseNumber`, so role
 * numbers are `json.Number` (their text); token JSON is decoded into plain `float64`. Equality is
 * Go interface equality: same dynamic type and same value, which is why `22` never equals `"22"`.
 */
import { goFloatText } from './numbers';

export type GoValue =
  | { kind: 'string'; value: string }
  | { kind: 'bool'; value: boolean }
  /** `json.Number`: compared as text, so `22` and `22.0` differ. */
  | { kind: 'number'; text: string }
  /** `float64`, as token numbers arrive; only whole-claim lookups turn them into `json.Number`. */
  | { kind: 'float'; value: number }
  | { kind: 'list'; items: GoValue[] }
  | { kind: 'map'; entries: Array<[string, GoValue]> }
  | { kind: 'nil' };

export const NIL: GoValue = { kind: 'nil' };

/** A token value (plain JS JSON) as Go's `encoding/json` decodes it into `interface{}`. */
export function fromTokenJson(value: unknown): GoValue {
  if (value === null || value === undefined) return NIL;
  if (typeof value === 'string') return { kind: 'string', value };
  if (typeof value === 'boolean') return { kind: 'bool', value };
  if (typeof value === 'number') return { kind: 'float', value };
  if (Array.isArray(value)) return { kind: 'list', items: value.map(fromTokenJson) };
  if (typeof value === 'object') {
    return { kind: 'map', entries: Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, fromTokenJson(v)]) };
  }
  return NIL;
}

export type GoEquality = { equal: boolean; panics?: false } | { equal: false; panics: true; typeName: string };

/**
 * Go's `actVal != expVal` on two `interface{}` values. Different dynamic types are simply unequal;
 * two lists or two maps are the same uncomparable type, and Go panics at run time.
 */
export function goEqual(a: GoValue, b: GoValue): GoEquality {
  if (a.kind !== b.kind) return { equal: false };
  switch (a.kind) {
    case 'string':
      return { equal: a.value === (b as typeof a).value };
    case 'bool':
      return { equal: a.value === (b as typeof a).value };
    case 'number':
      return { equal: a.text === (b as typeof a).text };
    case 'float':
      return { equal: a.value === (b as typeof a).value };
    case 'nil':
      return { equal: true };
    case 'list':
      return { equal: false, panics: true, typeName: '[]interface {}' };
    case 'map':
      return { equal: false, panics: true, typeName: 'map[string]interface {}' };
  }
}

/** Go's `%v` of an `interface{}` holding this value (what Vault puts in its error messages). */
export function goFormat(value: GoValue): string {
  switch (value.kind) {
    case 'string':
      return value.value;
    case 'bool':
      return value.value ? 'true' : 'false';
    case 'number':
      return value.text;
    case 'float':
      return goFloatText(value.value);
    case 'nil':
      return '<nil>';
    case 'list':
      return `[${value.items.map(goFormat).join(' ')}]`;
    case 'map': {
      // fmt prints maps with their keys sorted.
      const sorted = dedupeKeys(value.entries).sort(([a], [b]) => compareGoStrings(a, b));
      return `map[${sorted.map(([k, v]) => `${k}:${goFormat(v)}`).join(' ')}]`;
    }
  }
}

/** Go compares strings bytewise (UTF-8); comparing code points gives the same order. */
export function compareGoStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Below U+D800 a code unit is its code point, and it sorts before any surrogate's code point.
    if (x < 0xd800 || y < 0xd800) return x - y;
    return compareCodePoints(a, b);
  }
  return a.length - b.length;
}

/** UTF-16 order differs from code point order only among surrogates and U+E000–U+FFFF. */
function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** A Go map holds a key once: the last duplicate wins, as in `encoding/json`. */
export function dedupeKeys<T>(entries: Array<[string, T]>): Array<[string, T]> {
  const map = new Map<string, T>();
  for (const [k, v] of entries) map.set(k, v);
  return [...map.entries()];
}

/** Short human description with the type, for explanations: `string "22"`, `number 22`. */
export function describeTyped(value: GoValue): string {
  switch (value.kind) {
    case 'string':
      return `string ${JSON.stringify(value.value)}`;
    case 'bool':
      return `boolean ${value.value}`;
    case 'number':
      return `number ${value.text}`;
    case 'float':
      return `number ${goFloatText(value.value)} (inside a list, kept as float64)`;
    case 'nil':
      return 'null';
    case 'list':
      return `list ${displayValue(value)}`;
    case 'map':
      return `object ${displayValue(value)}`;
  }
}

/** JSON-like text keeping number lexemes, for `expected`/`actual` in checks. */
export function displayValue(value: GoValue): string {
  switch (value.kind) {
    case 'string':
      return JSON.stringify(value.value);
    case 'bool':
      return String(value.value);
    case 'number':
      return value.text;
    case 'float':
      return Number.isFinite(value.value) ? JSON.stringify(value.value) : String(value.value);
    case 'nil':
      return 'null';
    case 'list':
      return `[${value.items.map(displayValue).join(', ')}]`;
    case 'map':
      return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}: ${displayValue(v)}`).join(', ')}}`;
  }
}

export function typeWord(value: GoValue): string {
  switch (value.kind) {
    case 'string':
      return 'string';
    case 'bool':
      return 'boolean';
    case 'number':
    case 'float':
      return 'number';
    case 'nil':
      return 'null';
    case 'list':
      return 'list';
    case 'map':
      return 'object';
  }
}

/** The text a scalar would show, ignoring its type: used to spot `22` vs `"22"`. */
export function scalarText(value: GoValue): string | null {
  switch (value.kind) {
    case 'string':
      return value.value;
    case 'bool':
      return String(value.value);
    case 'number':
      return value.text;
    case 'float':
      return goFloatText(value.value);
    default:
      return null;
  }
}
