/** Google Cloud workload identity pool OIDC providers (attribute mapping and condition in CEL) with IAM principal bindings. */
import type { ProviderModule } from '../../provider';
import { gcpConstraints } from './constraints';
import { compileGcpDecider } from './decide';
import { evaluatePolicy } from './evaluator';
import { lintPolicy } from './lint';
import { face } from './face';
import { parseGcpPolicy, type GcpPolicy } from './parse';

export const provider: ProviderModule<GcpPolicy> = {
  ...face,
  parse: parseGcpPolicy,
  evaluate: evaluatePolicy,
  lint: lintPolicy,
  // Only where the CEL cannot spend the evaluation budget; the traced path decides the others.
  compile: (policy) => compileGcpDecider(policy),
  constraints: gcpConstraints,
};

export { celEditorRegions } from './editor';
