/** Google Cloud workload identity pool OIDC providers (attribute mapping and condition in CEL) with IAM principal bindings. */
import type { ProviderModule } from '../../provider';
import { gcpConstraints } from './constraints';
import { face } from './face';
import { lintPolicy } from './lint';
import { parseGcpPolicy, type GcpPolicy } from './parse';
import { planGcp } from './plan';

export const provider: ProviderModule<GcpPolicy> = {
  ...face,
  parse: parseGcpPolicy,
  plan: planGcp,
  lint: lintPolicy,
  constraints: gcpConstraints,
};

export { celEditorRegions } from './editor';
