#!/usr/bin/env node
/**
 * `npm run server`: the reference server alone, for pointing any client at it (README.md beside
 * this file). Node 20 cannot run the server's TypeScript, so it is bundled first with the
 * project's own rolldown into node_modules/.cache, then started.
 *
 *   CFU_SERVER_PORT   port (default 5174)          CFU_DATA_DIR  where uploads go (default .data/uploads)
 *   CFU_CORS_ORIGIN   turns API_Enable_CORS on for these origins (comma-separated, or *)
 *   CFU_RATE_LIMITER  off: no rate limiting (default on, as on Rocket.Chat)
 *   CFU_TEST_CONTROLS on: serve the /_test control API (default off)
 */
import { build } from 'rolldown';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = join(root, 'node_modules', '.cache', 'cfu-reference-server');
mkdirSync(outDir, { recursive: true });
const out = join(outDir, 'server.mjs');
await build({ input: join(root, 'demo/server/index.ts'), platform: 'node', external: ['busboy'], output: { file: out, format: 'esm' }, logLevel: 'silent' });

const { startReferenceServer, PortInUse } = await import(pathToFileURL(out).href);
const port = Number(process.env.CFU_SERVER_PORT ?? 5174);
const corsOrigin = process.env.CFU_CORS_ORIGIN;
const dataDir = resolve(process.env.CFU_DATA_DIR ?? join(root, '.data', 'uploads'));
let server;
try {
  server = await startReferenceServer({
    port,
    host: process.env.CFU_SERVER_HOST ?? '127.0.0.1',
    dataDir,
    rateLimiter: process.env.CFU_RATE_LIMITER !== 'off',
    testControls: process.env.CFU_TEST_CONTROLS === 'on',
    settings: corsOrigin ? { API_Enable_CORS: true, API_CORS_Origin: corsOrigin } : {},
  });
} catch (error) {
  if (!(error instanceof PortInUse)) throw error;
  console.error(error.message);
  process.exit(1);
}
console.log(`Reference chat server at ${server.url} (uploads in ${dataDir}; CORS ${corsOrigin ? `on for ${corsOrigin}` : 'off'}; rate limiter ${process.env.CFU_RATE_LIMITER === 'off' ? 'off' : 'on'}; test controls ${process.env.CFU_TEST_CONTROLS === 'on' ? 'on' : 'off'}). Ctrl-C stops it.`);
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
