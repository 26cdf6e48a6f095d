/**
 * Reads the provider as `gcloud iam workload-identity-pools providers describe --format=json`
 * prints it, or `{"provider": {…}, "iamPolicy": {…}}` with a `get-iam-policy --format=json`
 * document. Every field keeps its source range; CEL strings are parsed here so that a syntax error
 * points at its column inside the JSON string.
 */
import type { Expr, ParsedExpr } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';
import { nodeAt, parseJsonDocument, rangeOfNode, rangeOfProperty, type JsonDocument, type JsonNode, type JSONPath, type LocatedError } from '../../json';
import type { ParseOutcome } from '../../provider';
import type { SourceRange } from '../../result';
import type { PositionText } from './cel-diagnose';
import { parseCel } from './cel-source';

export interface CelField {
  path: JSONPath;
  text: string;
  parsed: ParsedExpr & { expr: Expr };
  /** JSON text offset of each UTF-16 unit of the CEL text, plus one entry past its end. */
  offsets: number[];
  range: SourceRange;
}

export interface MappingEntry {
  key: string;
  keyRange?: SourceRange;
  range?: SourceRange;
  cel: CelField;
}

export interface ResourceName {
  projectNumber: string;
  poolId: string;
  providerId: string;
}

export interface IamMember {
  value: string;
  range?: SourceRange;
}

export interface IamBinding {
  role: string;
  members: IamMember[];
  /** IAM Conditions on the binding are shown, not evaluated. */
  condition?: unknown;
  range?: SourceRange;
}

export interface GcpPolicy {
  doc: JsonDocument;
  /** [] for the bare provider, ['provider'] for the wrapped form. */
  base: JSONPath;
  name?: string;
  resource?: ResourceName;
  disabled: boolean;
  state?: string;
  mappings: MappingEntry[];
  condition?: CelField;
  issuerUri?: string;
  allowedAudiences: string[];
  iam?: { bindings: IamBinding[]; range?: SourceRange };
}

type Fail = { ok: false; error: LocatedError };

import { isObject, providerObject } from './shape';

export { isObject, looksLikeGcp, providerObject } from './shape';

/** Offsets of each decoded UTF-16 unit of a JSON string literal, so CEL positions map to the text. */
export function stringOffsets(text: string, node: JsonNode): number[] {
  const offsets: number[] = [];
  const end = node.offset + node.length - 1;
  let i = node.offset + 1;
  while (i < end) {
    if (text[i] === '\\') {
      offsets.push(i);
      i += text[i + 1] === 'u' ? 6 : 2;
    } else {
      offsets.push(i);
      i++;
    }
  }
  offsets.push(end);
  return offsets;
}

export function celRange(doc: JsonDocument, field: Pick<CelField, 'offsets'>, start: number, end: number): SourceRange {
  const clamp = (n: number) => Math.max(0, Math.min(field.offsets.length - 1, n));
  const from = field.offsets[clamp(start)];
  const to = end > start ? field.offsets[clamp(end - 1)] + 1 : from + 1;
  return doc.lines.range(from, Math.max(to, from + 1));
}

/** Positions of a CEL string worded as line and column of the JSON text, for error messages. */
export function celPositionText(doc: JsonDocument, field: Pick<CelField, 'offsets'>): PositionText {
  return (offset) => {
    const at = celRange(doc, field, offset, offset + 1);
    return `line ${at.line}, column ${at.column}`;
  };
}

function fail(doc: JsonDocument, path: JSONPath, message: string): Fail {
  const node = nodeAt(doc, path);
  const range = rangeOfNode(doc, node) ?? doc.lines.range(0, 1);
  return { ok: false, error: { message: `${message} (line ${range.line}, column ${range.column})`, source: range } };
}

function readCel(doc: JsonDocument, path: JSONPath, label: string): CelField | Fail {
  const node = nodeAt(doc, path);
  if (!node || node.type !== 'string') return fail(doc, path, `${label} must be a string holding a CEL expression`);
  const text = node.value as string;
  const offsets = stringOffsets(doc.text, node);
  const range = rangeOfNode(doc, node)!;
  const parsed = parseCel(text, celPositionText(doc, { offsets }));
  if (!parsed.ok) {
    const at = celRange(doc, { offsets }, parsed.offset, parsed.end);
    return {
      ok: false,
      error: { message: `${label} is not valid CEL: ${parsed.message} (line ${at.line}, column ${at.column})`, source: at },
    };
  }
  return { path, text, parsed: parsed.parsed, offsets, range };
}

const NAME_PATTERN = /^projects\/([^/]+)\/locations\/global\/workloadIdentityPools\/([^/]+)\/providers\/([^/]+)$/;

export function parseResourceName(name: string): ResourceName | undefined {
  const match = NAME_PATTERN.exec(name);
  return match ? { projectNumber: match[1], poolId: match[2], providerId: match[3] } : undefined;
}

