/**
 * CloudFormation / SAM / CDK output (YAML or JSON) → the trust policy of an `AWS::IAM::Role`
 * (`Properties.AssumeRolePolicyDocument`). Intrinsic functions are resolved where the template
 * gives the values (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html):
 * `Ref` and `Fn::Sub` to parameters with a `Default`, `Fn::Join`, `Fn::Select`, `Fn::FindInMap`
 * on the template's `Mappings`; YAML short forms (`!Sub`, `!Ref`, …) read as their `Fn::` forms.
 * Pseudo parameters (`AWS::AccountId`, `AWS::Partition`, `AWS::Region`, …) depend on where the
 * stack is deployed, so they stay placeholders unless given (`--var AWS::AccountId=…`), as do
 * `Fn::GetAtt`, `Fn::ImportValue` and references to other resources.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, visit, type Node as YamlNode } from 'yaml';
import { LineIndex } from '../json';
import type { ProviderId, SourceRange } from '../result';
import { scalar, type Located, type LocatedEntry, type Placeholder } from './located';
import type { Candidate, ConvertOutcome, ConvertRequest } from './terraform';

const SHORT_FORMS: Record<string, string> = {
  '!Ref': 'Ref',
  '!Sub': 'Fn::Sub',
  '!Join': 'Fn::Join',
  '!GetAtt': 'Fn::GetAtt',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!If': 'Fn::If',
  '!ImportValue': 'Fn::ImportValue',
  '!FindInMap': 'Fn::FindInMap',
  '!Base64': 'Fn::Base64',
  '!GetAZs': 'Fn::GetAZs',
  '!Equals': 'Fn::Equals',
  '!Not': 'Fn::Not',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Condition': 'Condition',
  '!Cidr': 'Fn::Cidr',
};

/** Short-form tags accepted by the YAML reader; their meaning is given when the template is read. */
const CUSTOM_TAGS = Object.keys(SHORT_FORMS).flatMap((tag) =>
  (['scalar', 'seq', 'map'] as const).map((nodeClass) => ({
    tag,
    collection: nodeClass === 'scalar' ? undefined : nodeClass,
    identify: () => false,
    resolve: (value: unknown) => value,
  })),
);

