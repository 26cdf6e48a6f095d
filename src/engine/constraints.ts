/**
 * What a configuration says about claims, in a provider-neutral form: each provider reads its own
 * configuration into it (`providers/<id>/constraints.ts`), and the exposure analysis reads it to
 * choose candidate values. Extraction only proposes values: every candidate is decided by the
 * evaluator.
 */
import type { SourceRange } from './result';

export interface OpaqueCondition {
  /** What could not be reasoned about, in words, with its location in the configuration text. */
  description: string;
  source?: SourceRange;
}

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

/**
 * One way in: an Allow statement (or one value of its multi-valued condition), a federated
 * credential, a role, a disjunct of a condition. Its hints hold together; other paths' do not.
 */
export interface AllowPath {
  /** For a reviewer: "statement AllowDeploy (2nd)", "credential main". */
  label: string;
  source?: SourceRange;
  hints: ClaimHint[];
  /** Issuers this path admits; empty: those of the whole configuration. */
  issuers: string[];
  /** Which statement or credential it is, as the evaluator reports it (`statement:2`, `credential:0`). */
  key?: string;
}

export interface Constraints {
  /** Issuers the configuration names (full URLs); empty when it names none. */
  issuers: string[];
  /** Whether the configuration restricts the issuer at all (Vault without bound_issuer does not). */
  issuerPinned: boolean;
  hints: ClaimHint[];
  opaque: OpaqueCondition[];
  /** Every way in, each analysed on its own; empty: the whole configuration is one path. */
  paths: AllowPath[];
}

export function emptyConstraints(): Constraints {
  return { issuers: [], issuerPinned: false, hints: [], opaque: [], paths: [] };
}

/** The ordinal a reviewer reads: 1st, 2nd, 3rd, 4th, 11th, 21st. */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/**
 * A path whose positive hints list several values is several ways in: one path per value, so
 * every value is analysed (none is dropped by a sampling cap). Negated hints stay whole.
 */
export function splitPath(path: AllowPath, limit: number): AllowPath[] {
  let paths: AllowPath[] = [path];
  for (let index = 0; index < path.hints.length; index++) {
    const hint = path.hints[index];
    if (hint.negated || hint.values.length < 2 || hint.kind === 'present' || hint.claim === 'aud') continue;
    if (paths.length * hint.values.length > limit) continue;
    paths = paths.flatMap((p) =>
      hint.values.map((value) => ({
        ...p,
        label: `${p.label}, ${hint.claim} ${JSON.stringify(value)}`,
        hints: p.hints.map((h, i) => (i === index ? { ...h, values: [value] } : h)),
      })),
    );
  }
  return paths;
}
