import type { SourceRange } from '../../engine/result';

/** A place in one of the inputs that a verdict, a finding or a value asked for points at. */
export interface RevealTarget {
  input: 'policy' | 'token';
  range: SourceRange;
}
