/**
 * Evaluates an HCL expression tree as Terraform does
 * (https://developer.hashicorp.com/terraform/language/expressions), with unknown values: an
 * operand the text does not determine makes the result unknown, named by what fills it in.
 */
import type { SourceRange } from '../../result';
import { objectOf, scalar, type Located, type LocatedEntry } from '../located';
import { callFunction } from './functions';
import type { Expr, TemplatePart } from './syntax';
import type { ExpressionEvaluator, Scope, Step } from './types';
import { asBool, asNumber, asString, equal, HclEvalError, isUnknown, typeName, unknown, unknownOperands, unknownsIn } from './value';

export type { Scope, Step } from './types';

export class Evaluator implements ExpressionEvaluator {
  private bindings: Array<Map<string, Located>> = [];
  private depth = 0;

  constructor(readonly scope: Scope) {}

  fresh(scope: Scope): Evaluator {
    return new Evaluator(scope);
  }

  with<T>(names: Map<string, Located>, run: () => T): T {
    this.bindings.push(names);
    try {
      return run();
    } finally {
      this.bindings.pop();
    }
  }

  private bound(name: string): Located | undefined {
    for (let i = this.bindings.length - 1; i >= 0; i--) if (this.bindings[i].has(name)) return this.bindings[i].get(name);
    return undefined;
  }

  evaluate(expr: Expr): Located {
    if (++this.depth > 400) throw new HclEvalError('the expression is nested too deeply to evaluate', expr.s, expr.e);
    try {
      return this.evaluateOnce(expr);
    } finally {
      this.depth--;
    }
  }

  private range(expr: { s: number; e: number }): SourceRange | undefined {
    return this.scope.range(expr.s, expr.e);
  }

  private evaluateOnce(expr: Expr): Located {
    const range = this.range(expr);
    switch (expr.t) {
      case 'lit':
        return scalar(expr.v, range);
      case 'tpl':
        return this.template(expr.parts, range);
      case 'ref':
      case 'attr':
      case 'index':
        return this.traversal(expr);
      case 'each':
        return this.bound('\u0000each') ?? scalar(null, range);
      case 'splat':
        return this.splat(expr);
      case 'call':
        return callFunction(this, expr, range);
      case 'tuple':
        return { kind: 'array', items: expr.items.map((item) => this.evaluate(item)), range };
      case 'object':
        return this.object(expr, range);
      case 'for':
        return this.forExpression(expr, range);
      case 'cond': {
        const c = this.evaluate(expr.c);
        if (isUnknown(c)) {
          // Both branches may matter: the result depends on the condition and on both of them.
          const a = this.evaluate(expr.a);
          const b = this.evaluate(expr.b);
          return unknown([...c.unresolved!, ...unknownsIn(a), ...unknownsIn(b)], range);
        }
        return asBool(c, expr.c.s, expr.c.e) ? this.evaluate(expr.a) : this.evaluate(expr.b);
      }
      case 'un': {
        const x = this.evaluate(expr.x);
        const u = unknownOperands([x], range);
        if (u) return u;
        return expr.op === '!' ? scalar(!asBool(x, expr.x.s, expr.x.e), range) : scalar(-asNumber(x, expr.x.s, expr.x.e), range);
      }
      case 'bin':
        return this.binary(expr, range);
    }
  }

  private binary(expr: Extract<Expr, { t: 'bin' }>, range: SourceRange | undefined): Located {
    const l = this.evaluate(expr.l);
    // && and || short-circuit on a known side (Terraform 1.x evaluates both, but the result is the same).
    if (expr.op === '&&' || expr.op === '||') {
      const r = this.evaluate(expr.r);
      const decisive = expr.op === '||';
      for (const side of [l, r]) if (!isUnknown(side) && asBool(side, expr.s, expr.e) === decisive) return scalar(decisive, range);
      const u = unknownOperands([l, r], range);
      if (u) return u;
      return scalar(!decisive, range);
    }
    const r = this.evaluate(expr.r);
    const u = unknownOperands([l, r], range);
    if (u) return u;
    if (unknownsIn(l).length + unknownsIn(r).length > 0) return unknown([...unknownsIn(l), ...unknownsIn(r)], range);
    switch (expr.op) {
      case '==':
        return scalar(equal(l, r), range);
      case '!=':
        return scalar(!equal(l, r), range);
    }
    const a = asNumber(l, expr.l.s, expr.l.e);
    const b = asNumber(r, expr.r.s, expr.r.e);
    switch (expr.op) {
      case '+':
        return scalar(a + b, range);
      case '-':
        return scalar(a - b, range);
      case '*':
        return scalar(a * b, range);
      case '/':
        if (b === 0) throw new HclEvalError('division by zero', expr.s, expr.e);
        return scalar(a / b, range);
      case '%':
        if (b === 0) throw new HclEvalError('modulo by zero', expr.s, expr.e);
        return scalar(a % b, range);
      case '>':
        return scalar(a > b, range);
      case '>=':
        return scalar(a >= b, range);
      case '<':
        return scalar(a < b, range);
      default:
        return scalar(a <= b, range);
    }
  }

