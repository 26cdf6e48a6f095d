/** Microsoft Entra ID federated identity credentials (app registrations and managed identities). */
import type { ProviderModule } from '../../provider';
import { azureConstraints } from './constraints';
import { compileAzureDecider } from './decide';
import { evaluateAzure } from './evaluate';
import { lintAzure } from './lint';
import { face } from './face';
import { parseAzure, type AzurePolicy } from './parse';

export const provider: ProviderModule<AzurePolicy> = {
  ...face,
  parse: parseAzure,
  evaluate: evaluateAzure,
  lint: lintAzure,
  compile(policy) {
    const decide = compileAzureDecider(policy);
    return (token, at) => decide(token.claims, at);
  },
  constraints: azureConstraints,
};
