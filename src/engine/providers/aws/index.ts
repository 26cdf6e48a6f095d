/** AWS IAM role trust policies against web identity tokens (sts:AssumeRoleWithWebIdentity). */
import type { ProviderModule } from '../../provider';
import { evaluatePolicy } from './evaluation';
import { face } from './face';
import { lintPolicy } from './lint';
import { parsePolicy, type AwsPolicy } from './parse';

export const provider: ProviderModule<AwsPolicy> = {
  ...face,
  parse: parsePolicy,
  evaluate: evaluatePolicy,
  lint: lintPolicy,
};
