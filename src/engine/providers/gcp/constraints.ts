/**
 * Google Cloud workload identity: the attribute condition's CEL tree read for comparisons on
 * `assertion.*` (directly, or through an attribute mapped from one claim), the provider's issuer
 * and audiences, and IAM members naming an attribute or subject. Anything else in the condition is
 * opaque and reported with its place. Sources: iam/docs/workload-identity-federation (attribute
 * mappings and conditions), the CEL language definition (operators `_==_`, `@in`, `startsWith`…).
 */
import type { Expr } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';
import { clauseTree, type ClauseShape } from './clauses';
import { celRange, parseGcpPolicy, type CelField, type GcpPolicy } from './parse';
import { parseMember } from './principals';
import type { ClaimHint, Constraints, HintKind } from '../../constraints';
import { emptyConstraints } from '../../constraints';

const STRING_FUNCTIONS: Record<string, HintKind> = { startsWith: 'prefix', endsWith: 'suffix', contains: 'contains', matches: 'regex' };

function stringConstant(expr: Expr | undefined): string | undefined {
  if (expr?.exprKind.case === 'constExpr' && expr.exprKind.value.constantKind.case === 'stringValue') return expr.exprKind.value.constantKind.value;
  return undefined;
}

function stringList(expr: Expr | undefined): string[] | undefined {
  if (expr?.exprKind.case !== 'listExpr') return undefined;
  const values = expr.exprKind.value.elements.map(stringConstant);
  return values.every((value): value is string => value !== undefined) ? values : undefined;
}

/** `assertion.x`, `assertion['x']`, `attribute.y` (through its mapping), `google.subject`. */
function claimOf(expr: Expr | undefined, attributes: Map<string, string>): string | undefined {
  if (!expr) return undefined;
  const kind = expr.exprKind;
  let root: string | undefined;
  let field: string | undefined;
  if (kind.case === 'selectExpr' && kind.value.operand?.exprKind.case === 'identExpr') {
    root = kind.value.operand.exprKind.value.name;
    field = kind.value.field;
  } else if (kind.case === 'callExpr' && kind.value.function === '_[_]' && kind.value.args[0]?.exprKind.case === 'identExpr') {
    root = kind.value.args[0].exprKind.value.name;
    field = stringConstant(kind.value.args[1]);
  }
  if (root === undefined || field === undefined) return undefined;
  if (root === 'assertion') return field;
  return attributes.get(`${root}.${field}`);
}

/** Attributes whose mapping is exactly one claim (`attribute.repository = assertion.repository`). */
function simpleMappings(policy: GcpPolicy): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const entry of policy.mappings) {
    const claim = claimOf(entry.cel.parsed.expr, new Map());
    if (claim !== undefined) attributes.set(entry.key, claim);
  }
  return attributes;
}

export function gcpConstraints(text: string): Constraints {
  const parsed = parseGcpPolicy(text);
  const constraints = emptyConstraints();
  if (!parsed.ok) return constraints;
  const policy = parsed.policy;
  if (policy.issuerUri) {
    constraints.issuers.push(policy.issuerUri.replace(/\/+$/, ''));
    constraints.issuerPinned = true;
  }
  const audienceSource = undefined;
  const audiences = policy.allowedAudiences.length > 0 ? policy.allowedAudiences : policy.name ? [`//iam.googleapis.com/${policy.name}`, `https://iam.googleapis.com/${policy.name}`] : [];
  if (audiences.length > 0) constraints.hints.push({ claim: 'aud', kind: 'equals', values: audiences, where: 'oidc.allowedAudiences', source: audienceSource });
  const attributes = simpleMappings(policy);
  for (const entry of policy.mappings) {
    if (!attributes.has(entry.key) && entry.key !== 'google.groups') {
      constraints.opaque.push({ description: `attributeMapping ${entry.key} = ${entry.cel.text}: computed from several claims, not varied directly`, source: entry.range });
    }
  }
  const spans: Spans = new Map();
  if (policy.condition) {
    try {
      const visit = (shape: ClauseShape) => {
        spans.set(String(shape.expr.id), { start: shape.start, end: shape.end });
        shape.children.forEach(visit);
      };
      visit(clauseTree(policy.condition.parsed, policy.condition.text));
    } catch {
      // Spans are for wording only; positions from the parser stand in.
    }
    walk(policy.condition.parsed.expr, false, policy, policy.condition, attributes, constraints, spans);
  }
  const base = [...constraints.hints];
  const members: Array<{ hint: ClaimHint | null; label: string }> = [];
  for (const binding of policy.iam?.bindings ?? []) {
    for (const member of binding.members) {
      const shape = parseMember(member.value);
      const claim = shape.kind === 'subject' ? attributes.get('google.subject') : shape.kind === 'attribute' ? attributes.get(`attribute.${shape.attribute}`) : undefined;
      if (claim !== undefined && shape.value !== undefined) {
        const hint: ClaimHint = { claim, kind: 'equals', values: [shape.value], where: `IAM member ${member.value}`, source: member.range };
        constraints.hints.push(hint);
        members.push({ hint, label: `member ${member.value}` });
      } else {
        members.push({ hint: null, label: `member ${member.value}` });
      }
    }
  }
  // Each disjunct of the condition, with each IAM member, is one way in.
  let clauses: ClaimHint[][] = [[]];
  if (policy.condition) {
    try {
      clauses = disjuncts(policy.condition.parsed.expr, false, policy, policy.condition, attributes, spans);
    } catch {
      constraints.opaque.push({ description: `attributeCondition: more than ${MAX_DISJUNCTS} alternatives; they were analysed together` });
      clauses = [constraints.hints.filter((hint) => base.includes(hint) && hint.claim !== 'aud')];
    }
  }
  const audience = base.filter((hint) => hint.where === 'oidc.allowedAudiences');
  const grants = members.length > 0 ? members : [{ hint: null, label: '' }];
  if (clauses.length * grants.length > MAX_DISJUNCTS) {
    constraints.opaque.push({ description: `attributeCondition and IAM members: ${clauses.length * grants.length} ways in; only the first ${MAX_DISJUNCTS} are analysed one by one` });
  }
  outer: for (const [index, clause] of clauses.entries()) {
    for (const grant of grants) {
      if (constraints.paths.length >= MAX_DISJUNCTS) break outer;
      const label = [clauses.length > 1 ? `condition alternative ${index + 1}` : 'the condition', grant.label].filter(Boolean).join(', ');
      constraints.paths.push({ label, hints: [...audience, ...clause, ...(grant.hint ? [grant.hint] : [])], issuers: constraints.issuers, source: clause[0]?.source ?? grant.hint?.source });
    }
  }
  return constraints;
}

