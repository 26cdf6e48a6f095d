/**
 * Findings about the provider alone: what Google refuses to save today, bindings that can never
 * match or match too much, and conditions that compare the wrong thing.
 */
import type { Expr } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';
import type { Finding } from '../../result';
import { variableFields } from './cel-source';
import { CONDITION_REQUIRED, REFERENCES } from './messages';
import { rangeAt, type GcpPolicy } from './parse';
import { parseMember } from './principals';

/** Issuers shared by every customer (Google's deployment-pipelines page, "Define an attribute condition"). */
const SHARED_ISSUERS: Array<{ issuer: string; who: string; scope: string }> = [
  { issuer: 'https://token.actions.githubusercontent.com', who: 'GitHub Actions', scope: 'workflow of any repository on GitHub' },
  { issuer: 'https://gitlab.com', who: 'GitLab.com', scope: 'pipeline of any project on GitLab.com' },
  { issuer: 'https://app.terraform.io', who: 'Terraform Cloud', scope: 'run of any Terraform Cloud organization' },
];

export function sharedIssuer(issuerUri: string | undefined) {
  if (!issuerUri) return undefined;
  const trimmed = issuerUri.replace(/\/$/, '');
  return SHARED_ISSUERS.find((s) => s.issuer === trimmed);
}

/** Name claims that have an immutable id counterpart (google-github-actions SECURITY_CONSIDERATIONS.md; GitLab guide). */
const NAME_CLAIMS: Record<string, { id: string; reference: string }> = {
  repository_owner: { id: 'repository_owner_id', reference: REFERENCES.ghaSecurity },
  repository: { id: 'repository_id', reference: REFERENCES.ghaSecurity },
  namespace_path: { id: 'namespace_id', reference: REFERENCES.gitlabGuide },
  project_path: { id: 'project_id', reference: REFERENCES.gitlabGuide },
};

const ID_TOKEN_CLAIMS = 'https://docs.gitlab.com/ci/secrets/id_token_authentication/';

interface Comparison {
  variable: string;
  field: string;
  literal: 'bool' | 'number';
  text: string;
}

/** `assertion.x == true`, `attribute.y != 3`: comparisons of a claim or attribute with a non-string literal. */
function literalComparisons(expr: Expr): Comparison[] {
  const found: Comparison[] = [];
  const visit = (node: Expr | undefined) => {
    if (!node) return;
    const kind = node.exprKind;
    if (kind.case === 'callExpr') {
      if ((kind.value.function === '_==_' || kind.value.function === '_!=_') && kind.value.args.length === 2) {
        const [a, b] = kind.value.args;
        for (const [side, other] of [
          [a, b],
          [b, a],
        ] as const) {
          if (side.exprKind.case !== 'selectExpr' || other.exprKind.case !== 'constExpr') continue;
          const operand = side.exprKind.value.operand?.exprKind;
          if (operand?.case !== 'identExpr' || !['assertion', 'attribute'].includes(operand.value.name)) continue;
          const constant = other.exprKind.value.constantKind;
          const literal = constant.case === 'boolValue' ? 'bool' : ['int64Value', 'uint64Value', 'doubleValue'].includes(constant.case ?? '') ? 'number' : undefined;
          if (literal) {
            found.push({ variable: operand.value.name, field: side.exprKind.value.field, literal, text: `${operand.value.name}.${side.exprKind.value.field} ${kind.value.function === '_==_' ? '==' : '!='} ${String(constant.value)}` });
          }
        }
      }
      visit(kind.value.target);
      kind.value.args.forEach(visit);
    } else if (kind.case === 'selectExpr') visit(kind.value.operand);
    else if (kind.case === 'listExpr') kind.value.elements.forEach(visit);
    else if (kind.case === 'comprehensionExpr') [kind.value.iterRange, kind.value.loopStep, kind.value.result].forEach(visit);
    else if (kind.case === 'structExpr') kind.value.entries.forEach((e) => visit(e.value));
  };
  visit(expr);
  return found;
}

