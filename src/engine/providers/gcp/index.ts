/** Google Cloud workload identity pool OIDC providers (attribute mapping and condition in CEL) with IAM principal bindings. */
import type { ProviderModule } from '../../provider';
import { evaluatePolicy } from './evaluator';
import { lintPolicy } from './lint';
import { face } from './face';
import { parseGcpPolicy, type GcpPolicy } from './parse';

export const provider: ProviderModule<GcpPolicy> = {
  ...face,
  parse: parseGcpPolicy,
  evaluate: evaluatePolicy,
  lint: lintPolicy,
};

export { celEditorRegions } from './editor';
