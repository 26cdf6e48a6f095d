/**
 * Laws from reference_policies_condition-logic-multiple-context-keys-or-values (values OR, negated
 * values NOR, keys and operators AND) and the operators page (…IfExists: "If the key is not present,
 * evaluate the condition element as true"), checked on random inputs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateAws, githubPolicy, githubToken } from '../../../../test/support/aws';

const KEY = 'token.actions.githubusercontent.com:environment';
const word = fc.constantFrom('prod', 'staging', 'dev', 'pr*', '*', 'p?od', 'PROD', '');
const environment = fc.option(fc.constantFrom('prod', 'staging', 'dev', 'PROD', 'p-od'), { nil: undefined });
const operator = fc.constantFrom('StringEquals', 'StringLike', 'StringEqualsIgnoreCase', 'StringNotEquals', 'StringNotLike', 'StringNotEqualsIgnoreCase');

const allowed = (condition: Record<string, unknown>, env: string | undefined) =>
  evaluateAws(githubPolicy(condition), githubToken(env === undefined ? {} : { environment: env })).decision === 'allow';

describe('condition laws', () => {
  it('…IfExists ≡ key absent ∨ operator', () => {
    fc.assert(
      fc.property(operator, fc.array(word, { minLength: 1, maxLength: 3 }), environment, (op, values, env) => {
        const plain = allowed({ [op]: { [KEY]: values } }, env);
        expect(allowed({ [`${op}IfExists`]: { [KEY]: values } }, env)).toBe(env === undefined || plain);
      }),
      { numRuns: 300 },
    );
  });
  it('values are ORed; negated values are NORed', () => {
    fc.assert(
      fc.property(fc.constantFrom('StringEquals', 'StringLike', 'StringEqualsIgnoreCase'), word, word, fc.constantFrom('prod', 'staging', 'dev'), (op, a, b, env) => {
        const both = allowed({ [op]: { [KEY]: [a, b] } }, env);
        expect(both).toBe(allowed({ [op]: { [KEY]: a } }, env) || allowed({ [op]: { [KEY]: b } }, env));
        const negated = op.replace('String', 'StringNot');
        expect(allowed({ [negated]: { [KEY]: [a, b] } }, env)).toBe(!both);
      }),
      { numRuns: 300 },
    );
  });
  it('operators are ANDed', () => {
    fc.assert(
      fc.property(operator, word, operator, word, environment, (op1, v1, op2, v2, env) => {
        fc.pre(op1 !== op2);
        const together = allowed({ [op1]: { [KEY]: v1 }, [op2]: { [KEY]: v2 } }, env);
        expect(together).toBe(allowed({ [op1]: { [KEY]: v1 } }, env) && allowed({ [op2]: { [KEY]: v2 } }, env));
      }),
      { numRuns: 300 },
    );
  });
  it('ForAnyValue and ForAllValues equal the plain operator on a present single value', () => {
    fc.assert(
      fc.property(operator, fc.array(word, { minLength: 1, maxLength: 3 }), fc.constantFrom('prod', 'staging'), (op, values, env) => {
        const plain = allowed({ [op]: { [KEY]: values } }, env);
        expect(allowed({ [`ForAnyValue:${op}`]: { [KEY]: values } }, env)).toBe(plain);
        expect(allowed({ [`ForAllValues:${op}`]: { [KEY]: values } }, env)).toBe(plain);
      }),
      { numRuns: 200 },
    );
  });
});

describe('robustness', () => {
  const operatorName = fc.constantFrom('StringEquals', 'StringLike', 'ForAnyValue:StringLike', 'ForAllValues:StringNotEquals', 'NumericLessThan', 'DateGreaterThan', 'Bool', 'IpAddress', 'ArnLike', 'Null', 'StringEqualsIfExists', 'Bogus');
  const key = fc.constantFrom('token.actions.githubusercontent.com:sub', 'token.actions.githubusercontent.com:aud', 'aws:CurrentTime', 'aws:SourceIp', 'x:y', '');
  const condition = fc.dictionary(operatorName, fc.dictionary(key, fc.oneof(fc.jsonValue(), fc.string())));
  it('evaluation never throws on random statements and conditions', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), condition.map((c) => githubPolicy(c))), fc.dictionary(fc.constantFrom('iss', 'aud', 'sub', 'exp', 'azp', 'amr', 'environment', 'https://aws.amazon.com/tags'), fc.jsonValue()), (policy, claims) => {
        const document = typeof policy === 'object' && policy !== null && 'Statement' in (policy as object) ? policy : { Version: '2012-10-17', Statement: policy };
        const result = evaluateAws(document, claims);
        expect(['allow', 'deny', 'error']).toContain(result.decision);
        expect(result.message).not.toMatch(/internal error/);
      }),
      { numRuns: 500 },
    );
  });
});
