import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startReferenceServer, type ReferenceServer } from '../../demo/server/index.ts';
import { control, roomsAuth, seed, useServer } from './harness.ts';

/** `chat-file-upload-check` run as a command, against the reference server. */
const server = useServer();
const origin = 'https://my.site';
const user = ['--user-id', roomsAuth['X-User-Id'], '--auth-token', roomsAuth['X-Auth-Token']];
const visitor = ['--visitor-token', seed.visitor.token, '--room', seed.visitor.room];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/chat-file-upload-check.mjs', ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

interface Check {
  id: string;
  status: 'ok' | 'fail' | 'warn' | 'info' | 'skip';
  message: string;
  fix?: string;
}

async function report(args: string[]): Promise<{ code: number; ok: boolean; checks: Record<string, Check> }> {
  const { code, stdout } = await run([...args, '--json']);
  const result = JSON.parse(stdout) as { ok: boolean; checks: Check[] };
  return { code, ok: result.ok, checks: Object.fromEntries(result.checks.map((c) => [c.id, c])) };
}

const settings = (values: Record<string, unknown>) => control(server.url, 'settings', 'PUT', values);

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('chat-file-upload-check: arguments', () => {
  it('--help prints the usage and exits 0', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: chat-file-upload-check <server-url> --origin <page-origin>');
    expect(stdout).toContain('--visitor-token');
  });

  it('runs through a symlink, as npx and node_modules/.bin start it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfu-check-bin-'));
    try {
      symlinkSync(join(process.cwd(), 'bin/chat-file-upload-check.mjs'), join(dir, 'chat-file-upload-check'));
      const { code, stdout } = await new Promise<Run>((resolve) => {
        execFile(process.execPath, [join(dir, 'chat-file-upload-check'), '--help'], (error, out, err) => resolve({ code: error ? 1 : 0, stdout: out, stderr: err }));
      });
      expect(code).toBe(0);
      expect(stdout).toContain('Usage: chat-file-upload-check');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [[], 'The server URL is missing.'],
    [['http://127.0.0.1:1'], '--origin is missing'],
    [['ftp://chat.example.com', '--origin', origin], 'must start with http:// or https://'],
    [['not a url', '--origin', origin], 'Not a URL: not a url'],
    [['http://127.0.0.1:1', '--origin', 'https://my.site/page'], '--origin must be a scheme, host and port only'],
    [['http://127.0.0.1:1', '--origin', 'my.site'], '--origin is not an origin'],
    [['http://127.0.0.1:1', '--origin', origin, '--user-id', 'U'], '--user-id and --auth-token go together.'],
    [['http://127.0.0.1:1', '--origin', origin, ...user, '--visitor-token', 'V'], 'not both'],
    [['http://127.0.0.1:1', '--origin', origin, '--room'], '--room needs a value.'],
    [['http://127.0.0.1:1', '--origin', origin, '--timeout', 'soon'], '--timeout must be a whole number'],
    [['http://127.0.0.1:1', '--origin', origin, '--verbose'], 'Unknown option --verbose.'],
    [['http://127.0.0.1:1', 'http://127.0.0.2:1', '--origin', origin], 'One server URL, please (got 2).'],
  ])('bad arguments %j exit 2 with the reason and the usage, and nothing is asked of any server', async (args, reason) => {
    const { code, stdout, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toContain(reason);
    expect(stderr).toContain('Usage:');
    expect(stdout).toBe('');
  });
});

/** CORS on for the test's origin and no rate limiter, unless a test says otherwise. */
const open = { API_Enable_CORS: true, API_CORS_Origin: origin, API_Enable_Rate_Limiter: false };

