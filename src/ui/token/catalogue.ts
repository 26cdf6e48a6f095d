/**
 * What the claims table and the subject view need from the claim catalogue (engine data), in one
 * place so the components stay independent of the catalogue's exact shape.
 */
import { claimInfo, claimNotes, explainSubject, issuerFamily, ISSUER_FAMILY_LABELS } from '../../engine/claims/index';
import type { Claims } from '../../engine/token';

export interface ClaimDescription {
  type: string;
  meaning: string;
  since?: string;
  source?: string;
}

export interface ClaimNote {
  claim: string;
  severity: string;
  message: string;
}

export interface SubjectSegment {
  key: string;
  label: string;
  value: string;
  raw?: string;
}

export interface SubjectExplanation {
  format: string;
  description: string;
  segments: SubjectSegment[];
  notes: string[];
}

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
