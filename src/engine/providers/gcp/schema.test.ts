import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResourceName } from './parse';
import { bareSchema, gcpProviderSchema, providerSchema, wrappedSchema } from './schema';
import { LIMITS } from './validate';

const bare = providerSchema;
const mapping = bare.properties.attributeMapping;

describe('editor schema', () => {
  // REST reference: resource name, [a-z0-9_] attribute names ≤100 characters, expression and condition lengths.
  it('agrees with the parser and the validation limits', () => {
    const namePattern = new RegExp(bare.properties.name.pattern);
    for (const name of ['projects/123/locations/global/workloadIdentityPools/p/providers/q', 'projects/1/locations/eu/workloadIdentityPools/p/providers/q', 'pools/p']) {
      expect(namePattern.test(name), name).toBe(parseResourceName(name) !== undefined);
    }
    const attributePattern = new RegExp(Object.keys(mapping.patternProperties)[0]);
    expect(attributePattern.test(`attribute.${'a'.repeat(LIMITS.attributeNameLength)}`)).toBe(true);
    expect(attributePattern.test(`attribute.${'a'.repeat(LIMITS.attributeNameLength + 1)}`)).toBe(false);
    expect(attributePattern.test('attribute.Repo')).toBe(false);
    expect(bare.properties.attributeCondition.maxLength).toBe(LIMITS.conditionLength);
    expect(mapping.properties['google.subject'].maxLength).toBe(LIMITS.mappingExpressionLength);
    expect(bare.properties.oidc.properties.allowedAudiences.maxItems).toBe(LIMITS.allowedAudiences);
  });

  it('offers the bare provider and the {provider, iamPolicy} form', () => {
    expect(gcpProviderSchema.oneOf).toEqual([wrappedSchema, bareSchema]);
    expect(wrappedSchema.properties.provider).toBe(providerSchema);
    expect(bareSchema.not).toEqual({ required: ['provider'] });
  });

  it('names only keys the acceptance cases use where it forbids others', () => {
    const dir = resolve(import.meta.dirname, '../../../../fixtures/cases/gcp');
    for (const file of readdirSync(dir)) {
      const policy = JSON.parse(readFileSync(join(dir, file), 'utf8')).policy;
      const provider = policy.provider ?? policy;
      for (const key of Object.keys(provider.attributeMapping ?? {})) {
        const known = key in mapping.properties || new RegExp(Object.keys(mapping.patternProperties)[0]).test(key);
        expect(known, `${file}: ${key}`).toBe(true);
      }
      for (const key of Object.keys(policy)) expect(['provider', 'iamPolicy', ...Object.keys(bare.properties)], file).toContain(key);
    }
  });
});
