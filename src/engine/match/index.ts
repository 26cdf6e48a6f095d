export { matchWildcard, compareExact, describeDivergence, hasWildcard } from './wildcard';
export type { WildcardFlavour, WildcardOptions, WildcardOutcome } from './wildcard';
