import { claimsText, type Workbench } from '../state/workbench';
import type { LoadableToken } from './WitnessCard';

/**
 * The workbench change that puts a found token in the token pane: its claims as crafted claims,
 * and the instant it was checked at as the evaluation time, so the verdict shows exactly the
 * decision the analysis proved.
 */
export function loadedToken(token: LoadableToken): Partial<Workbench> {
  const millis = Date.parse(token.at);
  return { tokenText: claimsText(token.claims), ...(Number.isFinite(millis) ? { at: Math.floor(millis / 1000) } : {}) };
}

/** After a load, bring the verdict (at the top of its pane, far above the witnesses) into view. */
export function revealVerdict(): void {
  requestAnimationFrame(() => document.getElementById('verdict-heading')?.focus());
}
