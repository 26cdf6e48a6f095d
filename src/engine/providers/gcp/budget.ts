/**
 * An evaluation budget for CEL. Google bounds what a provider may hold (an attribute condition of
 * at most 4,096 characters, mappings of at most 2,048 each; validate.ts) but not what evaluating
 * it costs here: ten nested `[0,1,…,9].exists(…)` fit in 420 characters and take 10^9 steps, and a
 * `replace` over a large claim can build strings quadratically. cel-go meters evaluation with a
 * cost tracker; @bufbuild/cel has none, so this module meters the two ways cost grows:
 * - every iteration of a comprehension (exists, all, exists_one, map, filter) costs one unit: the
 *   program is rewritten so that each loop condition passes through `@budget`, which stops the
 *   loop once the budget is spent;
 * - string functions that can do work proportional to their input or output (`replace`, `split`,
 *   `join`, `matches`, …) cost one unit per 1,000 characters they read or write.
 * A spent budget ends the evaluation with TOO_EXPENSIVE, whatever value the stopped program left.
 * The budget is shared by everything evaluated for one token (every mapping and condition clause),
 * so splitting a condition into clauses for the trace cannot multiply it.
 */
import { create } from '@bufbuild/protobuf';
import { ExprSchema, type Expr } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';

/** Units one evaluation may spend: far above any real condition (lists of a few hundred groups). */
export const CEL_BUDGET_UNITS = 50_000;
/** Characters of string work that cost one unit. */
export const CHARACTERS_PER_UNIT = 1_000;
/** Deepest expression the rewrite walks (4,096 characters hold about 2,048 levels of `a+a+…`). */
export const MAX_EXPR_DEPTH = 2_100;

export const BUDGET_FUNCTION = '@budget';

/** trustlens's words: Google documents length limits for these expressions, not an evaluation cost limit. */
export const TOO_EXPENSIVE = `This expression is too expensive to evaluate: it needs more than ${CEL_BUDGET_UNITS.toLocaleString('en')} steps (loop iterations, or thousands of characters of string work), the budget trustlens gives one token's mappings and condition together`;

export class BudgetExceeded extends Error {
  constructor() {
    super(TOO_EXPENSIVE);
  }
}

interface Budget {
  remaining: number;
  exceeded: boolean;
}

let active: Budget | null = null;

/** Runs `work` under one budget (nested calls share the outer one). */
export function withCelBudget<T>(work: () => T, units = CEL_BUDGET_UNITS): T {
  if (active) return work();
  active = { remaining: units, exceeded: false };
  try {
    return work();
  } finally {
    active = null;
  }
}

/** True once the current budget is spent. */
export function budgetExceeded(): boolean {
  return active?.exceeded ?? false;
}

/** Spends units; false (and the budget marked spent) when there were not enough. */
export function spend(units: number): boolean {
  if (!active) return true;
  if (active.exceeded) return false;
  active.remaining -= units;
  if (active.remaining < 0) active.exceeded = true;
  return !active.exceeded;
}

/** Spends the units for reading or writing `characters` characters, throwing once spent. */
export function spendCharacters(characters: number): void {
  if (!spend(Math.ceil(characters / CHARACTERS_PER_UNIT))) throw new BudgetExceeded();
}

/** The loop-condition meter: passes the condition through, false once the budget is spent. */
export function meterIteration(condition: boolean): boolean {
  return spend(1) && condition;
}

const metered = new WeakMap<Expr, Expr>();

export class TooDeep extends Error {}

/**
 * The program with every comprehension's loop condition wrapped in `@budget(…)`. The input is not
 * changed (the parsed expression is also unparsed for the trace); results are cached per program.
 */
export function meteredExpr(expr: Expr): Expr {
  let result = metered.get(expr);
  if (!result) {
    result = rewrite(expr, 0, { next: maxId(expr) + 1n });
    metered.set(expr, result);
  }
  return result;
}

function maxId(root: Expr): bigint {
  let max = 0n;
  const stack: Expr[] = [root];
  while (stack.length > 0) {
    const expr = stack.pop()!;
    if (expr.id > max) max = expr.id;
    stack.push(...children(expr));
  }
  return max;
}

export function children(expr: Expr): Expr[] {
  const kind = expr.exprKind;
  switch (kind.case) {
    case 'selectExpr':
      return kind.value.operand ? [kind.value.operand] : [];
    case 'callExpr':
      return [...(kind.value.target ? [kind.value.target] : []), ...kind.value.args];
    case 'listExpr':
      return kind.value.elements;
    case 'structExpr':
      return kind.value.entries.flatMap((entry) => [...(entry.keyKind.case === 'mapKey' ? [entry.keyKind.value] : []), ...(entry.value ? [entry.value] : [])]);
    case 'comprehensionExpr': {
      const c = kind.value;
      return [c.iterRange, c.accuInit, c.loopCondition, c.loopStep, c.result].filter((e): e is Expr => e !== undefined);
    }
    default:
      return [];
  }
}

function rewrite(expr: Expr, depth: number, ids: { next: bigint }): Expr {
  if (depth > MAX_EXPR_DEPTH) throw new TooDeep(`The expression is nested more than ${MAX_EXPR_DEPTH} levels deep.`);
  const kind = expr.exprKind;
  const again = (child: Expr | undefined) => (child ? rewrite(child, depth + 1, ids) : undefined);
  switch (kind.case) {
    case 'selectExpr':
      return create(ExprSchema, { id: expr.id, exprKind: { case: 'selectExpr', value: { ...kind.value, operand: again(kind.value.operand) } } });
    case 'callExpr':
      return create(ExprSchema, {
        id: expr.id,
        exprKind: { case: 'callExpr', value: { ...kind.value, target: again(kind.value.target), args: kind.value.args.map((arg) => again(arg)!) } },
      });
    case 'listExpr':
      return create(ExprSchema, { id: expr.id, exprKind: { case: 'listExpr', value: { ...kind.value, elements: kind.value.elements.map((e) => again(e)!) } } });
    case 'structExpr':
      return create(ExprSchema, {
        id: expr.id,
        exprKind: {
          case: 'structExpr',
          value: {
            ...kind.value,
            entries: kind.value.entries.map((entry) => ({
              ...entry,
              keyKind: entry.keyKind.case === 'mapKey' ? { case: 'mapKey' as const, value: again(entry.keyKind.value)! } : entry.keyKind,
              value: again(entry.value),
            })),
          },
        },
      });
    case 'comprehensionExpr': {
      const c = kind.value;
      const condition = again(c.loopCondition);
      const meteredCondition = create(ExprSchema, {
        id: ids.next++,
        exprKind: { case: 'callExpr', value: { function: BUDGET_FUNCTION, args: condition ? [condition] : [] } },
      });
      return create(ExprSchema, {
        id: expr.id,
        exprKind: {
          case: 'comprehensionExpr',
          value: { ...c, iterRange: again(c.iterRange), accuInit: again(c.accuInit), loopCondition: meteredCondition, loopStep: again(c.loopStep), result: again(c.result) },
        },
      });
    }
    default:
      return expr;
  }
}
