/**
 * `data "aws_iam_policy_document"` → the JSON the data source emits, by the AWS provider's rules
 * (hashicorp/terraform-provider-aws, internal/service/iam/policy_document.go; documented at
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document):
 * - `version` defaults to "2012-10-17"; `policy_id` becomes `Id`;
 * - statement elements in the order Sid, Effect, Action, NotAction, Resource, NotResource,
 *   Principal, NotPrincipal, Condition; `Sid` only when set and not empty (v5.0.0 and later;
 *   before, an empty `Sid` was always written); `effect` defaults to "Allow";
 * - `actions`, `resources`, principal `identifiers` are sets: one element → a string, several →
 *   a list sorted in reverse order;
 * - condition `values` is a list: one element → a string, several → the list in written order;
 *   conditions are grouped `{test: {variable: values}}`;
 * - principals blocks are grouped by `type`; `&{…}` becomes the policy variable `${…}`.
 */
import type { SourceRange } from '../result';
import { isUnknown, unknown } from './hcl/value';
import { entryOf, objectOf, scalar, spanOf, type Located, type LocatedEntry, type Placeholder } from './located';

function listOf(located: Located | undefined): Located[] {
  if (!located) return [];
  if (located.kind === 'array') return located.items;
  return [located];
}

function replacePolicyVariables(located: Located): Located {
  if (located.kind === 'scalar' && typeof located.value === 'string') return { ...located, value: located.value.replaceAll('&{', '${') };
  return located;
}

/** A set of strings as the provider writes it: one → the string, several → reverse-sorted list. */
function decodeSet(located: Located): Located {
  const items = listOf(located).map(replacePolicyVariables);
  const unique = items.filter((item, i) => items.findIndex((other) => other.kind === 'scalar' && item.kind === 'scalar' && other.value === item.value) === i);
  if (unique.length === 1) return { ...unique[0], range: unique[0].range ?? located.range };
  const sorted = [...unique].sort((a, b) => {
    const x = a.kind === 'scalar' ? String(a.value) : '';
    const y = b.kind === 'scalar' ? String(b.value) : '';
    return x < y ? 1 : x > y ? -1 : 0;
  });
  return { kind: 'array', items: sorted, range: located.range };
}

/** A list of strings: one → the string, several → the list as written. */
function decodeList(located: Located): Located {
  const items = listOf(located).map(replacePolicyVariables);
  if (items.length === 1) return { ...items[0], range: items[0].range ?? located.range };
  return { kind: 'array', items, range: located.range };
}

function blockList(statement: Located, key: string): Located[] {
  return listOf(entryOf(statement, key));
}

function keyRange(statement: Located, key: string): SourceRange | undefined {
  return statement.kind === 'object' ? statement.entries.find((e) => e.key === key)?.keyRange : undefined;
}

/** Blocks a `dynamic` block makes from a `for_each` the text does not determine: the whole part depends on it. */
function unknownBlocks(blocks: Located[]): Located | null {
  const pending = blocks.filter(isUnknown);
  return pending.length > 0 ? unknown(pending.flatMap((b) => b.unresolved), spanOf(pending[0].range, pending.at(-1)?.range)) : null;
}

function principalsOf(blocks: Located[]): Located {
  const pending = unknownBlocks(blocks);
  if (pending) return pending;
  const groups: Array<{ type: string; identifiers: Located[]; range?: SourceRange; typeRange?: SourceRange; unresolved?: Placeholder[] }> = [];
  for (const block of blocks) {
    const typeValue = entryOf(block, 'type');
    const type = typeValue?.kind === 'scalar' ? String(typeValue.value) : '';
    const identifiers = decodeSet(entryOf(block, 'identifiers') ?? { kind: 'array', items: [] });
    const existing = groups.find((g) => g.type === type);
    if (existing) {
      existing.identifiers.push(...listOf(identifiers));
      existing.range = spanOf(existing.range, block.range);
    } else {
      groups.push({ type, identifiers: listOf(identifiers), range: block.range, typeRange: typeValue?.range, unresolved: typeValue && isUnknown(typeValue) ? typeValue.unresolved : undefined });
    }
  }
  const only = groups.length === 1 ? groups[0] : null;
  if (only && only.type === '*' && only.identifiers.length === 1 && only.identifiers[0].kind === 'scalar' && only.identifiers[0].value === '*') {
    return scalar('*', only.range);
  }
  return objectOf(
    groups.map((g) => ({
      key: g.type,
      keyRange: g.typeRange,
      unresolved: g.unresolved,
      value: g.identifiers.length === 1 ? g.identifiers[0] : { kind: 'array', items: g.identifiers, range: g.range },
    })),
    spanOf(groups[0]?.range, groups.at(-1)?.range),
  );
}