const MAX_DISJUNCTS = 512;

/** The condition in disjunctive normal form: each alternative's claim hints (opaque parts left to the evaluator). */
function disjuncts(expr: Expr | undefined, negated: boolean, policy: GcpPolicy, field: CelField, attributes: Map<string, string>, spans: Spans): ClaimHint[][] {
  if (!expr) return [[]];
  const kind = expr.exprKind;
  if (kind.case === 'callExpr') {
    const call = kind.value;
    const and = call.function === '_&&_';
    if (and || call.function === '_||_') {
      const parts = call.args.map((arg) => disjuncts(arg, negated, policy, field, attributes, spans));
      // !(a && b) is !a || !b: under a negation, && and || trade places.
      if (and !== negated) {
        let product: ClaimHint[][] = [[]];
        for (const part of parts) {
          product = product.flatMap((left) => part.map((right) => [...left, ...right]));
          if (product.length > MAX_DISJUNCTS) throw new Error('too many alternatives');
        }
        return product;
      }
      const union = parts.flat();
      if (union.length > MAX_DISJUNCTS) throw new Error('too many alternatives');
      return union;
    }
    if (call.function === '!_') return disjuncts(call.args[0], !negated, policy, field, attributes, spans);
  }
  const leaf = emptyConstraints();
  walk(expr, negated, policy, field, attributes, leaf, spans);
  return [leaf.hints];
}

type Spans = Map<bigint | number | string, { start: number; end: number }>;

function walk(expr: Expr, negated: boolean, policy: GcpPolicy, field: CelField, attributes: Map<string, string>, constraints: Constraints, spans: Spans): void {
  const kind = expr.exprKind;
  const span = spans.get(String(expr.id));
  const where = (start: number) => {
    const end = span ? span.end : Math.min(field.text.length, start + 40);
    return { text: field.text.slice(start, end), source: celRange(policy.doc, field, start, Math.max(start + 1, end)) };
  };
  const position = span?.start ?? policy.condition?.parsed.sourceInfo?.positions[String(expr.id)] ?? 0;
  const opaque = () => {
    const at = where(position);
    constraints.opaque.push({ description: `attributeCondition near "${at.text}": not a comparison on assertion claims; its effect is left to the evaluator`, source: at.source });
  };
  if (kind.case !== 'callExpr') {
    opaque();
    return;
  }
  const call = kind.value;
  const push = (claim: string | undefined, hintKind: HintKind, values: string[] | undefined, hintNegated: boolean) => {
    if (claim === undefined || values === undefined) {
      opaque();
      return;
    }
    const hint: ClaimHint = { claim, kind: hintKind, values, where: `attributeCondition: ${where(position).text}`, source: where(position).source };
    if (hintNegated) hint.negated = true;
    constraints.hints.push(hint);
  };
  switch (call.function) {
    case '_&&_':
    case '_||_':
      for (const arg of call.args) walk(arg, negated, policy, field, attributes, constraints, spans);
      return;
    case '!_':
      if (call.args[0]) walk(call.args[0], !negated, policy, field, attributes, constraints, spans);
      return;
    case '_==_':
    case '_!=_': {
      const [left, right] = call.args;
      const leftClaim = claimOf(left, attributes);
      const claim = leftClaim ?? claimOf(right, attributes);
      const value = leftClaim !== undefined ? stringConstant(right) : stringConstant(left);
      push(claim, 'equals', value === undefined ? undefined : [value], negated !== (call.function === '_!=_'));
      return;
    }
    case '@in':
      push(claimOf(call.args[0], attributes), 'equals', stringList(call.args[1]), negated);
      return;
    default: {
      const hintKind = STRING_FUNCTIONS[call.function];
      if (hintKind && call.target) {
        const value = stringConstant(call.args[0]);
        push(claimOf(call.target, attributes), hintKind, value === undefined ? undefined : [value], negated);
        return;
      }
      opaque();
    }
  }
}
