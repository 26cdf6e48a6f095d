/**
 * Providers loaded on demand, one chunk each, for the browser: an AWS evaluation never downloads
 * or parses the CEL and RE2 code Google Cloud needs. Each provider's face says how to load it;
 * the CLI and the tests use the synchronous registry in `index.ts`, which holds the same modules.
 */
import type { ProviderModule } from '../provider';
import type { ProviderId } from '../result';
import { PROVIDER_FACES } from './faces';

const loaded = new Map<ProviderId, Promise<ProviderModule<any>>>();

export function loadProvider(id: ProviderId): Promise<ProviderModule<any>> {
  let provider = loaded.get(id);
  if (!provider) {
    provider = PROVIDER_FACES[id].load();
    // A failed download may succeed on the next attempt.
    provider.catch(() => loaded.delete(id));
    loaded.set(id, provider);
  }
  return provider;
}