export function lintPolicy(policy: GcpPolicy): Finding[] {
  const findings: Finding[] = [];
  const conditionSource = policy.condition?.range ?? rangeAt(policy, 'oidc', 'issuerUri');

  const shared = sharedIssuer(policy.issuerUri);
  const readsClaims = policy.condition
    ? ['assertion', 'attribute', 'google'].some((variable) => variableFields(policy.condition!.parsed.expr, variable).length > 0)
    : false;
  if (shared && !readsClaims) {
    findings.push({
      id: 'lint.condition.required',
      severity: 'critical',
      message: `${policy.condition ? 'The attribute condition reads no claim' : 'No attribute condition'} on the shared ${shared.who} issuer. Google refuses to create or update such a provider today (${CONDITION_REQUIRED}); as it stands it admits a token from any ${shared.scope} that asks for this provider's audience. Restrict it to your organization, e.g. ${shared.who === 'GitHub Actions' ? "assertion.repository_owner_id == '…'" : shared.who === 'GitLab.com' ? "assertion.namespace_id == '…'" : "assertion.terraform_organization_id == '…'"}.`,
      source: conditionSource,
      reference: REFERENCES.pipelines,
    });
  }

  const mapped = new Set(policy.mappings.map((m) => m.key));
  policy.iam?.bindings.forEach((binding, b) => {
    binding.members.forEach((member, m) => {
      const shape = parseMember(member.value);
      const where = `iam.binding[${b}].member[${m}]`;
      if (shape.kind === 'attribute' && !mapped.has(`attribute.${shape.attribute}`)) {
        findings.push({
          id: 'lint.binding.unmapped-attribute',
          severity: 'high',
          message: `${where} grants attribute.${shape.attribute}, which the provider does not map: no token ever matches it, and impersonation fails with 403 "The caller does not have permission". Map it first (attribute.${shape.attribute}=assertion.${shape.attribute}).`,
          source: member.range,
          reference: REFERENCES.ghaTroubleshooting,
        });
      }
      if (shape.kind === 'group' && !mapped.has('google.groups')) {
        findings.push({
          id: 'lint.binding.unmapped-attribute',
          severity: 'high',
          message: `${where} grants a group, but the provider does not map google.groups: no token ever matches it.`,
          source: member.range,
          reference: REFERENCES.overview,
        });
      }
      if (shape.kind === 'pool') {
        findings.push({
          id: 'lint.binding.wildcard',
          severity: 'high',
          message: `${where} grants ${binding.role} to every identity of pool "${shape.poolId}" (all of its providers, any subject). google-github-actions/auth warns: never use a "*" in an IAM binding unless you absolutely know what you are doing; bind an attribute such as attribute.repository instead.`,
          source: member.range,
          reference: REFERENCES.ghaReadme,
        });
      }
      if (shape.kind !== 'other' && shape.projectNumber && !/^\d+$/.test(shape.projectNumber)) {
        findings.push({
          id: 'lint.binding.project-id',
          severity: 'high',
          message: `${where} names project "${shape.projectNumber}": principal identifiers use the project number, not the project ID, so this member never matches.`,
          source: member.range,
          reference: REFERENCES.grantAccess,
        });
      }
    });
  });

  if (policy.condition) {
    const read = new Set(variableFields(policy.condition.parsed.expr, 'assertion').map((f) => f.field));
    for (const [name, { id, reference }] of Object.entries(NAME_CLAIMS)) {
      if (read.has(name) && !read.has(id)) {
        findings.push({
          id: 'lint.condition.name-based',
          severity: 'medium',
          message: `The condition checks assertion.${name}, a name that can be renamed, deleted and re-registered by someone else; compare the immutable assertion.${id} (a string) as well.`,
          source: policy.condition.range,
          reference,
        });
      }
    }
    // GitLab's runner_id is the one numeric id claim; every other *_id is a string.
    const comparisons = literalComparisons(policy.condition.parsed.expr).filter((c) => c.literal === 'bool' || (c.field.endsWith('_id') && c.field !== 'runner_id'));
    for (const comparison of comparisons) {
      findings.push(
        comparison.literal === 'bool'
          ? {
              id: 'lint.condition.boolean-literal',
              severity: 'high',
              message: `\`${comparison.text}\` compares with a boolean, but GitLab sends flags such as ref_protected and environment_protected as the strings "true"/"false" (and mapped attributes are always strings): this is never equal. Compare with '${comparison.text.endsWith('true') ? 'true' : 'false'}'.`,
              source: policy.condition.range,
              reference: ID_TOKEN_CLAIMS,
            }
          : {
              id: 'lint.condition.number-literal',
              severity: 'medium',
              message: `\`${comparison.text}\` compares with a number; GitHub and GitLab send ids as strings (e.g. '74'), which never equal a number in CEL.`,
              source: policy.condition.range,
              reference: REFERENCES.ghaSecurity,
            },
      );
    }
  }
  return findings;
}
