/** The `/_test` control API answers only programs on this machine, and never shows a credential. */
import { describe, expect, it } from 'vitest';
import { maskSecret } from '../../demo/server/store.ts';
import { bytes, call, control, form, roomsAuth, seed, useServer } from './harness.ts';

const server = useServer({ settings: { API_Enable_CORS: true } });
const closed = useServer({ testControls: false });

describe('the test controls', () => {
  it('are off when the server is not started for tests: 404', async () => {
    expect((await call(`${closed.url}/_test/state?rid=GENERAL`)).status).toBe(404);
    expect((await call(`${closed.url}/_test/settings`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{"FileUpload_MaxFileSize":-1}' })).status).toBe(404);
  });

  it('refuse a web page: a request with Origin or Sec-Fetch-Site gets 403 and changes nothing', async () => {
    for (const headers of [{ Origin: 'https://evil.example' }, { 'Sec-Fetch-Site': 'cross-site' }] as Record<string, string>[]) {
      const res = await call(`${server.url}/_test/settings`, { method: 'PUT', headers: { ...headers, 'Content-Type': 'application/json' }, body: '{"API_Enable_Rate_Limiter":false}' });
      expect(res.status).toBe(403);
    }
    expect((await control(server.url, 'settings', 'PUT', {})).API_Enable_Rate_Limiter).toBe(true);
  });

  it('send no CORS headers and answer no preflight, even with API_Enable_CORS on', async () => {
    const state = await fetch(`${server.url}/_test/state?rid=GENERAL`);
    expect(state.status).toBe(200);
    expect(state.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await fetch(`${server.url}/_test/faults`, { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } });
    expect(pre.status).toBe(403);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('take only JSON bodies and known settings of the right type', async () => {
    const text = await call(`${server.url}/_test/faults`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{"route":"rooms.media","kind":"hang"}' });
    expect(text.status).toBe(403);
    const wrong = await call(`${server.url}/_test/settings`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{"FileUpload_MaxFileSize":"big","No_Such_Setting":1}' });
    expect(wrong).toMatchObject({ status: 400, body: { error: 'unknown settings or wrong types: FileUpload_MaxFileSize, No_Such_Setting' } });
  });

  it('mask every credential in state: X-Auth-Token, Authorization and visitor tokens show only a fingerprint', async () => {
    const rid = (await control(server.url, 'rooms', 'POST', { members: ['demo'] })).rid;
    await call(`${server.url}/api/v1/rooms.media/${rid}`, { method: 'POST', headers: roomsAuth, body: form([{ name: 'file', value: bytes(10) }]) });
    await call(`${server.url}/api/v1/livechat/upload/${seed.visitor.room}`, { method: 'POST', headers: { 'x-visitor-token': seed.visitor.token }, body: form([{ name: 'file', value: bytes(10) }]) });
    await call(`${server.url}/api/upload_file`, { method: 'POST', headers: { Authorization: seed.single.token }, body: form([{ name: 'file', value: bytes(10) }, { name: 'room_id', value: rid }]) });
    const text = JSON.stringify([await control(server.url, `state?rid=${rid}`), await control(server.url, `state?rid=${seed.visitor.room}`)]);
    for (const secret of [seed.user.token, seed.visitor.token, seed.single.token]) {
      expect(text).not.toContain(secret);
      expect(text).toContain(maskSecret(secret));
    }
  });
});
