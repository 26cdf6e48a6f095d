import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from './App';
import { EmbedApp } from './EmbedApp';
import { ErrorBoundary } from './ErrorBoundary';

const queryClient = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false, retry: false } } });

export function isEmbed(search: string): boolean {
  return new URLSearchParams(search).get('embed') === '1';
}

export function Root() {
  const embed = isEmbed(window.location.search);
  return (
    <QueryClientProvider client={queryClient}>
      <ErrorBoundary what="trustlens">{embed ? <EmbedApp /> : <App />}</ErrorBoundary>
    </QueryClientProvider>
  );
}
