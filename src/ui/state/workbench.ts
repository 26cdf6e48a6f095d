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
