import type { ShareInput } from '../../engine/share/index';
import type { TokenOutcome } from '../../engine/token';
import type { Workbench } from '../state/workbench';

/** What the engine's share builder needs from the workbench and its decoded token. */
export function shareInputOf(workbench: Workbench, token: TokenOutcome | null): ShareInput {
  return {
    provider: workbench.provider,
    policy: workbench.policyText,
    tokenText: workbench.tokenText,
    token: token?.ok ? token.token : null,
    at: workbench.at,
    options: workbench.options,
    before: workbench.before ?? null,
  };
}
