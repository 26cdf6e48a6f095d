import { describe, expect, it } from 'vitest';
import { plainValue, scalar, type Located } from '../located';
import { Evaluator, type Scope } from './evaluate';
import { parseExpression, HclSyntaxError } from './syntax';
import { HclEvalError, isUnknown, unknown, unknownsIn } from './value';

function fromPlain(value: unknown): Located {
  if (Array.isArray(value)) return { kind: 'array', items: value.map(fromPlain) };
  if (value !== null && typeof value === 'object') return { kind: 'object', entries: Object.entries(value).map(([key, v]) => ({ key, value: fromPlain(v) })) };
  return scalar(value as string);
}

/** `var.NAME` from the given values; anything else under `var` is an unknown named `var.NAME`. */
function scope(vars: Record<string, unknown> = {}): Scope {
  return {
    range: () => undefined,
    reference: (root, steps) => {
      if (root !== 'var' || steps[0]?.kind !== 'attr') return null;
      const name = steps[0].name;
      return { value: name in vars ? fromPlain(vars[name]) : unknown([{ name: `var.${name}` }]), used: 1 };
    },
  };
}

function run(source: string, vars: Record<string, unknown> = {}): Located {
  return new Evaluator(scope(vars)).evaluate(parseExpression(source));
}

const value = (source: string, vars?: Record<string, unknown>) => plainValue(run(source, vars));
const unknowns = (source: string, vars?: Record<string, unknown>) => unknownsIn(run(source, vars)).map((p) => p.name);

describe('HCL expressions (developer.hashicorp.com/terraform/language/expressions)', () => {
  it('arithmetic in a template: "${7*7}" is 49 (a lone interpolation keeps its value, hclsyntax TemplateWrapExpr)', () => {
    expect(value('"${7*7}"')).toBe(49);
    expect(value('"n=${7*7}"')).toBe('n=49');
    expect(value('1 + 2 * 3 - 4 / 2')).toBe(5);
    expect(value('"a" == "a" && !(1 > 2)')).toBe(true);
  });

  it('$${ and %%{ are literal text, not interpolation (expressions/strings#escape-sequences)', () => {
    expect(value('"$${aws:username}"')).toBe('${aws:username}');
    expect(value('"%%{x}"')).toBe('%{x}');
  });

  it('template directives and heredocs (expressions/strings#directives, #heredoc-strings)', () => {
    expect(value('"%{ if var.on }yes%{ else }no%{ endif }"', { on: true })).toBe('yes');
    expect(value('"%{ for s in var.l }${s},%{ endfor }"', { l: ['a', 'b'] })).toBe('a,b,');
    expect(value('<<-EOT\n    a ${var.x}\n      b\n    EOT\n', { x: 1 })).toBe('a 1\n  b\n');
  });

  it('for expressions over lists and maps with if, and grouping (expressions/for)', () => {
    expect(value('[for s in var.l : upper(s) if s != "b"]', { l: ['a', 'b', 'c'] })).toEqual(['A', 'C']);
    expect(value('{for k, v in var.m : v => k}', { m: { x: 'one', y: 'two' } })).toEqual({ one: 'x', two: 'y' });
    expect(value('{for s in var.l : substr(s, 0, 1) => s...}', { l: ['ab', 'ac', 'b'] })).toEqual({ a: ['ab', 'ac'], b: ['b'] });
  });

  it('splats, index and attribute access (expressions/splat)', () => {
    expect(value('var.l[*].name', { l: [{ name: 'a' }, { name: 'b' }] })).toEqual(['a', 'b']);
    expect(value('var.o.items[1]', { o: { items: ['x', 'y'] } })).toBe('y');
    expect(value('var.o["k"]', { o: { k: 'v' } })).toBe('v');
  });

  it('conditionals pick one branch; an unknown condition is unknown (expressions/conditionals)', () => {
    expect(value('var.a ? "x" : "y"', { a: false })).toBe('y');
    expect(unknowns('var.a ? "x" : var.b', { b: 'z' })).toEqual(['var.a']);
  });

  it('an unknown propagates through templates, functions, keys and indexes', () => {
    expect(unknowns('"${var.url}:sub"')).toEqual(['var.url']);
    expect(unknowns('format("%s:sub", var.url)')).toEqual(['var.url']);
    expect(unknowns('{ subjects = ["a"] }[var.kind]')).toEqual(['var.kind']);
    expect(unknowns('var.obj.attr')).toEqual(['var.obj']);
    expect(unknowns('[for s in var.l : s]')).toEqual(['var.l']);
    expect(isUnknown(run('length(var.l)'))).toBe(true);
    expect(unknowns('replace(var.x, "a", "b")')).toEqual(['var.x']);
  });

  it('refuses what Terraform refuses, at the place it was written', () => {
    expect(() => run('var.o.missing', { o: {} })).toThrow(HclEvalError);
    expect(() => parseExpression('"abc')).toThrow(HclSyntaxError);
    expect(() => parseExpression('['.repeat(1000))).toThrow(/nested more than/);
  });
});

