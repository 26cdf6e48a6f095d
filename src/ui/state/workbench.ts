/**
 * The workbench: everything the verdict depends on, and nothing secret beyond what the user typed.
 * It is held in memory and mirrored into the URL fragment; it is never written to storage.
 */
import { DEFAULT_EXAMPLE_ID, EXAMPLES, exampleById, type Example } from '../../engine/examples';
import type { ProviderId } from '../../engine/result';

export interface Workbench {
  /** The token input as typed: a compact JWS, or a JSON object of claims. */
  tokenText: string;
  policyText: string;
  provider: ProviderId;
  /** Evaluation instant in Unix seconds; null means "now". */
  at: number | null;
  options: Record<string, string>;
  /** Compare mode: the earlier configuration the current one is compared against; absent otherwise. */
  before?: string;
}

export const EMPTY_WORKBENCH: Workbench = { tokenText: '', policyText: '', provider: 'aws', at: null, options: {} };

export function claimsText(claims: Record<string, unknown>): string {
  return JSON.stringify(claims, null, 2);
}

export function workbenchFromExample(example: Example): Workbench {
  return {
    tokenText: claimsText(example.claims),
    policyText: example.policy,
    provider: example.provider,
    at: example.at,
    options: { ...(example.options ?? {}) },
  };
}

/** The default screen: the GitLab + AWS example, else the first example, else empty inputs. */
export function defaultExample(): Example | undefined {
  return exampleById(DEFAULT_EXAMPLE_ID) ?? EXAMPLES[0];
}

export function defaultWorkbench(): Workbench {
  const example = defaultExample();
  return example ? workbenchFromExample(example) : EMPTY_WORKBENCH;
}

/**
 * The time claims that a fixed evaluation instant was chosen for. A link or an example fixes `at`
 * so that its own claims are judged at a meaningful moment; a token or claim set with other time
 * claims is someone's own, minted for their present.
 */
export function timeClaimsKey(claims: Record<string, unknown> | null): string | null {
  if (!claims) return null;
  return JSON.stringify([claims.iat ?? null, claims.nbf ?? null, claims.exp ?? null]);
}

/**
 * Where the evaluation instant came from: the user's own choice is kept; an instant that came
 * with an example or a link holds only for the inputs it came with.
 */
export type InstantOrigin = { kind: 'chosen' } | { kind: 'loaded'; timeKey: string | null; from: 'example' | 'link' };

/** True when the token input now holds a token of the user's own, judged at now instead. */
export function replacesLoadedToken(origin: InstantOrigin, at: number | null, nextTimeKey: string | null): boolean {
  if (at === null || origin.kind !== 'loaded' || nextTimeKey === null) return false;
  return nextTimeKey !== origin.timeKey;
}

/**
 * The provider to switch to when pasted configuration text clearly belongs to another one
 * (detection found exactly one provider), unless the user picked the provider themselves.
 */
export function providerToSwitchTo(current: ProviderId, detected: ProviderId | null, chosenByUser: boolean): ProviderId | null {
  if (chosenByUser || detected === null || detected === current) return null;
  return detected;
}
