/**
 * Terraform's built-in functions that trust configurations use, each by its documented rules
 * (https://developer.hashicorp.com/terraform/language/functions/<name>). Any unknown argument
 * makes the result unknown, except where a function's rule says otherwise (`try`, `can`,
 * `coalesce` and `lookup` with a known answer).
 */
import type { SourceRange } from '../../result';
import { objectOf, plainValue, scalar, type Located, type LocatedEntry } from '../located';
import { parseExpression, type Expr } from './syntax';
import type { ExpressionEvaluator } from './types';
import { asBool, asNumber, asString, equal, HclEvalError, isUnknown, numberText, typeName, unknown, unknownOperands, unknownsIn } from './value';

type Call = Extract<Expr, { t: 'call' }>;
type Fn = (args: Located[], call: Call, range: SourceRange | undefined, ev: ExpressionEvaluator) => Located;

const list = (items: Located[], range?: SourceRange): Located => ({ kind: 'array', items, range });

function listArg(value: Located, call: Call, i: number): Located[] {
  if (value.kind === 'array') return value.items;
  const arg = call.args[i] ?? call;
  throw new HclEvalError(`${call.name}: argument ${i + 1} must be a list, not a ${typeName(value)}`, arg.s, arg.e);
}

function objectArg(value: Located, call: Call, i: number): LocatedEntry[] {
  if (value.kind === 'object') return value.entries;
  const arg = call.args[i] ?? call;
  throw new HclEvalError(`${call.name}: argument ${i + 1} must be a map or object, not a ${typeName(value)}`, arg.s, arg.e);
}

function str(value: Located, call: Call, i: number): string {
  const arg = call.args[Math.min(i, call.args.length - 1)] ?? call;
  return asString(value, arg.s, arg.e, `${call.name}: argument ${i + 1}`);
}

function num(value: Located, call: Call, i: number): number {
  const arg = call.args[Math.min(i, call.args.length - 1)] ?? call;
  return asNumber(value, arg.s, arg.e);
}

function arity(call: Call, args: Located[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    throw new HclEvalError(`${call.name} takes ${min === max ? min : `${min} to ${max === Infinity ? 'any number of' : max}`} arguments, not ${args.length}`, call.s, call.e);
  }
}

