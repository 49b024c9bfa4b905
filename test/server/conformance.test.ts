/**
 * Every case of rc-conformance (../shared/rc-conformance/run.mjs), in the project's own tests,
 * each named by its case id: what Rocket.Chat 8.x answers, from its own API tests (A*, D1–D10)
 * and from its source (B*, C*, D11+, E*). E7, the rate limiter, is in limits.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { plainPng } from '../../demo/server/images.ts';
import { call, control, seed, useServer } from './harness.ts';

const server = useServer();
const user = { 'X-User-Id': seed.user.id, 'X-Auth-Token': seed.user.token };
const other = { 'X-User-Id': seed.otherUser.id, 'X-Auth-Token': seed.otherUser.token };
const visitor = { 'x-visitor-token': seed.visitor.token };
const loggedOut = { success: false, error: 'You must be logged in to do this.', status: 'error', message: 'You must be logged in to do this.' };
const forbidden = { success: false, error: 'unauthorized' };

type Upload = { name: string; type: string; data: Uint8Array<ArrayBuffer> };
const png = (name = 'small.png', width = 64, height = 48): Upload => ({ name, type: 'image/png', data: new Uint8Array(plainPng(width, height)) });
const text = (name = 'notes.txt', size = 32, type = 'text/plain'): Upload => ({ name, type, data: new Uint8Array(size).fill(0x61) });
const lst = (): Upload => ({ name: 'lst-test.lst', type: 'application/octet-stream', data: new TextEncoder().encode('line one\nline two\n') });
const svg = (): Upload => ({ name: 'logo.svg', type: 'image/svg+xml', data: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect width="200" height="100"/></svg>') });
const drawio = (): Upload => ({ name: 'diagram.drawio', type: 'application/octet-stream', data: new TextEncoder().encode('<mxfile/>') });
const docx = (): Upload => ({ name: 'report.docx', type: 'application/octet-stream', data: new TextEncoder().encode('PK\u0003\u0004docx') });
/** The start of a baseline JPEG of width×height: SOI, a SOF0 segment, EOI (enough for its size to be read). */
function jpeg(width = 640, height = 480): Upload {
  const sof = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return { name: 'sample-jpeg.jpg', type: 'image/jpeg', data: new Uint8Array([0xff, 0xd8, ...sof, 0xff, 0xd9]) };
}
const e2eContent = JSON.stringify({ algorithm: 'rc.v1.aes-sha2', ciphertext: 'something' });

function body(parts: ({ file: Upload; field?: string } | { field: string; value: string })[]): FormData {
  const form = new FormData();
  for (const part of parts) {
    if ('file' in part) form.append(part.field ?? 'file', new Blob([part.file.data], { type: part.file.type }), part.file.name);
    else form.append(part.field, part.value);
  }
  return form;
}
const media = (rid: string, file?: Upload, { headers = user as Record<string, string>, extra = [] as { field: string; value: string }[], field = 'file' } = {}) =>
  call(`${server.url}/api/v1/rooms.media/${encodeURIComponent(rid)}`, { method: 'POST', headers, body: body([...extra, ...(file ? [{ file, field }] : [])]) });
const confirm = (rid: string, id: string, data?: unknown, headers: Record<string, string> = user) =>
  call(`${server.url}/api/v1/rooms.mediaConfirm/${encodeURIComponent(rid)}/${encodeURIComponent(id)}`, data === undefined ? { method: 'POST', headers } : { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(data) });
const livechat = (rid: string, file?: Upload, { headers = visitor as Record<string, string>, extra = [] as { field: string; value: string }[] } = {}) =>
  call(`${server.url}/api/v1/livechat/upload/${encodeURIComponent(rid)}`, { method: 'POST', headers, body: body([...extra, ...(file ? [{ file }] : [])]) });
async function uploaded(rid: string, file: Upload, headers: Record<string, string> = user, extra: { field: string; value: string }[] = []) {
  const res = await media(rid, file, { headers, extra });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { id: res.body.file._id as string, url: res.body.file.url as string };
}
const set = (values: Record<string, unknown>) => control(server.url, 'settings', 'PUT', values);
const extraRoom = async () => (await control(server.url, 'rooms', 'POST', { members: ['demo'] })).rid as string;
const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers });

afterEach(() => control(server.url, 'settings', 'DELETE'));

