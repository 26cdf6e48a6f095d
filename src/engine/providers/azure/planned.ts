/**
 * The planned credentials and the observer interface that the exchange (`plan.ts`) and its
 * explanation (`explanation.ts`) share; apart, so the explanation does not import the plan that
 * imports it.
 */
import type { CompiledWildcard } from '../../match';
import type { QuickDecision } from '../../result';
import type { Comparison } from './expression';
import type { LifetimeProblem, ValidityProblem } from './time';
import type { ValidCredential } from './validate';

/** A flexible expression's comparison with its pattern compiled once. */
export interface PlannedComparison {
  comparison: Comparison;
  /** Null for `eq`. */
  pattern: CompiledWildcard | null;
}

export interface PlannedCredential {
  entry: ValidCredential;
  issuer: string;
  audience: string;
  /** The classic subject, or null for a flexible credential. */
  subject: string | null;
  comparisons: PlannedComparison[];
  /** What the service answers when this credential is the first to match. */
  grant: QuickDecision;
}

/** Where the evaluation stopped: the step whose answer is the decision. */
export type Stage = 'validity' | 'lifetime' | 'entra' | 'empty' | 'issuer' | 'audience' | 'subject-case' | 'expression' | 'subject' | 'granted';

/** What one credential's fields gave, each judged once by the evaluation. */
export interface CredentialOutcome {
  issuer: boolean;
  audience: boolean;
  match: boolean;
  /** A classic subject equal to `sub` ignoring case only (AADSTS7002138). */
  caseOnly: boolean;
  /** Each comparison of a flexible expression, when observed. */
  comparisons: boolean[] | null;
}

export interface Observer {
  validity(nbf: number | undefined, exp: number | undefined, problem: ValidityProblem): void;
  lifetime(iat: number | undefined, exp: number | undefined, problem: LifetimeProblem): void;
  entraIssuer(iss: string): void;
  credential(credential: PlannedCredential, outcome: CredentialOutcome): void;
  decided(stage: Stage, granted: PlannedCredential | null): void;
}