const sortedKeys = (entries: LocatedEntry[]) => [...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

/** A set of values: distinct, strings in lexical order as Terraform lists a set of strings. */
function asSet(items: Located[], range?: SourceRange): Located {
  const unique = items.filter((item, i) => items.findIndex((other) => equal(other, item)) === i);
  if (unique.every((item) => item.kind === 'scalar' && typeof item.value === 'string')) {
    unique.sort((a, b) => (String((a as { value: unknown }).value) < String((b as { value: unknown }).value) ? -1 : 1));
  }
  return list(unique, range);
}

/** `format` verbs: https://developer.hashicorp.com/terraform/language/functions/format */
function format(spec: string, args: Located[], call: Call): string {
  let next = 0;
  return spec.replace(/%(\[(\d+)\])?([-+# 0]*)(\d+)?(\.\d+)?([a-zA-Z%])/g, (whole, _i, explicit: string | undefined, flags: string, width: string | undefined, precision: string | undefined, verb: string) => {
    if (verb === '%') return '%';
    const index = explicit ? Number(explicit) - 1 : next;
    next = index + 1;
    const value = args[index];
    if (!value) throw new HclEvalError(`format: not enough arguments for ${whole}`, call.s, call.e);
    let out: string;
    switch (verb) {
      case 's':
        out = str(value, call, index + 1);
        break;
      case 'd':
        out = numberText(Math.trunc(num(value, call, index + 1)));
        break;
      case 'f':
        out = num(value, call, index + 1).toFixed(precision ? Number(precision.slice(1)) : 6);
        break;
      case 'q':
        out = JSON.stringify(str(value, call, index + 1));
        break;
      case 't':
        out = String(asBool(value, call.s, call.e));
        break;
      case 'v':
        out = value.kind === 'scalar' ? (typeof value.value === 'number' ? numberText(value.value) : String(value.value)) : JSON.stringify(plainValue(value));
        break;
      default:
        throw new HclEvalError(`format: the verb %${verb} is not evaluated by trustlens`, call.s, call.e);
    }
    if (width && out.length < Number(width)) out = flags.includes('-') ? out.padEnd(Number(width)) : out.padStart(Number(width), flags.includes('0') ? '0' : ' ');
    return out;
  });
}

/** Terraform's regular expressions are RE2; the shared subset reads the same in JavaScript. */
function regex(pattern: string, call: Call): RegExp {
  try {
    return new RegExp(pattern.replace(/\(\?P</g, '(?<'), 'gu');
  } catch {
    throw new HclEvalError(`${call.name}: ${JSON.stringify(pattern)} is not a regular expression`, call.s, call.e);
  }
}

function fromJson(value: unknown, range?: SourceRange): Located {
  if (Array.isArray(value)) return list(value.map((v) => fromJson(v, range)), range);
  if (value !== null && typeof value === 'object') return objectOf(Object.entries(value).map(([key, v]) => ({ key, value: fromJson(v, range) })), range);
  return scalar(value as string | number | boolean | null, range);
}

const FUNCTIONS: Record<string, Fn> = {
  format: (args, call, range) => {
    arity(call, args, 1, Infinity);
    return scalar(format(str(args[0], call, 0), args.slice(1), call), range);
  },
  join: (args, call, range) => {
    arity(call, args, 2, Infinity);
    const items = args.slice(1).flatMap((a, i) => listArg(a, call, i + 1));
    const u = unknownOperands(items, range);
    if (u) return u;
    return scalar(items.map((item) => str(item, call, 1)).join(str(args[0], call, 0)), range);
  },
  split: (args, call, range) => {
    arity(call, args, 2);
    const sep = str(args[0], call, 0);
    const text = str(args[1], call, 1);
    return list(text === '' ? [scalar('', range)] : text.split(sep).map((part) => scalar(part, range)), range);
  },
  replace: (args, call, range) => {
    arity(call, args, 3);
    const [text, search, replacement] = args.map((a, i) => str(a, call, i));
    if (search.length > 1 && search.startsWith('/') && search.endsWith('/')) return scalar(text.replace(regex(search.slice(1, -1), call), replacement), range);
    return scalar(text.split(search).join(replacement), range);
  },
  concat: (args, call, range) => list(args.flatMap((a, i) => listArg(a, call, i)), range),
  merge: (args, call, range) => {
    // A key the text does not determine could replace any earlier one: the merge depends on it.
    const pending = args.flatMap((arg) => (arg.kind === 'object' ? arg.entries.flatMap((e) => e.unresolved ?? []) : []));
    if (pending.length > 0) return unknown(pending, range);
    const entries: LocatedEntry[] = [];
    args.forEach((arg, i) => {
      if (arg.kind === 'scalar' && arg.value === null) return;
      for (const entry of objectArg(arg, call, i)) {
        const at = entries.findIndex((e) => e.key === entry.key);
        if (at >= 0) entries[at] = entry;
        else entries.push(entry);
      }
    });
    return objectOf(entries, range);
  },
  flatten: (args, call, range) => {
    arity(call, args, 1);
    const flat = (items: Located[]): Located[] => items.flatMap((item) => (item.kind === 'array' ? flat(item.items) : [item]));
    const items = flat(listArg(args[0], call, 0));
    return unknownOperands(items, range) ?? list(items, range);
  },
  distinct: (args, call, range) => {
    arity(call, args, 1);
    const items = listArg(args[0], call, 0);
    return unknownOperands(items, range) ?? list(items.filter((item, i) => items.findIndex((other) => equal(other, item)) === i), range);
  },
  lookup: (args, call, range) => {
    arity(call, args, 2, 3);
    const entries = objectArg(args[0], call, 0);
    const key = str(args[1], call, 1);
    const found = entries.find((e) => e.key === key);
    if (found) return found.value;
    const pending = entries.filter((e) => e.unresolved);
    if (pending.length > 0) return unknown(pending.flatMap((e) => e.unresolved!), range);
    if (args.length === 3) return args[2];
    throw new HclEvalError(`lookup: the map has no key ${JSON.stringify(key)} and no default is given`, call.s, call.e);
  },
  element: (args, call, range) => {
    arity(call, args, 2);
    const items = listArg(args[0], call, 0);
    const index = num(args[1], call, 1);
    if (items.length === 0) throw new HclEvalError('element: the list is empty', call.s, call.e);
    if (index < 0) throw new HclEvalError('element: the index must not be negative', call.s, call.e);
    return { ...items[Math.trunc(index) % items.length], range: items[Math.trunc(index) % items.length].range ?? range };
  },
  coalesce: (args, call, range) => {
    for (const arg of args) {
      if (isUnknown(arg)) return unknown(arg.unresolved!, range);
      if (arg.kind === 'scalar' && (arg.value === null || arg.value === '')) continue;
      return arg;
    }
    throw new HclEvalError('coalesce: every argument is null or an empty string', call.s, call.e);
  },
  lower: (args, call, range) => (arity(call, args, 1), scalar(str(args[0], call, 0).toLowerCase(), range)),
  upper: (args, call, range) => (arity(call, args, 1), scalar(str(args[0], call, 0).toUpperCase(), range)),
  trimspace: (args, call, range) => (arity(call, args, 1), scalar(str(args[0], call, 0).trim(), range)),
  trimprefix: (args, call, range) => {
    arity(call, args, 2);
    const [text, prefix] = [str(args[0], call, 0), str(args[1], call, 1)];
    return scalar(prefix && text.startsWith(prefix) ? text.slice(prefix.length) : text, range);
  },
  trimsuffix: (args, call, range) => {
    arity(call, args, 2);
    const [text, suffix] = [str(args[0], call, 0), str(args[1], call, 1)];
    return scalar(suffix && text.endsWith(suffix) ? text.slice(0, -suffix.length) : text, range);
  },
  startswith: (args, call, range) => (arity(call, args, 2), scalar(str(args[0], call, 0).startsWith(str(args[1], call, 1)), range)),
  endswith: (args, call, range) => (arity(call, args, 2), scalar(str(args[0], call, 0).endsWith(str(args[1], call, 1)), range)),
  substr: (args, call, range) => {
    arity(call, args, 3);
    const chars = Array.from(str(args[0], call, 0));
    let offset = num(args[1], call, 1);
    const length = num(args[2], call, 2);
    if (offset < 0) offset = Math.max(0, chars.length + offset);
    if (offset > chars.length) throw new HclEvalError('substr: the offset is beyond the end of the string', call.s, call.e);
    return scalar(chars.slice(offset, length < 0 ? undefined : offset + length).join(''), range);
  },
  tolist: (args, call, range) => (arity(call, args, 1), list(listArg(args[0], call, 0), args[0].range ?? range)),
  toset: (args, call, range) => {
    arity(call, args, 1);
    const items = listArg(args[0], call, 0);
    return unknownOperands(items, range) ?? asSet(items, args[0].range ?? range);
  },
  tomap: (args, call, range) => (arity(call, args, 1), objectOf(objectArg(args[0], call, 0), args[0].range ?? range)),
  tostring: (args, call, range) => {
    arity(call, args, 1);
    const value = args[0];
    if (value.kind === 'scalar' && value.value === null) return value;
    if (value.kind !== 'scalar') throw new HclEvalError(`tostring: a ${typeName(value)} cannot be a string`, call.s, call.e);
    return scalar(str(value, call, 0), value.range ?? range);
  },
  tonumber: (args, call, range) => (arity(call, args, 1), scalar(num(args[0], call, 0), range)),
  tobool: (args, call, range) => (arity(call, args, 1), scalar(asBool(args[0], call.s, call.e), range)),
  jsonencode: (args, call, range) => {
    arity(call, args, 1);
    const value = args[0];
    if (isUnknown(value)) return unknown(value.unresolved!, range);
    if (value.kind === 'scalar') return scalar(JSON.stringify(value.value), range);
    return { ...value, encoded: true, range: range ?? value.range };
  },
  jsondecode: (args, call, range) => {
    arity(call, args, 1);
    const value = args[0];
    if (value.kind !== 'scalar' && value.encoded) return { ...value, encoded: false };
    const text = str(value, call, 0);
    try {
      return fromJson(JSON.parse(text), range);
    } catch {
      throw new HclEvalError('jsondecode: the argument is not valid JSON', call.s, call.e);
    }
  },
  length: (args, call, range) => {
    arity(call, args, 1);
    const value = args[0];
    if (value.kind === 'array') return scalar(value.items.length, range);
    if (value.kind === 'object') return value.entries.some((e) => e.unresolved) ? unknown(value.entries.flatMap((e) => e.unresolved ?? []), range) : scalar(value.entries.length, range);
    return scalar(Array.from(str(value, call, 0)).length, range);
  },
  contains: (args, call, range) => {
    arity(call, args, 2);
    const items = listArg(args[0], call, 0);
    if (unknownsIn(args[1]).length > 0) return unknown(unknownsIn(args[1]), range);
    if (items.some((item) => !isUnknown(item) && equal(item, args[1]))) return scalar(true, range);
    return unknownOperands(items, range) ?? scalar(false, range);
  },
  keys: (args, call, range) => {
    arity(call, args, 1);
    const entries = objectArg(args[0], call, 0);
    if (entries.some((e) => e.unresolved)) return unknown(entries.flatMap((e) => e.unresolved ?? []), range);
    return list(sortedKeys(entries).map((e) => scalar(e.key, e.keyRange)), range);
  },
  values: (args, call, range) => {
    arity(call, args, 1);
    const entries = objectArg(args[0], call, 0);
    if (entries.some((e) => e.unresolved)) return unknown(entries.flatMap((e) => e.unresolved ?? []), range);
    return list(sortedKeys(entries).map((e) => e.value), range);
  },
  compact: (args, call, range) => {
    arity(call, args, 1);
    const items = listArg(args[0], call, 0);
    return unknownOperands(items, range) ?? list(items.filter((item) => !(item.kind === 'scalar' && (item.value === null || item.value === ''))), range);
  },
  coalescelist: (args, call) => {
    for (const [i, arg] of args.entries()) if (listArg(arg, call, i).length > 0) return arg;
    throw new HclEvalError('coalescelist: every list is empty', call.s, call.e);
  },
  one: (args, call, range) => {
    arity(call, args, 1);
    const items = listArg(args[0], call, 0);
    if (items.length > 1) throw new HclEvalError('one: the list has more than one element', call.s, call.e);
    return items[0] ?? scalar(null, range);
  },
  sort: (args, call, range) => {
    arity(call, args, 1);
    const items = listArg(args[0], call, 0);
    return unknownOperands(items, range) ?? list([...items].sort((a, b) => (str(a, call, 0) < str(b, call, 0) ? -1 : 1)), range);
  },
  regex: (args, call, range) => {
    arity(call, args, 2);
    const match = regex(str(args[0], call, 0), call).exec(str(args[1], call, 1));
    if (!match) throw new HclEvalError('regex: the pattern does not match', call.s, call.e);
    if (match.length === 1) return scalar(match[0], range);
    if (match.groups) return objectOf(Object.entries(match.groups).map(([key, v]) => ({ key, value: scalar(v ?? null, range) })), range);
    return list(match.slice(1).map((v) => scalar(v ?? null, range)), range);
  },
  file: (args, call, range, ev) => {
    arity(call, args, 1);
    const path = str(args[0], call, 0);
    const content = ev.scope.file?.(path) ?? null;
    return content === null ? unknown([{ name: `file:${path}`, range }], range) : scalar(content, range);
  },
  templatefile: (args, call, range, ev) => {
    arity(call, args, 2);
    const path = str(args[0], call, 0);
    const content = ev.scope.file?.(path) ?? null;
    if (content === null) return unknown([{ name: `file:${path}`, range }], range);
    const variables = objectArg(args[1], call, 1);
    // The template is evaluated with only its own variables in scope, as templatefile does.
    const template = parseExpression(`<<TEMPLATE\n${content}\nTEMPLATE\n`);
    if (template.t !== 'tpl') return scalar(content, range);
    const inner = ev.fresh({ ...ev.scope, range: () => range, reference: () => null });
    const out = inner.with(new Map(variables.map((e) => [e.key, e.value])), () => inner.template(template.parts, range));
    return out.kind === 'scalar' && typeof out.value === 'string' ? scalar(out.value.replace(/\n$/, ''), range, out.unresolved) : out;
  },
};

/** Functions that see their arguments' errors: `try` and `can`. */
function lazy(ev: ExpressionEvaluator, call: Call, range: SourceRange | undefined): Located | null {
  if (call.name === 'try') {
    let last: unknown;
    for (const arg of call.args) {
      try {
        return ev.evaluate(arg);
      } catch (error) {
        if (!(error instanceof HclEvalError)) throw error;
        last = error;
      }
    }
    if (last) throw new HclEvalError('try: no argument could be evaluated without an error', call.s, call.e);
    throw new HclEvalError('try needs at least one argument', call.s, call.e);
  }
  if (call.name === 'can') {
    if (call.args.length !== 1) throw new HclEvalError('can takes 1 argument', call.s, call.e);
    try {
      const value = ev.evaluate(call.args[0]);
      const inner = unknownsIn(value);
      return inner.length > 0 ? unknown(inner, range) : scalar(true, range);
    } catch (error) {
      if (!(error instanceof HclEvalError)) throw error;
      return scalar(false, range);
    }
  }
  return null;
}

/** Functions whose unknown arguments are handled by their own rule. */
const SEES_UNKNOWNS = new Set(['coalesce', 'lookup', 'contains', 'concat', 'merge', 'tolist', 'tomap', 'jsonencode', 'jsondecode', 'length', 'keys', 'values', 'element', 'one', 'coalescelist', 'flatten', 'distinct', 'toset', 'compact', 'sort', 'join']);

export function callFunction(ev: ExpressionEvaluator, call: Call, range: SourceRange | undefined): Located {
  const name = call.name.replace(/^provider::[^:]+::/, '');
  const early = lazy(ev, { ...call, name }, range);
  if (early) return early;
  const fn = FUNCTIONS[name];
  if (!fn) throw new HclEvalError(`the function ${call.name} is not one trustlens evaluates`, call.s, call.e);
  let args = call.args.map((arg) => ev.evaluate(arg));
  if (call.expand && args.length > 0) {
    const last = args[args.length - 1];
    if (isUnknown(last)) return unknown(last.unresolved!, range);
    args = [...args.slice(0, -1), ...listArg(last, call, args.length - 1)];
  }
  if (!SEES_UNKNOWNS.has(name)) {
    const names = args.flatMap(unknownsIn);
    if (names.length > 0) return unknown(names, range);
  } else {
    const u = unknownOperands(args.filter((a) => a.kind === 'scalar'), range);
    if (u && !['coalesce', 'lookup', 'jsonencode', 'contains'].includes(name)) return u;
    if (u && name === 'lookup' && isUnknown(args[0])) return u;
    if (u && name === 'contains' && isUnknown(args[0])) return u;
    if (u && name === 'lookup' && isUnknown(args[1])) return u;
  }
  return fn(args, { ...call, name }, range, ev);
}
