import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // Both cores: the default leaves one idle on a 2-core machine, doubling the suite's time.
    maxWorkers: 2,
    // Test files share each worker's module cache instead of importing the engine afresh for every
    // file (import was a third of the run). No test patches a module or a global it does not
    // restore, and the suite passes in shuffled order, so files cannot lean on each other.
    isolate: false,
  },
});
