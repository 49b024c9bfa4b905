import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { bytes, call, control, form, seed, useServer } from './harness.ts';

const server = useServer();
const upload = (rid: string, body: FormData, token: string | null = seed.visitor.token) =>
  call(`${server.url}/api/v1/livechat/upload/${rid}`, { method: 'POST', headers: token ? { 'x-visitor-token': token } : {}, body });
const file = (blob = bytes(100, 'text/plain'), name = 'note.txt') => form([{ name: 'file', value: blob, filename: name }, { name: 'description', value: 'for support' }]);
const forbidden = { status: 403, body: { success: false, error: 'unauthorized' } };

describe('livechat/upload (servers.md L1–L8)', () => {
  afterEach(() => control(server.url, 'settings', 'DELETE'));

  it('L1: success → the posted message with file, attachment description and the visitor token', async () => {
    const blob = bytes(3000, 'image/png');
    const { status, body } = await upload(seed.visitor.room, form([{ name: 'file', value: blob, filename: 'shot.png' }, { name: 'description', value: 'my screen' }, { name: 'msg', value: 'hi' }]));
    expect(status).toBe(200);
    expect(body).toMatchObject({ rid: seed.visitor.room, msg: 'hi', token: seed.visitor.token, file: { name: 'shot.png', type: 'image/png' }, newRoom: false, showConnecting: false, success: true });
    expect(body.attachments[0]).toMatchObject({ title: 'shot.png', description: 'my screen' });
    expect(body.attachments[0].title_link).toMatch(/^\/file-upload\//);
    const back = await fetch(`${server.url}${body.attachments[0].title_link}?rc_token=${seed.visitor.token}&rc_room_type=l&rc_rid=${seed.visitor.room}`);
    const hash = (b: ArrayBuffer) => createHash('sha256').update(Buffer.from(b)).digest('hex');
    expect(hash(await back.arrayBuffer())).toBe(hash(await blob.arrayBuffer()));
    const history = await call(`${server.url}/api/v1/livechat/messages.history/${seed.visitor.room}?token=${seed.visitor.token}`);
    expect(history.body.messages.at(-1)._id).toBe(body._id);
  });

  it('L2: no x-visitor-token header → 403 unauthorized', async () => {
    expect(await upload(seed.visitor.room, file(), null)).toMatchObject(forbidden);
  });

  it('L3: uploads disabled → 400 {reason: error-file-upload-disabled}, checked after the token\'s presence', async () => {
    await control(server.url, 'settings', 'PUT', { Livechat_fileupload_enabled: false });
    const res = await upload(seed.visitor.room, file());
    expect(res).toMatchObject({ status: 400 });
    expect(res.body).toEqual({ reason: 'error-file-upload-disabled', success: false });
    expect(await upload(seed.visitor.room, file(), null)).toMatchObject(forbidden);
  });

  it('L4: an unknown visitor token → 403 unauthorized', async () => {
    expect(await upload(seed.visitor.room, file(), 'who-is-this')).toMatchObject(forbidden);
  });

  it('L5: a room unknown, closed, or another visitor\'s → 403 unauthorized', async () => {
    for (const rid of ['no-room', seed.closedLivechatRoom, seed.otherVisitor.room]) expect(await upload(rid, file())).toMatchObject(forbidden);
  });

  it('L6: larger than the limit → 400 error-file-too-large; a limit of 0 refuses every non-empty file', async () => {
    await control(server.url, 'settings', 'PUT', { FileUpload_MaxFileSize: 50 });
    expect(await upload(seed.visitor.room, file(bytes(51)))).toMatchObject({
      status: 400, body: { success: false, error: 'File size exceeds the allowed limit [error-file-too-large]', errorType: 'error-file-too-large' },
    });
    await control(server.url, 'settings', 'PUT', { FileUpload_MaxFileSize: 0 });
    expect(await upload(seed.visitor.room, file(bytes(5000)))).toMatchObject({ status: 400, body: { errorType: 'error-file-too-large', error: 'File size exceeds upload limit of 0 B. [error-file-too-large]' } });
  });

  it('L7: no file → 400 error-no-file', async () => {
    expect(await upload(seed.visitor.room, form([{ name: 'description', value: 'x' }]))).toMatchObject({
      status: 400, body: { success: false, error: 'No file uploaded [error-no-file]', errorType: 'error-no-file' },
    });
  });

  it('L8: a refused type → 400 {reason: error-type-not-allowed}, no error key', async () => {
    const res = await upload(seed.visitor.room, file(bytes(10, 'image/svg+xml'), 'x.svg'));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ reason: 'error-type-not-allowed', success: false });
  });

  it('settings: settings.public answers the asked keys sorted by _id; livechat/config says whether uploads are on', async () => {
    const keys = 'FileUpload_Enabled,FileUpload_MaxFileSize,FileUpload_MediaTypeWhiteList,FileUpload_MediaTypeBlackList';
    const { body } = await call(`${server.url}/api/v1/settings.public?_id=${keys}`);
    expect(body).toEqual({
      settings: [
        { _id: 'FileUpload_Enabled', value: true },
        { _id: 'FileUpload_MaxFileSize', value: 104857600 },
        { _id: 'FileUpload_MediaTypeBlackList', value: 'image/svg+xml' },
        { _id: 'FileUpload_MediaTypeWhiteList', value: '' },
      ],
      count: 4, offset: 0, total: 4, success: true,
    });
    expect((await call(`${server.url}/api/v1/livechat/config`)).body).toEqual({ config: { enabled: true, settings: { fileUpload: true } }, success: true });
  });
});
