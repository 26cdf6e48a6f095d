import { defineConfig, devices } from '@playwright/test';

// Playwright never downloads a browser here: it drives the system Chromium.
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const port = Number(process.env.E2E_PORT ?? 4179);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './e2e',
  // Sized for a loaded 2-core machine: the accessibility and keyboard specs drive many screens, and
  // a busy CPU stretches them well past their quiet-machine time. A failure is reported, never
  // retried: a retry would hide a flaky product as readily as a flaky test.
  timeout: 150_000,
  expect: { timeout: 20_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  // Tracing records every action and doubled the suite's time; a failure keeps its screenshot, and
  // E2E_TRACE=1 turns traces back on when a failure needs replaying.
  use: { baseURL, trace: process.env.E2E_TRACE ? 'retain-on-failure' : 'off', screenshot: 'only-on-failure' },
  projects: [
    {
      name: 'system-chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1440, height: 900 },
        launchOptions: { executablePath, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] },
      },
    },
  ],
  webServer: {
    command: 'npm run build && node scripts/serve.mjs',
    env: { PORT: String(port), HOST: '127.0.0.1' },
    url: baseURL,
    reuseExistingServer: false,
    timeout: 180_000,
  },
});