describe('A: rooms.media and rooms.mediaConfirm, from Rocket.Chat\'s own API tests', () => {
  it('A1: a file field other than `file` → 400 [invalid-field]', async () => {
    expect(await media(seed.room, png(), { field: 'test' })).toMatchObject({ status: 400, body: { success: false, error: '[invalid-field]', errorType: 'invalid-field' } });
  });
  it('A2: nothing attached (no body) → 400 with an error', async () => {
    const res = await call(`${server.url}/api/v1/rooms.media/${seed.room}`, { method: 'POST', headers: user });
    expect(res.status).toBe(400);
    expect(res.body.error).toBeTruthy();
  });
  it("A2s: no body → 'Missing Content-Type', no errorType", async () => {
    expect((await call(`${server.url}/api/v1/rooms.media/${seed.room}`, { method: 'POST', headers: user })).body).toEqual({ success: false, error: 'Missing Content-Type' });
  });
  it('A3: two files → 400 error-too-many-files', async () => {
    const res = await call(`${server.url}/api/v1/rooms.media/${seed.room}`, { method: 'POST', headers: user, body: body([{ file: png('a.png') }, { file: png('b.png') }]) });
    expect(res).toMatchObject({ status: 400, body: { success: false, errorType: 'error-too-many-files' } });
  });
  it("A3s: two files → 'Too many files in upload [error-too-many-files]'", async () => {
    const res = await call(`${server.url}/api/v1/rooms.media/${seed.room}`, { method: 'POST', headers: user, body: body([{ file: png('a.png') }, { file: png('b.png') }]) });
    expect(res.body.error).toBe('Too many files in upload [error-too-many-files]');
  });
  it('A4a: a PNG → 200 {file:{_id,url},success}', async () => {
    const res = await media(seed.room, png('1024x1024.png', 1024, 1024));
    expect(res).toMatchObject({ status: 200, body: { success: true, file: { _id: expect.any(String), url: expect.any(String) } } });
  });
  it('A4b: the url is relative, /file-upload/<id>/<encodeURI(name)>, and nothing else is in the answer', async () => {
    const res = await media(seed.room, png('1024x1024.png', 1024, 1024));
    expect(res.body).toEqual({ file: { _id: res.body.file._id, url: `/file-upload/${res.body.file._id}/1024x1024.png` }, success: true });
  });
  it('A4c: confirm with no body: one attachment image/png titled by the name; files = [image, thumbnail]', async () => {
    const { id } = await uploaded(seed.room, png('1024x1024.png', 1024, 1024));
    const res = await confirm(seed.room, id);
    expect(res.status).toBe(200);
    expect(res.body.message.attachments).toHaveLength(1);
    expect(res.body.message.attachments[0]).toMatchObject({ image_type: 'image/png', title: '1024x1024.png' });
    expect(res.body.message.files).toHaveLength(2);
    expect(res.body.message.files[0]).toMatchObject({ type: 'image/png', name: '1024x1024.png' });
  });
  it('A4d: the thumbnail is its own upload thumb-<name>; the attachment points at it and has fileId; no unread, mentions, groupable', async () => {
    const { id } = await uploaded(seed.room, png('1024x1024.png', 1024, 1024));
    const { message } = (await confirm(seed.room, id)).body;
    expect(message.file._id).toBe(id);
    expect(message.files[0]).toMatchObject({ _id: id, format: 'png' });
    expect(message.files[1]).toMatchObject({ name: 'thumb-1024x1024.png', type: 'image/png' });
    expect(message.files[1]._id).not.toBe(id);
    const a = message.attachments[0];
    expect(a).toMatchObject({ title_link: `/file-upload/${id}/1024x1024.png`, title_link_download: true, type: 'file', fileId: id, image_dimensions: { width: 1024, height: 1024 } });
    expect(a.image_url).not.toBe(a.title_link);
    expect(a.image_preview).toEqual(expect.any(String));
    expect(a.image_size).toEqual(expect.any(Number));
    for (const key of ['image_alt', 'description']) expect(a).not.toHaveProperty(key);
    for (const key of ['groupable', 'unread']) expect(message).not.toHaveProperty(key);
    expect(message).toMatchObject({ msg: '', rid: seed.room, u: { _id: seed.user.id }, ts: expect.any(String) });
  });
  it('A5a: an LST → 200', async () => {
    expect((await media(seed.room, lst())).status).toBe(200);
  });
  it("A5b: confirm of the LST: attachment format 'LST', its title, files = [one]", async () => {
    const { id } = await uploaded(seed.room, lst());
    const { message } = (await confirm(seed.room, id)).body;
    expect(message.attachments).toHaveLength(1);
    expect(message.attachments[0]).toMatchObject({ format: 'LST', title: 'lst-test.lst' });
    expect(message.files.map((f: { name: string }) => f.name)).toEqual(['lst-test.lst']);
  });
  it("A5c: an octet-stream .lst is stored as text/plain; the generic attachment has size and fileId; files[].format is ''", async () => {
    const { id } = await uploaded(seed.room, lst());
    const { message } = (await confirm(seed.room, id)).body;
    expect(message.files[0]).toMatchObject({ type: 'text/plain', format: '' });
    expect(message.attachments[0]).toMatchObject({ size: lst().data.length, fileId: id });
    expect(message.attachments[0]).not.toHaveProperty('image_url');
  });
  it('A6a: a description of exactly Message_MaxAllowedSize characters → 200', async () => {
    const { id } = await uploaded(seed.room, png('under.png'));
    expect((await confirm(seed.room, id, { description: '1'.repeat(5000) })).status).toBe(200);
  });
  it('A6b: a description one character longer → 400 error-message-size-exceeded', async () => {
    const { id } = await uploaded(seed.room, png('over.png'));
    expect(await confirm(seed.room, id, { description: '1'.repeat(5001) })).toMatchObject({ status: 400, body: { success: false, errorType: 'error-message-size-exceeded' } });
  });
  it("A6c: a long description → error '[error-message-size-exceeded]' (no reason)", async () => {
    const { id } = await uploaded(seed.room, png('over.png'));
    expect((await confirm(seed.room, id, { description: '1'.repeat(5001) })).body.error).toBe('[error-message-size-exceeded]');
  });
  it("A6d: a msg longer than the limit → 'Message size exceeds Message_MaxAllowedSize [error-message-size-exceeded]' with details", async () => {
    await set({ Message_MaxAllowedSize: 10 });
    const { id } = await uploaded(seed.room, png('overmsg.png'));
    expect(await confirm(seed.room, id, { msg: 'x'.repeat(11) })).toMatchObject({
      status: 400, body: { errorType: 'error-message-size-exceeded', error: 'Message size exceeds Message_MaxAllowedSize [error-message-size-exceeded]', details: { method: 'sendMessage' } },
    });
  });
  it('A7: a blocked type (black list text/plain, an .lst) → 400 error-invalid-file-type', async () => {
    await set({ FileUpload_MediaTypeBlackList: 'text/plain' });
    expect(await media(seed.room, lst())).toMatchObject({ status: 400, body: { success: false, errorType: 'error-invalid-file-type' } });
  });
  it("A7s: a blocked type → 'File type is not accepted. [error-invalid-file-type]'", async () => {
    await set({ FileUpload_MediaTypeBlackList: 'text/plain' });
    expect((await media(seed.room, lst())).body.error).toBe('File type is not accepted. [error-invalid-file-type]');
  });
  describe('downloads', () => {
    async function confirmedFile() {
      const rid = await extraRoom();
      const up = await uploaded(rid, png('getme.png'));
      await confirm(rid, up.id);
      return up.url;
    }
    it('A8a: GET the file-upload URL with credentials → 200 image/png', async () => {
      const res = await get(await confirmedFile(), user);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^image\/png/);
    });
    it('A8b: GET the legacy /ufs/GridFS:Uploads/<id>/<name> → 200 image/png', async () => {
      const res = await get((await confirmedFile()).replace('/file-upload/', '/ufs/GridFS:Uploads/'), user);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^image\/png/);
    });
    it('A8c: GET the file without credentials → 403 (FileUpload_ProtectFiles on by default)', async () => {
      expect((await get(await confirmedFile())).status).toBe(403);
    });
    it('A8d: GET the file as a non-member → 403 (FileUpload_Restrict_to_room_members on by default)', async () => {
      expect((await get(await confirmedFile(), other)).status).toBe(403);
    });
    it('A8e: GET as a non-member with Restrict_to_room_members off → 200', async () => {
      const url = await confirmedFile();
      await set({ FileUpload_Restrict_to_room_members: false });
      expect((await get(url, other)).status).toBe(200);
    });
    it('A8f: GET without credentials with ProtectFiles off → 200', async () => {
      const url = await confirmedFile();
      await set({ FileUpload_ProtectFiles: false });
      const res = await get(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^image\/png/);
    });
  });
  it('A9: an SVG: files has {image/png, thumb-logo.svg}; the attachment image_url serves image/png', async () => {
    await set({ FileUpload_MediaTypeBlackList: '' });
    const { id } = await uploaded(seed.room, svg());
    const { message } = (await confirm(seed.room, id)).body;
    expect(message.files).toContainEqual(expect.objectContaining({ type: 'image/png', name: 'thumb-logo.svg' }));
    const att = message.attachments.find((a: { title: string }) => a.title === 'logo.svg');
    expect((await get(att.image_url, user)).headers.get('content-type')).toMatch(/^image\/png/);
  });
  it('A10: a JPEG 640×480: files has {image/jpeg, thumb-sample-jpeg.jpg}; image_url serves image/jpeg', async () => {
    const { id } = await uploaded(seed.room, jpeg());
    const { message } = (await confirm(seed.room, id)).body;
    expect(message.files).toContainEqual(expect.objectContaining({ type: 'image/jpeg', name: 'thumb-sample-jpeg.jpg' }));
    const att = message.attachments.find((a: { title: string }) => a.title === 'sample-jpeg.jpg');
    expect((await get(att.image_url, user)).headers.get('content-type')).toMatch(/^image\/jpeg/);
  });
  it('A10s: a 64×48 PNG (inside the 480×360 box) gets no thumbnail: files = [one]', async () => {
    const { id } = await uploaded(seed.room, png('tiny.png'));
    const { message } = (await confirm(seed.room, id)).body;
    expect(message.files).toHaveLength(1);
    expect(message.attachments[0].image_url).toBe(`/file-upload/${id}/tiny.png`);
  });
  it("A11: an image with a description → attachments[0].image_alt, files = 2", async () => {
    const { id } = await uploaded(seed.room, png('1024x1024.png', 1024, 1024));
    const { message } = (await confirm(seed.room, id, { description: 'some_file_description' })).body;
    expect(message.attachments[0]).toMatchObject({ image_type: 'image/png', title: '1024x1024.png', image_alt: 'some_file_description' });
    expect(message.files).toHaveLength(2);
  });
  it('A11s: an image description is image_alt only (8.x)', async () => {
    const { id } = await uploaded(seed.room, png('1024x1024.png', 1024, 1024));
    expect((await confirm(seed.room, id, { description: 'x' })).body.message.attachments[0]).not.toHaveProperty('description');
  });
  it('A11t: a non-image with a description → attachments[0].description', async () => {
    const { id } = await uploaded(seed.room, text('desc.txt'));
    const a = (await confirm(seed.room, id, { description: 'about the file' })).body.message.attachments[0];
    expect(a.description).toBe('about the file');
    expect(a).not.toHaveProperty('image_alt');
  });
  it('A12a: an encrypted upload (a content field) → 200', async () => {
    expect((await media(seed.room, drawio(), { extra: [{ field: 'content', value: e2eContent }] })).status).toBe(200);
  });
  it("A12b: confirm of the encrypted file → files = [{application/octet-stream, 'diagram.drawio'}]", async () => {
    const { id } = await uploaded(seed.room, drawio(), user, [{ field: 'content', value: e2eContent }]);
    const { message } = (await confirm(seed.room, id)).body;
    expect(message.files).toEqual([expect.objectContaining({ type: 'application/octet-stream', name: 'diagram.drawio' })]);
  });
  it('A12c: an encrypted upload sent as image/jpeg is stored as application/octet-stream, with no thumbnail', async () => {
    const { id } = await uploaded(seed.room, jpeg(), user, [{ field: 'content', value: e2eContent }]);
    expect((await confirm(seed.room, id)).body.message.files).toEqual([expect.objectContaining({ type: 'application/octet-stream', name: 'sample-jpeg.jpg' })]);
  });
  it("A12d: `content` that is not JSON → 400 '[invalid-field-content]'", async () => {
    expect(await media(seed.room, drawio(), { extra: [{ field: 'content', value: '{not json' }] })).toMatchObject({ status: 400, body: { error: '[invalid-field-content]', errorType: 'invalid-field-content' } });
  });
  it('A13: an encrypted upload with E2E_Enable_Encrypt_Files off → 400 error-invalid-file-type', async () => {
    await set({ E2E_Enable_Encrypt_Files: false });
    expect(await media(seed.room, drawio(), { extra: [{ field: 'content', value: e2eContent }] })).toMatchObject({ status: 400, body: { errorType: 'error-invalid-file-type' } });
  });
  it('A14: an encrypted upload with application/octet-stream blocked → 400 error-invalid-file-type', async () => {
    await set({ FileUpload_MediaTypeBlackList: 'application/octet-stream' });
    expect(await media(seed.room, drawio(), { extra: [{ field: 'content', value: e2eContent }] })).toMatchObject({ status: 400, body: { errorType: 'error-invalid-file-type' } });
  });
  it('A15: confirm {msg} → message.msg and message.file._id', async () => {
    const { id } = await uploaded(seed.room, png('clean.png'));
    expect((await confirm(seed.room, id, { msg: 'message with file only' })).body.message).toMatchObject({ msg: 'message with file only', file: { _id: id }, rid: seed.room });
  });
});

