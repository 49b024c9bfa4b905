import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { cpSync, createReadStream, existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { control, seed, serverUrl, state } from './support.ts';

/**
 * The packed tarball (`npm pack`) installed into two small apps — a plain page with the script
 * tag, and a Vite + React app using `chat-file-upload/react` — each uploading a file.
 */
const root = mkdtempSync(join(tmpdir(), 'cfu-fixtures-'));
let server: Server;
let base = '';

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const run = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, stdio: 'pipe', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' } });
  run('npm', ['pack', '--silent', '--pack-destination', root], process.cwd());
  const tarball = join(root, readdirSync(root).find((name) => name.endsWith('.tgz'))!);
  for (const app of ['plain', 'react-app']) {
    cpSync(join('test/fixtures', app), join(root, app), { recursive: true });
    run('npm', ['install', '--no-package-lock', '--prefer-offline', tarball], join(root, app));
  }
  run('npx', ['vite', 'build', '--base', './', '--logLevel', 'error'], join(root, 'react-app'));
  server = createServer((req, res) => {
    const path = join(root, decodeURIComponent(new URL(req.url!, 'http://x').pathname));
    const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'index.html') : path;
    if (!file.startsWith(root) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

test.afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

for (const [name, path] of [['a plain page with the script tag', '/plain/'], ['a Vite + React app with the wrapper', '/react-app/dist/']] as const) {
  test(`the packed package uploads from ${name}`, async ({ page, request }) => {
    const rid = (await control<{ rid: string }>(request, 'rooms', 'POST', { members: [seed.user.username] })).rid;
    const query = new URLSearchParams({ 'server-url': serverUrl, 'room-id': rid, 'auth-token': seed.single.token });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${base}${path}?${query}`);
    await page.locator('chat-file-upload input[type=file]').setInputFiles({ name: 'from-fixture.txt', mimeType: 'text/plain', buffer: Buffer.from('hello from the fixture') });
    await page.locator('chat-file-upload [part~="send-button"]').click();
    await expect(page.locator('#result')).toHaveText('uploaded from-fixture.txt');
    expect((await state(request, rid)).uploads.map((u) => [u.name, u.size])).toEqual([['from-fixture.txt', 22]]);
    expect(errors).toEqual([]);
  });
}
