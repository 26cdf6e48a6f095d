/** AWS IAM role trust policies against web identity tokens (sts:AssumeRoleWithWebIdentity). */
import type { ProviderModule } from '../../provider';
import { awsConstraints } from './constraints';
import { compileAwsDecider } from './decide';
import { evaluatePolicy } from './evaluation';
import { face } from './face';
import { lintPolicy } from './lint';
import { parsePolicy, type AwsPolicy } from './parse';

export const provider: ProviderModule<AwsPolicy> = {
  ...face,
  parse: parsePolicy,
  evaluate: evaluatePolicy,
  lint: lintPolicy,
  compile(policy) {
    const decide = compileAwsDecider(policy);
    return (token, at, options) => decide(token.claims, at, options);
  },
  constraints: awsConstraints,
};
