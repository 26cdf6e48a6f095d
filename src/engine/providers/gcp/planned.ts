/**
 * The planned provider and the observer interface that the exchange (`plan.ts`) and its
 * explanation (`explanation.ts`) share; apart, so the explanation does not import the plan that
 * imports it.
 */
import type { CelResult } from '@bufbuild/cel';
import type { ClauseShape } from './clauses';
import type { ConditionBindings } from './condition';
import type { MappingResult } from './mapping';
import type { CelField, GcpPolicy, ResourceName } from './parse';
import type { Principal } from './principals';
import type { TokenFailure, TokenRules, TokenStep } from './token-checks';

/** One IAM binding member, flattened once: bindings in order, members in order. */
export interface PlannedMember {
  binding: number;
  member: number;
  role: string;
  value: string;
  conditional: boolean;
}

export interface PlannedProvider {
  policy: GcpPolicy;
  resource: ResourceName;
  unavailable: boolean;
  rules: TokenRules;
  condition: { field: CelField; shape: ClauseShape } | null;
  members: PlannedMember[];
  /** The CEL can spend the budget (comprehensions, metered string functions). */
  metered: boolean;
}

/** Where the exchange was refused, and Google's text for it. */
export type Refusal =
  | { stage: 'state'; message: string }
  | { stage: 'token'; message: string; failure: TokenFailure }
  | { stage: 'mapping'; message: string; /** The mapping's check; the size check is last. */ index: number }
  | { stage: 'condition'; message: string }
  | { stage: 'iam'; message: string };

export interface Observer {
  state(): void;
  tokenStep(step: TokenStep, failure: TokenFailure | null): void;
  mappings(mapping: MappingResult): void;
  condition(value: CelResult, bindings: ConditionBindings): void;
  noCondition(): void;
  iam(principals: Principal[], matches: PlannedMember[]): void;
  decided(refusal: Refusal | null, mapping: MappingResult, principals: Principal[], matches: PlannedMember[]): void;
  overBudget(): void;
}
