/** Google Cloud workload identity pool OIDC providers (attribute mapping and condition in CEL) with IAM principal bindings. */
import type { Plan, ProviderModule } from '../../provider';
import { gcpConstraints } from './constraints';
import { face } from './face';
import { lintPolicy } from './lint';
import { parseGcpPolicy, type GcpPolicy } from './parse';
import { planGcp } from './plan';

// Planned once per parsed configuration: evaluations and compilations of one text share the parse cache's policy object.
const plans = new WeakMap<GcpPolicy, Plan>();

function planOf(policy: GcpPolicy): Plan {
  let plan = plans.get(policy);
  if (!plan) plans.set(policy, (plan = planGcp(policy)));
  return plan;
}

export const provider: ProviderModule<GcpPolicy> = {
  ...face,
  parse: parseGcpPolicy,
  plan: planGcp,
  evaluate: (policy, token, context) => planOf(policy).explain(token, context),
  lint: lintPolicy,
  compile(policy) {
    const plan = planOf(policy);
    return (token, at, options) => plan.decide(token, at, options);
  },
  constraints: gcpConstraints,
};

export { celEditorRegions } from './editor';
