/** Per-provider constraint extraction, chosen by provider id. */
import type { ProviderId } from '../../result';
import { awsConstraints } from './aws';
import { azureConstraints } from './azure';
import { gcpConstraints } from './gcp';
import type { Constraints } from './types';
import { vaultConstraints } from './vault';

export type { ClaimHint, Constraints, HintKind } from './types';

const EXTRACTORS: Record<ProviderId, (text: string) => Constraints> = {
  aws: awsConstraints,
  vault: vaultConstraints,
  gcp: gcpConstraints,
  azure: azureConstraints,
};

export function constraintsFor(provider: ProviderId, text: string): Constraints {
  try {
    return EXTRACTORS[provider](text);
  } catch (error) {
    return {
      issuers: [],
      issuerPinned: false,
      hints: [],
      paths: [],
      opaque: [{ description: `the configuration could not be read for constraints (${error instanceof Error ? error.message : String(error)}); witnesses come from the default moves only` }],
    };
  }
}
