/**
 * Settings that behave as Rocket.Chat's do, defaults included: CORS, the rate limiter, rooms where
 * a confirm is refused after the bytes are up, protected downloads, expiring temporary uploads.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { bytes, call, control, form, roomsAuth, seed, useServer } from './harness.ts';

const server = useServer({ rateLimiter: true });
const media = (rid: string, blob = bytes(100), name = 'a.bin', headers: Record<string, string> = roomsAuth) =>
  call(`${server.url}/api/v1/rooms.media/${rid}`, { method: 'POST', headers, body: form([{ name: 'file', value: blob, filename: name }]) });
const confirm = (rid: string, id: string, body: unknown = {}, headers: Record<string, string> = roomsAuth) =>
  call(`${server.url}/api/v1/rooms.mediaConfirm/${rid}/${id}`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const set = (values: Record<string, unknown>) => control(server.url, 'settings', 'PUT', values);
const room = async (spec: Record<string, unknown> = {}) => (await control(server.url, 'rooms', 'POST', { members: ['demo', 'other'], ...spec })).rid as string;
const preflight = (origin: string) =>
  fetch(`${server.url}/api/v1/rooms.media/${seed.room}`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'x-user-id,x-auth-token' } });

afterEach(async () => {
  await control(server.url, 'settings', 'DELETE');
  await control(server.url, 'ratelimit', 'DELETE');
});

describe('API_Enable_CORS and API_CORS_Origin', () => {
  it('off by default: a preflight gets 405 with Rocket.Chat\'s words and no CORS header', async () => {
    const res = await preflight('https://site.example');
    expect(res.status).toBe(405);
    expect(await res.text()).toBe('CORS not enabled. Go to "Admin > General > REST Api" to enable it.');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('on with *: a preflight is allowed with the flows\' headers and methods', async () => {
    await set({ API_Enable_CORS: true });
    const res = await preflight('https://site.example');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST, PUT, DELETE, HEAD, PATCH');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/X-User-Id, X-Auth-Token, x-visitor-token, Authorization/);
  });

  it('on with a list: a listed origin is echoed; an origin outside it gets 403 Invalid origin, on preflights and calls alike', async () => {
    await set({ API_Enable_CORS: true, API_CORS_Origin: 'https://site.example, https://other.example' });
    const ok = await preflight('https://site.example');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://site.example');
    const refused = await preflight('https://evil.example');
    expect(refused.status).toBe(403);
    expect(await refused.text()).toBe('Invalid origin');
    const call403 = await fetch(`${server.url}/api/v1/settings.public?_id=FileUpload_Enabled`, { headers: { Origin: 'https://evil.example' } });
    expect(call403.status).toBe(403);
  });
});

describe('the rate limiter (API_Enable_Rate_Limiter*)', () => {
  it('E7: the 11th call to a route within a minute → 429 with RC\'s words and X-RateLimit-* headers', async () => {
    let last;
    for (let i = 0; i < 11; i++) last = await confirm(seed.room, `no-such-file-${i}`);
    expect(last!.status).toBe(429);
    expect(last!.body).toEqual({ success: false, error: expect.stringMatching(/^Error, too many requests\. Please slow down\. You must wait \d+ seconds before trying this endpoint again\. \[error-too-many-requests\]$/) });
    expect(last!.headers.get('x-ratelimit-limit')).toBe('10');
    expect(last!.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(last!.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now());
  });

  it('routes are counted apart: rooms.media and rooms.mediaConfirm each get their ten', async () => {
    for (let i = 0; i < 10; i++) expect((await confirm(seed.room, `x-${i}`)).status).toBe(400);
    expect((await media(seed.room)).status).toBe(200);
  });

  it('the window ends after API_Enable_Rate_Limiter_Limit_Time_Default (the clock moved on)', async () => {
    for (let i = 0; i < 11; i++) await confirm(seed.room, `x-${i}`);
    expect((await confirm(seed.room, 'x')).body.error).toMatch(/You must wait (60|59) seconds/);
    await control(server.url, 'clock', 'PUT', { advance: 60_000 });
    expect((await confirm(seed.room, 'x')).status).toBe(400);
  });

  it('the limit and the window follow their settings; API_Enable_Rate_Limiter off counts nothing', async () => {
    await set({ API_Enable_Rate_Limiter_Limit_Calls_Default: 2, API_Enable_Rate_Limiter_Limit_Time_Default: 5000 });
    await confirm(seed.room, 'a');
    await confirm(seed.room, 'b');
    const third = await confirm(seed.room, 'c');
    expect(third.status).toBe(429);
    expect(third.body.error).toContain('You must wait 5 seconds');
    await set({ API_Enable_Rate_Limiter: false });
    expect((await confirm(seed.room, 'd')).status).toBe(400);
  });

  it('a user with api-bypass-rate-limit is not counted; calls without credentials get their 401 uncounted', async () => {
    await control(server.url, 'permissions', 'PUT', { user: 'demo', add: ['api-bypass-rate-limit'] });
    for (let i = 0; i < 12; i++) expect((await confirm(seed.room, `x-${i}`)).status).toBe(400);
    for (let i = 0; i < 12; i++) expect((await confirm(seed.room, 'x', {}, {})).status).toBe(401);
  });
});

describe('refusals at confirm, after the bytes are up', () => {
  it('Threads_enabled off: a tmid → 400 not-allowed [error-not-allowed]', async () => {
    await set({ Threads_enabled: false });
    const id = (await media(seed.room)).body.file._id;
    expect((await confirm(seed.room, id, { tmid: 'parent' })).body).toMatchObject({ error: 'not-allowed [error-not-allowed]', errorType: 'error-not-allowed' });
    expect((await confirm(seed.room, id, {})).status).toBe(200);
  });

  it('a read-only room refuses; a muted user is refused', async () => {
    const ro = await room({ ro: true });
    expect((await confirm(ro, (await media(ro)).body.file._id)).body).toEqual({ success: false, error: "You can't send messages because the room is readonly." });
    const muted = await room({ muted: ['demo'] });
    expect((await confirm(muted, (await media(muted)).body.file._id)).body).toEqual({ success: false, error: 'You_have_been_muted' });
  });

  it('an encrypted room refuses a plain message while E2E is on and unencrypted messages are not allowed', async () => {
    await set({ E2E_Enable: true });
    const rid = await room({ encrypted: true });
    const id = (await media(rid)).body.file._id;
    expect((await confirm(rid, id)).body).toMatchObject({ error: 'Not allowed to send un-encrypted messages in an encrypted room [error-not-allowed]', errorType: 'error-not-allowed' });
    expect((await confirm(rid, id, { t: 'e2e' })).status).toBe(200);
  });

  it('FileUpload_Enabled_Direct off: an upload into a direct-message room is refused', async () => {
    const dm = await room({ t: 'd' });
    await set({ FileUpload_Enabled_Direct: false });
    expect((await media(dm)).body).toEqual({
      success: false, error: 'File sharing not allowed in direct messages. [error-direct-message-file-upload-not-allowed]', errorType: 'error-direct-message-file-upload-not-allowed',
    });
    await set({ FileUpload_Enabled_Direct: true });
    expect((await media(dm)).status).toBe(200);
  });

  it('a public channel takes uploads from any user; a private group only from members', async () => {
    const channel = await room({ t: 'c', members: ['other'] });
    expect((await media(channel)).status).toBe(200);
    const group = await room({ t: 'p', members: ['other'] });
    expect((await media(group)).status).toBe(403);
  });
});

describe('downloads and temporary uploads', () => {
  it('a file is served as an attachment, never sniffed, sandboxed; an uploaded HTML page or SVG runs no script', async () => {
    await set({ FileUpload_MediaTypeBlackList: '' });
    for (const [name, type] of [['page.html', 'text/html'], ['page.xhtml', 'application/xhtml+xml'], ['pic.svg', 'text/xml']]) {
      const up = await media(seed.room, new Blob(['<html><script>alert(1)</script></html>'], { type }), name);
      const res = await fetch(`${server.url}${up.body.file.url}`, { headers: roomsAuth });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${encodeURIComponent(name)}"`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toMatch(/^sandbox/);
    }
  });

  it('a UTF-8 name is kept in the download\'s file name', async () => {
    const up = await media(seed.room, bytes(10), 'résumé ✓.txt');
    const res = await fetch(`${server.url}${up.body.file.url}`, { headers: roomsAuth });
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${encodeURIComponent('résumé ✓.txt')}"`);
  });

  it('an unconfirmed upload expires after 24 hours: the confirm then finds no file, the download 404', async () => {
    const up = await media(seed.room);
    await control(server.url, 'clock', 'PUT', { advance: 23 * 3600_000 });
    const kept = await media(seed.room);
    expect((await confirm(seed.room, kept.body.file._id)).status).toBe(200);
    await control(server.url, 'clock', 'PUT', { advance: 3600_000 });
    expect((await confirm(seed.room, up.body.file._id)).body).toMatchObject({ errorType: 'invalid-file' });
    expect((await fetch(`${server.url}${up.body.file.url}`, { headers: roomsAuth })).status).toBe(404);
    // a confirmed upload stays
    await control(server.url, 'clock', 'PUT', { advance: 48 * 3600_000 });
    expect((await fetch(`${server.url}${kept.body.file.url}`, { headers: roomsAuth })).status).toBe(200);
  });
});
