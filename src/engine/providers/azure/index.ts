/** Microsoft Entra ID federated identity credentials (app registrations and managed identities). */
import type { ProviderModule } from '../../provider';
import { azureConstraints } from './constraints';
import { face } from './face';
import { lintAzure } from './lint';
import { parseAzure, type AzurePolicy } from './parse';
import { planAzure } from './plan';

export const provider: ProviderModule<AzurePolicy> = {
  ...face,
  parse: parseAzure,
  plan: planAzure,
  lint: lintAzure,
  constraints: azureConstraints,
};
