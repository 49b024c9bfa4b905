import { expect, test, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { cpSync, createReadStream, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { everyProperty } from '../fixtures/shared/settings.ts';
import { control, seed, serverUrl, state } from './support.ts';

/**
 * The packed tarball (`npm pack`) installed into small apps, as a new user would: a plain page
 * with the script tag, React 19 and React 18 apps with `chat-file-upload/react`, a Vue 3 app with
 * `chat-file-upload/vue`, a Svelte 5 app with `chat-file-upload/svelte`, and the script tag
 * pointing at another origin (a CDN), folder build and one-file build. Each app's dependencies
 * install once per run, from its committed lock file (`npm ci`); the apps type-check (`tsc`,
 * `vue-tsc`, `svelte-check`), build, set every property and upload.
 */
/** the apps' folder, made when the tests run (not when the file is only loaded), removed after */
let root = '';
const fixtures = resolve('test/fixtures');
const tsc = resolve('node_modules/typescript/bin/tsc');
const frameworks = ['react-19', 'react-18', 'vue', 'svelte'] as const;
const checks: Record<string, Promise<string>> = {};
let site: Server;
let cdn: Server;
let base = '';
let cdnBase = '';
/** whether the CDN answers with Access-Control-Allow-Origin, and what it was asked for */
let cors = true;
const cdnRequests: string[] = [];

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };
const exec = promisify(execFile);
const { FORCE_COLOR, ...inherited } = process.env; // Playwright's workers have FORCE_COLOR=1
const env = { ...inherited, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', NO_COLOR: '1' };

/** Runs a command in an app's folder; fails with its output. */
async function run(cmd: string, args: string[], cwd: string): Promise<string> {
  try {
    const { stdout, stderr } = await exec(cmd, args, { cwd, env, maxBuffer: 16 * 1024 * 1024 });
    return `${stdout}${stderr}`;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(' ')} in ${cwd} failed:\n${stdout}${stderr}`);
  }
}

function serve(dir: string, headers: () => Record<string, string>, log?: string[]): Promise<[Server, string]> {
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url!, 'http://x').pathname);
    log?.push(pathname);
    const path = join(dir, pathname);
    const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'index.html') : path;
    if (!file.startsWith(dir) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream', ...headers() });
    createReadStream(file).pipe(res);
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      done([server, `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`]);
    }),
  );
}

test.beforeAll(async () => {
  test.setTimeout(600_000);
  root = mkdtempSync(join(tmpdir(), 'cfu-fixtures-'));
  // `npm pack` builds first (prepack), unless `npm test` has just built (CFU_BUILT).
  const pack = ['pack', '--silent', '--pack-destination', root, ...(process.env.CFU_BUILT ? ['--ignore-scripts'] : [])];
  await run('npm', pack, process.cwd());
  const tarball = join(root, readdirSync(root).find((name) => name.endsWith('.tgz'))!);
  for (const app of ['plain', 'types', 'cdn', ...frameworks]) cpSync(join(fixtures, app), join(root, app), { recursive: true });
  // The React 18 app is the React 19 app's code with its own dependencies.
  for (const file of ['index.html', 'main.tsx', 'tsconfig.json']) cpSync(join(fixtures, 'react-19', file), join(root, 'react-18', file));
  for (const app of frameworks) cpSync(join(fixtures, 'shared/settings.ts'), join(root, app, 'settings.ts'));

  const install = async (app: string) => {
    const dir = join(root, app);
    if (existsSync(join(dir, 'package-lock.json'))) await run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], dir);
    await run('npm', ['install', '--no-save', '--no-package-lock', '--prefer-offline', '--no-audit', '--no-fund', tarball], dir);
    return dir;
  };
  // Two at a time: the machine has two cores.
  const apps = ['plain', 'types', ...frameworks];
  await Promise.all(
    [0, 1].map(async () => {
      for (let app = apps.shift(); app; app = apps.shift()) await install(app);
    }),
  );
  const dir = (app: string) => join(root, app);
  checks.types = run('node', [tsc, '-p', '.'], dir('types'));
  checks['react-19'] = run('node', [tsc, '-p', '.'], dir('react-19'));
  checks['react-18'] = run('node', [tsc, '-p', '.'], dir('react-18'));
  checks.vue = run('npx', ['vue-tsc', '--noEmit', '-p', '.'], dir('vue'));
  checks.svelte = run('npx', ['svelte-check', '--tsconfig', './tsconfig.json'], dir('svelte'));
  for (const check of Object.values(checks)) check.catch(() => undefined); // awaited by their tests
  for (const app of frameworks) await run('npx', ['vite', 'build', '--base', './', '--logLevel', 'error'], dir(app));

  [site] = await serve(root, () => ({})).then(([server, url]) => ((base = url), [server]));
  [cdn] = await serve(join(root, 'plain/node_modules/chat-file-upload'), (): Record<string, string> => (cors ? { 'Access-Control-Allow-Origin': '*' } : {}), cdnRequests).then(
    ([server, url]) => ((cdnBase = url), [server]),
  );
});

test.afterAll(async () => {
  for (const server of [site, cdn]) if (server) await new Promise<void>((done) => server.close(() => done()));
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Adds two files with `max-files` 1: the second is refused, the first is posted in the thread. */
async function uploadsInThread(page: Page, request: Parameters<typeof state>[0], url: (query: URLSearchParams) => string) {
  const rid = (await control<{ rid: string }>(request, 'rooms', 'POST', { members: [seed.user.username] })).rid;
  const query = new URLSearchParams({ 'server-url': serverUrl, 'room-id': rid, 'user-id': seed.user.id, 'auth-token': seed.user.token, 'thread-id': 'thread-9' });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url(query));
  await page.locator('chat-file-upload input[type=file]').setInputFiles([
    { name: 'from-fixture.txt', mimeType: 'text/plain', buffer: Buffer.from('hello from the fixture') },
    { name: 'one-too-many.txt', mimeType: 'text/plain', buffer: Buffer.from('over the limit') },
  ]);
  await expect(page.locator('#rejected')).toHaveText('rejected one-too-many.txt: too-many');
  await page.locator('chat-file-upload [part~="send-button"]').click();
  await expect(page.locator('#result')).toHaveText('uploaded from-fixture.txt');
  const server = await state(request, rid);
  expect(server.uploads.map((u) => [u.name, u.size])).toEqual([['from-fixture.txt', 22]]);
  expect(server.confirms.map((c) => c.body.tmid)).toEqual(['thread-9']);
  expect(errors).toEqual([]);
}

const apps = [
  ['a plain page with the script tag', '/plain/'],
  ['a React 19 app with chat-file-upload/react', '/react-19/dist/'],
  ['a React 18 app with chat-file-upload/react', '/react-18/dist/'],
  ['a Vue 3 app with chat-file-upload/vue', '/vue/dist/'],
  ['a Svelte 5 app', '/svelte/dist/'],
] as const;

for (const [name, path] of apps) {
  test(`the packed package uploads from ${name}, into the thread, with max-files honoured`, async ({ page, request }) => {
    await uploadsInThread(page, request, (query) => `${base}${path}?${query}`);
  });
}

for (const [name, path] of apps.slice(1)) {
  test(`${name} sets every property on the element, none dropped or turned into an attribute`, async ({ page }) => {
    await page.goto(`${base}${path}?mode=props`);
    const element = page.locator('chat-file-upload');
    await expect(element).toHaveCount(1);
    const names = Object.keys(everyProperty);
    const read = await element.evaluate((el, keys) => {
      const values = Object.fromEntries(keys.map((key) => [key, (el as unknown as Record<string, unknown>)[key]]));
      const attributes = el.getAttributeNames();
      return { values: JSON.parse(JSON.stringify(values)), attributes };
    }, names);
    expect(read.values).toEqual(everyProperty);
    // No setting became a lower-cased attribute that the element never reads (`threadid`, `maxfiles`).
    for (const key of names.filter((key) => /[A-Z]/.test(key))) expect(read.attributes).not.toContain(key.toLowerCase());
  });
}

const checkers = { types: 'tsc', 'react-19': 'tsc', 'react-18': 'tsc', vue: 'vue-tsc', svelte: 'svelte-check' } as const;
for (const [app, checker] of Object.entries(checkers)) {
  test(`the packed types check clean in the ${app} fixture (${checker}), and each wrong detail or prop type is an error`, async () => {
    // Each fixture marks its wrong lines with @ts-expect-error (or @vue-expect-error): an
    // unused one fails the check, so the check passing means each of them is an error.
    await expect(checks[app]).resolves.toBeDefined();
  });
}

test.describe('the script tag from another origin (a CDN)', () => {
  test.afterEach(() => {
    cors = true;
    cdnRequests.length = 0;
  });

  test('the folder build loads its chunks from the CDN when it sends Access-Control-Allow-Origin, and uploads', async ({ page, request }) => {
    await uploadsInThread(page, request, (query) => `${base}/cdn/?${query}&src=${encodeURIComponent(`${cdnBase}/dist/chat-file-upload.js`)}`);
    // What an upload without failures loads is what test/build/size.test.ts counts: the entry, and
    // the one chunk of the list and the sending code. The words and reading of failures and the
    // retry policy wait for one; the tray's keys for the first focus in it.
    const chunks = cdnRequests.filter((path) => path.endsWith('.js')).map((path) => path.replace(/^\/dist\//, '').replace(/-[\w-]{8}\.js$/, ''));
    expect(chunks.sort()).toEqual(['chat-file-upload.js', 'list']);
  });

  test('the one-file build uploads with a single request to the CDN', async ({ page, request }) => {
    await uploadsInThread(page, request, (query) => `${base}/cdn/?${query}&src=${encodeURIComponent(`${cdnBase}/dist/chat-file-upload.min.js`)}`);
    expect(cdnRequests).toEqual(['/dist/chat-file-upload.min.js']);
  });

  test('without Access-Control-Allow-Origin the browser refuses the module: the header is needed', async ({ page }) => {
    cors = false;
    await page.goto(`${base}/cdn/?src=${encodeURIComponent(`${cdnBase}/dist/chat-file-upload.min.js`)}`);
    await expect(page.locator('#load')).toHaveText('the script did not load');
    expect(cdnRequests).toEqual(['/dist/chat-file-upload.min.js']);
    expect(await page.evaluate(() => customElements.get('chat-file-upload'))).toBeUndefined();
  });
});
