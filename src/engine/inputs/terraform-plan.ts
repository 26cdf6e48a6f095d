/**
 * Terraform's JSON output (https://developer.hashicorp.com/terraform/internals/json-format) as
 * input: `terraform show -json plan.out` (`planned_values`) or `terraform show -json` of a state
 * (`values`). Every value there is rendered by Terraform and the providers, so nothing is guessed:
 * a value the plan leaves unknown (known only after apply) is a named unknown. The one reader of
 * plan and state JSON: `eval` converts the resource asked for, the scan every trust resource.
 */
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { LineIndex } from '../json';
import type { ProviderId, SourceRange } from '../result';
import { unknown } from './hcl/value';
import { entryOf, objectOf, plainValue, scalar, type Located } from './located';
import { azureCredentialFrom, chooseCandidate, gcpProviderFrom, RESOURCE_TYPES, VAULT_CONFIG_FIELDS, vaultRoleFrom, type Candidate, type ConvertOutcome, type ConvertRequest } from './terraform';

/** Whether the text is Terraform's JSON plan or state: `format_version` with `planned_values` or `values`. */
export function looksLikeTerraformJson(text: string): boolean {
  const head = text.slice(0, 400);
  return /^\s*\{/.test(head) && /"format_version"\s*:/.test(head) && /"(planned_values|values)"\s*:\s*\{/.test(text);
}

export interface PlanResource {
  address: string;
  mode: string;
  type: string;
  node: Node;
  values: Node | undefined;
  /** Where its `"address"` member is written. */
  addressRange: SourceRange;
}

/** A plan or state read once: its lines and every resource of every module. */
export interface PlanDocument {
  lines: LineIndex;
  resources: PlanResource[];
}

function child(node: Node | undefined, key: string): Node | undefined {
  const property = node?.type === 'object' ? node.children?.find((p) => p.children?.[0]?.value === key) : undefined;
  return property?.children?.[1];
}

function text(node: Node | undefined): string | undefined {
  return node?.type === 'string' ? String(node.value) : undefined;
}

/** Every resource of a module and its child modules, depth first as the plan lists them. */
function resourcesOf(module: Node | undefined, lines: LineIndex, out: PlanResource[] = [], depth = 0): PlanResource[] {
  if (!module || depth > 64) return out;
  for (const resource of child(module, 'resources')?.children ?? []) {
    const addressNode = child(resource, 'address');
    const address = text(addressNode);
    const type = text(child(resource, 'type'));
    if (address && type && addressNode) {
      const key = addressNode.parent?.children?.[0] ?? addressNode;
      out.push({ address, mode: text(child(resource, 'mode')) ?? 'managed', type, node: resource, values: child(resource, 'values'), addressRange: lines.range(key.offset, addressNode.offset + addressNode.length) });
    }
  }
  for (const nested of child(module, 'child_modules')?.children ?? []) resourcesOf(nested, lines, out, depth + 1);
  return out;
}

function located(node: Node, lines: LineIndex): Located {
  const range = lines.range(node.offset, node.offset + node.length);
  switch (node.type) {
    case 'object':
      return objectOf(
        (node.children ?? []).flatMap((property) => {
          const [key, value] = property.children ?? [];
          return key && value ? [{ key: String(key.value), keyRange: lines.range(key.offset, key.offset + key.length), value: located(value, lines) }] : [];
        }),
        range,
      );
    case 'array':
      return { kind: 'array', items: (node.children ?? []).map((item) => located(item, lines)), range };
    default:
      return scalar(node.value as string | number | boolean | null, range);
  }
}

/** A JSON document rendered into a string attribute (assume_role_policy, json): its parts map to the string. */
function renderedDocument(value: Located, name: string): Located | string {
  if (value.kind !== 'scalar' || typeof value.value !== 'string') return `${name} is not a JSON string`;
  try {
    const plain = (v: unknown): Located =>
      Array.isArray(v)
        ? { kind: 'array', items: v.map(plain), range: value.range }
        : v !== null && typeof v === 'object'
          ? objectOf(Object.entries(v).map(([key, item]) => ({ key, keyRange: value.range, value: plain(item) })), value.range)
          : scalar(v as string | number | boolean | null, value.range);
    return plain(JSON.parse(value.value));
  } catch {
    return `${name} is not a JSON policy document`;
  }
}

/** Reads a plan or state, or says where its JSON is broken. */
export function readPlan(source: string): PlanDocument | { message: string; source: SourceRange } {
  const errors: ParseError[] = [];
  const root = parseTree(source, errors, { allowTrailingComma: false, disallowComments: true });
  const lines = new LineIndex(source);
  if (!root || errors.length > 0) {
    const at = lines.range(errors[0]?.offset ?? 0, (errors[0]?.offset ?? 0) + 1);
    return { message: `The Terraform plan or state is not valid JSON (line ${at.line}:${at.column})`, source: at };
  }
  const values = child(root, 'planned_values') ?? child(root, 'values');
  return { lines, resources: resourcesOf(child(values, 'root_module'), lines) };
}

const TRUST_KINDS = new Map(RESOURCE_TYPES.map((r) => [`${r.kind === 'data' ? 'data' : 'managed'}:${r.type}`, r.provider]));

/** The resources that hold a trust configuration, each as a candidate located at its object. */
export function planTrustResources(plan: PlanDocument): Array<{ resource: PlanResource; candidate: Candidate }> {
  return plan.resources
    .filter((r) => TRUST_KINDS.has(`${r.mode}:${r.type}`))
    .map((resource) => ({
      resource,
      candidate: { address: resource.address, provider: TRUST_KINDS.get(`${resource.mode}:${resource.type}`) as ProviderId, range: plan.lines.range(resource.node.offset, resource.node.offset + resource.node.length) },
    }));
}

/** A resource's values as plain JSON (null when the plan gives none). */
export function planValues(plan: PlanDocument, resource: PlanResource): Record<string, unknown> | null {
  const value = resource.values ? plainValue(located(resource.values, plan.lines)) : null;
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** One trust resource of the plan as the configuration its provider reads. */
export function convertPlanResource(plan: PlanDocument, resource: PlanResource, candidate: Candidate, vars: Record<string, string>): { ok: true; value: Located } | { ok: false; message: string; source?: SourceRange } {
  const { lines, resources } = plan;
  const body = resource.values ? located(resource.values, lines) : objectOf([], candidate.range);
  // An attribute the plan does not give is known only after apply.
  const attribute = (key: string): Located => {
    const name = `${resource.address}.${key}`;
    if (name in vars) return scalar(vars[name], candidate.range);
    const value = entryOf(body, key);
    return value && !(value.kind === 'scalar' && value.value === null) ? value : unknown([{ name, range: candidate.range }], candidate.range);
  };
  const done = (value: Located) => ({ ok: true as const, value });
  const refuse = (message: string, at?: SourceRange) => ({ ok: false as const, message, source: at ?? candidate.range });
  switch (resource.type) {
    case 'aws_iam_role':
    case 'aws_iam_policy_document': {
      const key = resource.type === 'aws_iam_role' ? 'assume_role_policy' : 'json';
      const value = attribute(key);
      if (value.kind === 'scalar' && value.unresolved) return done(value);
      const document = renderedDocument(value, `${resource.address}.${key}`);
      return typeof document === 'string' ? refuse(document, value.range) : done(document);
    }
    case 'vault_jwt_auth_backend_role': {
      const backends = resources.filter((r) => r.type === 'vault_jwt_auth_backend' && r.values).map((r) => located(r.values!, lines));
      const trim = (p: unknown) => String(p ?? 'jwt').replace(/^\/|\/$/g, '');
      return done(
        vaultRoleFrom(withoutNulls(body), (role) => {
          const backend = entryOf(role, 'backend');
          const path = backend?.kind === 'scalar' ? backend.value : 'jwt';
          const found = backends.find((b) => {
            const p = entryOf(b, 'path');
            return trim(p?.kind === 'scalar' ? p.value : 'jwt') === trim(path);
          });
          return found ? objectOf((found.kind === 'object' ? found.entries : []).filter((e) => VAULT_CONFIG_FIELDS.includes(e.key) && !(e.value.kind === 'scalar' && e.value.value === null)), found.range) : null;
        }),
      );
    }
    case 'google_iam_workload_identity_pool_provider': {
      const name = attribute('name');
      const grants = resources
        .filter((r) => (r.type === 'google_service_account_iam_member' || r.type === 'google_service_account_iam_binding') && r.values)
        .flatMap((r) => {
          const grant = located(r.values!, lines);
          const role = entryOf(grant, 'role');
          const members = entryOf(grant, r.type.endsWith('_member') ? 'member' : 'members');
          if (!role || !members) return [];
          return [objectOf([{ key: 'role', value: role }, { key: 'members', value: members.kind === 'array' ? members : { kind: 'array', items: [members], range: members.range } }], grant.range)];
        });
      return done(gcpProviderFrom(withoutNulls(body), name, grants));
    }
    default:
      return done(azureCredentialFrom(resource.type, withoutNulls(body)));
  }
}

export function convertTerraformJson(source: string, request: ConvertRequest): ConvertOutcome {
  const plan = readPlan(source);
  if ('message' in plan) return { ok: false, message: plan.message, source: plan.source, candidates: [] };
  const trust = planTrustResources(plan);
  const candidates = trust.map((t) => t.candidate);
  // A document that a role renders is evaluated through the role.
  const chosen = chooseCandidate(candidates, request, (c) => c.address.includes('data.aws_iam_policy_document.'));
  if (!chosen.ok) return { ok: false, message: chosen.message, candidates };
  const candidate = chosen.candidate;
  const converted = convertPlanResource(plan, trust[candidates.indexOf(candidate)].resource, candidate, request.vars ?? {});
  if (!converted.ok) return { ...converted, candidates };
  return { ok: true, value: converted.value, whole: candidate.range, candidate, candidates, notes: [] };
}

/** Unset optional arguments are `null` in the plan; the converters read them as not written. */
function withoutNulls(value: Located): Located {
  if (value.kind === 'array') return { ...value, items: value.items.map(withoutNulls) };
  if (value.kind !== 'object') return value;
  return objectOf(value.entries.filter((e) => !(e.value.kind === 'scalar' && e.value.value === null)).map((e) => ({ ...e, value: withoutNulls(e.value) })), value.range);
}