function conditionsOf(blocks: Located[]): Located {
  const pending = unknownBlocks(blocks);
  if (pending) return pending;
  const operators: Array<{ test: string; range?: SourceRange; variables: LocatedEntry[]; unresolved?: Placeholder[] }> = [];
  for (const block of blocks) {
    const testValue = entryOf(block, 'test');
    const variableValue = entryOf(block, 'variable');
    const test = testValue?.kind === 'scalar' ? String(testValue.value) : '';
    const variable = variableValue?.kind === 'scalar' ? String(variableValue.value) : '';
    const values = decodeList(entryOf(block, 'values') ?? { kind: 'array', items: [] });
    let operator = operators.find((o) => o.test === test);
    if (!operator) {
      operator = { test, range: block.range, variables: [], unresolved: testValue && isUnknown(testValue) ? testValue.unresolved : undefined };
      operators.push(operator);
    }
    operator.range = spanOf(operator.range, block.range);
    const existing = operator.variables.find((v) => v.key === variable);
    if (existing) {
      existing.value = { kind: 'array', items: [...listOf(existing.value), ...listOf(values)], range: spanOf(existing.value.range, values.range) };
    } else {
      // The whole condition block is where this key's check was written.
      const unresolved = variableValue && isUnknown(variableValue) ? variableValue.unresolved : undefined;
      operator.variables.push({ key: variable, keyRange: block.range, value: { ...values, range: values.range ?? block.range }, unresolved });
    }
  }
  return objectOf(
    operators.map((o) => ({ key: o.test, value: objectOf(o.variables, o.range), unresolved: o.unresolved })),
    spanOf(operators[0]?.range, operators.at(-1)?.range),
  );
}

export function convertPolicyDocument(document: Located): Located {
  const entries: LocatedEntry[] = [];
  const version = entryOf(document, 'version');
  entries.push({ key: 'Version', keyRange: keyRange(document, 'version'), value: version ?? scalar('2012-10-17') });
  const policyId = entryOf(document, 'policy_id');
  if (policyId) entries.push({ key: 'Id', keyRange: keyRange(document, 'policy_id'), value: policyId });
  const statements = blockList(document, 'statement').map((statement) => {
    if (isUnknown(statement)) return statement;
    const out: LocatedEntry[] = [];
    const add = (key: string, from: string, value: Located | undefined) => {
      if (value) out.push({ key, keyRange: keyRange(statement, from), value });
    };
    // An empty or unset sid is left out, as the provider writes `Sid` with `json:",omitempty"` since
    // v5.0.0 (hashicorp/terraform-provider-aws#28539, internal/service/iam/policy_model.go).
    const sid = entryOf(statement, 'sid');
    if (sid && !(sid.kind === 'scalar' && !isUnknown(sid) && (sid.value === '' || sid.value === null))) add('Sid', 'sid', sid);
    add('Effect', 'effect', entryOf(statement, 'effect') ?? scalar('Allow'));
    for (const [key, from] of [
      ['Action', 'actions'],
      ['NotAction', 'not_actions'],
      ['Resource', 'resources'],
      ['NotResource', 'not_resources'],
    ] as const) {
      const value = entryOf(statement, from);
      if (value && listOf(value).length > 0) add(key, from, decodeSet(value));
    }
    for (const [key, from] of [
      ['Principal', 'principals'],
      ['NotPrincipal', 'not_principals'],
    ] as const) {
      const blocks = blockList(statement, from);
      if (blocks.length > 0) add(key, from, principalsOf(blocks));
    }
    const conditions = blockList(statement, 'condition');
    if (conditions.length > 0) add('Condition', 'condition', conditionsOf(conditions));
    return objectOf(out, statement.range);
  });
  entries.push({ key: 'Statement', keyRange: keyRange(document, 'statement'), value: { kind: 'array', items: statements } });
  return objectOf(entries, document.range);
}

