/**
 * What the interface shows of each provider before (or without) its evaluation code: label,
 * detection, editor schema and switches. Small on purpose — it is in the first download, while
 * parse/evaluate/lint arrive per provider (`load.ts`). `faces.test.ts` keeps every field equal to
 * the full module's in `index.ts`.
 */
import { detectWith, type Detection } from '../evaluate-with';
import type { ProviderFace } from '../provider';
import type { ProviderId } from '../result';
import { face as aws } from './aws/face';
import { face as azure } from './azure/face';
import { face as gcp } from './gcp/face';
import { face as vault } from './vault/face';

export type { ProviderFace } from '../provider';

export const PROVIDER_FACES: Record<ProviderId, ProviderFace> = { aws, vault, gcp, azure };

/** The same answer as `detectProvider` in `evaluate.ts`, without loading any provider's evaluation code. */
export function detectProvider(policyText: string): Detection {
  return detectWith(PROVIDER_FACES, policyText);
}
