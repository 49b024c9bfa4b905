import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { bytes, call, control, form, rawUpload, roomsAuth, seed, useServer } from './harness.ts';

const server = useServer();
const media = (rid: string) => `${server.url}/api/v1/rooms.media/${rid}`;
const confirm = (rid: string, id: string) => `${server.url}/api/v1/rooms.mediaConfirm/${rid}/${id}`;
const post = (url: string, body: FormData | string, headers: Record<string, string> = roomsAuth) =>
  call(url, { method: 'POST', headers: typeof body === 'string' ? { ...headers, 'Content-Type': 'application/json' } : headers, body });
const upload = async (rid = seed.room, blob = bytes(1000), name = 'a.bin') => (await post(media(rid), form([{ name: 'file', value: blob, filename: name }]))).body.file._id as string;

const r401 = { success: false, error: 'You must be logged in to do this.', status: 'error', message: 'You must be logged in to do this.' };

describe('rooms.media (servers.md R1–R10)', () => {
  afterEach(() => control(server.url, 'settings', 'DELETE'));

  it('R1: success → 200 with the file ID and a relative URL; the bytes are stored unchanged', async () => {
    const blob = bytes(200_000, 'image/png');
    const { status, body, headers } = await post(media(seed.room), form([{ name: 'file', value: blob, filename: 'pic ture.png' }]));
    expect(status).toBe(200);
    expect(body).toEqual({ file: { _id: expect.any(String), url: `/file-upload/${body.file._id}/pic%20ture.png` }, success: true });
    expect(headers.get('access-control-allow-origin')).toBe('*');
    const back = await fetch(`${server.url}${body.file.url}`, { headers: roomsAuth });
    expect(back.headers.get('content-type')).toBe('image/png');
    const sent = createHash('sha256').update(Buffer.from(await blob.arrayBuffer())).digest('hex');
    expect(createHash('sha256').update(Buffer.from(await back.arrayBuffer())).digest('hex')).toBe(sent);
  });

  it('R2: missing or wrong token → 401 with the 8.x body', async () => {
    const body = form([{ name: 'file', value: bytes(10) }]);
    expect(await post(media(seed.room), body, { 'X-User-Id': seed.user.id, 'X-Auth-Token': 'nope' })).toMatchObject({ status: 401, body: r401 });
    expect(await post(media(seed.room), form([{ name: 'file', value: bytes(10) }]), {})).toMatchObject({ status: 401, body: r401 });
  });

  it('R3: a room the user may not see, or an unknown one → 403 unauthorized', async () => {
    for (const rid of [seed.privateRoom, 'no-such-room']) {
      expect(await post(media(rid), form([{ name: 'file', value: bytes(10) }]))).toMatchObject({ status: 403, body: { success: false, error: 'unauthorized' } });
    }
  });

  it('R4: the file part under another name → 400 [invalid-field]', async () => {
    const res = await post(media(seed.room), form([{ name: 'upload', value: bytes(10) }]));
    expect(res).toMatchObject({ status: 400, body: { success: false, error: '[invalid-field]', errorType: 'invalid-field' } });
  });

  it('R5: no file part → 400 error-no-file; an empty (0-byte) file → 400 file-too-small', async () => {
    const expected = { success: false, error: 'No file uploaded [error-no-file]', errorType: 'error-no-file' };
    expect(await post(media(seed.room), form([{ name: 'msg', value: 'hi' }]))).toMatchObject({ status: 400, body: expected });
    expect(await post(media(seed.room), form([{ name: 'file', value: bytes(0) }]))).toMatchObject({
      status: 400, body: { success: false, error: 'File size (size = 0) is too small (min = 1) [file-too-small]', errorType: 'file-too-small' },
    });
  });

  it('R6: more than one file part → 400 error-too-many-files', async () => {
    const res = await post(media(seed.room), form([{ name: 'file', value: bytes(10) }, { name: 'file', value: bytes(10) }]));
    expect(res).toMatchObject({ status: 400, body: { success: false, error: 'Too many files in upload [error-too-many-files]', errorType: 'error-too-many-files' } });
  });

  it('R7: larger than FileUpload_MaxFileSize → 400 error-file-too-large; exactly the limit passes; 0 refuses all; -1 none', async () => {
    await control(server.url, 'settings', 'PUT', { FileUpload_MaxFileSize: 1000 });
    const tooLarge = { success: false, error: 'File size exceeds the allowed limit [error-file-too-large]', errorType: 'error-file-too-large' };
    expect(await post(media(seed.room), form([{ name: 'file', value: bytes(1001) }]))).toMatchObject({ status: 400, body: tooLarge });
    expect((await post(media(seed.room), form([{ name: 'file', value: bytes(1000) }]))).status).toBe(200);
    await control(server.url, 'settings', 'PUT', { FileUpload_MaxFileSize: 0 });
    expect(await post(media(seed.room), form([{ name: 'file', value: bytes(1) }]))).toMatchObject({
      status: 400, body: { success: false, error: 'File size exceeds upload limit of 0 B. [error-file-too-large]', errorType: 'error-file-too-large' },
    });
    await control(server.url, 'settings', 'PUT', { FileUpload_MaxFileSize: -1 });
    expect((await post(media(seed.room), form([{ name: 'file', value: bytes(5000) }]))).status).toBe(200);
  });

  it('R8: a type refused by the lists (guessed from the name for octet-stream) → 400 error-invalid-file-type', async () => {
    const refused = { success: false, error: 'File type is not accepted. [error-invalid-file-type]', errorType: 'error-invalid-file-type' };
    expect(await post(media(seed.room), form([{ name: 'file', value: bytes(10, 'image/svg+xml'), filename: 'x.svg' }]))).toMatchObject({ status: 400, body: refused });
    expect(await post(media(seed.room), form([{ name: 'file', value: bytes(10), filename: 'y.svg' }]))).toMatchObject({ status: 400, body: refused });
    await control(server.url, 'settings', 'PUT', { FileUpload_MediaTypeWhiteList: 'image/*', FileUpload_MediaTypeBlackList: '' });
    expect(await post(media(seed.room), form([{ name: 'file', value: bytes(10, 'text/plain'), filename: 'z.txt' }]))).toMatchObject({ status: 400, body: refused });
    expect((await post(media(seed.room), form([{ name: 'file', value: bytes(10, 'image/png'), filename: 'z.png' }]))).status).toBe(200);
  });

  it('R9: uploads disabled → 400 error-file-upload-disabled', async () => {
    await control(server.url, 'settings', 'PUT', { FileUpload_Enabled: false });
    expect(await post(media(seed.room), form([{ name: 'file', value: bytes(10) }]))).toMatchObject({
      status: 400, body: { success: false, error: 'File uploads are disabled. [error-file-upload-disabled]', errorType: 'error-file-upload-disabled' },
    });
  });

  it('R10: not multipart → 400 with the parser\'s words (no type, JSON, no boundary), without errorType', async () => {
    const json = await post(media(seed.room), JSON.stringify({ file: 'x' }));
    expect(json).toEqual(expect.objectContaining({ status: 400, body: { success: false, error: 'Unsupported content type: application/json' } }));
    const none = await call(media(seed.room), { method: 'POST', headers: roomsAuth });
    expect(none).toEqual(expect.objectContaining({ status: 400, body: { success: false, error: 'Missing Content-Type' } }));
    const boundless = await call(media(seed.room), { method: 'POST', headers: { ...roomsAuth, 'Content-Type': 'multipart/form-data' }, body: 'x' });
    expect(boundless).toEqual(expect.objectContaining({ status: 400, body: { success: false, error: 'Multipart: Boundary not found' } }));
  });
});

