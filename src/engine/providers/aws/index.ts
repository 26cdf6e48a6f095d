/** AWS IAM role trust policies against web identity tokens (sts:AssumeRoleWithWebIdentity). */
import type { Plan, ProviderModule } from '../../provider';
import { awsConstraints } from './constraints';
import { face } from './face';
import { lintPolicy } from './lint';
import { parsePolicy, type AwsPolicy } from './parse';
import { planPolicy } from './plan';

/** A policy is evaluated against many tokens (the UI, scans, exposure): plan it once. */
const PLANS = new WeakMap<AwsPolicy, Plan>();

function planned(policy: AwsPolicy): Plan {
  let plan = PLANS.get(policy);
  if (!plan) PLANS.set(policy, (plan = planPolicy(policy)));
  return plan;
}

export const provider: ProviderModule<AwsPolicy> = {
  ...face,
  parse: parsePolicy,
  plan: planned,
  evaluate: (policy, token, context) => planned(policy).explain(token, context),
  lint: lintPolicy,
  compile(policy) {
    const plan = planned(policy);
    return (token, at, options) => plan.decide(token, at, options);
  },
  constraints: awsConstraints,
};
