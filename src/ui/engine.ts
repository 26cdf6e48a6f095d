/**
 * What the page itself needs from the engine, in one lazily loaded chunk. The first screen
 * (React, the inputs, the examples) renders without it. Evaluation is not here: it runs in the
 * evaluation worker (`worker/`), which loads only the selected provider. Keep this chunk small —
 * nothing that pulls a provider's evaluation code, CEL or RE2. Import values from here only
 * through `useEngine()`; type imports are free.
 */
import type { CelRegion } from '../engine/providers/gcp/editor';

export { PROVIDER_FACES as PROVIDERS } from '../engine/providers/faces';
export { detectProvider } from '../engine/providers/detect-faces';
export { readTokenInput } from '../engine/token';
export { configurationInTokenPane, tokenInPolicyPane } from '../engine/wrong-pane';
export { tokenTimeStatus } from '../engine/time';
export { keyMaterialFrom, verifySignature, SIGNATURE_NOT_CHECKED } from '../engine/verify';
export { buildGitHubClaims, buildGitLabClaims, CLAIM_TEMPLATES, GITHUB_DEFAULTS, GITLAB_DEFAULTS } from '../engine/claims/index';
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
  tokenInputLeftOut,
} from '../engine/share/index';
export { pathText, placeholderParts, placeholderUses } from '../engine/inputs/placeholder-uses';

/** No regions until the CEL support arrives; `useEngine()` then hands out an engine with the real one (Google Cloud only). */
export function celEditorRegions(_policyText: string): CelRegion[] {
  return [];
}
export { matrixScenarioFile, parseClaimLines, MAX_MATRIX_ROWS } from '../engine/share/matrix';
