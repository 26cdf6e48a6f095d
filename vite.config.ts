import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  // Monaco's workers are ES modules (`?worker` imports).
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // Monaco's lazily loaded chunk is large by nature; the first screen does not wait for it.
    chunkSizeWarningLimit: 4096,
    reportCompressedSize: true,
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1', port: 4173 },
});
