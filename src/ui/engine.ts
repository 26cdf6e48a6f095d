/**
 * Everything the interface needs from the engine, in one lazily loaded chunk. The first screen
 * (React, the inputs, the examples) renders without it; the providers, the claim catalogue and
 * jose arrive right after and the verdict appears. Import values from here only through
 * `useEngine()`; type imports are free.
 */
export { evaluate, detectProvider } from '../engine/evaluate';
export { PROVIDERS } from '../engine/providers/index';
export { readTokenInput } from '../engine/token';
export { tokenTimeStatus } from '../engine/time';
export { keyMaterialFrom, verifySignature, SIGNATURE_NOT_CHECKED } from '../engine/verify';
export { buildGitHubClaims, buildGitLabClaims, GITHUB_DEFAULTS, GITLAB_DEFAULTS } from '../engine/claims/index';
export { catalogue } from './token/catalogue';
export {
  buildShareState,
  cliCommandFor,
  encodeShareFragment,
  markdownReport,
  REDACTABLE_CLAIMS,
  redactClaims,
  scenarioFileFor,
  shareLink,
  shareWarnings,
  stripSignature,
} from '../engine/share/index';
export { celEditorRegions } from '../engine/providers/gcp/index';
export { analyseExposure, diffPolicies } from '../engine/exposure/index';
export { matrixScenarioFile, parseClaimLines, runMatrix, MAX_MATRIX_ROWS } from '../engine/share/matrix';
