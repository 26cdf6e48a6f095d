/**
 * Terraform values with their source ranges: the library's value of each attribute, paired with
 * the scanner's positions, and references resolved from the same text (variable defaults,
 * locals, other resources' literal arguments). What the text does not give becomes a placeholder.
 */
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { LineIndex } from '../json';
import type { SourceRange } from '../result';
import type { PositionBlock, PositionExpr, PositionItem } from './hcl-positions';
import { parseHcl, type HclLibrary } from './hcl-library';
import { scalar, type Located, type LocatedEntry, type Placeholder } from './located';

export interface TerraformText {
  text: string;
  lines: LineIndex;
  library: HclLibrary;
  value: Record<string, unknown>;
  positions: PositionItem[];
  /** Values given by the user (`--var NAME=VALUE`), by variable name or placeholder name. */
  vars: Record<string, string>;
  /** Resolves `data.aws_iam_policy_document.NAME.json` to the converted document. */
  policyDocument?: (name: string, range?: SourceRange) => Located | null;
}

const MAX_DEPTH = 16;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function rangeOf(tf: TerraformText, start: number, end: number): SourceRange {
  return tf.lines.range(start, end);
}

export function exprRange(tf: TerraformText, expr: PositionExpr | undefined): SourceRange | undefined {
  return expr ? rangeOf(tf, expr.start, expr.end) : undefined;
}

/** The library's blocks of one kind: `resource` → TYPE → NAME → [body]. */
export function blocksOf(tf: TerraformText, kind: 'resource' | 'data', type: string): Array<{ name: string; body: Record<string, unknown> }> {
  const byType = tf.value[kind];
  if (!isRecord(byType) || !isRecord(byType[type])) return [];
  return Object.entries(byType[type] as Record<string, unknown>).flatMap(([name, bodies]) =>
    Array.isArray(bodies) && isRecord(bodies[0]) ? [{ name, body: bodies[0] as Record<string, unknown> }] : [],
  );
}

export function positionBlock(items: PositionItem[], type: string, labels: string[]): PositionBlock | undefined {
  return items.find((item): item is PositionBlock => item.kind === 'block' && item.type === type && labels.every((label, i) => item.labels[i] === label));
}

/** `${expr}` covering the whole string: the library's form of a non-literal expression. */
export function wholeExpression(value: string): string | null {
  if (!value.startsWith('${') || !value.endsWith('}')) return null;
  const inner = splitTemplate(value);
  return inner.length === 1 && inner[0].kind === 'interpolation' ? inner[0].text : null;
}

type TemplatePart = { kind: 'literal'; text: string } | { kind: 'interpolation'; text: string };

/** Splits a template string at its `${…}` interpolations (nested braces and quotes respected). */
export function splitTemplate(value: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < value.length) {
    if (value[i] === '$' && value[i + 1] === '{') {
      let depth = 1;
      let j = i + 2;
      let quote = false;
      while (j < value.length && depth > 0) {
        const c = value[j];
        if (quote) {
          if (c === '\\') j++;
          else if (c === '"') quote = false;
        } else if (c === '"') quote = true;
        else if (c === '{') depth++;
        else if (c === '}') depth--;
        j++;
      }
      if (depth > 0) {
        literal += value.slice(i);
        break;
      }
      if (literal) parts.push({ kind: 'literal', text: literal });
      literal = '';
      parts.push({ kind: 'interpolation', text: value.slice(i + 2, j - 1).trim() });
      i = j;
      continue;
    }
    literal += value[i];
    i++;
  }
  if (literal) parts.push({ kind: 'literal', text: literal });
  return parts;
}

function placeholder(name: string, range?: SourceRange): Located {
  return scalar(`\${${name}}`, range, [{ name, range }]);
}

function withRange(located: Located, range: SourceRange | undefined): Located {
  return range ? { ...located, range } : located;
}