export function parseGcpPolicy(text: string): ParseOutcome<GcpPolicy> {
  const parsed = parseJsonDocument(text, 'The workload identity provider');
  if (!parsed.ok) return parsed;
  const doc = parsed.doc;
  const root = doc.value;
  if (!isObject(root)) return fail(doc, [], 'The workload identity provider must be a JSON object (gcloud iam workload-identity-pools providers describe --format=json)');
  const base: JSONPath = isObject(root.provider) ? ['provider'] : [];
  if ('provider' in root && !isObject(root.provider)) return fail(doc, ['provider'], '"provider" must be the provider object');
  const provider = providerObject(root)!;
  const at = (...rest: JSONPath): JSONPath => [...base, ...rest];

  let name: string | undefined;
  let resource: ResourceName | undefined;
  if ('name' in provider) {
    if (typeof provider.name !== 'string') return fail(doc, at('name'), '"name" must be a string');
    name = provider.name;
    resource = parseResourceName(name);
    if (!resource) {
      return fail(doc, at('name'), '"name" must be the provider\'s resource name, projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL_ID/providers/PROVIDER_ID');
    }
  }
  if ('disabled' in provider && typeof provider.disabled !== 'boolean') return fail(doc, at('disabled'), '"disabled" must be true or false');
  if ('state' in provider && typeof provider.state !== 'string') return fail(doc, at('state'), '"state" must be a string');
  if (!isObject(provider.oidc)) {
    if (isObject(provider.aws) || isObject(provider.saml)) {
      return fail(doc, at(isObject(provider.aws) ? 'aws' : 'saml'), 'Only OIDC providers are evaluated; this provider is not an OIDC provider');
    }
    return fail(doc, base.length ? base : [], 'The provider has no "oidc" section (oidc.issuerUri is required for OIDC providers)');
  }
  const oidc = provider.oidc;
  if ('issuerUri' in oidc && typeof oidc.issuerUri !== 'string') return fail(doc, at('oidc', 'issuerUri'), '"oidc.issuerUri" must be a string');
  const allowedAudiences: string[] = [];
  if ('allowedAudiences' in oidc) {
    if (!Array.isArray(oidc.allowedAudiences)) return fail(doc, at('oidc', 'allowedAudiences'), '"oidc.allowedAudiences" must be a list of strings');
    for (const [index, audience] of oidc.allowedAudiences.entries()) {
      if (typeof audience !== 'string') return fail(doc, at('oidc', 'allowedAudiences', index), 'each allowed audience must be a string');
      allowedAudiences.push(audience);
    }
  }

  const mappings: MappingEntry[] = [];
  if ('attributeMapping' in provider) {
    if (!isObject(provider.attributeMapping)) return fail(doc, at('attributeMapping'), '"attributeMapping" must be an object of TARGET_ATTRIBUTE: CEL expression');
    for (const key of Object.keys(provider.attributeMapping)) {
      const cel = readCel(doc, at('attributeMapping', key), `attributeMapping["${key}"]`);
      if ('ok' in cel) return cel;
      const valueNode = nodeAt(doc, at('attributeMapping', key));
      const keyNode = valueNode?.parent?.children?.[0];
      mappings.push({ key, keyRange: rangeOfNode(doc, keyNode), range: rangeOfProperty(doc, at('attributeMapping', key)), cel });
    }
  }

  let condition: CelField | undefined;
  if ('attributeCondition' in provider && provider.attributeCondition !== '') {
    const cel = readCel(doc, at('attributeCondition'), 'attributeCondition');
    if ('ok' in cel) return cel;
    condition = cel;
  }

  let iam: GcpPolicy['iam'];
  if (base.length && 'iamPolicy' in root) {
    const policy = root.iamPolicy;
    if (!isObject(policy)) return fail(doc, ['iamPolicy'], '"iamPolicy" must be a get-iam-policy document ({"bindings": [...]})');
    const bindings: IamBinding[] = [];
    if ('bindings' in policy) {
      if (!Array.isArray(policy.bindings)) return fail(doc, ['iamPolicy', 'bindings'], '"bindings" must be a list');
      for (const [index, binding] of policy.bindings.entries()) {
        const path: JSONPath = ['iamPolicy', 'bindings', index];
        if (!isObject(binding)) return fail(doc, path, 'each binding must be an object with "role" and "members"');
        if (typeof binding.role !== 'string') return fail(doc, [...path, 'role'], 'a binding needs a "role" string');
        if (!Array.isArray(binding.members)) return fail(doc, [...path, 'members'], 'a binding needs a "members" list');
        const members: IamMember[] = [];
        for (const [m, member] of binding.members.entries()) {
          if (typeof member !== 'string') return fail(doc, [...path, 'members', m], 'each member must be a string');
          members.push({ value: member, range: rangeOfNode(doc, nodeAt(doc, [...path, 'members', m])) });
        }
        bindings.push({ role: binding.role, members, condition: binding.condition, range: rangeOfNode(doc, nodeAt(doc, path)) });
      }
    }
    iam = { bindings, range: rangeOfProperty(doc, ['iamPolicy']) };
  }

  return {
    ok: true,
    policy: {
      doc,
      base,
      name,
      resource,
      disabled: provider.disabled === true,
      state: typeof provider.state === 'string' ? provider.state : undefined,
      mappings,
      condition,
      issuerUri: typeof oidc.issuerUri === 'string' ? oidc.issuerUri : undefined,
      allowedAudiences,
      iam,
    },
  };
}

export function rangeAt(policy: GcpPolicy, ...path: JSONPath): SourceRange | undefined {
  return rangeOfProperty(policy.doc, [...policy.base, ...path]);
}
