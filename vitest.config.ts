import { defineConfig, mergeConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import viteConfig from './vite.config.ts';

const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  // A fake microphone that needs no prompt: the voice-message tests record from it.
  '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

export default mergeConfig(viteConfig({ mode: 'test', command: 'serve' }), defineConfig({
  test: {
    // Tests run Lit's development build on purpose (its checks); its notice of that is not news.
    onConsoleLog: (log) => !log.startsWith('Lit is in dev mode'),
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          include: ['test/server/**/*.test.ts', 'test/build/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        optimizeDeps: { include: ['lit', 'lit/decorators.js', 'lit/directives/repeat.js', '@open-wc/testing-helpers', 'vitest-browser-lit', 'react', 'react-dom', 'react-dom/client', 'exifr'] },
        test: {
          name: 'browser',
          include: ['test/core/**/*.test.ts', 'test/element/**/*.test.ts'],
          globalSetup: ['test/setup/reference-server.ts'],
          fileParallelism: false,
          testTimeout: 20_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs } }),
            instances: [{ browser: 'chromium' }],
            // Two checkouts may test side by side, each on its own port.
            api: { port: Number(process.env.CFU_VITEST_PORT ?? 63315), strictPort: true },
          },
        },
      },
    ],
  },
}));
