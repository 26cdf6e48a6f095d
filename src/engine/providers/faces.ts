/**
 * What the interface shows of each provider before (or without) its evaluation code: label,
 * detection, editor schema and switches. Small on purpose — it is in the first download, while
 * parse/plan/lint arrive per provider (`load.ts`). `faces.test.ts` keeps every field equal to
 * the full module's in `index.ts`.
 */
import type { RegisteredProvider } from '../provider';
import type { ProviderId } from '../result';
import { face as aws } from './aws/face';
import { face as azure } from './azure/face';
import { face as gcp } from './gcp/face';
import { face as vault } from './vault/face';

export type { ProviderFace } from '../provider';

/** The registry: one line per provider — its face, and how the whole module arrives. */
export const PROVIDER_FACES: Record<ProviderId, RegisteredProvider> = {
  aws: { ...aws, load: () => import('./aws/index').then((module) => module.provider) },
  vault: { ...vault, load: () => import('./vault/index').then((module) => module.provider) },
  gcp: { ...gcp, load: () => import('./gcp/index').then((module) => module.provider) },
  azure: { ...azure, load: () => import('./azure/index').then((module) => module.provider) },
};
