import { describe, expect, it } from 'vitest';
import { errorResult, type EvaluationResult } from '../../engine/result';
import { withOption } from '../policy/IacInputs';
import { neededValues, needsValuesMessage } from './NeedsValues';

const waiting = (names: string[], format = 'terraform'): EvaluationResult =>
  errorResult('aws', 'the configuration depends on values the Terraform text does not give; fill them in (--var x=VALUE)', {
    details: { inputError: 'policy', unresolved: names, iac: { format } },
  });

describe('the verdict area while values are missing', () => {
  it('asks for each value by name and points at the fields, never the CLI flag', () => {
    expect(needsValuesMessage(waiting(['var.repository']))).toBe(
      'The verdict waits for var.repository, a value the Terraform text does not give: fill it in with the fields under the editor.',
    );
    const two = needsValuesMessage(waiting(['AWS::AccountId', 'GitLabUrl'], 'cloudformation'));
    expect(two).toBe('The verdict waits for 2 values the template does not give, AWS::AccountId and GitLabUrl: fill them in with the fields under the editor.');
    const many = needsValuesMessage(waiting(['var.a', 'var.b', 'var.c', 'var.d', 'var.e', 'var.f']));
    expect(many).toContain('var.a, var.b, var.c, var.d and 2 more');
    expect(many).not.toContain('--var');
  });

  it('is a verdict again once nothing is missing', () => {
    expect(neededValues(waiting(['var.x']))).toEqual(['var.x']);
    expect(neededValues(errorResult('aws', 'MalformedPolicyDocument: …', { details: { inputError: 'policy' } }))).toEqual([]);
    expect(neededValues(null)).toEqual([]);
  });
});

describe('a value field', () => {
  it('emptied, is a value not given (not an empty string the configuration would use)', () => {
    const options = { 'iac.var.var.account_id': '1', 'aws.keys': 'dated' };
    expect(withOption(options, 'iac.var.var.account_id', '')).toEqual({ 'aws.keys': 'dated' });
    expect(withOption(options, 'iac.var.var.account_id', '2')).toEqual({ 'iac.var.var.account_id': '2', 'aws.keys': 'dated' });
    // Other options keep an empty choice as it is.
    expect(withOption(options, 'iac.resource', '')).toEqual({ ...options, 'iac.resource': '' });
  });
});
