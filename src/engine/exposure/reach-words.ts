import type { Reach } from './types';

/**
 * Who each reach lets in, in the contract's words (docs/contracts/EXPOSURE.md, "Reach"): the
 * summary, `trustlens diff`, `trustlens scan` and the app's reach badges all say it this way.
 */
export const REACH_WORDS: Record<Reach | 'none', string> = {
  anyone: 'any account on the issuer',
  organization: 'a member of an owner or group the configuration names',
  repository: 'anyone who can push a branch, open a pull/merge request or run a job in the intended repository or project',
  protected: 'only protected refs or environments',
  none: 'nobody: no token the analysis could build is admitted',
};