describe('functions (developer.hashicorp.com/terraform/language/functions/<name>)', () => {
  it('format, join, split, replace (plain and /regex/)', () => {
    expect(value('format("%s:%d %q %v", "a", 3, "b", true)')).toBe('a:3 "b" true');
    expect(value('join(",", ["a", "b"], ["c"])')).toBe('a,b,c');
    expect(value('split(",", "a,b")')).toEqual(['a', 'b']);
    expect(value('replace("https://x.com/p", "https://", "")')).toBe('x.com/p');
    expect(value('replace("a1b22", "/[0-9]+/", "#")')).toBe('a#b#');
  });

  it('concat, merge (later wins), flatten, distinct, lookup, element (wraps), coalesce', () => {
    expect(value('concat(["a"], ["b", "c"])')).toEqual(['a', 'b', 'c']);
    expect(value('merge({a = 1, b = 2}, {b = 3})')).toEqual({ a: 1, b: 3 });
    expect(value('flatten([["a"], [["b"]], "c"])')).toEqual(['a', 'b', 'c']);
    expect(value('distinct(["a", "b", "a"])')).toEqual(['a', 'b']);
    expect(value('lookup({a = "x"}, "b", "d")')).toBe('d');
    expect(value('element(["a", "b"], 3)')).toBe('b');
    expect(value('coalesce("", null, "x")')).toBe('x');
  });

  it('try, can, case and trimming, substr, sets, strings, JSON, collections', () => {
    expect(value('try(var.o.missing, "fallback")', { o: {} })).toBe('fallback');
    expect(value('can(var.o.missing)', { o: {} })).toBe(false);
    expect(value('lower("AbC")')).toBe('abc');
    expect(value('upper("abc")')).toBe('ABC');
    expect(value('trimprefix("https://a", "https://")')).toBe('a');
    expect(value('trimsuffix("a.json", ".json")')).toBe('a');
    expect(value('substr("hello", -3, -1)')).toBe('llo');
    expect(value('toset(["b", "a", "b"])')).toEqual(['a', 'b']);
    expect(value('tolist(["a"])')).toEqual(['a']);
    expect(value('tostring(5)')).toBe('5');
    expect(value('jsondecode("{\\"a\\": [1]}")')).toEqual({ a: [1] });
    expect(value('jsondecode(jsonencode({a = "b"}))')).toEqual({ a: 'b' });
    expect(value('"x${jsonencode({a = "b"})}"')).toBe('x{"a":"b"}');
    expect(value('length("abc") + length([1]) + length({a = 1})')).toBe(5);
    expect(value('contains(["a"], "a")')).toBe(true);
    expect(value('keys({b = 1, a = 2})')).toEqual(['a', 'b']);
    expect(value('values({b = 1, a = 2})')).toEqual([2, 1]);
  });

  it('templatefile and file of a file the text does not hold are unknowns named by the file', () => {
    expect(unknowns('templatefile("${path.module}/trust.tpl", {})'.replace('${path.module}/', ''))).toEqual(['file:trust.tpl']);
  });
});

describe('keys the text does not determine', () => {
  it('merge, for and contains over them are unknown, never guessed', () => {
    expect(unknowns('merge({ a = 1 }, { (var.k) = 2 }).a')).toEqual(['var.k']);
    expect(unknowns('[for k, v in { (var.k) = 1 } : k]')).toEqual(['var.k']);
    expect(unknowns('contains(["${var.x}"], var.x)')).toEqual(['var.x']);
  });
});
