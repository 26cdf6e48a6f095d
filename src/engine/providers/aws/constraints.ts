/**
 * AWS trust policy conditions as claim hints: every `<issuer>:<claim>` key under every operator
 * (String*, *Like, Not*, IfExists, ForAnyValue:/ForAllValues:), in Allow and Deny statements.
 * Sources: reference_policies_elements_condition_operators.html,
 * reference_policies_condition-single-vs-multi-valued-context-keys.html,
 * reference_policies_iam-condition-keys.html#condition-keys-wif.
 */
import { parsePolicy, locate, type AwsPolicy } from './parse';
import { readStatements } from './statements';
import type { ClaimHint, Constraints, HintKind } from '../../constraints';
import { emptyConstraints, ordinal, splitPath, type AllowPath } from '../../constraints';

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  if (Array.isArray(value)) return value.flatMap(strings);
  return [];
}

interface Operator {
  kind: HintKind | null;
  negated: boolean;
  ignoreCase: boolean;
}

/** The operator's meaning for hints; null kind for operators that say nothing about strings. */
export function readOperator(name: string): Operator {
  const base = name.replace(/^(ForAnyValue|ForAllValues):/, '').replace(/IfExists$/, '');
  switch (base) {
    case 'StringEquals': return { kind: 'equals', negated: false, ignoreCase: false };
    case 'StringNotEquals': return { kind: 'equals', negated: true, ignoreCase: false };
    case 'StringEqualsIgnoreCase': return { kind: 'equals', negated: false, ignoreCase: true };
    case 'StringNotEqualsIgnoreCase': return { kind: 'equals', negated: true, ignoreCase: true };
    case 'StringLike': return { kind: 'glob', negated: false, ignoreCase: false };
    case 'StringNotLike': return { kind: 'glob', negated: true, ignoreCase: false };
    case 'Null': return { kind: 'present', negated: false, ignoreCase: false };
    default: return { kind: null, negated: false, ignoreCase: false };
  }
}

function issuerOfPrincipal(principal: unknown): string[] {
  if (principal === '*') return [];
  const federated = typeof principal === 'object' && principal !== null ? (principal as Record<string, unknown>).Federated : undefined;
  return strings(federated).flatMap((arn) => {
    const match = /:oidc-provider\/(.+)$/.exec(arn);
    if (match) return [`https://${match[1]}`];
    return /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(arn) ? [`https://${arn}`] : [];
  });
}

export function awsConstraints(text: string): Constraints {
  const parsed = parsePolicy(text);
  const constraints = emptyConstraints();
  if (!parsed.ok || typeof parsed.policy.document !== 'object' || parsed.policy.document === null) return constraints;
  return fromPolicy(parsed.policy, constraints);
}

/** Paths per Allow statement beyond which values are analysed together (reported as such). */
const PATH_LIMIT = 400;

function fromPolicy(policy: AwsPolicy, constraints: Constraints): Constraints {
  const issuers = new Set<string>();
  for (const provider of policy.oidcProviders ?? []) if (provider.url) issuers.add(provider.url.startsWith('http') ? provider.url : `https://${provider.url}`);
  const allows: AllowPath[] = [];
  const denials: ClaimHint[] = [];
  for (const statement of readStatements(policy.document as Record<string, unknown>)) {
    const own: ClaimHint[] = [];
    const ownIssuers = new Set<string>();
    if (statement.effect === 'Allow') for (const issuer of issuerOfPrincipal(statement.principal)) ownIssuers.add(issuer);
    for (const [operatorName, block] of Object.entries(statement.condition ?? {})) {
      if (typeof block !== 'object' || block === null) continue;
      const operator = readOperator(operatorName);
      for (const [key, value] of Object.entries(block as Record<string, unknown>)) {
        const source = locate(policy, [...statement.path, 'Condition', operatorName, key]);
        const cut = key.lastIndexOf(':');
        const prefix = key.slice(0, cut);
        const claim = key.slice(cut + 1);
        const where = `${operatorName} ${key}`;
        const isIssuerKey = cut > 0 && !/^(aws|sts|iam|accounts\.google\.com|cognito-identity\.amazonaws\.com|graph\.facebook\.com|www\.amazon\.com)$/i.test(prefix);
        if (!isIssuerKey) {
          if (!/^(aws|sts):/i.test(key)) constraints.opaque.push({ description: `${where}: not a token claim the analysis varies`, source });
          continue;
        }
        if (statement.effect === 'Allow') ownIssuers.add(`https://${prefix}`);
        if (operator.kind === null) {
          constraints.opaque.push({ description: `${where}: the ${operatorName} operator is not modelled; its witnesses are still decided by the evaluator`, source });
          continue;
        }
        // ForAllValues on a single-valued key such as iss or sub constrains nothing a token can vary.
        if (operatorName.startsWith('ForAllValues:') && claim !== 'aud' && claim !== 'amr') continue;
        if (operator.kind === 'present') {
          const mustExist = strings(value).includes('false');
          if (mustExist) own.push({ claim, kind: 'present', values: [], where, source, negated: statement.effect === 'Deny' });
          continue;
        }
        const hint: ClaimHint = { claim, kind: operator.kind, values: strings(value), where, source };
        const negated = operator.negated !== (statement.effect === 'Deny');
        if (negated) hint.negated = true;
        if (operator.ignoreCase) hint.ignoreCase = true;
        own.push(hint);
      }
    }
    constraints.hints.push(...own);
    for (const issuer of ownIssuers) issuers.add(issuer);
    if (statement.effect === 'Deny') {
      // A Deny narrows every way in; its conditions are each path's exclusions.
      denials.push(...own.map((hint) => ({ ...hint, negated: true })));
      continue;
    }
    if (ownIssuers.size === 0 && statement.principal !== '*') continue;
    const name = statement.sid ? `statement ${statement.sid} (${ordinal(statement.index + 1)})` : `the ${ordinal(statement.index + 1)} statement`;
    allows.push({ label: name, source: locate(policy, statement.path), hints: own, issuers: [...ownIssuers], key: `statement:${statement.index}` });
  }
  for (const path of allows) {
    const split = splitPath({ ...path, hints: [...path.hints, ...denials] }, PATH_LIMIT);
    if (split.some((p) => p.hints.some((hint) => !hint.negated && hint.values.length > 1 && hint.claim !== 'aud' && hint.kind !== 'present'))) {
      constraints.opaque.push({ description: `${path.label}: its condition values are too many to analyse one by one; they were analysed together`, source: path.source });
    }
    constraints.paths.push(...split);
  }
  constraints.issuers = [...issuers];
  constraints.issuerPinned = constraints.issuers.length > 0;
  return constraints;
}
