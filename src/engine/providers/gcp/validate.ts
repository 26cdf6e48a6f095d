/**
 * Rules Google applies when a provider is created or updated: a configuration breaking one can
 * never exist, so evaluating a token against it is an input error, not a denial.
 * Limits: REST reference and Terraform docs (gcp.md §1.1); texts in messages.ts.
 */
import type { SourceRange } from '../../result';
import { freeIdentifiers } from './cel-source';
import { invalidAttributeName, invalidMappingKey, SUBJECT_MAPPING_REQUIRED } from './messages';
import { rangeAt, type CelField, type GcpPolicy } from './parse';

export interface ConfigProblem {
  id: string;
  message: string;
  source?: SourceRange;
}

export const LIMITS = {
  customAttributes: 50,
  attributeNameLength: 100,
  mappingExpressionLength: 2048,
  conditionLength: 4096,
  subjectBytes: 127,
  mappedBytes: 8192,
  allowedAudiences: 10,
  audienceLength: 256,
} as const;

const ATTRIBUTE_NAME = /^[a-z0-9_]+$/;

function undeclared(field: CelField, allowed: readonly string[]): string | undefined {
  return [...freeIdentifiers(field.parsed.expr)].find((name) => !allowed.includes(name));
}

/** The first problem in Google's order of validation is the one reported; all are listed. */
export function configProblems(policy: GcpPolicy): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const mappingRange = rangeAt(policy, 'attributeMapping') ?? rangeAt(policy, 'oidc');
  if (!policy.mappings.some((m) => m.key === 'google.subject')) {
    problems.push({ id: 'mapping.google.subject', message: SUBJECT_MAPPING_REQUIRED, source: mappingRange });
  }
  let custom = 0;
  for (const mapping of policy.mappings) {
    const id = `mapping.${mapping.key}`;
    if (mapping.key === 'google.subject' || mapping.key === 'google.groups') {
      // standard targets
    } else if (mapping.key.startsWith('attribute.')) {
      custom++;
      const name = mapping.key.slice('attribute.'.length);
      if (!ATTRIBUTE_NAME.test(name) || name.length > LIMITS.attributeNameLength) {
        problems.push({ id, message: invalidAttributeName(name), source: mapping.keyRange });
      }
    } else {
      problems.push({ id, message: invalidMappingKey(mapping.key), source: mapping.keyRange });
    }
    if (mapping.cel.text.length > LIMITS.mappingExpressionLength) {
      problems.push({ id, message: `The maximum length of an attribute mapping expression is ${LIMITS.mappingExpressionLength} characters (${mapping.key} has ${mapping.cel.text.length}).`, source: mapping.cel.range });
    }
    const stray = undeclared(mapping.cel, ['assertion']);
    if (stray) {
      problems.push({ id, message: `Invalid attribute mapping for ${mapping.key}: undeclared reference to '${stray}' (mappings can only read assertion).`, source: mapping.cel.range });
    }
  }
  if (custom > LIMITS.customAttributes) {
    problems.push({ id: 'mapping.count', message: `Custom attributes are limited to ${LIMITS.customAttributes} (this provider maps ${custom}).`, source: mappingRange });
  }
  if (policy.condition) {
    if (policy.condition.text.length > LIMITS.conditionLength) {
      problems.push({ id: 'condition', message: `The maximum length of an attribute condition expression is ${LIMITS.conditionLength} characters (this one has ${policy.condition.text.length}).`, source: policy.condition.range });
    }
    const stray = undeclared(policy.condition, ['assertion', 'google', 'attribute']);
    if (stray) {
      problems.push({ id: 'condition', message: `Invalid attribute condition: undeclared reference to '${stray}' (conditions can read assertion, google and attribute).`, source: policy.condition.range });
    }
  }
  if (!policy.issuerUri) {
    problems.push({ id: 'token.issuer', message: 'oidc.issuerUri is required for OIDC providers.', source: rangeAt(policy, 'oidc') });
  } else if (!/^https:\/\//i.test(policy.issuerUri)) {
    problems.push({ id: 'token.issuer', message: `oidc.issuerUri must be an HTTPS URL (got ${policy.issuerUri}).`, source: rangeAt(policy, 'oidc', 'issuerUri') });
  }
  if (policy.allowedAudiences.length > LIMITS.allowedAudiences) {
    problems.push({ id: 'token.audience', message: `oidc.allowedAudiences holds at most ${LIMITS.allowedAudiences} values (this one has ${policy.allowedAudiences.length}).`, source: rangeAt(policy, 'oidc', 'allowedAudiences') });
  }
  policy.allowedAudiences.forEach((audience, index) => {
    if (audience.length > LIMITS.audienceLength) {
      problems.push({ id: 'token.audience', message: `Each allowed audience is at most ${LIMITS.audienceLength} characters (audience ${index} has ${audience.length}).`, source: rangeAt(policy, 'oidc', 'allowedAudiences', index) });
    }
  });
  if (!policy.name || !policy.resource) {
    problems.push({
      id: 'provider.name',
      message: 'The provider has no "name" (projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL_ID/providers/PROVIDER_ID): it gives the default audience and the principal identifiers; paste the describe output whole.',
      source: rangeAt(policy, 'oidc'),
    });
  }
  return problems;
}
