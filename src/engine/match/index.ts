export { matchWildcard, wildcardMatches, compileWildcard, compareExact, describeDivergence, hasWildcard } from './wildcard';
export type { CompiledWildcard, WildcardFlavour, WildcardOptions, WildcardOutcome } from './wildcard';