  template(parts: TemplatePart[], range: SourceRange | undefined): Located {
    // A template of one interpolation is that value itself, of any type.
    if (parts.length === 1 && parts[0].kind === 'interp') return this.evaluate(parts[0].expr);
    const pieces: Located[] = [];
    this.templateParts(parts, pieces);
    const u = unknownOperands(pieces, range);
    if (u) {
      // Keep the known text around the unknown parts, so the converted text reads like the source.
      return { ...u, value: pieces.map((p) => (p.kind === 'scalar' ? String(p.value ?? '') : '')).join('') };
    }
    return scalar(pieces.map((p) => (p.kind === 'scalar' ? String(p.value) : '')).join(''), range);
  }

  private templateParts(parts: TemplatePart[], out: Located[]): void {
    for (const part of parts) {
      if (part.kind === 'lit') out.push(scalar(part.text));
      else if (part.kind === 'interp') {
        const value = this.evaluate(part.expr);
        const inner = unknownsIn(value);
        if (inner.length > 0) out.push(unknown(inner));
        else out.push(scalar(asString(value, part.expr.s, part.expr.e, 'a string in the template')));
      } else if (part.kind === 'if') {
        const c = this.evaluate(part.cond);
        if (isUnknown(c)) {
          out.push(unknown(c.unresolved!));
          continue;
        }
        this.templateParts(asBool(c, part.cond.s, part.cond.e) ? part.then : part.else, out);
      } else {
        const coll = this.evaluate(part.coll);
        if ((unknownsIn(coll).length > 0 && coll.kind === 'scalar') || (coll.kind === 'object' && coll.entries.some((e) => e.unresolved))) {
          out.push(unknown(unknownsIn(coll)));
          continue;
        }
        for (const [key, value] of this.elements(coll, part.coll)) {
          const names = new Map<string, Located>([[part.value, value]]);
          if (part.key) names.set(part.key, key);
          this.with(names, () => this.templateParts(part.body, out));
        }
      }
    }
  }

