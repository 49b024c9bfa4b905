import { describe, expect, it } from 'vitest';
import { bytes, call, control, form, roomsAuth, seed, useServer } from './harness.ts';

const server = useServer();
const media = () => `${server.url}/api/v1/rooms.media/${seed.room}`;
const upload = () => call(media(), { method: 'POST', headers: roomsAuth, body: form([{ name: 'file', value: bytes(100), filename: 'f.bin' }]), redirect: 'manual' });

describe('faults a test arms (README "Faults")', () => {
  it('a status fault answers 200 with an HTML page, an empty body, or JSON without file._id', async () => {
    await control(server.url, 'faults', 'POST', { route: 'rooms.media', kind: 'status', status: 200, contentType: 'text/html', body: '<html><body>Welcome</body></html>' });
    const html = await upload();
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html');
    expect(html.body).toBe('<html><body>Welcome</body></html>');
    await control(server.url, 'faults', 'POST', { route: 'rooms.media', kind: 'status', status: 200 });
    expect(await upload()).toMatchObject({ status: 200, body: '' });
    await control(server.url, 'faults', 'POST', { route: 'rooms.media', kind: 'status', status: 200, contentType: 'application/json', body: '{"success":true}' });
    expect(await upload()).toMatchObject({ status: 200, body: { success: true } });
  });

  it('a redirect fault answers 302 or 307 with a Location on another origin', async () => {
    await control(server.url, 'faults', 'POST', { route: 'rooms.media', kind: 'redirect', location: 'http://other.example/upload' });
    const first = await upload();
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe('http://other.example/upload');
    await control(server.url, 'faults', 'POST', { route: 'rooms.media', kind: 'redirect', status: 307, location: 'http://other.example/upload' });
    expect((await upload()).status).toBe(307);
    expect((await upload()).status).toBe(200);
  });

  it('a redirect fault without a location is refused', async () => {
    const res = await call(`${server.url}/_test/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ route: 'rooms.media', kind: 'redirect' }) });
    expect(res.status).toBe(400);
  });

  it('an errorLength fault answers an error text of 60,000 characters, or 10 MB as plain text', async () => {
    await control(server.url, 'faults', 'POST', { route: 'rooms.media', kind: 'status', status: 400, errorLength: 60_000 });
    const long = await upload();
    expect(long.status).toBe(400);
    expect(long.body.success).toBe(false);
    expect(long.body.error).toHaveLength(60_000);
    await control(server.url, 'faults', 'POST', { route: 'rooms.media', kind: 'status', status: 500, errorLength: 10_000_000, contentType: 'text/plain' });
    const huge = await upload();
    expect(huge.status).toBe(500);
    expect(huge.headers.get('content-type')).toBe('text/plain');
    expect(huge.body).toHaveLength(10_000_000);
  });
});