/** A value the user gave on the command line or in the app's fill-in fields. */
function givenValue(tf: TerraformText, expression: string): string | undefined {
  if (expression in tf.vars) return tf.vars[expression];
  const variable = /^var\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(expression);
  if (variable && variable[1] in tf.vars) return tf.vars[variable[1]];
  return undefined;
}

/** Arguments whose value Terraform fills when they are not written. */
const ARGUMENT_DEFAULTS: Record<string, Record<string, string>> = {
  vault_jwt_auth_backend: { path: 'jwt' },
};

/** The value of a reference (`var.x`, `local.y`, `TYPE.NAME.ARG`, `data.…`), or a placeholder. */
export function resolveReference(tf: TerraformText, expression: string, range: SourceRange | undefined, depth: number): Located {
  const given = givenValue(tf, expression);
  if (given !== undefined) return scalar(given, range);
  if (depth > MAX_DEPTH) return placeholder(expression, range);
  const parts = expression.split('.');
  if (parts.length === 2 && parts[0] === 'var') {
    const variable = (tf.value.variable as Record<string, unknown> | undefined)?.[parts[1]];
    const body = Array.isArray(variable) && isRecord(variable[0]) ? variable[0] : null;
    if (body && 'default' in body && body.default !== null) return withRange(locateValue(tf, body.default, undefined, depth + 1), range);
    return placeholder(expression, range);
  }
  if (parts.length === 2 && parts[0] === 'local') {
    const locals = Array.isArray(tf.value.locals) ? tf.value.locals : [];
    for (const block of locals) {
      if (isRecord(block) && parts[1] in block) return withRange(locateValue(tf, block[parts[1]], undefined, depth + 1), range);
    }
    return placeholder(expression, range);
  }
  if (parts.length === 4 && parts[0] === 'data' && parts[1] === 'aws_iam_policy_document' && (parts[3] === 'json' || parts[3] === 'minified_json')) {
    const document = tf.policyDocument?.(parts[2], range);
    if (document) return document;
    return placeholder(expression, range);
  }
  if (parts.length === 3 && parts[0] === 'google_iam_workload_identity_pool' && parts[2] === 'name') {
    // The pool's resource name carries the project number, which Terraform text does not give.
    const pool = resolveReference(tf, `${parts[0]}.${parts[1]}.workload_identity_pool_id`, range, depth + 1);
    const projectNumber = projectNumberOf(tf, range);
    const unresolved = [...(projectNumber.kind === 'scalar' ? (projectNumber.unresolved ?? []) : []), ...(pool.kind === 'scalar' ? (pool.unresolved ?? []) : [])];
    const text = `projects/${projectNumber.kind === 'scalar' ? String(projectNumber.value) : ''}/locations/global/workloadIdentityPools/${pool.kind === 'scalar' ? String(pool.value) : ''}`;
    return scalar(text, range, unresolved);
  }
  if (parts.length === 3 && /^[a-z0-9_]+$/.test(parts[0])) {
    const found = blocksOf(tf, 'resource', parts[0]).find((b) => b.name === parts[1]);
    if (found && parts[2] in found.body) return withRange(locateValue(tf, found.body[parts[2]], undefined, depth + 1), range);
    if (found && ARGUMENT_DEFAULTS[parts[0]]?.[parts[2]] !== undefined) return scalar(ARGUMENT_DEFAULTS[parts[0]][parts[2]], range);
  }
  return placeholder(expression, range);
}

/**
 * A Google Cloud project number: Terraform names projects by ID, so the number comes from
 * `--var project_number=…` or a `variable "project_number"` default, else it is a placeholder.
 */
export function projectNumberOf(tf: TerraformText, range: SourceRange | undefined): Located {
  if (tf.vars.project_number !== undefined) return scalar(tf.vars.project_number, range);
  const resolved = resolveReference(tf, 'var.project_number', range, MAX_DEPTH - 1);
  if (resolved.kind === 'scalar' && !resolved.unresolved) return resolved;
  return placeholder('project_number', range);
}