describe('chat-file-upload-check against the reference server', () => {
  beforeEach(() => settings(open));
  afterEach(() => control(server.url, 'settings', 'DELETE'));

  it('a default server, a member and an allowed origin: everything works, in plain words, exit 0', async () => {
    const { code, stdout } = await run([server.url, '--origin', origin, ...user, '--room', seed.room]);
    expect(code).toBe(0);
    expect(stdout).toContain(`Checking ${server.url} for <chat-file-upload> on ${origin} (rooms flow)`);
    expect(stdout).toContain('[ok  ] File uploads are on.');
    expect(stdout).toContain('[info] Files up to 100 MiB (104857600 bytes) are accepted');
    expect(stdout).toContain('[info] Every type is accepted except image/svg+xml.');
    expect(stdout).toContain('[ok  ] Files can be sent in direct messages too.');
    expect(stdout).toContain('[info] A message or file description may be up to 5000 characters.');
    expect(stdout).toContain('"Maximum Allowed Characters Per Message" (Message_MaxAllowedSize)');
    expect(stdout).toContain(`[ok  ] The credentials are valid and the user may post files in room ${seed.room}.`);
    expect(stdout).not.toContain('FAIL');
    expect(stdout.trim().split('\n').at(-1)).toBe(`Everything the element needs works from ${origin}.`);
  });

  it('the check makes one call to the upload route and stores nothing: no upload, no message', async () => {
    const { rid } = await control(server.url, 'rooms', 'POST', { members: [seed.user.username] });
    const { code } = await run([server.url, '--origin', origin, ...user, '--room', rid]);
    expect(code).toBe(0);
    const state = await control(server.url, `state?rid=${rid}`);
    expect(state).toEqual({ counts: { 'rooms.media': 1 }, uploads: [], confirms: [], messages: [] });
  });

  it('uploads off: a failure naming FileUpload_Enabled and where it is, exit 1', async () => {
    await settings({ FileUpload_Enabled: false });
    const { code, checks } = await report([server.url, '--origin', origin, ...user, '--room', seed.room]);
    expect(code).toBe(1);
    expect(checks.uploads).toEqual({
      id: 'uploads',
      status: 'fail',
      message: 'File uploads are off: every file is refused.',
      fix: 'Administration > Settings > File Upload: turn on "File Uploads Enabled" (FileUpload_Enabled).',
    });
    const { stdout } = await run([server.url, '--origin', origin, ...user, '--room', seed.room]);
    expect(stdout).toContain('[FAIL] File uploads are off: every file is refused.');
    expect(stdout).toContain('Fix: Administration > Settings > File Upload: turn on "File Uploads Enabled" (FileUpload_Enabled).');
    expect(stdout.trim().split('\n').at(-1)).toBe(`1 thing must change before the element works from ${origin}.`);
  });

  it('a size limit of 0 refuses every file: a failure naming FileUpload_MaxFileSize, exit 1', async () => {
    await settings({ FileUpload_MaxFileSize: 0 });
    const { code, checks } = await report([server.url, '--origin', origin, ...user, '--room', seed.room]);
    expect(code).toBe(1);
    expect(checks.size.status).toBe('fail');
    expect(checks.size.message).toBe('The maximum file size is 0: every file is refused.');
    expect(checks.size.fix).toContain('(FileUpload_MaxFileSize)');
  });

  it('a size limit is told in bytes and in plain units; -1 is no limit', async () => {
    await settings({ FileUpload_MaxFileSize: 1_572_864 });
    let { code, checks } = await report([server.url, '--origin', origin, ...user, '--room', seed.room]);
    expect(code).toBe(0);
    expect(checks.size.message).toBe('Files up to 1.5 MiB (1572864 bytes) are accepted; larger ones are refused before any byte is sent.');
    await settings({ FileUpload_MaxFileSize: -1 });
    ({ code, checks } = await report([server.url, '--origin', origin, ...user, '--room', seed.room]));
    expect(code).toBe(0);
    expect(checks.size.message).toBe('Files of any size are accepted (FileUpload_MaxFileSize is -1).');
  });

  it('a white list is told, with how files of unknown type count', async () => {
    await settings({ FileUpload_MediaTypeWhiteList: 'image/*,application/pdf', FileUpload_MediaTypeBlackList: '' });
    const { code, checks } = await report([server.url, '--origin', origin]);
    expect(code).toBe(0);
    expect(checks.types.message).toBe('Only these types are accepted: image/*,application/pdf. A file whose type cannot be told from its name counts as application/octet-stream.');
    expect(checks.types.fix).toContain('"Accepted Media Types" (FileUpload_MediaTypeWhiteList)');
  });

  it('files off in direct messages: a warning naming FileUpload_Enabled_Direct, and the element still works (exit 0)', async () => {
    await settings({ FileUpload_Enabled_Direct: false });
    const { code, stdout } = await run([server.url, '--origin', origin, ...user, '--room', seed.room]);
    expect(code).toBe(0);
    expect(stdout).toContain('[warn] Files cannot be sent in direct messages (FileUpload_Enabled_Direct is off): an upload to a DM fails after its bytes are up.');
    expect(stdout).toContain('Fix: Administration > Settings > File Upload: turn on "File Uploads Enabled in Direct Messages" (FileUpload_Enabled_Direct).');
    expect(stdout.trim().split('\n').at(-1)).toBe(`Nothing must change for the element to work from ${origin}; read the warning above.`);
  });

  it('wrong credentials: a failure saying the token was refused (401), exit 1', async () => {
    const { code, checks } = await report([server.url, '--origin', origin, '--user-id', seed.user.id, '--auth-token', 'stale-token', '--room', seed.room]);
    expect(code).toBe(1);
    expect(checks.credentials.status).toBe('fail');
    expect(checks.credentials.message).toContain('The user id and token were refused (401)');
  });

  it('a room the user may not post in: a failure naming the room (403), exit 1', async () => {
    const { code, checks } = await report([server.url, '--origin', origin, ...user, '--room', seed.privateRoom]);
    expect(code).toBe(1);
    expect(checks.credentials.status).toBe('fail');
    expect(checks.credentials.message).toBe(`The credentials are valid, but this user may not post in room ${seed.privateRoom} (403).`);
  });

  it('a visitor in an open room with livechat uploads on: everything works, exit 0', async () => {
    const { code, checks } = await report([server.url, '--origin', origin, ...visitor]);
    expect(code).toBe(0);
    expect(checks.livechat).toMatchObject({ status: 'ok', message: 'Livechat visitors can upload files.' });
    expect(checks.credentials).toMatchObject({ status: 'ok', message: `The visitor token is valid and room ${seed.visitor.room} takes the visitor's files.` });
  });

  it('livechat uploads off: a failure naming Livechat_fileupload_enabled, exit 1', async () => {
    await settings({ Livechat_fileupload_enabled: false });
    const { code, checks } = await report([server.url, '--origin', origin, ...visitor]);
    expect(code).toBe(1);
    expect(checks.livechat.status).toBe('fail');
    expect(checks.livechat.message).toBe('Livechat visitors cannot upload files.');
    expect(checks.livechat.fix).toContain('Livechat_fileupload_enabled');
    expect(checks.credentials.status).toBe('fail');
  });

  it('an unknown visitor token or another visitor\'s room: a failure, exit 1', async () => {
    let { code, checks } = await report([server.url, '--origin', origin, '--visitor-token', 'nobody', '--room', seed.visitor.room]);
    expect(code).toBe(1);
    expect(checks.credentials.message).toContain('The visitor token is unknown, or room livechat-demo is closed or not this visitor\'s (403).');
    ({ code, checks } = await report([server.url, '--origin', origin, '--visitor-token', seed.visitor.token, '--room', seed.otherVisitor.room]));
    expect(code).toBe(1);
    expect(checks.credentials.status).toBe('fail');
  });

  it('without credentials the settings and CORS are checked and the credentials are skipped, saying what to give', async () => {
    const { code, checks } = await report([server.url, '--origin', origin]);
    expect(code).toBe(0);
    expect(checks.credentials.status).toBe('skip');
    expect(checks.credentials.message).toContain('give --user-id and --auth-token (or --visitor-token) and --room');
    expect(checks.uploads.status).toBe('ok');
  });

  it('a page on the server\'s own origin needs no CORS', async () => {
    const { checks } = await report([server.url, '--origin', new URL(server.url).origin, ...user, '--room', seed.room]);
    expect(checks.cors).toMatchObject({ status: 'ok', message: `The page is on the server's own origin (${new URL(server.url).origin}): no CORS is needed.` });
  });

  it('a server that cannot be reached: a failure saying so, exit 1', async () => {
    const port = await closedPort();
    const { code, checks } = await report([`http://127.0.0.1:${port}`, '--origin', origin]);
    expect(code).toBe(1);
    expect(checks.reach.status).toBe('fail');
    expect(checks.reach.message).toMatch(/^The server could not be reached: ECONNREFUSED\.$/);
  });

  it('a URL that is not the chat server: a failure saying it does not look like Rocket.Chat, exit 1', async () => {
    const { code, checks } = await report([`${server.url}/not-the-chat`, '--origin', origin]);
    expect(code).toBe(1);
    expect(checks.reach.message).toContain('it does not look like Rocket.Chat at this URL');
  });
});

