import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bytes, call, control, form, rawUpload, roomsAuth, seed, useServer } from './harness.ts';

const server = useServer();
const upload = (body: FormData, token: string | null = seed.single.token) =>
  call(`${server.url}/api/upload_file`, { method: 'POST', headers: token ? { Authorization: token } : {}, body });
const parts = (blob: Blob = bytes(100), name = 'doc.bin', rid: string | null = seed.single.room) =>
  form([...(rid ? [{ name: 'room_id', value: rid }] : []), { name: 'file', value: blob, filename: name }]);

describe('single upload_file (servers.md S1–S9)', () => {
  it('S1: success → {message, file_url} with an absolute URL; the room gets a message; bytes unchanged', async () => {
    const blob = bytes(70_000);
    const { status, body } = await upload(parts(blob, 'report.pdf'));
    expect(status).toBe(200);
    expect(body).toEqual({ message: 'File uploaded successfully', file_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/file-upload\/[^/]+\/report\.pdf$/) });
    const back = await fetch(body.file_url);
    const hash = (b: ArrayBuffer) => createHash('sha256').update(Buffer.from(b)).digest('hex');
    expect(hash(await back.arrayBuffer())).toBe(hash(await blob.arrayBuffer()));
    const list = await call(`${server.url}/api/v1/channels.messages?roomId=${seed.single.room}`, { headers: roomsAuth });
    expect(list.body.messages[0].msg).toBe(body.file_url);
  });

  it('S2: no file → 400 No file provided', async () => {
    expect(await upload(form([{ name: 'room_id', value: seed.single.room }]))).toEqual(expect.objectContaining({ status: 400, body: { error: 'No file provided' } }));
  });

  it('S3: an empty file name → 400 No file name provided', async () => {
    const boundary = 'b0undary';
    const raw = `--${boundary}\r\nContent-Disposition: form-data; name="room_id"\r\n\r\n${seed.single.room}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\nabc\r\n--${boundary}--\r\n`;
    const res = await call(`${server.url}/api/upload_file`, { method: 'POST', headers: { Authorization: seed.single.token, 'Content-Type': `multipart/form-data; boundary=${boundary}` }, body: raw });
    expect(res).toEqual(expect.objectContaining({ status: 400, body: { error: 'No file name provided' } }));
  });

  it('S4: no room_id → 400 No room ID provided', async () => {
    expect(await upload(parts(bytes(10), 'a.bin', null))).toEqual(expect.objectContaining({ status: 400, body: { error: 'No room ID provided' } }));
  });

  it('S5: over 24 MiB → 400; exactly 24 MiB passes', async () => {
    expect(await upload(parts(bytes(25_165_825)))).toEqual(expect.objectContaining({ status: 400, body: { error: 'File size exceeds the 24MB limit' } }));
    expect((await upload(parts(bytes(25_165_824)))).status).toBe(200);
  });

  it('S6: missing or invalid token → 401 Invalid token or token missing', async () => {
    const expected = expect.objectContaining({ status: 401, body: { error: 'Invalid token or token missing' } });
    expect(await upload(parts(), null)).toEqual(expected);
    expect(await upload(parts(), 'bad-token')).toEqual(expected);
  });

  it('S7: a token of an unknown user → 401 Unauthorized access (invalid user)', async () => {
    expect(await upload(parts(), seed.single.ghostToken)).toEqual(expect.objectContaining({ status: 401, body: { error: 'Unauthorized access (invalid user)' } }));
  });

  it('S8: not a member of the room → 403', async () => {
    expect(await upload(parts(bytes(10), 'x.bin', seed.single.foreignRoom))).toEqual(expect.objectContaining({ status: 403, body: { error: 'You are not a member of this room' } }));
  });

  it('S9: storage failed → 500 File upload failed: <details>', async () => {
    await control(server.url, 'faults', 'POST', { route: 'upload_file', kind: 'storage-fail' });
    const res = await upload(parts());
    expect(res.status).toBe(500);
    expect(res.body.error).toMatch(/^File upload failed: /);
  });

  it('a client that goes away mid-body leaves the server working', async () => {
    await control(server.url, 'faults', 'POST', { route: 'upload_file', kind: 'drop', afterBytes: 10_000 });
    expect(await rawUpload(server.url, '/api/upload_file', { Authorization: seed.single.token }, 500_000)).toBe('closed');
    expect((await upload(parts())).status).toBe(200);
  });
});