/** A template string: each interpolation resolved to text, or kept as a placeholder. */
function resolveTemplate(tf: TerraformText, value: string, range: SourceRange | undefined, depth: number): Located {
  const parts = splitTemplate(value);
  if (!parts.some((p) => p.kind === 'interpolation')) return scalar(value, range);
  let text = '';
  const unresolved: Placeholder[] = [];
  for (const part of parts) {
    if (part.kind === 'literal') {
      text += part.text;
      continue;
    }
    const resolved = resolveReference(tf, part.text, range, depth + 1);
    if (resolved.kind === 'scalar' && !resolved.unresolved && resolved.value !== null) {
      text += String(resolved.value);
    } else {
      text += `\${${part.text}}`;
      unresolved.push(...(resolved.kind === 'scalar' && resolved.unresolved ? resolved.unresolved : [{ name: part.text, range }]));
    }
  }
  return scalar(text, range, unresolved);
}

/** The argument text of a call such as `jsonencode({...})`, parsed by the library. */
function callArgumentValue(tf: TerraformText, expr: Extract<PositionExpr, { kind: 'call' }>): unknown {
  const argument = expr.args[0];
  if (!argument) return undefined;
  const parsed = parseHcl(tf.library, `value = ${tf.text.slice(argument.start, argument.end)}\n`);
  return parsed?.value;
}

/** Pairs a library value with its positions and resolves what refers elsewhere. */
export function locateValue(tf: TerraformText, value: unknown, expr: PositionExpr | undefined, depth = 0): Located {
  const range = exprRange(tf, expr);
  if (depth > MAX_DEPTH) return scalar(null, range);
  if (typeof value === 'string') {
    if (expr?.kind === 'call' && expr.name === 'jsonencode' && expr.args.length === 1) {
      const inner = locateValue(tf, callArgumentValue(tf, expr), expr.args[0], depth + 1);
      return { ...inner, range };
    }
    if (expr?.kind === 'call' && (expr.name === 'tolist' || expr.name === 'toset' || expr.name === 'tomap') && expr.args.length === 1) {
      return withRange(locateValue(tf, callArgumentValue(tf, expr), expr.args[0], depth + 1), range);
    }
    const whole = expr?.kind === 'string' || expr?.kind === 'heredoc' ? null : wholeExpression(value);
    if (whole !== null) {
      if (/^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)+$/.test(whole)) return resolveReference(tf, whole, range, depth + 1);
      return placeholder(whole, range);
    }
    return resolveTemplate(tf, value, range, depth);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return scalar(value, range);
  if (Array.isArray(value)) {
    const items = value.map((item, i) => locateValue(tf, item, expr?.kind === 'tuple' ? expr.items[i] : undefined, depth + 1));
    return { kind: 'array', items, range };
  }
  if (isRecord(value)) {
    const positions = expr?.kind === 'object' ? expr.entries : [];
    const entries: Array<LocatedEntry & { order: number }> = Object.entries(value).map(([key, item], i) => {
      const position = positions.find((p) => p.key === key);
      return {
        key,
        keyRange: position ? rangeOf(tf, position.keyStart, position.keyEnd) : undefined,
        value: locateValue(tf, item, position?.value, depth + 1),
        // The library sorts keys; the written order is what a reader expects to see.
        order: position ? position.keyStart : Number.MAX_SAFE_INTEGER - 1000 + i,
      };
    });
    entries.sort((a, b) => a.order - b.order);
    return { kind: 'object', entries: entries.map(({ order: _order, ...entry }) => entry), range };
  }
  return scalar(null, range);
}

/**
 * A block body as an object: attributes by name, nested blocks as lists of objects (the library's
 * shape), each with the range it was written at.
 */
