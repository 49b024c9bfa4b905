import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startReferenceServer } from '../../demo/server/index.ts';

/**
 * One reference server for the browser tests, on a free port, storing into a temporary folder.
 * It is set up as a Rocket.Chat an admin prepared for the test page: CORS on for the page's
 * origin, downloads readable without credentials (tests fetch stored bytes back), custom fields
 * on with a schema that takes any object, `message-impersonate` for the demo user (the element's
 * confirmFields tests send alias), and the rate limiter off (`API_Enable_Rate_Limiter: false`, as
 * Rocket.Chat's TEST_MODE counts nothing): a test that needs it turns it on for itself with
 * `PUT /_test/settings` (the files of this project run one at a time). `DELETE /_test/settings`
 * returns to these settings.
 * The page reaches the test controls through the Vitest server (vite.config.ts), never directly.
 */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), 'cfu-test-'));
  const port = Number(process.env.CFU_VITEST_PORT ?? 63315);
  const server = await startReferenceServer({
    port: 0,
    dataDir,
    rateLimiter: true,
    settings: {
      API_Enable_Rate_Limiter: false,
      API_Enable_CORS: true, API_CORS_Origin: `http://localhost:${port},http://127.0.0.1:${port}`, FileUpload_ProtectFiles: false,
      Message_CustomFields_Enabled: true, Message_CustomFields: '{"type":"object"}',
    },
    permissions: { demo: ['message-impersonate'] },
  });
  process.env.CFU_REFERENCE_SERVER_URL = server.url;
  project.provide('serverUrl', server.url);
  return async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    serverUrl: string;
  }
}