  /** The (key, value) pairs a `for` iterates: list index or map key (in lexical order, as Terraform). */
  elements(coll: Located, at: { s: number; e: number }): Array<[Located, Located]> {
    if (coll.kind === 'array') return coll.items.map((item, i) => [scalar(i), item]);
    if (coll.kind === 'object') return [...coll.entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((entry) => [scalar(entry.key, entry.keyRange), entry.value]);
    throw new HclEvalError(`a for expression needs a list, set or map, not a ${typeName(coll)}`, at.s, at.e);
  }

  private object(expr: Extract<Expr, { t: 'object' }>, range: SourceRange | undefined): Located {
    const entries: LocatedEntry[] = [];
    for (const entry of expr.entries) {
      const key = entry.ident && entry.key.t === 'lit' ? scalar(entry.key.v, this.range(entry.key)) : this.evaluate(entry.key);
      const value = this.evaluate(entry.value);
      const keyRange = this.range(entry.key);
      if (isUnknown(key)) {
        entries.push({ key: String(key.value), keyRange, value, unresolved: key.unresolved });
        continue;
      }
      const name = asString(key, entry.key.s, entry.key.e, 'an object key');
      const existing = entries.findIndex((e) => e.key === name);
      if (existing >= 0) throw new HclEvalError(`the object key ${JSON.stringify(name)} is written twice`, entry.key.s, entry.key.e);
      entries.push({ key: name, keyRange, value });
    }
    return objectOf(entries, range);
  }

  private forExpression(expr: Extract<Expr, { t: 'for' }>, range: SourceRange | undefined): Located {
    const coll = this.evaluate(expr.coll);
    if (coll.kind === 'scalar' && isUnknown(coll)) return unknown(coll.unresolved!, range);
    // A key the text does not determine could be any key: what the loop makes depends on it.
    if (coll.kind === 'object' && coll.entries.some((e) => e.unresolved)) return unknown(coll.entries.flatMap((e) => e.unresolved ?? []), range);
    const items: Located[] = [];
    const entries: LocatedEntry[] = [];
    const unknowns: Located[] = [];
    for (const [key, value] of this.elements(coll, expr.coll)) {
      const names = new Map<string, Located>([[expr.value, value]]);
      if (expr.key) names.set(expr.key, key);
      this.with(names, () => {
        if (expr.cond) {
          const keep = this.evaluate(expr.cond);
          if (isUnknown(keep)) {
            unknowns.push(keep);
            return;
          }
          if (!asBool(keep, expr.cond.s, expr.cond.e)) return;
        }
        const item = this.evaluate(expr.valueExpr);
        if (!expr.object) {
          items.push(item);
          return;
        }
        const k = this.evaluate(expr.keyExpr!);
        if (isUnknown(k)) {
          unknowns.push(k);
          return;
        }
        const name = asString(k, expr.keyExpr!.s, expr.keyExpr!.e, 'an object key');
        const existing = entries.find((e) => e.key === name);
        if (existing && expr.group) existing.value = { kind: 'array', items: [...(existing.value as Extract<Located, { kind: 'array' }>).items, item] };
        else if (existing) throw new HclEvalError(`the for expression makes the key ${JSON.stringify(name)} twice (add ... to group)`, expr.keyExpr!.s, expr.keyExpr!.e);
        else entries.push({ key: name, value: expr.group ? { kind: 'array', items: [item] } : item });
      });
    }
    // Which elements are kept depends on an unknown: the whole result does.
    if (unknowns.length > 0) return unknown(unknowns.flatMap((u) => (u as Extract<Located, { kind: 'scalar' }>).unresolved ?? []), range);
    return expr.object ? objectOf(entries, range) : { kind: 'array', items, range };
  }

  private splat(expr: Extract<Expr, { t: 'splat' }>): Located {
    const range = this.range(expr);
    const obj = this.evaluate(expr.obj);
    if (isUnknown(obj)) return unknown(obj.unresolved!, range);
    // A single value is a one-element list for `[*]`; null is the empty list.
    const list = obj.kind === 'array' ? obj.items : obj.kind === 'scalar' && obj.value === null ? [] : [obj];
    return { kind: 'array', items: list.map((item) => this.with(new Map([['\u0000each', item]]), () => this.evaluate(expr.each))), range };
  }

  /** `a.b[c].d`: bound names first, then the scope; what remains is applied to the value. */
  private traversal(expr: Expr): Located {
    const steps: Step[] = [];
    let root: Expr = expr;
    while (root.t === 'attr' || root.t === 'index') {
      if (root.t === 'attr') steps.unshift({ kind: 'attr', name: root.name, s: root.s, e: root.e });
      else steps.unshift({ kind: 'index', key: this.evaluate(root.key), s: root.key.s, e: root.e });
      root = root.obj;
    }
    let value: Located;
    let used = 0;
    if (root.t === 'ref') {
      const bound = this.bound(root.name);
      if (bound) value = bound;
      else {
        const found = this.scope.reference(root.name, steps, root.s, root.e);
        if (!found) throw new HclEvalError(`${root.name} is not a name Terraform knows here`, root.s, root.e);
        value = found.value;
        used = found.used;
      }
    } else value = this.evaluate(root);
    for (const step of steps.slice(used)) value = this.step(value, step);
    return value;
  }

  step(value: Located, step: Step): Located {
    const range = this.scope.range(step.s, step.e);
    if (isUnknown(value)) return unknown(value.unresolved!, range);
    if (step.kind === 'index' && isUnknown(step.key)) return unknown(step.key.unresolved!, range);
    if (value.kind === 'object') {
      const name = step.kind === 'attr' ? step.name : asString(step.key, step.s, step.e, 'a key');
      const entry = value.entries.find((e) => e.key === name);
      if (!entry) {
        const pending = value.entries.filter((e) => e.unresolved);
        if (pending.length > 0) return unknown(pending.flatMap((e) => e.unresolved!), range);
        throw new HclEvalError(`the object has no attribute or key ${JSON.stringify(name)}`, step.s, step.e);
      }
      return entry.value;
    }
    if (value.kind === 'array' && step.kind === 'index') {
      const index = asNumber(step.key, step.s, step.e);
      if (!Number.isInteger(index) || index < 0 || index >= value.items.length) throw new HclEvalError(`the index ${index} is out of range for a list of ${value.items.length}`, step.s, step.e);
      return value.items[index];
    }
    throw new HclEvalError(`a ${typeName(value)} has no ${step.kind === 'attr' ? `attribute ${step.name}` : 'elements'}`, step.s, step.e);
  }
}
