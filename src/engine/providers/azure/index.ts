/** Microsoft Entra ID federated identity credentials (app registrations and managed identities). */
import type { Plan, ProviderModule } from '../../provider';
import { azureConstraints } from './constraints';
import { face } from './face';
import { lintAzure } from './lint';
import { parseAzure, type AzurePolicy } from './parse';
import { planAzure } from './plan';

// Planned once per parsed configuration: evaluations and compilations of one text share the parse cache's policy object.
const plans = new WeakMap<AzurePolicy, Plan>();

function planOf(policy: AzurePolicy): Plan {
  let plan = plans.get(policy);
  if (!plan) plans.set(policy, (plan = planAzure(policy)));
  return plan;
}

export const provider: ProviderModule<AzurePolicy> = {
  ...face,
  parse: parseAzure,
  plan: planAzure,
  evaluate: (policy, token, context) => planOf(policy).explain(token, context),
  lint: lintAzure,
  compile(policy) {
    const plan = planOf(policy);
    return (token, at, options) => plan.decide(token, at, options);
  },
  constraints: azureConstraints,
};