describe('chat-file-upload-check: CORS, as Rocket.Chat answers it', () => {
  beforeEach(() => settings(open));
  afterEach(() => control(server.url, 'settings', 'DELETE'));

  it('CORS off (Rocket.Chat\'s default): a failure naming API_Enable_CORS, API_CORS_Origin and the page\'s origin, exit 1', async () => {
    await settings({ API_Enable_CORS: false });
    const { code, checks } = await report([server.url, '--origin', origin, ...user, '--room', seed.room]);
    expect(code).toBe(1);
    expect(checks.cors).toEqual({
      id: 'cors',
      status: 'fail',
      message: `CORS is off: the browser refuses every upload from ${origin} (the person sees that the server cannot be reached).`,
      fix: `Administration > Settings > General > REST API: turn on "Enable CORS" (API_Enable_CORS) and add ${origin} to "CORS Origin" (API_CORS_Origin, comma-separated; * allows every site).`,
    });
  });

  it('CORS on for another origin: a failure saying the page\'s origin is not allowed, exit 1', async () => {
    await settings({ API_Enable_CORS: true, API_CORS_Origin: 'https://other.site' });
    const { code, checks } = await report([server.url, '--origin', origin, ...user, '--room', seed.room]);
    expect(code).toBe(1);
    expect(checks.cors.status).toBe('fail');
    expect(checks.cors.message).toBe(`CORS is on, but ${origin} is not among the allowed origins: the browser refuses every upload from it.`);
    expect(checks.cors.fix).toContain(`add ${origin} to "CORS Origin" (API_CORS_Origin)`);
  });

  it('CORS on for this origin, among others, or for every origin: CORS works, exit 0', async () => {
    for (const allowed of [origin, `https://other.site, ${origin}`, '*']) {
      await settings({ API_Enable_CORS: true, API_CORS_Origin: allowed });
      const { code, checks } = await report([server.url, '--origin', origin, ...user, '--room', seed.room]);
      expect(checks.cors, allowed).toEqual({ id: 'cors', status: 'ok', message: `CORS allows uploads from ${origin}.` });
      expect(code, allowed).toBe(0);
    }
  });

});

