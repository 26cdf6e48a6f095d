import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from './App';
import { EmbedApp } from './EmbedApp';
import { ErrorBoundary } from './ErrorBoundary';
import { EngineProvider } from './state/EngineProvider';
import { engineQuery } from './state/queries';
import { openingProvider } from './state/useWorkbench';
import { evaluationClient } from './worker/shared';

const queryClient = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false, retry: false } } });
// Start loading at once, before the first render: the chunk is needed for the first verdict, and
// so is the provider's code, which the evaluation worker fetches while the page renders.
void queryClient.prefetchQuery(engineQuery());
if (typeof Worker !== 'undefined') evaluationClient.preload(openingProvider(window.location.hash));

export function isEmbed(search: string): boolean {
  return new URLSearchParams(search).get('embed') === '1';
}

export function Root() {
  const embed = isEmbed(window.location.search);
  return (
    <QueryClientProvider client={queryClient}>
      <EngineProvider>
        <ErrorBoundary what="trustlens">{embed ? <EmbedApp /> : <App />}</ErrorBoundary>
      </EngineProvider>
    </QueryClientProvider>
  );
}
