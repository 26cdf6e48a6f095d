/**
 * What the claims table and the subject view need from the claim catalogue. The catalogue itself
 * is data in the engine; this adapter keeps the components independent of its exact shape.
 */
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
}

export interface SubjectExplanation {
  format: string;
  description: string;
  segments: SubjectSegment[];
  notes: string[];
}

export interface ClaimCatalogue {
  info(claims: Claims, name: string): ClaimDescription | null;
  notes(claims: Claims): ClaimNote[];
  subject(claims: Claims): SubjectExplanation | null;
}

export const catalogue: ClaimCatalogue = {
  info: () => null,
  notes: () => [],
  subject: () => null,
};
