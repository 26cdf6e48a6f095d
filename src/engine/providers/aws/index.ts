/** AWS IAM role trust policies against web identity tokens (sts:AssumeRoleWithWebIdentity). */
import type { ProviderModule } from '../../provider';
import { awsConstraints } from './constraints';
import { face } from './face';
import { lintPolicy } from './lint';
import { parsePolicy, type AwsPolicy } from './parse';
import { planPolicy } from './plan';

export const provider: ProviderModule<AwsPolicy> = {
  ...face,
  parse: parsePolicy,
  plan: planPolicy,
  lint: lintPolicy,
  constraints: awsConstraints,
};
