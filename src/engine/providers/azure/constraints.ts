/**
 * Entra ID federated identity credentials: issuer, subject and audiences (exact, case-sensitive)
 * and flexible `claimsMatchingExpression` comparisons (`eq`, `matches` with `*` and `?`).
 * Source: learn.microsoft.com/entra/workload-id/workload-identity-federation-considerations and
 * the flexible federated identity credentials page.
 */
import { parseExpression } from './expression';
import { parseAzure } from './parse';
import type { Constraints } from '../../constraints';
import { emptyConstraints, ordinal, splitPath, type ClaimHint } from '../../constraints';

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

function expressionText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>).value === 'string') return (value as Record<string, string>).value;
  return undefined;
}

export function azureConstraints(text: string): Constraints {
  const parsed = parseAzure(text);
  const constraints = emptyConstraints();
  if (!parsed.ok) return constraints;
  parsed.policy.credentials.forEach((credential, position) => {
    const raw = credential.raw;
    const before = constraints.hints.length;
    const issuers = strings(raw.issuer).map((issuer) => issuer.replace(/\/+$/, ''));
    for (const issuer of strings(raw.issuer)) constraints.issuers.push(issuer.replace(/\/+$/, ''));
    const name = typeof raw.name === 'string' ? ` (${raw.name})` : '';
    if (typeof raw.subject === 'string') {
      constraints.hints.push({ claim: 'sub', kind: 'equals', values: [raw.subject], where: `subject${name}`, source: credential.fieldSource.subject });
    }
    const audiences = strings(raw.audiences);
    if (audiences.length > 0) constraints.hints.push({ claim: 'aud', kind: 'equals', values: audiences, where: `audiences${name}`, source: credential.fieldSource.audiences });
    const expression = expressionText(raw.claimsMatchingExpression);
    const addPath = () => {
      const hints: ClaimHint[] = constraints.hints.slice(before);
      const label = typeof raw.name === 'string' ? `credential ${raw.name}` : `credential ${ordinal(position + 1)}`;
      constraints.paths.push(...splitPath({ label, source: credential.fieldSource.subject ?? credential.expressionSource, hints, issuers, key: `credential:${credential.index}` }, 100));
    };
    if (expression === undefined) return addPath();
    const outcome = parseExpression(expression);
    if (!outcome.ok) {
      constraints.opaque.push({ description: `claimsMatchingExpression${name}: ${outcome.error.message}`, source: credential.expressionSource });
      return;
    }
    for (const comparison of outcome.expression.comparisons) {
      constraints.hints.push({
        claim: comparison.claim,
        kind: comparison.operator === 'eq' ? 'equals' : 'glob',
        values: [comparison.comparand],
        where: `claimsMatchingExpression${name}: claims['${comparison.claim}'] ${comparison.operator} '${comparison.comparand}'`,
        source: credential.expressionSource,
      });
    }
    addPath();
  });
  constraints.issuerPinned = constraints.issuers.length > 0;
  return constraints;
}
