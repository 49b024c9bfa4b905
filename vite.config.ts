import { defineConfig, type Plugin } from 'vite';
import { startReferenceServer, type ReferenceServer } from './demo/server/index.ts';
import { minifyTemplates } from './bench/minify-templates.ts';

/** Port of the reference chat server that `npm start` runs beside the demo page. */
const serverPort = Number(process.env.CFU_SERVER_PORT ?? 5174);
const serverUrl = `http://127.0.0.1:${serverPort}`;

/**
 * Starts the reference server (demo/server) together with the dev server, on its own port, so
 * that every upload from the demo page is cross-origin, as on a real website.
 */
function referenceServer(): Plugin {
  let server: ReferenceServer | undefined;
  return {
    name: 'chat-file-upload-reference-server',
    apply: 'serve',
    async configureServer(vite) {
      if (process.env.VITEST) return; // the test setup starts its own
      server = await startReferenceServer({ port: serverPort, dataDir: process.env.CFU_DATA_DIR });
      vite.config.logger.info(`  reference chat server: ${server.url}`);
      vite.httpServer?.once('close', () => void server?.close());
    },
  };
}

export default defineConfig(({ mode }) => ({
  plugins: [referenceServer(), minifyTemplates()],
  define: { __DEMO_SERVER_URL__: JSON.stringify(serverUrl) },
  // The demo page only: the test fixtures' pages import the packed package, not this tree.
  optimizeDeps: { entries: ['index.html'] },
  server: { host: '127.0.0.1', port: Number(process.env.CFU_DEMO_PORT ?? 5173), strictPort: true },
  build: {
    target: 'es2022',
    outDir: mode === 'lib' ? 'dist/lib' : 'dist',
    emptyOutDir: false,
    lib:
      mode === 'lib'
        ? { entry: { index: 'src/index.ts', react: 'src/react.ts', locales: 'src/i18n/index.ts' }, formats: ['es'] as const, fileName: (_: string, name: string) => `${name}.js` }
        : { entry: 'src/index.ts', formats: ['es'] as const, fileName: () => 'chat-file-upload.js' },
    rolldownOptions:
      mode === 'lib'
        ? { external: [/^lit($|\/)/, /^@lit\//, /^@floating-ui\//, /^react($|\/)/] }
        : { output: { minify: true } },
  },
}));
