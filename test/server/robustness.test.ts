import { afterEach, describe, expect, it } from 'vitest';
import { call, closing, control, fieldPart, filePart, openDescriptors, partFiles, rawMultipart, rawSend, rawUpload, roomsAuth, seed, until, useServer } from './harness.ts';

const server = useServer();
const auth = { 'X-User-Id': seed.user.id, 'X-Auth-Token': seed.user.token };
const flows: { name: string; path: string; headers: Record<string, string> }[] = [
  { name: 'rooms', path: `/api/v1/rooms.media/${seed.room}`, headers: auth },
  { name: 'livechat', path: `/api/v1/livechat/upload/${seed.visitor.room}`, headers: { 'x-visitor-token': seed.visitor.token } },
  { name: 'single', path: '/api/upload_file', headers: { Authorization: seed.single.token } },
];

/** The server still answers, and nothing of the request is left on disk. */
async function stillWell() {
  expect((await call(`${server.url}/api/v1/settings.public?_id=FileUpload_Enabled`)).status).toBe(200);
  await until(() => partFiles(server.dir).length === 0, 5000, 'no part-* files left');
}

describe('what any client can send: the server answers or closes, and keeps nothing', () => {
  afterEach(() => control(server.url, 'settings', 'DELETE'));

  for (const flow of flows) {
    it(`a ${flow.name} body that ends inside the file part (honest Content-Length, no closing boundary) gets a 400, not a crash`, async () => {
      const body = Buffer.concat([fieldPart('room_id', seed.room), filePart(Buffer.alloc(200_000, 7)).subarray(0, 150_000)]);
      const answer = await rawSend(server.url, rawMultipart(flow.path, flow.headers, body));
      expect(answer.status).toBe(400);
      if (flow.name !== 'single') expect(answer.text).toContain('"error":"Unexpected end of form"');
      await stillWell();
    });
  }

  it('twenty clients that hang up mid-body leave no part-* file and no open descriptor', async () => {
    const before = openDescriptors();
    for (const flow of flows) {
      const body = filePart(Buffer.alloc(400_000, 3));
      await Promise.all(Array.from({ length: 20 }, () => rawSend(server.url, rawMultipart(flow.path, flow.headers, body.subarray(0, 200_000), 'xBOUNDARYx', body.length + 200), { hangUp: true })));
    }
    await stillWell();
    await until(() => openDescriptors() <= before + 2, 5000, 'descriptors back to where they were');
  });

  it('a malformed multipart body (a part without headers) and a body that is not multipart get 400', async () => {
    for (const flow of flows) {
      const garbage = Buffer.from('--xBOUNDARYx\r\nthis is not a header line\r\n\r\nbytes\r\n--xBOUNDARYx--\r\n');
      const answer = await rawSend(server.url, rawMultipart(flow.path, flow.headers, garbage));
      expect(answer.status, flow.name).toBe(400);
    }
    const text = await call(`${server.url}/api/v1/livechat/upload/${seed.visitor.room}`, { method: 'POST', headers: { 'x-visitor-token': seed.visitor.token, 'Content-Type': 'text/plain' }, body: 'hello' });
    expect(text).toMatchObject({ status: 400, body: { success: false, error: 'Unsupported content type: text/plain' } });
    const none = await call(`${server.url}/api/v1/livechat/upload/${seed.visitor.room}`, { method: 'POST', headers: { 'x-visitor-token': seed.visitor.token } });
    expect(none).toMatchObject({ status: 400, body: { success: false, error: 'Missing Content-Type' } });
    await stillWell();
  });

  it('an oversized file is read to its end and refused; only the limit\'s worth ever reaches the disk', async () => {
    await control(server.url, 'settings', 'PUT', { FileUpload_MaxFileSize: 1000 });
    const body = Buffer.concat([filePart(Buffer.alloc(5_000_000, 1)), closing()]);
    const answer = await rawSend(server.url, rawMultipart(flows[0].path, auth, body));
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('File size exceeds the allowed limit [error-file-too-large]');
    await stillWell();
  });

  it('a request line that is not HTTP gets 400 and the server goes on', async () => {
    const answer = await rawSend(server.url, 'HELLO THERE\r\n\r\n');
    expect(answer.status).toBe(400);
    await stillWell();
  });

  it('fields are limited in size and count, and a record keeps at most 16 KiB of each', async () => {
    const rid = (await control(server.url, 'rooms', 'POST', { members: ['demo'] })).rid;
    const fields = Array.from({ length: 300 }, (_, i) => fieldPart(`f${i}`, 'v'.repeat(i === 0 ? 2 * 1024 * 1024 : 10)));
    const body = Buffer.concat([...fields, filePart(Buffer.from('the file')), closing()]);
    const answer = await rawSend(server.url, rawMultipart(`/api/v1/rooms.media/${rid}`, auth, body));
    expect(answer.status).toBe(200);
    const [record] = (await control(server.url, `state?rid=${rid}`)).uploads;
    expect(Object.keys(record.fields).length).toBeLessThanOrEqual(50);
    expect(record.fields.f0.length).toBe(16 * 1024);
  });

  it('a confirm body over 1 MiB is refused with 413 and read to its end', async () => {
    const res = await call(`${server.url}/api/v1/rooms.mediaConfirm/${seed.room}/x`, { method: 'POST', headers: { ...roomsAuth, 'Content-Type': 'application/json' }, body: JSON.stringify({ msg: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(res.status).toBe(413);
  });

  it('B12: a 4 MiB upload answered 401 or 403 before its body is read still gets its answer (the body is drained)', async () => {
    expect(await rawUpload(server.url, `/api/v1/rooms.media/${seed.room}`, {}, 4 * 1024 * 1024)).toBe('answered');
    expect(await rawUpload(server.url, '/api/v1/rooms.media/no-such-room', auth, 4 * 1024 * 1024)).toBe('answered');
    expect(await rawUpload(server.url, `/api/v1/livechat/upload/${seed.visitor.room}`, { 'x-visitor-token': 'nobody' }, 4 * 1024 * 1024)).toBe('answered');
    expect(await rawUpload(server.url, '/api/upload_file', {}, 4 * 1024 * 1024)).toBe('answered');
    await stillWell();
  });
});