describe('chat-file-upload-check: the rate limiter, as Rocket.Chat answers it', () => {
  // A server of its own, started with the limiter as `npm start` runs it.
  const limited = { url: '', server: undefined as ReferenceServer | undefined, dir: '' };
  beforeAll(async () => {
    limited.dir = mkdtempSync(join(tmpdir(), 'cfu-check-test-'));
    limited.server = await startReferenceServer({ port: 0, dataDir: limited.dir, rateLimiter: true });
    limited.url = limited.server.url;
  });
  afterAll(async () => {
    await limited.server?.close();
    rmSync(limited.dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await control(limited.url, 'ratelimit', 'DELETE');
    await control(limited.url, 'settings', 'PUT', { API_Enable_CORS: true, API_CORS_Origin: origin });
  });
  afterEach(() => control(limited.url, 'settings', 'DELETE'));
  const args = (room: string = seed.room) => [limited.url, '--origin', origin, ...user, '--room', room];

  it('the rate limiter on: a warning with the route\'s limit, the permission and the settings that lift it; exit 0', async () => {
    const { code, checks } = await report(args());
    expect(code).toBe(0);
    expect(checks['rate-limit'].status).toBe('warn');
    expect(checks['rate-limit'].message).toMatch(/^The API rate limiter is on: 10 calls per route and address in each window \(Rocket\.Chat's default: 10 a minute\)\. More files than that from one network wait for the next window \(this one ends in \d+ s\)\.$/);
    expect(checks['rate-limit'].fix).toContain('"api-bypass-rate-limit" permission (Administration > Permissions)');
    expect(checks['rate-limit'].fix).toContain('API_Enable_Rate_Limiter_Limit_Calls_Default');
    expect(checks.credentials.status).toBe('ok');
  });

  it('without credentials the limiter is read from settings.public', async () => {
    const { code, checks } = await report([limited.url, '--origin', origin]);
    expect(code).toBe(0);
    expect(checks['rate-limit'].status).toBe('warn');
    expect(checks['rate-limit'].message).toMatch(/^The API rate limiter is on: 10 calls per route and address/);
    await control(limited.url, 'settings', 'PUT', { API_Enable_Rate_Limiter: false });
    expect((await report([limited.url, '--origin', origin])).checks['rate-limit'].status).toBe('info');
  });

  it('the limit the server sets is the one told', async () => {
    await control(limited.url, 'settings', 'PUT', { API_Enable_Rate_Limiter_Limit_Calls_Default: 25 });
    const { checks } = await report(args());
    expect(checks['rate-limit'].message).toMatch(/^The API rate limiter is on: 25 calls per route and address in each window/);
  });

  it('the rate limiter off, or a user with api-bypass-rate-limit: no limit seen on the upload route', async () => {
    const none = { status: 'ok', message: 'No rate limit was seen on the upload route: it is off, or this user may bypass it (api-bypass-rate-limit).' };
    await control(limited.url, 'settings', 'PUT', { API_Enable_Rate_Limiter: false });
    expect((await report(args())).checks['rate-limit']).toMatchObject(none);
    await control(limited.url, 'settings', 'DELETE');
    await control(limited.url, 'settings', 'PUT', { API_Enable_CORS: true, API_CORS_Origin: origin });
    await control(limited.url, 'permissions', 'PUT', { user: seed.user.username, add: ['api-bypass-rate-limit'] });
    expect((await report(args())).checks['rate-limit']).toMatchObject(none);
  });

  it('an upload route already at its limit: the credentials are not judged, the wait is told, exit 0', async () => {
    const { rid } = await control(limited.url, 'rooms', 'POST', { members: [seed.user.username] });
    for (let i = 0; i < 10; i++) await fetch(`${limited.url}/api/v1/rooms.media/${rid}`, { method: 'POST', headers: roomsAuth });
    const { code, checks } = await report(args(rid));
    expect(checks.credentials.status).toBe('warn');
    expect(checks.credentials.message).toMatch(/^The upload route is rate limited right now \(429 Error, too many requests\. Please slow down\. You must wait \d+ seconds/);
    expect(checks['rate-limit'].status).toBe('warn');
    expect(code).toBe(0);
  });

  it('settings.public at its limit: the check says it was refused and to run it again, exit 1', async () => {
    for (let i = 0; i < 10; i++) await fetch(`${limited.url}/api/v1/settings.public?_id=FileUpload_Enabled`);
    const { code, checks } = await report(args());
    expect(code).toBe(1);
    expect(checks.reach.message).toMatch(/^The server's rate limiter refused the check \(429 Error, too many requests/);
    expect(checks.reach.fix).toBe('Run the check again once the wait it names is over.');
  });
});
