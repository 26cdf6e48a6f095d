/**
 * The URL fragment as the app reads it. Decoding (`#s=`, `#example=`, every validation and its
 * reason) is the engine's share module; this only turns its outcome into a workbench. It runs
 * before the engine chunk arrives, so it imports the share state module directly rather than
 * through the lazy `../engine` chunk.
 */
import { encode as base64url } from 'jose/base64url';
import { exampleById, type Example } from '../../engine/examples';
import { decodeFragment, type ShareState } from '../../engine/share/state';
import { claimsText, type Workbench } from './workbench';

export type FragmentOutcome =
  | { kind: 'none' }
  | { kind: 'state'; workbench: Workbench }
  | { kind: 'example'; example: Example }
  | { kind: 'invalid'; reason: string };

function segment(value: Record<string, unknown>): string {
  return base64url(JSON.stringify(value));
}

/**
 * A shared token arrives as its header and claims. It is put back as `header.payload.` (a JWS
 * with an empty signature) so the recipient evaluates the same signed-token shape, header
 * included, and sees that the signature was left out.
 */
export function workbenchFromShareState(state: ShareState): Workbench {
  let tokenText: string;
  if (state.claims === null) tokenText = state.token ?? '';
  else if (state.header) tokenText = `${segment(state.header)}.${segment(state.claims)}.`;
  else tokenText = claimsText(state.claims);
  const workbench: Workbench = { provider: state.provider, policyText: state.policy, tokenText, at: state.at, options: { ...(state.options ?? {}) } };
  if (state.before !== undefined) workbench.before = state.before;
  return workbench;
}

export function readFragment(hash: string): FragmentOutcome {
  const outcome = decodeFragment(hash);
  switch (outcome.kind) {
    case 'none':
    case 'invalid':
      return outcome;
    case 'state':
      return { kind: 'state', workbench: workbenchFromShareState(outcome.state) };
    case 'example': {
      const example = exampleById(outcome.id);
      return example
        ? { kind: 'example', example }
        : { kind: 'invalid', reason: `There is no example with id "${outcome.id}"; nothing was loaded.` };
    }
  }
}
