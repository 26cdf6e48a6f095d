/**
 * The shapes of the "who else gets in" analysis and of the policy diff. They mirror the JSON
 * of `trustlens exposure --format json` and `trustlens diff --format json` (the exposure
 * contract), so the CLI, the web app and scenario files read one object.
 */
import type { Decision, ProviderId, SourceRange } from '../result';

/** How much the configuration admits beyond the intended token. */
export type ExposureGrade = 'pinned' | 'narrow' | 'broad' | 'open';

/**
 * The least-privileged party who can mint a token: any account on the issuer, a member of an owner
 * or group the configuration names, anyone who can push or run a job in the intended repository
 * or project, or only those allowed on its protected refs or environments.
 */
export type Reach = 'anyone' | 'organization' | 'repository' | 'protected';

/** The way in that admits a witness: a statement, credential, role or binding, with its line. */
export interface Via {
  label: string;
  line?: number;
}

export type Claims = Record<string, unknown>;

export interface Witness {
  /** Short stable id of the attacker move, e.g. `other-project`, `tag-as-branch`, `pull-request`. */
  axis: string;
  /** The move in words a reviewer reads at a glance ("another project in mygroup"). */
  label: string;
  /** The complete claim set, ready for `trustlens eval --claims`. */
  claims: Claims;
  /** ISO 8601 instant at which it was evaluated. */
  at: string;
  decision: Decision;
  /** The evaluator's message for it. */
  message: string;
  reach: Reach;
  via: Via;
  /** Claims whose value differs from the base token (for highlighting). */
  changed?: string[];
  /**
   * What a reviewer comparing with their own token sees change, in the order to show it: the claims
   * whose value differs from the token given (from the token varied when none was given, as
   * `changed`), those the configuration names first, then the shortest values.
   */
  differences?: string[];
}

export type { OpaqueCondition } from '../constraints';
import type { OpaqueCondition } from '../constraints';

export interface ExposureReport {
  provider: ProviderId;
  grade: ExposureGrade;
  /** The widest reach of any token the configuration admits; `none` when it admits none. */
  reach: Reach | 'none';
  summary: string[];
  /** The contract's JSON carries strings; `opaqueConditions` keeps their locations for the editor. */
  opaque: string[];
  opaqueConditions?: OpaqueCondition[];
  witnesses: Witness[];
  /** The token the witnesses vary: the one given, or the one built because the configuration admits it. */
  intended?: Claims;
  /** Set when the input could not be analysed (unreadable configuration, unknown provider). */
  error?: string;
}

export interface ExposureInput {
  policyText: string;
  provider?: ProviderId | null;
  /** The intended token's claims; absent: the analysis builds one the configuration admits. */
  claims?: Claims | null;
  /** Unix seconds. */
  at: number;
  options?: Record<string, string>;
}

export interface DiffWitness {
  axis: string;
  label: string;
  claims: Claims;
  at: string;
  before: Decision;
  after: Decision;
  beforeMessage?: string;
  afterMessage?: string;
  reach?: Reach;
  via?: Via;
  /** As a witness's `differences`, from the token given (none when no token was given); named by either version first. */
  differences?: string[];
}

export interface DiffReport {
  provider: ProviderId;
  reach: { before: Reach | 'none'; after: Reach | 'none' };
  broadened: DiffWitness[];
  narrowed: DiffWitness[];
  unchanged: number;
}
