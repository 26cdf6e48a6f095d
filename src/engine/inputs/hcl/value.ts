/**
 * Values of evaluated HCL: the located values the converters write, where a scalar with
 * `unresolved` placeholders is an unknown (of any type) that every operation propagates.
 */
import type { SourceRange } from '../../result';
import { plainValue, type Located, type Placeholder } from '../located';

export class HclEvalError extends Error {
  constructor(
    message: string,
    readonly s: number,
    readonly e: number,
  ) {
    super(message);
  }
}

export type Unknown = Extract<Located, { kind: 'scalar' }> & { unresolved: Placeholder[] };

export function isUnknown(value: Located): value is Unknown {
  return value.kind === 'scalar' && (value.unresolved?.length ?? 0) > 0;
}

/** Every unknown a value holds, anywhere inside it. */
export function unknownsIn(value: Located): Placeholder[] {
  switch (value.kind) {
    case 'scalar':
      return value.unresolved ?? [];
    case 'array':
      return value.items.flatMap(unknownsIn);
    case 'object':
      return value.entries.flatMap((e) => [...(e.unresolved ?? []), ...unknownsIn(e.value)]);
  }
}

export function dedupe(names: Placeholder[]): Placeholder[] {
  const seen = new Set<string>();
  return names.filter((n) => (seen.has(n.name) ? false : (seen.add(n.name), true)));
}

/** An unknown written as `${name}` in the converted text (never read as a value: it is reported). */
export function unknown(names: Placeholder[], range?: SourceRange): Unknown {
  const unique = dedupe(names);
  return { kind: 'scalar', value: unique.map((n) => `\${${n.name}}`).join(''), range, unresolved: unique };
}

/** The unknown an operation yields when any operand is unknown, or null when all are known. */
export function unknownOperands(values: Located[], range?: SourceRange): Unknown | null {
  const names = values.flatMap((v) => (isUnknown(v) ? v.unresolved! : []));
  return names.length > 0 ? unknown(names, range) : null;
}

export function typeName(value: Located): string {
  if (value.kind === 'array') return 'list';
  if (value.kind === 'object') return 'object';
  if (value.value === null) return 'null';
  return typeof value.value === 'boolean' ? 'bool' : typeof value.value;
}

/** Terraform's number formatting in strings: integers without a fraction. */
export function numberText(n: number): string {
  return Number.isInteger(n) ? n.toFixed(0) : String(n);
}

/** A value as a string by Terraform's conversion rules, or an error at [s, e). */
export function asString(value: Located, s: number, e: number, what = 'a string'): string {
  if (value.kind !== 'scalar') {
    if (value.encoded) return JSON.stringify(plainValue(value));
    throw new HclEvalError(`${what} is required, not a ${typeName(value)}`, s, e);
  }
  if (value.value === null) throw new HclEvalError(`${what} is required, not null`, s, e);
  if (typeof value.value === 'number') return numberText(value.value);
  return String(value.value);
}

export function asNumber(value: Located, s: number, e: number): number {
  if (value.kind === 'scalar' && typeof value.value === 'number') return value.value;
  if (value.kind === 'scalar' && typeof value.value === 'string' && /^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(value.value.trim())) return Number(value.value);
  throw new HclEvalError(`a number is required, not ${value.kind === 'scalar' ? JSON.stringify(value.value) : `a ${typeName(value)}`}`, s, e);
}

export function asBool(value: Located, s: number, e: number): boolean {
  if (value.kind === 'scalar' && typeof value.value === 'boolean') return value.value;
  if (value.kind === 'scalar' && (value.value === 'true' || value.value === 'false')) return value.value === 'true';
  throw new HclEvalError(`a bool is required, not ${value.kind === 'scalar' ? JSON.stringify(value.value) : `a ${typeName(value)}`}`, s, e);
}

/** Structural equality as `==` compares (no conversion between types). */
export function equal(a: Located, b: Located): boolean {
  if (a.kind === 'scalar' && b.kind === 'scalar') return a.value === b.value;
  if (a.kind === 'array' && b.kind === 'array') return a.items.length === b.items.length && a.items.every((item, i) => equal(item, b.items[i]));
  if (a.kind === 'object' && b.kind === 'object') {
    return a.entries.length === b.entries.length && a.entries.every((entry) => b.entries.some((other) => other.key === entry.key && equal(entry.value, other.value)));
  }
  return false;
}
