/**
 * What a configuration says about claims, in a provider-neutral form the analysis reads to choose
 * candidate values. Extraction only proposes values: every candidate is decided by evaluate().
 */
import type { SourceRange } from '../../result';
import type { OpaqueCondition } from '../types';

/** equals: one of `values`; glob: `*`/`?` patterns; prefix/suffix/contains: substrings; regex: RE2-ish pattern. */
export type HintKind = 'equals' | 'glob' | 'prefix' | 'suffix' | 'contains' | 'regex' | 'present';

export interface ClaimHint {
  /** The token claim (`sub`, `aud`, `project_path`, …); JSON pointers name their first segment. */
  claim: string;
  kind: HintKind;
  values: string[];
  /** The configuration requires the claim NOT to match (Not operators, Deny statements, `!`, `!=`). */
  negated?: boolean;
  ignoreCase?: boolean;
  /** The condition as written, for summaries ("StringLike gitlab.com:sub"). */
  where: string;
  source?: SourceRange;
}

export interface Constraints {
  /** Issuers the configuration names (full URLs); empty when it names none. */
  issuers: string[];
  /** Whether the configuration restricts the issuer at all (Vault without bound_issuer does not). */
  issuerPinned: boolean;
  hints: ClaimHint[];
  opaque: OpaqueCondition[];
}

export function emptyConstraints(): Constraints {
  return { issuers: [], issuerPinned: false, hints: [], opaque: [] };
}
