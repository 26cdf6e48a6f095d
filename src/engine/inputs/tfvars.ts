/**
 * A `.tfvars` file (https://developer.hashicorp.com/terraform/language/values/variables#variable-definitions-tfvars-files):
 * `NAME = VALUE` lines, or the `.tfvars.json` form, read as the values `--var NAME=VALUE` gives.
 * A string is given as itself; any other value as its HCL text, which a typed variable reads back.
 */
import { LineIndex } from '../json';
import { plainValue } from './located';
import { Evaluator } from './hcl/evaluate';
import { HclSyntaxError, parseExpression } from './hcl/syntax';
import { HclEvalError } from './hcl/value';
import { scanPositions } from './hcl-positions';

export function tfvarsAssignments(text: string): { ok: true; vars: Record<string, string> } | { ok: false; message: string } {
  const source = text.replace(/^\uFEFF/, '');
  const vars: Record<string, string> = {};
  if (source.trimStart().startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(source);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, message: 'a .tfvars.json file holds one JSON object' };
      for (const [name, value] of Object.entries(parsed)) vars[name] = typeof value === 'string' ? value : JSON.stringify(value);
      return { ok: true, vars };
    } catch {
      return { ok: false, message: 'the .tfvars.json file is not valid JSON' };
    }
  }
  const lines = new LineIndex(source);
  const literal = new Evaluator({ range: () => undefined, reference: () => null });
  for (const item of scanPositions(source)) {
    if (item.kind !== 'attribute') {
      const at = lines.position(item.start);
      return { ok: false, message: `line ${at.line}:${at.column}: a .tfvars file holds only NAME = VALUE lines, not a ${item.type} block` };
    }
    try {
      const value = literal.evaluate(parseExpression(source, item.value.start, item.value.end));
      const plain = plainValue(value);
      vars[item.name] = typeof plain === 'string' ? plain : source.slice(item.value.start, item.value.end).trim();
    } catch (error) {
      if (!(error instanceof HclSyntaxError || error instanceof HclEvalError)) throw error;
      const at = lines.position(error instanceof HclSyntaxError ? error.offset : error.s);
      return { ok: false, message: `line ${at.line}:${at.column}: ${item.name}: ${error.message}` };
    }
  }
  return { ok: true, vars };
}