describe('rooms.mediaConfirm (servers.md R11–R17)', () => {
  it('R11: success posts the message: file, attachment with image_alt (8.x), msg and tmid; a small image gets no thumbnail', async () => {
    const id = await upload(seed.room, bytes(500, 'image/png'), 'cat.png');
    const { status, body } = await post(confirm(seed.room, id), JSON.stringify({ msg: 'look', description: 'a cat', tmid: 'T1' }));
    expect(status).toBe(200);
    expect(body.success).toBe(true);
    expect(body.message).toMatchObject({ rid: seed.room, msg: 'look', tmid: 'T1', file: { _id: id, name: 'cat.png' } });
    expect(body.message.files.map((f: { name: string }) => f.name)).toEqual(['cat.png']);
    expect(body.message.attachments[0]).toMatchObject({ title: 'cat.png', title_link: `/file-upload/${id}/cat.png`, image_url: `/file-upload/${id}/cat.png`, image_type: 'image/png', image_size: 500, image_alt: 'a cat', fileId: id });
    const other = await upload(seed.room, bytes(50, 'application/pdf'), 'doc.pdf');
    const pdf = await post(confirm(seed.room, other), JSON.stringify({ description: 'the doc' }));
    expect(pdf.body.message.attachments[0]).toMatchObject({ title: 'doc.pdf', description: 'the doc', format: 'PDF' });
    const list = await call(`${server.url}/api/v1/channels.messages?roomId=${seed.room}`, { headers: roomsAuth });
    expect(list.body.messages[0]._id).toBe(pdf.body.message._id);
  });

  it('R12: missing or wrong token → 401', async () => {
    const id = await upload();
    expect(await post(confirm(seed.room, id), '{}', { 'X-User-Id': seed.user.id, 'X-Auth-Token': 'bad' })).toMatchObject({ status: 401, body: r401 });
  });

  it('R13: no access to the room → 403 unauthorized', async () => {
    const id = await upload();
    expect(await post(confirm(seed.privateRoom, id), '{}')).toMatchObject({ status: 403, body: { success: false, error: 'unauthorized' } });
  });

  it('R14: unknown file ID, another user\'s upload, another room\'s → 400 [invalid-file]', async () => {
    const invalid = { status: 400, body: { success: false, error: '[invalid-file]', errorType: 'invalid-file' } };
    expect(await post(confirm(seed.room, 'nope'), '{}')).toMatchObject(invalid);
    const others = (await post(media(seed.room), form([{ name: 'file', value: bytes(10) }]), { 'X-User-Id': seed.otherUser.id, 'X-Auth-Token': seed.otherUser.token })).body.file._id;
    expect(await post(confirm(seed.room, others), '{}')).toMatchObject(invalid);
    const rid = (await control(server.url, 'rooms', 'POST', { members: ['demo'] })).rid;
    const elsewhere = await upload(rid);
    expect(await post(confirm(seed.room, elsewhere), '{}')).toMatchObject(invalid);
  });

  it('R15: an unknown key, or customFields that is not a string → 400 Match error without errorType', async () => {
    const id = await upload();
    const tshow = await post(confirm(seed.room, id), JSON.stringify({ tshow: true }));
    expect(tshow).toMatchObject({ status: 400, body: { success: false, error: 'Match error: Unknown key in field tshow' } });
    expect(tshow.body.errorType).toBeUndefined();
    const object = await post(confirm(seed.room, id), JSON.stringify({ customFields: { ticket: '42' } }));
    expect(object.status).toBe(400);
    expect(object.body.error).toMatch(/^Match error: /);
  });

  it('R16: description or msg over Message_MaxAllowedSize (5000) → 400 error-message-size-exceeded', async () => {
    const id = await upload();
    const res = await post(confirm(seed.room, id), JSON.stringify({ description: 'x'.repeat(5001) }));
    expect(res).toMatchObject({ status: 400, body: { success: false, error: '[error-message-size-exceeded]' } });
    const msg = await post(confirm(seed.room, id), JSON.stringify({ msg: 'y'.repeat(5001) }));
    expect(msg).toMatchObject({ status: 400, body: { success: false, error: 'Message size exceeds Message_MaxAllowedSize [error-message-size-exceeded]', errorType: 'error-message-size-exceeded', details: { method: 'sendMessage' } } });
    await control(server.url, 'settings', 'PUT', { Message_MaxAllowedSize: 10 });
    expect((await post(confirm(seed.room, id), JSON.stringify({ msg: 'y'.repeat(11) }))).status).toBe(400);
    await control(server.url, 'settings', 'DELETE');
    expect((await post(confirm(seed.room, id), JSON.stringify({ msg: 'y'.repeat(5000) }))).status).toBe(200);
  });

  it('R17: confirming the same file twice posts a second message', async () => {
    const rid = (await control(server.url, 'rooms', 'POST', { members: ['demo'] })).rid;
    const id = await upload(rid);
    expect((await post(confirm(rid, id), '{}')).status).toBe(200);
    expect((await post(confirm(rid, id), '{}')).status).toBe(200);
    const state = await control(server.url, `state?rid=${rid}`);
    expect(state.messages).toHaveLength(2);
    expect(state.counts).toEqual({ 'rooms.media': 1, 'rooms.mediaConfirm': 2 });
  });

  it('CORS: with API_Enable_CORS on, a preflight allows the flows\' headers', async () => {
    await control(server.url, 'settings', 'PUT', { API_Enable_CORS: true });
    const res = await fetch(media(seed.room), { method: 'OPTIONS', headers: { Origin: 'http://x', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'x-auth-token,x-user-id' } });
    await control(server.url, 'settings', 'DELETE');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/X-User-Id.*X-Auth-Token.*x-visitor-token.*Authorization/);
  });
});

