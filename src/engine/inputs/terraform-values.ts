/**
 * Terraform values with their source ranges, evaluated as Terraform evaluates them: each
 * attribute's expression is read from its source text and evaluated (hcl/evaluate.ts) against
 * the rest of the text — variables (given values, then defaults), locals, other resources'
 * arguments and the attributes providers compute. What the text does not determine is an
 * unknown named by what fills it in (`--var NAME=VALUE`).
 */
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { LineIndex } from '../json';
import type { SourceRange } from '../result';
import { Evaluator, type Scope, type Step } from './hcl/evaluate';
import { parseExpression } from './hcl/syntax';
import { HclEvalError, isUnknown, unknown, unknownsIn, type Unknown } from './hcl/value';
import type { PositionBlock, PositionExpr, PositionItem } from './hcl-positions';
import type { HclLibrary } from './hcl-library';
import { entryOf, objectOf, scalar, type Located, type LocatedEntry } from './located';

export interface TerraformText {
  text: string;
  lines: LineIndex;
  /** Null while HashiCorp's parser has not loaded (`convertTerraform`). */
  library: HclLibrary | null;
  positions: PositionItem[];
  /** Values given by the user (`--var NAME=VALUE`), by variable name or by the unknown's name. */
  vars: Record<string, string>;
  /** `data.aws_iam_policy_document` instances, converted (set by terraform.ts). */
  policyDocument?: (block: PositionBlock, bindings: Map<string, Located>) => Located;
  /** What is being evaluated now, to refuse a value that depends on itself. */
  evaluating: Set<string>;
}

export function rangeOf(tf: TerraformText, start: number, end: number): SourceRange {
  return tf.lines.range(start, end);
}

export function topBlocks(tf: TerraformText, kind: string, type?: string): PositionBlock[] {
  return tf.positions.filter((item): item is PositionBlock => item.kind === 'block' && item.type === kind && (type === undefined || item.labels[0] === type));
}

export function findBlock(tf: TerraformText, kind: string, type: string, name: string): PositionBlock | undefined {
  return topBlocks(tf, kind, type).find((b) => b.labels[1] === name);
}

export function attributeOf(block: PositionBlock, name: string): Extract<PositionItem, { kind: 'attribute' }> | undefined {
  return block.body.find((item): item is Extract<PositionItem, { kind: 'attribute' }> => item.kind === 'attribute' && item.name === name);
}

function scopeFor(tf: TerraformText): Scope {
  return { range: (s, e) => (e > s ? tf.lines.range(s, e) : undefined), reference: (root, steps, s, e) => reference(tf, root, steps, s, e), file: (path) => givenFile(tf, path) };
}

/** Evaluates the expression written at `expr` with the given names bound (count, each, iterators). */
export function evaluateAt(tf: TerraformText, expr: PositionExpr, bindings: Map<string, Located> = new Map()): Located {
  const evaluator = new Evaluator(scopeFor(tf));
  const tree = parseExpression(tf.text, expr.start, expr.end);
  return evaluator.with(bindings, () => evaluator.evaluate(tree));
}

/** A value from a place of its own (`--var` text): HCL literal syntax for structured values. */
function givenValue(text: string, structured: boolean): Located {
  if (!structured) return scalar(text);
  try {
    const evaluator = new Evaluator({ range: () => undefined, reference: () => null });
    return evaluator.evaluate(parseExpression(text));
  } catch {
    return scalar(text);
  }
}

function givenFile(tf: TerraformText, path: string): string | null {
  const name = `file:${path}`;
  return name in tf.vars ? tf.vars[name] : null;
}

function stepText(step: Step): string {
  if (step.kind === 'attr') return `.${step.name}`;
  const key = step.key;
  return key.kind === 'scalar' && !isUnknown(key) ? `[${typeof key.value === 'string' ? JSON.stringify(key.value) : String(key.value)}]` : '[?]';
}

