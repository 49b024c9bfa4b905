import { afterEach, describe, expect, it } from 'vitest';
import { fault, freshLivechatRoom, freshRoom, makeFile, resetServer, seed, serverUrl, sha256, state } from '../support/server.js';
import { testQueue } from '../support/queue-host.js';

describe('the livechat flow, through the core', () => {
  afterEach(resetServer);

  it('L1: one multipart POST with file and description, x-visitor-token; the answer is the posted message', async () => {
    const rid = await freshLivechatRoom();
    const { queue } = testQueue({ flow: 'livechat', context: { roomId: rid, visitorToken: seed.visitor.token } });
    const file = makeFile('hello.txt', 4321, 'text/plain');
    queue.add([file]);
    queue.describe(queue.items[0].id, 'from the visitor');
    const [item] = await queue.send();
    expect(item.status).toBe('done');
    expect(item.response).toMatchObject({ rid, success: true, file: { name: 'hello.txt' } });
    const s = await state(rid);
    expect(s.counts['livechat.upload']).toBe(1);
    expect(s.uploads[0]).toMatchObject({ name: 'hello.txt', size: file.size, sha256: await sha256(file), fields: { description: 'from the visitor' } });
    expect(s.uploads[0].headers['x-visitor-token']).toBe(seed.visitor.token);
    expect(s.uploads[0].headers['x-auth-token']).toBeUndefined();
  });

  it('L6 with the client check off: the server refuses a too-large file and says so', async () => {
    const rid = await freshLivechatRoom();
    await fault('livechat.upload', rid, { kind: 'status', status: 400, body: JSON.stringify({ success: false, error: 'File size exceeds the allowed limit [error-file-too-large]', errorType: 'error-file-too-large' }), contentType: 'application/json' });
    const { queue } = testQueue({ flow: 'livechat', context: { roomId: rid, visitorToken: seed.visitor.token } });
    queue.add([makeFile('big.bin', 10)]);
    const [item] = await queue.send();
    expect(item.error).toMatchObject({ kind: 'too-large', message: 'File size exceeds the allowed limit' });
  });
});

describe('the single flow, through the core', () => {
  afterEach(resetServer);

  it('S1: multipart file + room_id with Authorization; the answer carries the absolute file URL', async () => {
    const rid = await freshRoom();
    const { queue } = testQueue({ flow: 'single', context: { roomId: rid, authToken: seed.single.token } });
    const file = makeFile('report.pdf', 50_000, 'application/pdf');
    queue.add([file]);
    const [item] = await queue.send();
    expect(item.status).toBe('done');
    const response = item.response as { message: string; file_url: string };
    expect(response.message).toBe('File uploaded successfully');
    expect(response.file_url.startsWith('http://')).toBe(true);
    const back = await fetch(response.file_url);
    expect(await sha256(await back.blob())).toBe(await sha256(file));
    const s = await state(rid);
    expect(s.uploads[0].fields).toEqual({ room_id: rid });
    expect(s.uploads[0].headers.authorization).toBe(seed.single.token);
    void serverUrl;
  });

  it('S8: not a member of the room → the server\'s words, the item kept', async () => {
    const { queue } = testQueue({ flow: 'single', context: { roomId: seed.single.foreignRoom, authToken: seed.single.token } });
    queue.add([makeFile('x.bin', 10)]);
    const [item] = await queue.send();
    expect(item.error).toMatchObject({ kind: 'forbidden', status: 403, message: 'You are not a member of this room' });
    expect(queue.items).toHaveLength(1);
  });
});
