/**
 * What the expression evaluator (`evaluate.ts`) and the functions it calls (`functions.ts`) share:
 * the scope references resolve in, and the evaluator as a function sees it. Kept apart so that
 * the functions depend on this face, not on the evaluator's module, which imports them.
 */
import type { SourceRange } from '../../result';
import type { Located } from '../located';
import type { Expr, TemplatePart } from './syntax';

export type Step = { kind: 'attr'; name: string; s: number; e: number } | { kind: 'index'; key: Located; s: number; e: number };

export interface Scope {
  /** Source range of text offsets, for the values' places. */
  range(s: number, e: number): SourceRange | undefined;
  /**
   * The value of a reference rooted at a name no local binding holds (`var`, `local`, `data`, a
   * resource type, …): how many steps it used, or null when the root names nothing.
   */
  reference(root: string, steps: Step[], s: number, e: number): { value: Located; used: number } | null;
  /** A file the text reads (`file`, `templatefile`): its content when given, else null. */
  file?(path: string): string | null;
}

/** The evaluator as the functions see it: they evaluate their own arguments (`try`, `can`) and templates. */
export interface ExpressionEvaluator {
  readonly scope: Scope;
  evaluate(expr: Expr): Located;
  with<T>(names: Map<string, Located>, run: () => T): T;
  template(parts: TemplatePart[], range: SourceRange | undefined): Located;
  /** A new evaluator over another scope, with no local bindings (`templatefile` sees only its own variables). */
  fresh(scope: Scope): ExpressionEvaluator;
}