/** A named unknown for the reference `root` + the first `used` steps. */
function named(root: string, steps: Step[], used: number, range?: SourceRange): { value: Unknown; used: number } {
  const name = root + steps.slice(0, used).map(stepText).join('');
  return { value: unknown([{ name, range }], range), used };
}

/** Variables: `--var` first, then the default; typed non-string variables read `--var` as HCL. */
function variable(tf: TerraformText, name: string, range: SourceRange | undefined): Located {
  const block = topBlocks(tf, 'variable').find((b) => b.labels[0] === name);
  const type = block ? attributeOf(block, 'type') : undefined;
  const typeText = type ? tf.text.slice(type.value.start, type.value.end).trim() : '';
  for (const key of [name, `var.${name}`]) {
    if (key in tf.vars) {
      const text = tf.vars[key];
      const structured = typeText ? !/^string$/.test(typeText) : /^\s*[[{]/.test(text);
      return { ...givenValue(text, structured), range };
    }
  }
  // A default, null included, is the value when none is given (language/values/variables#default-values).
  const fallback = block ? attributeOf(block, 'default') : undefined;
  if (fallback) return guarded(tf, `var.${name}`, fallback.value.start, fallback.value.end, () => evaluateAt(tf, fallback.value));
  return unknown([{ name: `var.${name}`, range }], range);
}

function guarded(tf: TerraformText, key: string, s: number, e: number, run: () => Located): Located {
  if (tf.evaluating.has(key)) throw new HclEvalError(`${key} depends on itself`, s, e);
  tf.evaluating.add(key);
  try {
    return run();
  } finally {
    tf.evaluating.delete(key);
  }
}

function local(tf: TerraformText, name: string, s: number, e: number): Located | null {
  for (const block of topBlocks(tf, 'locals')) {
    const attribute = attributeOf(block, name);
    if (attribute) return guarded(tf, `local.${name}`, s, e, () => evaluateAt(tf, attribute.value));
  }
  return null;
}

/** One instance of a block with `count` or `for_each`: its key and the names it binds. */
export interface Instance {
  key: Located | null;
  suffix: string;
  bindings: Map<string, Located>;
}

/** The instances a resource or data block makes (count / for_each), or the unknown they depend on. */
export function instancesOf(tf: TerraformText, block: PositionBlock): Instance[] | Unknown {
  const count = attributeOf(block, 'count');
  if (count) {
    const value = evaluateAt(tf, count.value);
    if (isUnknown(value)) return value;
    const n = value.kind === 'scalar' ? Number(value.value) : NaN;
    if (!Number.isInteger(n) || n < 0) throw new HclEvalError('count must be a whole number', count.value.start, count.value.end);
    return Array.from({ length: n }, (_, i) => ({ key: scalar(i), suffix: `[${i}]`, bindings: new Map([['count', objectOf([{ key: 'index', value: scalar(i) }])]]) }));
  }
  const forEach = attributeOf(block, 'for_each');
  if (forEach) {
    const value = evaluateAt(tf, forEach.value);
    const names = unknownsIn(value);
    if (isUnknown(value) || (value.kind === 'array' && names.length > 0) || (value.kind === 'object' && value.entries.some((e) => e.unresolved))) return unknown(names);
    const pairs: Array<[string, Located]> =
      value.kind === 'object' ? value.entries.map((e) => [e.key, e.value]) : value.kind === 'array' ? value.items.map((item) => [String(item.kind === 'scalar' ? item.value : ''), item]) : [];
    if (value.kind === 'scalar') throw new HclEvalError('for_each must be a map or a set of strings', forEach.value.start, forEach.value.end);
    return pairs.map(([key, item]) => ({
      key: scalar(key),
      suffix: `[${JSON.stringify(key)}]`,
      bindings: new Map([['each', objectOf([{ key: 'key', value: scalar(key) }, { key: 'value', value: item }])]]),
    }));
  }
  return [{ key: null, suffix: '', bindings: new Map() }];
}

/** The instance a reference's index step selects (`x[0]`, `x["k"]`), or the only one. */
function selectInstance(tf: TerraformText, block: PositionBlock, steps: Step[], at: number): { instance: Instance | null; used: number; unknown?: Unknown } {
  const instances = instancesOf(tf, block);
  if (!Array.isArray(instances)) return { instance: null, used: at, unknown: instances };
  const step = steps[at];
  if (instances.length === 1 && instances[0].key === null) return { instance: instances[0], used: at };
  if (step?.kind !== 'index') return { instance: null, used: at };
  if (isUnknown(step.key)) return { instance: null, used: at + 1, unknown: step.key };
  const wanted = step.key.kind === 'scalar' ? step.key.value : null;
  const found = instances.find((i) => i.key?.kind === 'scalar' && String(i.key.value) === String(wanted));
  if (!found) throw new HclEvalError(`${block.labels.join('.')} has no instance ${stepText(step)}`, step.s, step.e);
  return { instance: found, used: at + 1 };
}

/**
 * Attributes the providers compute rather than copy from the configuration:
 * - aws_iam_openid_connect_provider: `url` is stored without its scheme and `arn` is
 *   arn:PARTITION:iam::ACCOUNT:oidc-provider/URL (hashicorp/terraform-provider-aws,
 *   internal/service/iam/openid_connect_provider.go; IAM's CreateOpenIDConnectProvider returns
 *   that ARN, docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html);
 * - google_iam_workload_identity_pool: `name` is projects/NUMBER/locations/global/workloadIdentityPools/ID.
 */
function computed(tf: TerraformText, type: string, name: string, block: PositionBlock, instance: Instance, attribute: string, range: SourceRange | undefined): Located | null {
  const argument = (key: string) => {
    const written = attributeOf(block, key);
    return written ? evaluateAt(tf, written.value, instance.bindings) : null;
  };
  if (type === 'aws_iam_openid_connect_provider' && (attribute === 'url' || attribute === 'arn')) {
    const url = argument('url');
    if (!url) return null;
    if (isUnknown(url)) return url;
    const written = String(url.kind === 'scalar' ? url.value : '');
    // The provider validates the argument before IAM sees it (validOpenIDURL in
    // internal/service/iam/validate.go): plan stops here, so no role trusts this provider.
    const problem = openIdUrlProblem(written);
    if (problem) {
      const at = attributeOf(block, 'url')!.value;
      throw new HclEvalError(`${type}.${name}: "url" ${problem}`, at.start, at.end);
    }
    const host = written.replace(/^https:\/\//, '');
    if (attribute === 'url') return scalar(host, range);
    const partition = given(tf, 'data.aws_partition.current.partition', range);
    const account = given(tf, 'data.aws_caller_identity.current.account_id', range);
    const unknowns = [partition, account].filter(isUnknown).flatMap((u) => u.unresolved);
    const text = `arn:${String(partition.value)}:iam::${String(account.value)}:oidc-provider/${host}`;
    return scalar(text, range, unknowns);
  }
  if (type === 'google_iam_workload_identity_pool' && attribute === 'name') {
    const pool = argument('workload_identity_pool_id') ?? unknown([{ name: `${type}.${name}.workload_identity_pool_id`, range }]);
    const project = projectNumberOf(tf, range);
    const unknowns = [pool, project].filter(isUnknown).flatMap((u) => u.unresolved);
    return scalar(`projects/${String(project.kind === 'scalar' ? project.value : '')}/locations/global/workloadIdentityPools/${String(pool.kind === 'scalar' ? pool.value : '')}`, range, unknowns);
  }
  return null;
}

/**
 * An OIDC provider URL the AWS provider refuses, in its words (hashicorp/terraform-provider-aws,
 * internal/service/iam/validate.go, validOpenIDURL): Go's url.Parse reads the scheme in any case.
 */
export function openIdUrlProblem(url: string): string | null {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase();
  if (scheme !== 'https') return 'has to use HTTPS scheme (i.e. begin with https://)';
  const query = url.replace(/#.*$/, '').split('?').slice(1).join('?');
  if (/[^&]/.test(query)) return 'cannot contain query parameters per the OIDC standard';
  return null;
}

/** A value only the user can give, by its name, else an unknown of that name. */
export function given(tf: TerraformText, name: string, range: SourceRange | undefined): Extract<Located, { kind: 'scalar' }> {
  return name in tf.vars ? scalar(tf.vars[name], range) as Extract<Located, { kind: 'scalar' }> : unknown([{ name, range }], range);
}

/** Arguments whose value Terraform fills when they are not written. */
const ARGUMENT_DEFAULTS: Record<string, Record<string, string>> = {
  vault_jwt_auth_backend: { path: 'jwt' },
};

function resourceAttribute(tf: TerraformText, kind: 'resource' | 'data', root: string, steps: Step[], s: number, e: number): { value: Located; used: number } {
  const prefix = kind === 'data' ? 'data' : root;
  const typeSteps = kind === 'data' ? 2 : 1;
  const type = kind === 'data' ? (steps[0]?.kind === 'attr' ? steps[0].name : '') : root;
  const nameStep = steps[typeSteps - 1];
  const range = tf.lines.range(s, Math.max(e, steps[steps.length - 1]?.e ?? e));
  if (nameStep?.kind !== 'attr') return named(prefix, steps, typeSteps - 1 + (kind === 'data' ? 0 : 0), range);
  const name = nameStep.name;
  const block = findBlock(tf, kind, type, name);
  if (!block) {
    // Declared elsewhere (another file or module): its attributes are unknowns of their own.
    const attributeAt = steps[typeSteps]?.kind === 'index' ? typeSteps + 1 : typeSteps;
    return named(prefix, steps, Math.min(steps.length, attributeAt + 1), range);
  }
  const chosen = selectInstance(tf, block, steps, typeSteps);
  if (chosen.unknown) return { value: unknown(chosen.unknown.unresolved, range), used: Math.min(steps.length, chosen.used + 1) };
  if (!chosen.instance) return named(prefix, steps, chosen.used, range);
  const attributeStep = steps[chosen.used];
  if (attributeStep?.kind !== 'attr') return named(prefix, steps, chosen.used, range);
  const attribute = attributeStep.name;
  const used = chosen.used + 1;
  const key = `${prefix}${steps.slice(0, used).map(stepText).join('')}`;
  if (kind === 'data' && type === 'aws_iam_policy_document' && (attribute === 'json' || attribute === 'minified_json')) {
    const document = guarded(tf, key, s, e, () => tf.policyDocument!(block, chosen.instance!.bindings));
    return { value: document.kind === 'scalar' ? document : { ...document, encoded: true, range }, used };
  }
  if (kind === 'data' && type === 'google_iam_policy' && attribute === 'policy_data') {
    // The data source renders its binding blocks as a policy's JSON (registry: data-sources/iam_policy of the google provider).
    const body = locateBlock(tf, block, chosen.instance.bindings);
    const blocks = entryOf(body, 'binding');
    const bindings = (blocks?.kind === 'array' ? blocks.items : []).map((b) =>
      isUnknown(b) ? b : objectOf([{ key: 'role', value: entryOf(b, 'role') ?? scalar(null) }, { key: 'members', value: entryOf(b, 'members') ?? { kind: 'array', items: [] } }], b.range),
    );
    return { value: { kind: 'object', entries: [{ key: 'bindings', value: { kind: 'array', items: bindings } }], range, encoded: true }, used };
  }
  const special = computed(tf, type, name, block, chosen.instance, attribute, range);
  if (special) return { value: special, used };
  const written = kind === 'resource' ? attributeOf(block, attribute) : undefined;
  if (written) return { value: guarded(tf, key, s, e, () => evaluateAt(tf, written.value, chosen.instance!.bindings)), used };
  const fallback = ARGUMENT_DEFAULTS[type]?.[attribute];
  if (kind === 'resource' && fallback !== undefined) return { value: scalar(fallback, range), used };
  return named(prefix, steps, used, range);
}

/** Resolves a reference rooted at `root` (see Scope.reference). */
function reference(tf: TerraformText, root: string, steps: Step[], s: number, e: number): { value: Located; used: number } | null {
  const range = tf.lines.range(s, Math.max(e, steps[0]?.e ?? e));
  const first = steps[0]?.kind === 'attr' ? steps[0].name : null;
  // A value given by its full name (`--var aws_iam_openid_connect_provider.x.arn=…`), longest first.
  if (root !== 'var') {
    for (let used = steps.length; used >= 1; used--) {
      const name = root + steps.slice(0, used).map(stepText).join('');
      if (name in tf.vars) return { value: scalar(tf.vars[name], range), used };
    }
  }
  switch (root) {
    case 'var':
      if (!first) return named('var', steps, 0, range);
      return { value: variable(tf, first, range), used: 1 };
    case 'local': {
      if (!first) throw new HclEvalError('local needs a name', s, e);
      const value = local(tf, first, s, e);
      return value ? { value, used: 1 } : named('local', steps, 1, range);
    }
    case 'data':
      return resourceAttribute(tf, 'data', root, steps, s, e);
    case 'module':
      return named('module', steps, Math.min(2, steps.length), range);
    case 'path':
      return first === 'module' || first === 'root' ? { value: scalar('.', range), used: 1 } : named('path', steps, 1, range);
    case 'terraform':
      return named('terraform', steps, 1, range);
    case 'self':
    case 'count':
    case 'each':
      // Bound where they mean something (count, for_each, dynamic); anywhere else Terraform refuses them.
      throw new HclEvalError(`${root}${first ? `.${first}` : ''} cannot be used here: ${root === 'each' ? 'the block has no for_each' : root === 'count' ? 'the block has no count' : 'self is only for provisioners'}`, s, e);
  }
  if (/^[a-z][a-z0-9_]*$/.test(root) && root.includes('_')) return resourceAttribute(tf, 'resource', root, steps, s, e);
  return null;
}

/**
 * A Google Cloud project number: Terraform names projects by ID, so the number comes from
 * `--var project_number=…` or a `variable "project_number"` default, else it is an unknown.
 */
export function projectNumberOf(tf: TerraformText, range: SourceRange | undefined): Located {
  if (tf.vars.project_number !== undefined) return scalar(tf.vars.project_number, range);
  const block = topBlocks(tf, 'variable').find((b) => b.labels[0] === 'project_number');
  const fallback = block ? attributeOf(block, 'default') : undefined;
  if (fallback) {
    const value = evaluateAt(tf, fallback.value);
    if (value.kind === 'scalar' && !isUnknown(value) && value.value !== null) return { ...value, range };
  }
  return unknown([{ name: 'project_number', range }], range);
}

/**
 * A block body as an object: attributes by name, nested blocks as lists of objects, `dynamic`
 * blocks expanded over their `for_each` (https://developer.hashicorp.com/terraform/language/expressions/dynamic-blocks);
 * a `for_each` the text does not determine leaves an unknown in the block's place, never nothing.
 */
export function locateBlock(tf: TerraformText, block: PositionBlock, bindings: Map<string, Located> = new Map(), skip: ReadonlySet<string> = new Set()): Located {
  const entries: Array<LocatedEntry & { order: number }> = [];
  const blockList = (key: string, order: number): Extract<Located, { kind: 'array' }> => {
    let entry = entries.find((e) => e.key === key);
    if (!entry) {
      entry = { key, value: { kind: 'array', items: [] }, order };
      entries.push(entry);
    }
    return entry.value as Extract<Located, { kind: 'array' }>;
  };
  for (const item of block.body) {
    if (item.kind === 'attribute') {
      if (skip.has(item.name)) continue;
      entries.push({
        key: item.name,
        keyRange: rangeOf(tf, item.nameStart, item.nameStart + item.name.length),
        value: evaluateAt(tf, item.value, bindings),
        order: item.nameStart,
      });
      continue;
    }
    if (item.type === 'dynamic' && item.labels.length === 1) {
      const name = item.labels[0];
      const list = blockList(name, item.start);
      list.items.push(...dynamicBlocks(tf, item, bindings));
      continue;
    }
    if (item.type === 'lifecycle' || item.type === 'provisioner' || item.type === 'connection') continue;
    const located = locateBlock(tf, item, bindings);
    blockList(item.type, item.start).items.push(located);
  }
  entries.sort((a, b) => a.order - b.order);
  return { kind: 'object', entries: entries.map(({ order: _order, ...entry }) => entry), range: rangeOf(tf, block.start, block.end) };
}

function dynamicBlocks(tf: TerraformText, dynamic: PositionBlock, bindings: Map<string, Located>): Located[] {
  const range = rangeOf(tf, dynamic.start, dynamic.end);
  const forEach = attributeOf(dynamic, 'for_each');
  const content = dynamic.body.find((item): item is PositionBlock => item.kind === 'block' && item.type === 'content');
  if (!forEach || !content) throw new HclEvalError(`dynamic "${dynamic.labels[0]}" needs for_each and a content block`, dynamic.start, dynamic.end);
  const iteratorAttribute = attributeOf(dynamic, 'iterator');
  const iterator = iteratorAttribute ? tf.text.slice(iteratorAttribute.value.start, iteratorAttribute.value.end).trim() : dynamic.labels[0];
  const collection = evaluateAt(tf, forEach.value, bindings);
  const names = unknownsIn(collection);
  if (isUnknown(collection) || (collection.kind === 'object' && collection.entries.some((e) => e.unresolved))) {
    return [unknown(names.length > 0 ? names : [{ name: tf.text.slice(forEach.value.start, forEach.value.end).trim(), range }], range)];
  }
  if (collection.kind === 'scalar') {
    // Terraform refuses a null for_each as it refuses a string: the configuration does not apply.
    throw new HclEvalError(`a dynamic block's for_each must be a list, set or map, not ${collection.value === null ? 'null' : `a ${typeof collection.value}`}`, forEach.value.start, forEach.value.end);
  }
  const pairs: Array<[Located, Located]> = collection.kind === 'array' ? collection.items.map((v, i) => [scalar(i), v]) : collection.entries.map((e) => [scalar(e.key), e.value]);
  return pairs.map(([key, value]) => {
    const inner = new Map(bindings);
    inner.set(iterator, objectOf([{ key: 'key', value: key }, { key: 'value', value }]));
    return { ...locateBlock(tf, content, inner), range: rangeOf(tf, content.start, content.end) };
  });
}

/**
 * A JSON document held in a Terraform string (heredoc or quoted literal), located: inside a
 * heredoc without interpolations each JSON part maps to its own place; otherwise the parts map
 * to the whole string.
 */
export function locateJsonString(tf: TerraformText, json: string, expr: PositionExpr | undefined): Located | null {
  const errors: ParseError[] = [];
  const root = parseTree(json, errors, { allowTrailingComma: false, disallowComments: true });
  if (!root || errors.length > 0) return null;
  const fallback = expr ? rangeOf(tf, expr.start, expr.end) : undefined;
  const source = expr?.kind === 'heredoc' ? tf.text.slice(expr.contentStart, expr.contentEnd) : null;
  const mapOffset = source !== null && !/[$%]\{/.test(source) && expr?.kind === 'heredoc' ? heredocOffsetMapper(source, json, expr.contentStart) : null;
  const rangeOfNode = (node: Node): SourceRange | undefined => (mapOffset ? rangeOf(tf, mapOffset(node.offset), mapOffset(node.offset + node.length)) : fallback);
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
      default:
        return scalar(node.value as string | number | boolean | null, rangeOfNode(node));
    }
  };
  return build(root);
}

/**
 * Offsets in the heredoc's value → offsets in the pasted text. `<<-` strips the common
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
