import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The engine is pure TypeScript (no DOM, nothing registered at import time), so a module of it
 * whose exports go unused can be left out: the page's provider faces import one detector from a
 * provider's parser without dragging in the CEL parser beside it.
 */
const treeshake = {
  moduleSideEffects: (id: string) => !/[\\/]src[\\/]engine[\\/]/.test(id),
};

export default defineConfig({
  plugins: [react()],
  // Monaco's workers and the evaluation worker are ES modules (`?worker` imports); the evaluation
  // worker loads each provider as its own chunk.
  worker: {
    format: 'es',
    rolldownOptions: {
      treeshake,
      // The small engine modules every provider chunk and the front door share travel together,
      // with the worker's own first import: a provider then arrives with nothing left to fetch.
      output: { codeSplitting: { groups: [{ name: 'evaluation-core', test: /[\\/]src[\\/]engine[\\/](result|time|value-text|json|constraints|match[\\/][^/\\]+)\.ts$/ }] } },
    },
  },
  build: {
    target: 'es2022',
    // Monaco's lazily loaded chunk is large by nature; the first screen does not wait for it.
    chunkSizeWarningLimit: 4096,
    reportCompressedSize: true,
    rolldownOptions: { treeshake },
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1', port: 4173 },
});
