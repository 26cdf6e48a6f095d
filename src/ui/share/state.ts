/**
 * The share state of a workbench: what a link (and the address bar) carries. The token's
 * signature stays out unless the user opts in.
 */
import { normaliseCompact } from '../../engine/token';
import type { ShareStateV1 } from '../state/fragment';
import type { Workbench } from '../state/workbench';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stripSignatureOf(text: string): string {
  const { compact } = normaliseCompact(text);
  const segments = compact.split('.');
  return segments.length === 3 ? `${segments[0]}.${segments[1]}.` : compact;
}

/** What the URL carries while the user edits: never the signature. */
export function shareStateOf(workbench: Workbench, includeSignature = false): ShareStateV1 {
  const trimmed = workbench.tokenText.trim();
  let claims: Record<string, unknown> | null = null;
  let rawText = false;
  if (trimmed.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (isPlainObject(parsed)) claims = parsed;
    } catch {
      // Unparseable claims travel as typed, so the recipient sees the same located error.
      rawText = true;
    }
  }
  return {
    v: 1,
    provider: workbench.provider,
    policy: workbench.policyText,
    claims,
    token: claims ? null : rawText ? workbench.tokenText : includeSignature ? normaliseCompact(workbench.tokenText).compact : stripSignatureOf(workbench.tokenText),
    at: workbench.at,
    ...(Object.keys(workbench.options).length > 0 ? { options: workbench.options } : {}),
  };
}