describe('B: rooms.media, from Rocket.Chat\'s source', () => {
  const path = `/api/v1/rooms.media/${seed.room}`;
  it('B1: without credentials → 401 with the 8.x body', async () => {
    expect(await call(`${server.url}${path}`, { method: 'POST' })).toMatchObject({ status: 401, body: loggedOut });
  });
  it('B2: with a wrong token → 401', async () => {
    expect(await call(`${server.url}${path}`, { method: 'POST', headers: { ...user, 'X-Auth-Token': 'wrong-token' } })).toMatchObject({ status: 401, body: loggedOut });
  });
  it("B3: to an unknown room → 403 {success:false, error:'unauthorized'}", async () => {
    expect(await call(`${server.url}/api/v1/rooms.media/no-such-room`, { method: 'POST', headers: user })).toEqual(expect.objectContaining({ status: 403, body: forbidden }));
  });
  it('B4: to a private room the user is not in → 403 unauthorized', async () => {
    expect(await call(`${server.url}/api/v1/rooms.media/${seed.privateRoom}`, { method: 'POST', headers: user })).toEqual(expect.objectContaining({ status: 403, body: forbidden }));
  });
  const big = () => text('big.bin', 4 * 1024 * 1024, 'application/octet-stream');
  it('B12a: a 4 MiB rooms.media without credentials still gets its 401 answer', async () => {
    expect(await media(seed.room, big(), { headers: {} })).toMatchObject({ status: 401, body: loggedOut });
  });
  it('B12b: a 4 MiB rooms.media to an unknown room still gets its 403 answer', async () => {
    expect(await media('no-such-room', big())).toMatchObject({ status: 403, body: forbidden });
  });
  it('B12c: a 4 MiB livechat/upload with an unknown visitor token still gets its 403 answer', async () => {
    expect((await livechat(seed.visitor.room, big(), { headers: { 'x-visitor-token': 'nobody' } })).status).toBe(403);
  });
  it("B5: a JSON body → 400 'Unsupported content type: application/json' (no errorType)", async () => {
    expect((await call(`${server.url}${path}`, { method: 'POST', headers: { ...user, 'Content-Type': 'application/json' }, body: '{"file":"x"}' })).body).toEqual({ success: false, error: 'Unsupported content type: application/json' });
  });
  it("B5b: multipart without a boundary → 400 'Multipart: Boundary not found'", async () => {
    expect(await call(`${server.url}${path}`, { method: 'POST', headers: { ...user, 'Content-Type': 'multipart/form-data' }, body: 'x' })).toMatchObject({ status: 400, body: { success: false, error: 'Multipart: Boundary not found' } });
  });
  it("B13: a text field but no file part → 400 'No file uploaded [error-no-file]'", async () => {
    expect((await media(seed.room, undefined, { extra: [{ field: 'msg', value: 'just text' }] })).body).toEqual({ success: false, error: 'No file uploaded [error-no-file]', errorType: 'error-no-file' });
  });
  it("B6: a 0-byte file → 400 'File size (size = 0) is too small (min = 1) [file-too-small]'", async () => {
    expect(await media(seed.room, text('empty.txt', 0))).toMatchObject({ status: 400, body: { errorType: 'file-too-small', error: 'File size (size = 0) is too small (min = 1) [file-too-small]' } });
  });
  it('B7a: FileUpload_MaxFileSize 1000: exactly 1000 bytes → 200', async () => {
    await set({ FileUpload_MaxFileSize: 1000 });
    expect((await media(seed.room, text('exact.txt', 1000))).status).toBe(200);
  });
  it("B7b: FileUpload_MaxFileSize 1000: 1001 bytes → 'File size exceeds the allowed limit [error-file-too-large]'", async () => {
    await set({ FileUpload_MaxFileSize: 1000 });
    expect(await media(seed.room, text('over.txt', 1001))).toMatchObject({ status: 400, body: { errorType: 'error-file-too-large', error: 'File size exceeds the allowed limit [error-file-too-large]' } });
  });
  it("B7c: FileUpload_MaxFileSize 0: any non-empty file → 'File size exceeds upload limit of 0 B. [error-file-too-large]'", async () => {
    await set({ FileUpload_MaxFileSize: 0 });
    expect(await media(seed.room, text('tiny.txt', 10))).toMatchObject({ status: 400, body: { errorType: 'error-file-too-large', error: 'File size exceeds upload limit of 0 B. [error-file-too-large]' } });
  });
  it('B7d: FileUpload_MaxFileSize -1: no limit → 200', async () => {
    await set({ FileUpload_MaxFileSize: -1 });
    expect((await media(seed.room, text('free.txt', 2048))).status).toBe(200);
  });
  it("B8: FileUpload_Enabled off → 'File uploads are disabled. [error-file-upload-disabled]'", async () => {
    await set({ FileUpload_Enabled: false });
    expect(await media(seed.room, png())).toMatchObject({ status: 400, body: { errorType: 'error-file-upload-disabled', error: 'File uploads are disabled. [error-file-upload-disabled]' } });
  });
  it('B8b: disabled and too large → the size error wins (the parser runs first)', async () => {
    await set({ FileUpload_Enabled: false, FileUpload_MaxFileSize: 1000 });
    expect((await media(seed.room, text('big.txt', 1500))).body.errorType).toBe('error-file-too-large');
  });
  it('B9a: the type comes from the name when sent as application/octet-stream (notes.txt → text/plain, blocked)', async () => {
    await set({ FileUpload_MediaTypeBlackList: 'text/plain' });
    expect((await media(seed.room, text('notes.txt', 20, 'application/octet-stream'))).body.errorType).toBe('error-invalid-file-type');
  });
  it("B9b: an unknown declared type is replaced by the name's (application/x-unknown + .txt → text/plain, blocked)", async () => {
    await set({ FileUpload_MediaTypeBlackList: 'text/plain' });
    expect((await media(seed.room, text('notes2.txt', 20, 'application/x-rcconf-unknown'))).body.errorType).toBe('error-invalid-file-type');
  });
  it('B9c: white list image/*: a PNG → 200', async () => {
    await set({ FileUpload_MediaTypeWhiteList: 'image/*', FileUpload_MediaTypeBlackList: '' });
    expect((await media(seed.room, png())).status).toBe(200);
  });
  it('B9d: white list image/*: a PDF → 400 error-invalid-file-type', async () => {
    await set({ FileUpload_MediaTypeWhiteList: 'image/*', FileUpload_MediaTypeBlackList: '' });
    expect((await media(seed.room, { name: 'doc.pdf', type: 'application/pdf', data: new TextEncoder().encode('%PDF-1.4') })).body.errorType).toBe('error-invalid-file-type');
  });
  it('B9e: white list image/*: a .docx sent as octet-stream is mapped to its Office type → 400', async () => {
    await set({ FileUpload_MediaTypeWhiteList: 'image/*', FileUpload_MediaTypeBlackList: '' });
    expect((await media(seed.room, docx())).body.errorType).toBe('error-invalid-file-type');
  });
  it('B9f: white list = the docx type: a .docx sent as octet-stream → 200', async () => {
    await set({ FileUpload_MediaTypeWhiteList: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', FileUpload_MediaTypeBlackList: '' });
    expect((await media(seed.room, docx())).status).toBe(200);
  });
  const utf8 = 'résumé ✓ 2024.txt';
  it('B10a: a UTF-8 file name: url = /file-upload/<id>/<encodeURI(name)>', async () => {
    const res = await media(seed.room, text(utf8, 12));
    expect(res.body.file.url).toBe(`/file-upload/${res.body.file._id}/${encodeURI(utf8)}`);
  });
  it('B10b: a UTF-8 file name: the message keeps the exact name', async () => {
    const { id } = await uploaded(seed.room, text(utf8, 12));
    expect((await confirm(seed.room, id)).body.message).toMatchObject({ file: { name: utf8 }, attachments: [{ title: utf8 }] });
  });
  it('B10c: the url is encodeURI\'d (& , + = kept as they are)', async () => {
    const res = await media(seed.room, text('a&b, c+d=e.txt', 12));
    expect(res.body.file.url).toBe(`/file-upload/${res.body.file._id}/a&b,%20c+d=e.txt`);
  });
  it('B11: rooms.media ignores every form field but file and content (msg, description, tmid are for the confirm)', async () => {
    const { id } = await uploaded(seed.room, png('fields.png'), user, [{ field: 'msg', value: 'ignored' }, { field: 'description', value: 'ignored' }, { field: 'tmid', value: 'nope' }]);
    const { message } = (await confirm(seed.room, id)).body;
    expect(message.msg).toBe('');
    expect(message.attachments[0]).not.toHaveProperty('image_alt');
    expect(message.attachments[0]).not.toHaveProperty('description');
    expect(message).not.toHaveProperty('tmid');
  });
});

describe('C: rooms.mediaConfirm, from Rocket.Chat\'s source', () => {
  const fresh = async (name = 'c.png') => (await uploaded(seed.room, png(name))).id;
  it('C1: confirm without credentials → 401', async () => {
    expect(await confirm(seed.room, await fresh(), {}, {})).toMatchObject({ status: 401, body: loggedOut });
  });
  it("C3: an unknown fileId → 400 '[invalid-file]'", async () => {
    expect((await confirm(seed.room, 'no-such-file', {})).body).toEqual({ success: false, error: '[invalid-file]', errorType: 'invalid-file' });
  });
  it("C6: an unknown key (tshow) → 'Match error: Unknown key in field tshow', no errorType", async () => {
    expect((await confirm(seed.room, await fresh(), { tshow: true })).body).toEqual({ success: false, error: 'Match error: Unknown key in field tshow' });
  });
  it("C7: customFields as an object → 'Match error: Expected string, got object in field customFields'", async () => {
    expect((await confirm(seed.room, await fresh(), { customFields: { ticket: '42' } })).body).toEqual({ success: false, error: 'Match error: Expected string, got object in field customFields' });
  });
  it("C9: groupable 'true' (a string) → 'Match error: Expected boolean, got string in field groupable'", async () => {
    expect((await confirm(seed.room, await fresh(), { groupable: 'true' })).body).toEqual({ success: false, error: 'Match error: Expected boolean, got string in field groupable' });
  });
  it("C12: msg a number → 'Match error: Expected string, got number in field msg'", async () => {
    expect((await confirm(seed.room, await fresh(), { msg: 42 })).body).toEqual({ success: false, error: 'Match error: Expected string, got number in field msg' });
  });
  it("C14: customFields an invalid JSON string → 400, the parser's message, no errorType", async () => {
    const res = await confirm(seed.room, await fresh(), { customFields: '{bad json' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/JSON/);
    expect(res.body).not.toHaveProperty('errorType');
  });
  it('C15: an unknown key with an unknown fileId → invalid-file (the file is looked up first)', async () => {
    expect((await confirm(seed.room, 'no-such-file', { tshow: true })).body.errorType).toBe('invalid-file');
  });
  it("C8a: customFields while Message_CustomFields_Enabled is off (the default) → 'Custom fields not enabled'", async () => {
    expect((await confirm(seed.room, await fresh(), { customFields: JSON.stringify({ ticket: '42' }) })).body).toEqual({ success: false, error: 'Custom fields not enabled' });
  });
  it("C17: alias from a user without message-impersonate → 'Not enough permission'", async () => {
    expect((await confirm(seed.room, await fresh(), { alias: 'Bot' })).body).toEqual({ success: false, error: 'Not enough permission' });
    expect((await confirm(seed.room, await fresh(), { avatar: 'http://x/a.png' })).body).toEqual({ success: false, error: 'Not enough permission' });
    await control(server.url, 'permissions', 'PUT', { user: 'demo', add: ['message-impersonate'] });
    expect((await confirm(seed.room, await fresh(), { alias: 'Bot' })).body.message.alias).toBe('Bot');
  });
  it('C18: emoji + groupable → 200; emoji set; groupable left out of the answer', async () => {
    const { message } = (await confirm(seed.room, await fresh(), { emoji: ':smile:', groupable: true })).body;
    expect(message.emoji).toBe(':smile:');
    expect(message).not.toHaveProperty('groupable');
  });
  const schema = JSON.stringify({ type: 'object', properties: { ticket: { type: 'string' } }, additionalProperties: false });
  it('C8b: customFields matching Message_CustomFields when enabled → 200, message.customFields is the object', async () => {
    await set({ Message_CustomFields_Enabled: true, Message_CustomFields: schema });
    expect((await confirm(seed.room, await fresh('cf.png'), { customFields: JSON.stringify({ ticket: '42' }) })).body.message.customFields).toEqual({ ticket: '42' });
  });
  it("C8c: customFields not matching Message_CustomFields → 400 'Invalid custom fields…'", async () => {
    await set({ Message_CustomFields_Enabled: true, Message_CustomFields: schema });
    const res = await confirm(seed.room, await fresh('cf2.png'), { customFields: JSON.stringify({ other: 1 }) });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/^Invalid custom fields/);
  });
  it('C2: confirm into a room the user cannot access → 403 unauthorized', async () => {
    expect(await confirm(seed.privateRoom, await fresh(), {})).toMatchObject({ status: 403, body: forbidden });
  });
  it("C4: another user's upload in the same room → 400 [invalid-file]", async () => {
    const theirs = await uploaded(seed.room, png('theirs.png'), other);
    expect((await confirm(seed.room, theirs.id, {})).body).toMatchObject({ errorType: 'invalid-file', error: '[invalid-file]' });
  });
  it('C5: an upload of another room (rid mismatch) → 400 [invalid-file]', async () => {
    expect((await confirm(await extraRoom(), await fresh(), {})).body.errorType).toBe('invalid-file');
  });
  it('C10a: confirm {msg} → message.msg', async () => {
    expect((await confirm(seed.room, await fresh(), { msg: 'hello' })).body.message.msg).toBe('hello');
  });
  it('C10b: confirm {tmid} → message.tmid (a thread reply)', async () => {
    const parent = (await confirm(seed.room, await fresh(), { msg: 'hello' })).body.message._id;
    expect((await confirm(seed.room, await fresh('reply.png'), { tmid: parent })).body.message.tmid).toBe(parent);
  });
  it('C11: the same file confirmed twice → 200 both times', async () => {
    const id = await fresh('twice.png');
    for (let i = 0; i < 2; i++) expect(await confirm(seed.room, id, {})).toMatchObject({ status: 200, body: { message: { file: { _id: id } } } });
  });
  it('C11b: after two confirms of one file the room holds two messages with it', async () => {
    const id = await fresh('twice.png');
    await confirm(seed.room, id, {});
    await confirm(seed.room, id, {});
    const list = await call(`${server.url}/api/v1/channels.messages?roomId=${seed.room}&count=50`, { headers: user });
    expect(list.body.messages.filter((m: { file?: { _id: string } }) => m.file?._id === id)).toHaveLength(2);
  });
  it('C13: [8.6+] confirm {fileName} renames the file: message.file.name and the attachment title', async () => {
    expect((await confirm(seed.room, await fresh('before-rename.png'), { fileName: 'renamed.png' })).body.message).toMatchObject({ file: { name: 'renamed.png' }, attachments: [{ title: 'renamed.png' }] });
  });
  it('C16: rooms.upload (the one-step endpoint) is gone in 8.x → 404', async () => {
    expect((await call(`${server.url}/api/v1/rooms.upload/${seed.room}`, { method: 'POST', headers: user, body: body([{ file: png() }]) })).status).toBe(404);
  });
});

describe('D: livechat/upload', () => {
  it('D1: without x-visitor-token → 403', async () => {
    expect((await livechat('test', png('sample.png'), { headers: user })).status).toBe(403);
  });
  it('D2: with an invalid visitor token → 403', async () => {
    expect((await livechat('test', png('sample.png'), { headers: { ...user, 'x-visitor-token': 'invalid-token' } })).status).toBe(403);
  });
  it('D3: the visitor exists, the room is invalid → 403 unauthorized', async () => {
    expect(await livechat('test', png('sample.png'), { headers: { ...user, ...visitor } })).toMatchObject({ status: 403, body: forbidden });
  });
  it('D4: no file attached → 400', async () => {
    expect((await call(`${server.url}/api/v1/livechat/upload/${seed.visitor.room}`, { method: 'POST', headers: visitor })).status).toBe(400);
  });
  it("D4s: no body → {success:false, error:'Missing Content-Type'}", async () => {
    expect((await call(`${server.url}/api/v1/livechat/upload/${seed.visitor.room}`, { method: 'POST', headers: visitor })).body).toEqual({ success: false, error: 'Missing Content-Type' });
  });
  it('D8: an image with valid params → 200', async () => {
    expect((await livechat(seed.visitor.room, png('sample.png'))).status).toBe(200);
  });
  it('D8s: the answer is the message (+newRoom, showConnecting); files = [one]; the image attachment has no format and no image_alt', async () => {
    const { body: m } = await livechat(seed.visitor.room, png('sample.png'));
    expect(m).toMatchObject({ success: true, rid: seed.visitor.room, msg: '', token: seed.visitor.token, file: { name: 'sample.png', type: 'image/png' }, newRoom: false, showConnecting: false });
    expect(m.files.map((f: { name: string }) => f.name)).toEqual(['sample.png']);
    expect(m.attachments[0]).toMatchObject({ title: 'sample.png', image_type: 'image/png', title_link: `/file-upload/${m.file._id}/sample.png`, image_url: `/file-upload/${m.file._id}/sample.png` });
    expect(m.attachments[0]).not.toHaveProperty('format');
    expect(m.attachments[0]).not.toHaveProperty('image_alt');
  });
  const download = async (token: string) => {
    const { body: m } = await livechat(seed.visitor.room, png('sample.png'));
    return get(`/file-upload/${m.files[0]._id}/sample.png?rc_token=${token}&rc_room_type=l&rc_rid=${seed.visitor.room}`);
  };
  it('D9: the visitor downloads the file with rc_token, rc_room_type=l, rc_rid → 200', async () => {
    expect((await download(seed.visitor.token)).status).toBe(200);
  });
  it("D10: another visitor's token cannot download it → 403", async () => {
    expect((await download(seed.otherVisitor.token)).status).toBe(403);
  });
  it('D16: the description → attachments[0].description (images too: no image_alt); msg → message.msg', async () => {
    const { body: m } = await livechat(seed.visitor.room, png('withdesc.png'), { extra: [{ field: 'description', value: 'a photo' }, { field: 'msg', value: 'see this' }] });
    expect(m.attachments[0].description).toBe('a photo');
    expect(m.attachments[0]).not.toHaveProperty('image_alt');
    expect(m.msg).toBe('see this');
  });
  it('D17: a 0-byte file → 400 [file-too-small]', async () => {
    expect((await livechat(seed.visitor.room, text('empty.txt', 0))).body.errorType).toBe('file-too-small');
  });
  it('D5: FileUpload on, Livechat_fileupload_enabled off → 400', async () => {
    await set({ Livechat_fileupload_enabled: false });
    expect((await livechat(seed.visitor.room, png())).status).toBe(400);
  });
  it("D5s: livechat uploads off → {reason:'error-file-upload-disabled', success:false} (no error key)", async () => {
    await set({ Livechat_fileupload_enabled: false });
    expect((await livechat(seed.visitor.room, png())).body).toEqual({ reason: 'error-file-upload-disabled', success: false });
  });
  it('D11: livechat uploads off and no x-visitor-token → 403 (the token\'s presence comes first)', async () => {
    await set({ Livechat_fileupload_enabled: false });
    expect((await livechat(seed.visitor.room, png(), { headers: {} })).status).toBe(403);
  });
  it('D6: livechat uploads on, FileUpload_Enabled off → 400', async () => {
    await set({ FileUpload_Enabled: false });
    expect((await livechat(seed.visitor.room, png())).status).toBe(400);
  });
  it('D7: both upload settings off → 400', async () => {
    await set({ FileUpload_Enabled: false, Livechat_fileupload_enabled: false });
    expect((await livechat(seed.visitor.room, png())).status).toBe(400);
  });
  it("D14: larger than the limit → 400 'File size exceeds the allowed limit [error-file-too-large]'", async () => {
    await set({ FileUpload_MaxFileSize: 1000 });
    expect((await livechat(seed.visitor.room, text('big.txt', 1001))).body).toMatchObject({ error: 'File size exceeds the allowed limit [error-file-too-large]', errorType: 'error-file-too-large' });
  });
  it('D18: FileUpload_MaxFileSize 0 → every non-empty file is refused too', async () => {
    await set({ FileUpload_MaxFileSize: 0 });
    expect((await livechat(seed.visitor.room, text('small.txt', 10))).body.errorType).toBe('error-file-too-large');
  });
  it("D15: a blocked type → 400 {reason:'error-type-not-allowed', success:false}", async () => {
    await set({ FileUpload_MediaTypeBlackList: 'text/plain' });
    expect((await livechat(seed.visitor.room, text('notes.txt'))).body).toEqual({ reason: 'error-type-not-allowed', success: false });
  });
  it("D12: the visitor's closed room → 403", async () => {
    expect(await livechat(seed.closedLivechatRoom, png())).toMatchObject({ status: 403, body: forbidden });
  });
  it("D13: another visitor's room → 403", async () => {
    expect(await livechat(seed.otherVisitor.room, png())).toMatchObject({ status: 403, body: forbidden });
  });
});

describe('E: settings and CORS', () => {
  it('E1: settings.public?_id=… (no auth) → the four settings with count, offset, total, sorted by _id', async () => {
    const res = await call(`${server.url}/api/v1/settings.public?_id=FileUpload_Enabled,FileUpload_MaxFileSize,FileUpload_MediaTypeWhiteList,FileUpload_MediaTypeBlackList`);
    expect(res.body).toEqual({
      settings: [
        { _id: 'FileUpload_Enabled', value: true }, { _id: 'FileUpload_MaxFileSize', value: 104857600 },
        { _id: 'FileUpload_MediaTypeBlackList', value: 'image/svg+xml' }, { _id: 'FileUpload_MediaTypeWhiteList', value: '' },
      ],
      count: 4, offset: 0, total: 4, success: true,
    });
  });
  it('E2: settings.public serves Message_MaxAllowedSize and FileUpload_Enabled_Direct too', async () => {
    const res = await call(`${server.url}/api/v1/settings.public?_id=Message_MaxAllowedSize,FileUpload_Enabled_Direct`);
    expect(res.body).toMatchObject({ count: 2, settings: [{ _id: 'FileUpload_Enabled_Direct', value: true }, { _id: 'Message_MaxAllowedSize', value: 5000 }] });
  });
  it('E3: settings.public with an unknown query parameter → 400', async () => {
    expect(await call(`${server.url}/api/v1/settings.public?_id=FileUpload_Enabled&fields=x`)).toMatchObject({ status: 400, body: { success: false } });
  });
  it('E4: livechat/config → config.settings.fileUpload (a boolean)', async () => {
    expect((await call(`${server.url}/api/v1/livechat/config?token=${seed.visitor.token}`)).body).toMatchObject({ success: true, config: { settings: { fileUpload: true } } });
  });
  it('E5: a non-preflight answer has Access-Control-Allow-Origin: * and no Access-Control-Expose-Headers', async () => {
    const res = await confirm(seed.room, 'no-such-file', {}, { ...user, Origin: 'https://example.org' });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toBeNull();
  });
  it("E6: a preflight with API_Enable_CORS off (the default) → 405 'CORS not enabled…'", async () => {
    const res = await fetch(`${server.url}/api/v1/rooms.media/${seed.room}`, { method: 'OPTIONS', headers: { Origin: 'https://example.org', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'x-user-id,x-auth-token' } });
    expect(res.status).toBe(405);
    expect(await res.text()).toBe('CORS not enabled. Go to "Admin > General > REST Api" to enable it.');
  });
});
