import type { ProviderModule } from '../provider';
import type { ProviderId } from '../result';
import { provider as aws } from './aws/index';
import { provider as azure } from './azure/index';
import { provider as gcp } from './gcp/index';
import { provider as vault } from './vault/index';

export const PROVIDERS: Record<ProviderId, ProviderModule<any>> = { aws, vault, gcp, azure };
