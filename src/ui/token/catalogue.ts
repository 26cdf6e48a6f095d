/**
 * What the claims table and the subject view need from the claim catalogue (engine data), in one
 * place so the components stay independent of the catalogue's exact shape.
 */
import {
  claimInfo,
  claimNotes,
  explainSubject,
  issuerFamily,
  ISSUER_FAMILY_LABELS,
  type ClaimInfo,
  type ClaimNote,
  type SubjectExplanation,
} from '../../engine/claims/index';
import type { Claims } from '../../engine/token';

export type { ClaimNote, SubjectExplanation, SubjectSegment } from '../../engine/claims/index';

/** The part of a catalogue entry the claims table shows. */
export type ClaimDescription = Pick<ClaimInfo, 'type' | 'meaning' | 'since' | 'source'>;

export interface ClaimCatalogue {
  issuerLabel(claims: Claims): string;
  info(claims: Claims, name: string): ClaimDescription | null;
  notes(claims: Claims): ClaimNote[];
  subject(claims: Claims): SubjectExplanation | null;
}

function guarded<T>(compute: () => T, fallback: T): T {
  try {
    return compute();
  } catch {
    return fallback;
  }
}

export const catalogue: ClaimCatalogue = {
  issuerLabel: (claims) => guarded(() => ISSUER_FAMILY_LABELS[issuerFamily(claims)], 'unknown issuer'),
  info: (claims, name) => guarded(() => claimInfo(issuerFamily(claims), name) ?? null, null),
  notes: (claims) => guarded(() => claimNotes(claims), []),
  subject: (claims) => guarded(() => explainSubject(claims), null),
};