describe('faults a test can arm', () => {
  it('drop after N bytes closes the connection mid-body; nothing is stored', async () => {
    const rid = (await control(server.url, 'rooms', 'POST', {})).rid;
    await control(server.url, 'faults', 'POST', { route: 'rooms.media', rid, kind: 'drop', afterBytes: 100_000 });
    expect(await rawUpload(server.url, `/api/v1/rooms.media/${rid}`, roomsAuth, 2_000_000)).toBe('closed');
    expect((await control(server.url, `state?rid=${rid}`)).uploads).toHaveLength(0);
    // used up: the next request goes through
    expect(await rawUpload(server.url, `/api/v1/rooms.media/${rid}`, roomsAuth, 1000)).toBe('answered');
  });

  it('status answers the given status and raw body (a proxy page)', async () => {
    const rid = (await control(server.url, 'rooms', 'POST', {})).rid;
    await control(server.url, 'faults', 'POST', { route: 'rooms.media', rid, kind: 'status', status: 502, body: '<html>Bad Gateway</html>', contentType: 'text/html' });
    const res = await post(media(rid), form([{ name: 'file', value: bytes(10) }]));
    expect(res).toMatchObject({ status: 502, body: '<html>Bad Gateway</html>' });
  });

  it('lose-answer does the work and closes the connection without an answer', async () => {
    const rid = (await control(server.url, 'rooms', 'POST', {})).rid;
    const id = await upload(rid);
    await control(server.url, 'faults', 'POST', { route: 'rooms.mediaConfirm', rid, kind: 'lose-answer' });
    await expect(post(confirm(rid, id), '{}')).rejects.toThrow();
    expect((await control(server.url, `state?rid=${rid}`)).messages).toHaveLength(1);
  });
});
