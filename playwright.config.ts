import { defineConfig } from '@playwright/test';

const demoPort = Number(process.env.DEMO_PORT ?? 4173);
const demoUrl = `http://127.0.0.1:${demoPort}`;

export default defineConfig({
  testDir: 'e2e',
  workers: 2,
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    browserName: 'chromium',
    baseURL: demoUrl,
    headless: true,
    serviceWorkers: 'allow',
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's chromium (see scripts/ensure-chromium.mjs); Playwright's download is not used.
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      command: 'npx tsx scripts/serve-demo.ts',
      url: `${demoUrl}/`,
      env: { DEMO_PORT: String(demoPort) },
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
  ],
});