/**
 * The document's own statements may not repeat a non-empty Sid: the provider refuses it before
 * any merging (policy_document_data_source.go, dataSourcePolicyDocumentRead).
 */
export function repeatedSid(document: Located): string | null {
  const list = entryOf(document, 'Statement');
  const seen = new Set<string>();
  for (const statement of list?.kind === 'array' ? list.items : []) {
    const sid = entryOf(statement, 'Sid');
    if (!sid || sid.kind !== 'scalar' || isUnknown(sid) || sid.value === null || sid.value === '') continue;
    const text = String(sid.value);
    if (seen.has(text)) return `writing IAM Policy Document: duplicate Sid (${text}). Remove the Sid or ensure the Sid is unique.`;
    seen.add(text);
  }
  return null;
}

function sidOf(statement: Located): string {
  const sid = entryOf(statement, 'Sid');
  return sid?.kind === 'scalar' && sid.value !== null ? String(sid.value) : '';
}

/**
 * `source_policy_documents`, the document's own statements, then `override_policy_documents`,
 * merged by the provider's rules (hashicorp/terraform-provider-aws,
 * internal/service/iam/policy_document_data_source.go, dataSourcePolicyDocumentRead, and
 * IAMPolicyDoc.Merge in policy_model.go): a later document's statement replaces an earlier one
 * with the same non-empty Sid, any other statement is appended; a Sid repeated anywhere among the
 * source documents is refused with the provider's error; a later `Id` is adopted and the higher
 * `Version` kept. Returns an unknown when any document is one, or a refusal message.
 */
export function mergePolicyDocuments(sources: Located[], current: Located, overrides: Located[]): Located | string {
  const all = [...sources, current, ...overrides];
  const pending = all.filter(isUnknown);
  if (pending.length > 0) return unknown(pending.flatMap((d) => d.unresolved), current.range);
  let version: Located | undefined;
  let id: Located | undefined;
  const statements: Located[] = [];
  const sourceSids = new Set<string>();
  for (const [index, document] of all.entries()) {
    if (document.kind !== 'object') return 'a merged policy document is not a JSON object';
    const v = entryOf(document, 'Version');
    if (v?.kind === 'scalar' && (!version || (version.kind === 'scalar' && String(v.value) > String(version.value)))) version = v;
    const i = entryOf(document, 'Id');
    if (i?.kind === 'scalar' && i.value) id = i;
    const list = entryOf(document, 'Statement');
    if (list && isUnknown(list)) return unknown(list.unresolved, current.range);
    for (const [position, statement] of (list?.kind === 'array' ? list.items : list ? [list] : []).entries()) {
      const sid = sidOf(statement);
      if (index < sources.length && sid) {
        if (sourceSids.has(sid)) return `writing IAM Policy Document: merging source document ${index}: duplicate Sid (${sid}) in source_policy_documents (statement ${position}). Remove the Sid or ensure Sids are unique.`;
        sourceSids.add(sid);
      }
      const existing = sid ? statements.findIndex((s) => sidOf(s) === sid) : -1;
      if (existing >= 0) statements[existing] = statement;
      else statements.push(statement);
    }
  }
  const entries: LocatedEntry[] = [{ key: 'Version', value: version ?? scalar('2012-10-17') }];
  if (id) entries.push({ key: 'Id', value: id });
  entries.push({ key: 'Statement', value: { kind: 'array', items: statements } });
  return objectOf(entries, current.range);
}
