/**
 * Planned CEL programs, one per parsed expression. `plan` walks the expression and resolves its
 * functions; the result is a reusable evaluation function, so a configuration evaluated against
 * many tokens (the parse cache hands back the same parsed expressions) plans each mapping,
 * condition clause and operand once.
 */
import { plan, type CelResult } from '@bufbuild/cel';
import type { Expr } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';
import { gcpCelEnv } from './cel-env';

type Program = (bindings: never) => CelResult;

const programs = new WeakMap<Expr, Program>();

/** The planned program for an expression; throws what `plan` throws (not cached). */
export function programFor(expr: Expr): Program {
  let program = programs.get(expr);
  if (!program) {
    program = plan(gcpCelEnv(), expr) as Program;
    programs.set(expr, program);
  }
  return program;
}
