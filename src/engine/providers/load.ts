/**
 * Providers loaded on demand, one chunk each, for the browser: an AWS evaluation never downloads
 * or parses the CEL and RE2 code Google Cloud needs. The CLI and the tests use the synchronous
 * registry in `index.ts`; both hold the same modules.
 */
import type { ProviderModule } from '../provider';
import type { ProviderId } from '../result';

const LOADERS: Record<ProviderId, () => Promise<ProviderModule<any>>> = {
  aws: () => import('./aws/index').then((module) => module.provider),
  vault: () => import('./vault/index').then((module) => module.provider),
  gcp: () => import('./gcp/index').then((module) => module.provider),
  azure: () => import('./azure/index').then((module) => module.provider),
};

const loaded = new Map<ProviderId, Promise<ProviderModule<any>>>();

export function loadProvider(id: ProviderId): Promise<ProviderModule<any>> {
  let provider = loaded.get(id);
  if (!provider) {
    provider = LOADERS[id]();
    // A failed download may succeed on the next attempt.
    provider.catch(() => loaded.delete(id));
    loaded.set(id, provider);
  }
  return provider;
}