export function looksLikeCloudFormation(text: string): boolean {
  if (/(^|\n)[ \t]*"?AWSTemplateFormatVersion"?[ \t]*:/.test(text)) return true;
  return /(^|\n)[ \t]*"?Resources"?[ \t]*:/.test(text) && /"?Type"?[ \t]*:[ \t]*['"]?AWS::[A-Za-z0-9]+::/.test(text);
}

interface Template {
  lines: LineIndex;
  text: string;
  parameters: Map<string, YamlNode | null>;
  mappings: YamlNode | null;
  resources: Set<string>;
  vars: Record<string, string>;
  conditions: Map<string, YamlNode | null>;
  resourceNodes: Map<string, YamlNode | null>;
  /** Conditions being evaluated, to refuse one that depends on itself. */
  evaluating: Set<string>;
}

/** `Ref: AWS::NoValue`: the property it stands for is removed. */
const NO_VALUE: Located = { kind: 'scalar', value: null };

function rangeOf(template: Template, node: YamlNode | null | undefined): SourceRange | undefined {
  const range = node?.range;
  if (!range) return undefined;
  let end = range[1];
  while (end > range[0] && /\s/.test(template.text[end - 1])) end--;
  return template.lines.range(range[0], end);
}

function mapEntries(node: unknown): Array<{ key: string; keyNode: YamlNode; value: YamlNode | null }> {
  if (!isMap(node)) return [];
  return node.items.flatMap((pair) =>
    isPair(pair) && isScalar(pair.key) ? [{ key: String(pair.key.value), keyNode: pair.key as YamlNode, value: (pair.value ?? null) as YamlNode | null }] : [],
  );
}

function get(node: unknown, key: string): YamlNode | null {
  return mapEntries(node).find((e) => e.key === key)?.value ?? null;
}

function placeholder(name: string, range?: SourceRange): Located {
  return scalar(`\${${name}}`, range, [{ name, range }]);
}

/** The intrinsic a node stands for: `{Fn::X: args}`, `{Ref: name}` or a short-form tag. */
function intrinsicOf(node: YamlNode, ignoreTag = false): { name: string; args: YamlNode | null } | null {
  const tag = (node as { tag?: string }).tag;
  if (tag && SHORT_FORMS[tag] && !ignoreTag) return { name: SHORT_FORMS[tag], args: node };
  const entries = mapEntries(node);
  // A lone `Condition` key is a policy statement's element, not the Condition function.
  if (entries.length === 1 && (entries[0].key === 'Ref' || entries[0].key.startsWith('Fn::'))) {
    return { name: entries[0].key, args: entries[0].value };
  }
  return null;
}

function scalarText(node: YamlNode | null): string | null {
  return isScalar(node) && node.value !== null && typeof node.value !== 'object' ? String(node.value) : null;
}

function resolveName(template: Template, name: string, range: SourceRange | undefined): Located {
  if (name in template.vars) return scalar(template.vars[name], range);
  if (name === 'AWS::NoValue') return NO_VALUE;
  // Ref of an AWS::IAM::OIDCProvider is its ARN (AWS::IAM::OIDCProvider, "Return values").
  if (oidcProviderUrl(template, name) !== null) return oidcProviderArn(template, name, range);
  if (template.parameters.has(name)) {
    const parameter = template.parameters.get(name);
    const fallback = parameter ? get(parameter, 'Default') : null;
    const text = scalarText(fallback);
    if (text !== null) return scalar(text, range);
  }
  return placeholder(name, range);
}

function oidcProviderUrl(template: Template, logicalId: string): YamlNode | null {
  const resource = template.resourceNodes.get(logicalId);
  if (!resource || scalarText(get(resource, 'Type')) !== 'AWS::IAM::OIDCProvider') return null;
  return get(get(resource, 'Properties'), 'Url');
}

/**
 * An OIDC provider's ARN, as IAM makes it: arn:PARTITION:iam::ACCOUNT:oidc-provider/URL without
 * its scheme (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-oidcprovider.html#aws-resource-iam-oidcprovider-return-values).
 */
function oidcProviderArn(template: Template, logicalId: string, range: SourceRange | undefined): Located {
  const url = locate(template, oidcProviderUrl(template, logicalId), 1);
  const host = url.kind === 'scalar' ? { ...url, value: String(url.value ?? '').replace(/^https:\/\//, '') } : url;
  return joinScalars([scalar('arn:'), resolveName(template, 'AWS::Partition', range), scalar(':iam::'), resolveName(template, 'AWS::AccountId', range), scalar(':oidc-provider/'), host], '', range);
}

/**
 * A condition's value from parameter defaults and `--var`
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html):
 * true/false, or the placeholders it depends on.
 */
function conditionValue(template: Template, node: YamlNode | null, depth: number): boolean | Placeholder[] {
  if (depth > 64) return [{ name: 'a condition nested too deeply' }];
  const named = scalarText(get(node, 'Condition')) ?? (isScalar(node) ? scalarText(node) : null);
  const call = node ? intrinsicOf(node) : null;
  if (!call && named !== null) return namedCondition(template, named, depth);
  if (call?.name === 'Condition') return namedCondition(template, scalarText(call.args) ?? '', depth);
  const args = call && isSeq(call.args) ? (call.args.items as YamlNode[]) : [];
  switch (call?.name) {
    case 'Fn::Equals': {
      const [a, b] = [0, 1].map((i) => locate(template, args[i] ?? null, depth + 1));
      const unknowns = [a, b].flatMap((v) => (v.kind === 'scalar' ? (v.unresolved ?? []) : []));
      if (unknowns.length > 0) return unknowns;
      return JSON.stringify(plainScalar(a)) === JSON.stringify(plainScalar(b));
    }
    case 'Fn::Not': {
      const inner = conditionValue(template, args[0] ?? null, depth + 1);
      return typeof inner === 'boolean' ? !inner : inner;
    }
    case 'Fn::And':
    case 'Fn::Or': {
      const decisive = call.name === 'Fn::Or';
      const values = args.map((arg) => conditionValue(template, arg, depth + 1));
      if (values.some((v) => v === decisive)) return decisive;
      const unknowns = values.flatMap((v) => (typeof v === 'boolean' ? [] : v));
      return unknowns.length > 0 ? unknowns : !decisive;
    }
  }
  return [{ name: 'a condition trustlens does not evaluate', range: rangeOf(template, node) }];
}

function plainScalar(value: Located): unknown {
  return value.kind === 'scalar' ? String(value.value) : value.kind === 'array' ? value.items.map(plainScalar) : null;
}

function namedCondition(template: Template, name: string, depth: number): boolean | Placeholder[] {
  if (!template.conditions.has(name) || template.evaluating.has(name)) return [{ name: `Condition ${name}` }];
  template.evaluating.add(name);
  try {
    return conditionValue(template, template.conditions.get(name) ?? null, depth + 1);
  } finally {
    template.evaluating.delete(name);
  }
}

function joinScalars(parts: Located[], separator: string, range: SourceRange | undefined): Located {
  const unresolved: Placeholder[] = [];
  const texts = parts.map((part) => {
    if (part.kind !== 'scalar') {
      unresolved.push({ name: 'a list or object inside a string', range: part.range });
      return '';
    }
    unresolved.push(...(part.unresolved ?? []));
    return String(part.value ?? '');
  });
  return scalar(texts.join(separator), range, unresolved);
}

function substitute(template: Template, text: string, variables: Map<string, Located>, range: SourceRange | undefined): Located {
  const parts: Located[] = [];
  let rest = text;
  for (;;) {
    const open = rest.indexOf('${');
    if (open < 0) break;
    const close = rest.indexOf('}', open);
    if (close < 0) break;
    parts.push(scalar(rest.slice(0, open)));
    const name = rest.slice(open + 2, close).trim();
    if (name.startsWith('!')) parts.push(scalar(`\${${name.slice(1)}}`));
    else if (variables.has(name)) parts.push(variables.get(name)!);
    else if (name.includes('.') && !(name in template.vars)) parts.push(placeholder(name, range));
    else parts.push(resolveName(template, name, range));
    rest = rest.slice(close + 1);
  }
  parts.push(scalar(rest));
  return joinScalars(parts, '', range);
}

function intrinsic(template: Template, name: string, args: YamlNode | null, range: SourceRange | undefined, depth: number): Located {
  const argList = isSeq(args) ? (args.items as YamlNode[]) : [];
  switch (name) {
    case 'Ref':
      return resolveName(template, scalarText(args) ?? '', range);
    case 'Fn::Sub': {
      const body = isSeq(args) ? argList[0] : args;
      const variables = new Map<string, Located>();
      if (isSeq(args)) for (const entry of mapEntries(argList[1])) variables.set(entry.key, locate(template, entry.value, depth + 1));
      return substitute(template, scalarText(body) ?? '', variables, range);
    }
    case 'Fn::Join': {
      const separator = scalarText(argList[0] ?? null) ?? '';
      const list = locate(template, argList[1] ?? null, depth + 1);
      return joinScalars(list.kind === 'array' ? list.items : [list], separator, range);
    }
    case 'Fn::Select': {
      const index = Number(scalarText(argList[0] ?? null));
      const list = locate(template, argList[1] ?? null, depth + 1);
      if (list.kind === 'array' && Number.isInteger(index) && list.items[index]) return { ...list.items[index], range };
      return placeholder('Fn::Select', range);
    }
    case 'Fn::FindInMap': {
      const keys = argList.map((item) => locate(template, item, depth + 1));
      if (keys.length === 3 && keys.every((k) => k.kind === 'scalar' && !k.unresolved)) {
        const [map, top, second] = keys.map((k) => String((k as { value: unknown }).value));
        const found = get(get(get(template.mappings, map), top), second);
        if (found) return { ...locate(template, found, depth + 1), range };
      }
      return placeholder(`Fn::FindInMap ${keys.map((k) => (k.kind === 'scalar' ? String(k.value) : '…')).join('.')}`, range);
    }
    case 'Fn::GetAtt': {
      const target = isSeq(args) ? argList.map((item) => scalarText(item) ?? '').join('.') : (scalarText(args) ?? '');
      if (target in template.vars) return scalar(template.vars[target], range);
      const [logicalId, attribute] = [target.slice(0, target.indexOf('.')), target.slice(target.indexOf('.') + 1)];
      if (attribute === 'Arn' && oidcProviderUrl(template, logicalId) !== null) return oidcProviderArn(template, logicalId, range);
      return placeholder(target, range);
    }
    case 'Fn::ImportValue': {
      // One unknown named by the export; an export name that is itself unknown asks for its own parts first.
      // `!ImportValue name` carries its tag on the name itself: the name is the scalar, not another import.
      const exported = isScalar(args) ? scalar(scalarText(args), range) : locate(template, args, depth + 1, true);
      if (exported.kind === 'scalar' && !exported.unresolved) return resolveName(template, `Fn::ImportValue ${String(exported.value)}`, range);
      const inner = exported.kind === 'scalar' ? (exported.unresolved ?? []) : [];
      return inner.length > 0 ? scalar(`\${Fn::ImportValue}`, range, inner) : placeholder('Fn::ImportValue', range);
    }
    case 'Fn::If': {
      const condition = scalarText(argList[0] ?? null) ?? '';
      const value = namedCondition(template, condition, depth);
      if (typeof value === 'boolean') return locate(template, argList[value ? 1 : 2] ?? null, depth + 1);
      return scalar(`\${Condition ${condition}}`, range, value);
    }
    default:
      return placeholder(name, range);
  }
}

/** `ignoreTag`: the node is a short form's own argument, whose tag was already read. */
function locate(template: Template, node: YamlNode | null, depth = 0, ignoreTag = false): Located {
  const range = rangeOf(template, node);
  if (!node || depth > 64) return scalar(null, range);
  const call = intrinsicOf(node, ignoreTag);
  if (call) return intrinsic(template, call.name, call.args, range, depth);
  if (isMap(node)) {
    const entries: LocatedEntry[] = mapEntries(node)
      .map((e) => ({ key: e.key, keyRange: rangeOf(template, e.keyNode), value: locate(template, e.value, depth + 1) }))
      .filter((e) => e.value !== NO_VALUE);
    return { kind: 'object', entries, range };
  }
  if (isSeq(node)) return { kind: 'array', items: (node.items as YamlNode[]).map((item) => locate(template, item, depth + 1)).filter((item) => item !== NO_VALUE), range };
  if (isScalar(node)) {
    const value = node.value;
    if (typeof value === 'number' && node.range) {
      // An unquoted account ID or version keeps its digits (a leading zero is not dropped).
      const source = template.text.slice(node.range[0], node.range[1]).trim();
      if (source !== String(value)) return scalar(source, range);
    }
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return scalar(value, range);
    return scalar(String(value), range);
  }
  return scalar(null, range);
}

/** Tags of YAML's core schema that CloudFormation reads like untagged values. */
const CORE_TAGS = new Set(['tag:yaml.org,2002:str', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:float', 'tag:yaml.org,2002:bool', 'tag:yaml.org,2002:null', 'tag:yaml.org,2002:seq', 'tag:yaml.org,2002:map']);

/**
 * What CloudFormation refuses in YAML before reading the template: aliases and tags other than
 * the intrinsic functions' short forms (`!!binary` included). AWS documents no text for the alias
 * refusal; the ValidationError users report is "Template error: YAML aliases are not allowed in
 * CloudFormation templates" (github.com/seeebiii/aws-cloudformation-templates/issues/1, from
 * CreateChangeSet; medium.com/@rhgvandenheuvel/cloudformation-coding-using-yaml-9127025813bb, from
 * the console's "Template contains errors.: …"), not a "Template format error".
 */
function refusedYaml(document: ReturnType<typeof parseDocument>, lines: LineIndex): { ok: false; message: string; source: SourceRange } | null {
  let found: { ok: false; message: string; source: SourceRange } | null = null;
  const at = (node: { range?: [number, number, number] | null }) => {
    const start = node.range?.[0] ?? 0;
    return lines.range(start, Math.max(start + 1, Math.min(node.range?.[1] ?? start + 1, start + 40)));
  };
  visit(document, (_key, node) => {
    if (isAlias(node)) {
      const source = at(node);
      found = { ok: false, message: `Template error: YAML aliases are not allowed in CloudFormation templates (line ${source.line}:${source.column})`, source };
      return visit.BREAK;
    }
    const tag = (node as { tag?: string } | null)?.tag;
    if (tag && !(tag in SHORT_FORMS) && !CORE_TAGS.has(tag) && (isScalar(node) || isMap(node) || isSeq(node))) {
      const source = at(node);
      const shown = tag.replace(/^tag:yaml\.org,2002:/, '!!');
      found = { ok: false, message: `The CloudFormation template uses the YAML tag ${shown}, which CloudFormation does not read (line ${source.line}:${source.column})`, source };
      return visit.BREAK;
    }
    return undefined;
  });
  return found;
}

export function convertCloudFormation(text: string, request: ConvertRequest): ConvertOutcome {
  const document = parseDocument(text, { customTags: CUSTOM_TAGS, uniqueKeys: false, strict: false });
  const lines = new LineIndex(text);
  if (document.errors.length > 0) {
    const error = document.errors[0];
    const [start, end] = error.pos;
    const source = lines.range(start, Math.max(end, start + 1));
    const detail = /call stack|too much recursion/i.test(error.message) ? 'it is nested too deeply' : error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '').slice(0, 200);
    return { ok: false, message: `The CloudFormation template is not valid YAML or JSON: ${detail} (line ${source.line}:${source.column})`, source, candidates: [] };
  }
  const refused = refusedYaml(document, lines);
  if (refused) return { ...refused, candidates: [] };
  const root = document.contents as YamlNode | null;
  const template: Template = {
    lines,
    text,
    parameters: new Map(mapEntries(get(root, 'Parameters')).map((e) => [e.key, e.value])),
    mappings: get(root, 'Mappings'),
    resources: new Set(mapEntries(get(root, 'Resources')).map((e) => e.key)),
    vars: request.vars ?? {},
    conditions: new Map(mapEntries(get(root, 'Conditions')).map((e) => [e.key, e.value])),
    resourceNodes: new Map(mapEntries(get(root, 'Resources')).map((e) => [e.key, e.value])),
    evaluating: new Set(),
  };
  const roles = mapEntries(get(root, 'Resources')).filter((e) => scalarText(get(e.value, 'Type')) === 'AWS::IAM::Role');
  const provider: ProviderId = 'aws';
  const candidates: Candidate[] = roles.map((e) => ({ address: e.key, provider, range: rangeOf(template, e.keyNode) }));
  let chosen = roles;
  if (request.resource) {
    const wanted = request.resource.replace(/^AWS::IAM::Role\./, '');
    chosen = roles.filter((r) => r.key === wanted);
    if (chosen.length === 0) return { ok: false, message: `no resource ${request.resource} in the template; it holds ${candidates.map((c) => c.address).join(', ') || 'no AWS::IAM::Role'}`, candidates };
  } else if (request.provider && request.provider !== 'aws') {
    return { ok: false, message: `a CloudFormation template holds AWS IAM roles, not a ${request.provider} configuration`, candidates };
  }
  if (chosen.length === 0) return { ok: false, message: 'the template holds no AWS::IAM::Role', candidates };
  if (chosen.length > 1) return { ok: false, message: `the template holds several roles: ${candidates.map((c) => c.address).join(', ')}; choose one with --resource LOGICAL_ID`, candidates };
  const role = chosen[0];
  const policyNode = get(get(role.value, 'Properties'), 'AssumeRolePolicyDocument');
  const candidate = candidates.find((c) => c.address === role.key)!;
  if (!policyNode) return { ok: false, message: `${role.key} has no Properties.AssumeRolePolicyDocument`, source: candidate.range, candidates };
  let value = locate(template, policyNode);
  const created = get(role.value, 'Condition');
  if (created) {
    // A role with a Condition exists only when it holds (Resources › Condition attribute).
    const holds = namedCondition(template, scalarText(created) ?? '', 0);
    if (holds === false) return { ok: false, message: `${role.key} is not created: its Condition ${scalarText(created)} is false for these parameters`, source: rangeOf(template, created), candidates };
    if (holds !== true) value = scalar(`\${Condition ${scalarText(created)}}`, rangeOf(template, created), holds);
  }
  if (value.kind === 'scalar' && typeof value.value === 'string' && !value.unresolved) {
    // A policy written as a JSON string: its parts map to the string as a whole.
    try {
      const parsed: unknown = JSON.parse(value.value);
      value = fromPlain(parsed, value.range);
    } catch {
      return { ok: false, message: `${role.key}: AssumeRolePolicyDocument is not a JSON policy document`, source: value.range, candidates };
    }
  }
  return { ok: true, value, whole: rangeOf(template, policyNode), candidate, candidates, notes: [] };
}

function fromPlain(value: unknown, range: SourceRange | undefined): Located {
  if (Array.isArray(value)) return { kind: 'array', items: value.map((item) => fromPlain(item, range)), range };
  if (typeof value === 'object' && value !== null) {
    return { kind: 'object', entries: Object.entries(value).map(([key, item]) => ({ key, keyRange: range, value: fromPlain(item, range) })), range };
  }
  return scalar(value as string | number | boolean | null, range);
}