export function locateBlock(tf: TerraformText, body: Record<string, unknown>, block: PositionBlock | undefined): Located {
  const entries: Array<LocatedEntry & { order: number }> = [];
  for (const [key, value] of Object.entries(body)) {
    const attribute = block?.body.find((item) => item.kind === 'attribute' && item.name === key);
    if (attribute && attribute.kind === 'attribute') {
      entries.push({
        key,
        keyRange: rangeOf(tf, attribute.nameStart, attribute.nameStart + key.length),
        value: locateValue(tf, value, attribute.value),
        order: attribute.nameStart,
      });
      continue;
    }
    const nested = block?.body.filter((item): item is PositionBlock => item.kind === 'block' && item.type === key) ?? [];
    if (Array.isArray(value) && value.every(isRecord) && (nested.length > 0 || !block)) {
      const items = value.map((item, i) => {
        const position = nested[i];
        const located = locateBlock(tf, item as Record<string, unknown>, position);
        return position ? { ...located, range: rangeOf(tf, position.start, position.end) } : located;
      });
      entries.push({ key, value: { kind: 'array', items }, order: nested[0]?.start ?? Number.MAX_SAFE_INTEGER });
      continue;
    }
    entries.push({ key, value: locateValue(tf, value, undefined), order: Number.MAX_SAFE_INTEGER });
  }
  entries.sort((a, b) => a.order - b.order);
  return { kind: 'object', entries: entries.map(({ order: _order, ...entry }) => entry), range: block ? rangeOf(tf, block.start, block.end) : undefined };
}

/**
 * A JSON document held in a Terraform string (heredoc or quoted literal), located: inside a
 * heredoc each JSON part maps to its own place; a quoted string's escapes move offsets, so its
 * parts map to the whole string.
 */
export function locateJsonString(tf: TerraformText, json: string, expr: PositionExpr | undefined): Located | null {
  const errors: ParseError[] = [];
  const root = parseTree(json, errors, { allowTrailingComma: false, disallowComments: true });
  if (!root || errors.length > 0) return null;
  const fallback = exprRange(tf, expr);
  const mapOffset = expr?.kind === 'heredoc' ? heredocOffsetMapper(tf.text.slice(expr.contentStart, expr.contentEnd), json, expr.contentStart) : null;
  const rangeOfNode = (node: Node): SourceRange | undefined =>
    mapOffset ? rangeOf(tf, mapOffset(node.offset), mapOffset(node.offset + node.length)) : fallback;
  const build = (node: Node): Located => {
    switch (node.type) {
      case 'object':
        return {
          kind: 'object',
          range: rangeOfNode(node),
          entries: (node.children ?? []).flatMap((property) => {
            const [keyNode, valueNode] = property.children ?? [];
            if (!keyNode || !valueNode) return [];
            return [{ key: String(keyNode.value), keyRange: rangeOfNode(keyNode), value: build(valueNode) }];
          }),
        };
      case 'array':
        return { kind: 'array', items: (node.children ?? []).map(build), range: rangeOfNode(node) };
      case 'string':
        return resolveTemplate(tf, String(node.value), rangeOfNode(node), 0);
      default:
        return scalar(node.value as number | boolean | null, rangeOfNode(node));
    }
  };
  return build(root);
}

/**
 * Offsets in the library's heredoc text → offsets in the pasted text. `<<-` strips the common
 * indentation, so each line is shifted by what was stripped from it.
 */
function heredocOffsetMapper(original: string, parsed: string, base: number): (offset: number) => number {
  const originalLines = original.split('\n');
  const parsedLines = parsed.split('\n');
  const originalStarts: number[] = [];
  const parsedStarts: number[] = [];
  let o = 0;
  for (const line of originalLines) {
    originalStarts.push(o);
    o += line.length + 1;
  }
  let p = 0;
  for (const line of parsedLines) {
    parsedStarts.push(p);
    p += line.length + 1;
  }
  return (offset: number) => {
    let line = 0;
    while (line + 1 < parsedStarts.length && parsedStarts[line + 1] <= offset) line++;
    const column = offset - parsedStarts[line];
    const originalLine = originalLines[line] ?? '';
    const stripped = originalLine.length - (parsedLines[line] ?? '').length;
    return base + (originalStarts[line] ?? original.length) + Math.max(0, stripped) + column;
  };
}
