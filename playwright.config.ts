import { defineConfig } from '@playwright/test';

// End-to-end tests drive the built renderer through the browser host (out/main/host.js),
// so `npx electron-vite build` must run first (`npm run test:e2e` does both).
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  retries: 0,
  workers: process.env.CI ? 1 : undefined,
  reporter: 'list',
  use: {
    browserName: 'chromium',
    headless: true,
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's chromium, not a downloaded one: `playwright install` is never run here.
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
