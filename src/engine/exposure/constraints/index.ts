/** Each provider reads its own configuration into constraints (`providers/<id>/constraints.ts`). */
import type { Constraints } from '../../constraints';
import { PROVIDERS } from '../../providers/index';
import type { ProviderId } from '../../result';

export type { ClaimHint, Constraints, HintKind } from '../../constraints';

export function constraintsFor(provider: ProviderId, text: string): Constraints {
  try {
    return PROVIDERS[provider].constraints(text);
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
