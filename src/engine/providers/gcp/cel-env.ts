/**
 * The CEL environment Google evaluates attribute mappings and conditions in: standard CEL, the
 * cel-go `ext` strings library (Google links `split`/`join` to it), Google's `extract()`, and RE2
 * semantics for `matches()` (cel-go compiles patterns with RE2, so look-arounds are errors).
 * Sources: https://docs.cloud.google.com/iam/docs/workload-identity-federation (attribute mapping
 * examples); gcp.md §1.3 and §2.3.
 */
import { celEnv, celError, celFunc, celMethod, CelScalar, isCelList, type CelEnv, type CelFunc } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import type { Registry } from '@bufbuild/protobuf';
import { RE2JS } from 're2js';
import { BUDGET_FUNCTION, meterIteration, spendCharacters } from './budget';
import { applyExtract, parseExtractTemplate } from './extract';

/**
 * `replace` as cel-go defines it (ext/strings.go calls Go's strings.Replace): non-overlapping
 * matches left to right; a negative count replaces all; an empty `old` matches before every code
 * point and at the end. Built in one pass, so it is linear in the output (the library's version
 * rebuilds the string per match, quadratic over a large claim), and the output is paid for
 * before it is built.
 */
export function replaceAll(text: string, old: string, replacement: string, count = -1n): string {
  const limit = count < 0n ? Infinity : Number(count);
  if (limit === 0) return text;
  const parts: string[] = [];
  if (old === '') {
    const points = Array.from(text);
    const matches = Math.min(limit, points.length + 1);
    spendCharacters(text.length + matches * replacement.length);
    for (let index = 0; index < points.length; index++) {
      if (index < matches) parts.push(replacement);
      parts.push(points[index]);
    }
    if (matches > points.length) parts.push(replacement);
    return parts.join('');
  }
  // Count first, so the output is paid for before any of it is built.
  const positions: number[] = [];
  for (let index = text.indexOf(old); index !== -1 && positions.length < limit; index = text.indexOf(old, index + old.length)) positions.push(index);
  spendCharacters(text.length + positions.length * replacement.length);
  let from = 0;
  for (const index of positions) {
    parts.push(text.slice(from, index), replacement);
    from = index + old.length;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

const replace = [
  celMethod('replace', CelScalar.STRING, [CelScalar.STRING, CelScalar.STRING], CelScalar.STRING, function (old, replacement) {
    return replaceAll(this, old, replacement);
  }),
  celMethod('replace', CelScalar.STRING, [CelScalar.STRING, CelScalar.STRING, CelScalar.INT], CelScalar.STRING, function (old, replacement, count) {
    return replaceAll(this, old, replacement, count);
  }),
];

/** Each list element costs as much as this many characters (allocation outweighs copying). */
const ELEMENT_CHARACTERS = 100;

/** Characters a string function reads or writes: its receiver, string and list-of-string values. */
function charactersIn(values: readonly unknown[]): number {
  let total = 0;
  for (const value of values) {
    if (typeof value === 'string') total += value.length;
    else if (isCelList(value)) for (const item of value) total += ELEMENT_CHARACTERS + (typeof item === 'string' ? item.length : 0);
  }
  return total;
}

/** A strings-library function that pays for the characters it reads and writes. */
function metered(func: CelFunc): CelFunc {
  const wrapped = Object.create(func) as CelFunc;
  const original = func.call;
  wrapped.call = function (id, target, args) {
    spendCharacters(charactersIn([target, ...args]));
    const result = original.call(this, id, target, args);
    spendCharacters(charactersIn([result]));
    return result;
  };
  return wrapped;
}

const budget = celFunc(BUDGET_FUNCTION, [CelScalar.BOOL], CelScalar.BOOL, meterIteration);

const FUNCS = [...strings.filter((func) => func.name !== 'replace').map(metered), ...replace, budget];

/** Functions that spend the evaluation budget (besides comprehension loops, which always do). */
export const METERED_FUNCTIONS: ReadonlySet<string> = new Set([...strings.map((func) => func.name), 'replace', 'matches', BUDGET_FUNCTION]);

const extract = celMethod('extract', CelScalar.STRING, [CelScalar.STRING], CelScalar.STRING, function (template) {
  const parsed = parseExtractTemplate(template);
  if (!parsed.ok) return celError(parsed.message) as never;
  return applyExtract(this, parsed.template);
});

/** `matches()` is a partial match (RE2 `find`), as in cel-go. Compiled patterns are reused. */
const compiled = new Map<string, RE2JS>();
const re2 = {
  compile(pattern: string) {
    let regex = compiled.get(pattern);
    if (!regex) {
      regex = RE2JS.compile(pattern);
      if (compiled.size > 256) compiled.clear();
      compiled.set(pattern, regex);
    }
    const ready = regex;
    return {
      test: (text: string) => {
        spendCharacters(text.length);
        return ready.matcher(text).find();
      },
    };
  },
};

export interface CelEnvironmentOptions {
  /** Only the conformance runner passes these (protobuf test messages, container names). */
  registry?: Registry;
  namespace?: string;
}

let shared: CelEnv | undefined;

export function gcpCelEnv(options: CelEnvironmentOptions = {}): CelEnv {
  if (!options.registry && !options.namespace) {
    shared ??= celEnv({ funcs: [...FUNCS, extract], re2 });
    return shared;
  }
  return celEnv({ funcs: [...FUNCS, extract], re2, registry: options.registry, namespace: options.namespace });
}
