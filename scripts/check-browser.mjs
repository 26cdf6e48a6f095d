#!/usr/bin/env node
// The e2e tests drive a system Chromium (Playwright cannot download browsers here): fail early
// with one line that says how to get one.
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(path)) {
  console.error(
    `No Chromium found at ${path}: install one with \`apt-get install -y chromium\` or set CHROMIUM_PATH to a Chromium binary.`,
  );
  process.exit(1);
}
