import { defineConfig } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The demo page and the reference server, on ports of their own so that `npm start` may run beside. */
export const demoPort = Number(process.env.CFU_E2E_DEMO_PORT ?? 5273);
export const serverPort = Number(process.env.CFU_E2E_SERVER_PORT ?? 5274);

const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  workers: 1,
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'reports/e2e.json' }]] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${demoPort}`,
    headless: true,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    // `npm start` itself: the demo page and the reference server in one process.
    command: 'npx vite',
    url: `http://127.0.0.1:${demoPort}/`,
    reuseExistingServer: false,
    env: {
      CFU_DEMO_PORT: String(demoPort),
      CFU_SERVER_PORT: String(serverPort),
      CFU_DATA_DIR: join(tmpdir(), `cfu-e2e-${process.pid}`),
      // Many specs send more than ten files a minute; the limiter is tested in the server tests.
      CFU_RATE_LIMITER: 'off',
      // The packed-package specs serve their pages from ports of their own.
      CFU_CORS_ORIGIN: '*',
    },
  },
});
