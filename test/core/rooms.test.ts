import { afterEach, describe, expect, it } from 'vitest';
import { fault, freshRoom, makeFile, resetServer, seed, serverUrl, sha256, state, until } from '../support/server.js';
import { testQueue, type TestHostOptions } from '../support/queue-host.js';
import type { UploadItem } from '../../src/core/types.js';

const demoUser = { userId: seed.user.id, authToken: seed.user.token };

describe('the rooms flow, driven through the core against the reference server', () => {
  afterEach(resetServer);

  it('R1+R11: two files with descriptions, a message and a thread: byte-identical files, each confirm with its own description, msg on the first only, tmid on both', async () => {
    const rid = await freshRoom();
    const { queue } = testQueue({ context: { roomId: rid, threadId: 'thread-1', ...demoUser } });
    const a = makeFile('a.bin', 300_000);
    const b = makeFile('b.txt', 1234, 'text/plain');
    queue.add([a, b]);
    queue.describe(queue.items[0].id, 'first file');
    queue.describe(queue.items[1].id, 'second file');
    const items = await queue.send('hello room');
    expect(items.map((i) => i.status)).toEqual(['done', 'done']);

    const s = await state(rid);
    expect(s.counts['rooms.media']).toBe(2);
    expect(s.counts['rooms.mediaConfirm']).toBe(2);
    const byName = Object.fromEntries(s.uploads.map((u) => [u.name, u]));
    expect(byName['a.bin']).toMatchObject({ size: a.size, sha256: await sha256(a) });
    expect(byName['b.txt']).toMatchObject({ size: b.size, sha256: await sha256(b), type: 'text/plain' });
    // R4/R6: step one carries exactly one part named `file` and no text.
    expect(Object.keys(byName['a.bin'].fields)).toEqual([]);
    expect(s.confirms.map((c) => c.body)).toEqual([
      { msg: 'hello room', description: 'first file', tmid: 'thread-1' },
      { description: 'second file', tmid: 'thread-1' },
    ]);
    expect(s.confirms[0].headers['x-user-id']).toBe(seed.user.id);
    expect(s.confirms[0].headers['x-auth-token']).toBe(seed.user.token);
    expect(s.messages.map((m) => m.file?.name)).toEqual(['a.bin', 'b.txt']);
    expect(s.messages[0].msg).toBe('hello room');
    expect(s.messages[1].tmid).toBe('thread-1');
    // the stored bytes come back unchanged
    const url = (items[0].response as any).message.attachments[0].title_link as string;
    const back = await fetch(new URL(url, serverUrl));
    expect(await sha256(await back.blob())).toBe(await sha256(a));
  });

  it('confirms are posted in list order even when a later file finishes uploading first', async () => {
    const rid = await freshRoom();
    const { queue } = testQueue({ context: { roomId: rid, ...demoUser } });
    queue.add([makeFile('big.bin', 4_000_000), makeFile('small.bin', 10)]);
    await fault('rooms.media', rid, { kind: 'throttle', bytesPerSecond: 8_000_000 });
    await queue.send();
    const s = await state(rid);
    expect(s.confirms.map((c) => s.uploads.find((u) => u.fileId === c.fileId)?.name)).toEqual(['big.bin', 'small.bin']);
    expect(s.messages.map((m) => m.file?.name)).toEqual(['big.bin', 'small.bin']);
  });

  it('confirmFields pass through; customFields goes as a JSON string (R15)', async () => {
    const rid = await freshRoom();
    const { queue } = testQueue({
      context: { roomId: rid, ...demoUser },
      confirmFields: { alias: 'Bot', emoji: ':robot:', groupable: false, customFields: { ticket: '42' } },
    });
    queue.add([makeFile('c.bin', 100)]);
    const [item] = await queue.send();
    expect(item.status).toBe('done');
    const s = await state(rid);
    expect(s.confirms[0].body).toEqual({ alias: 'Bot', emoji: ':robot:', groupable: false, customFields: '{"ticket":"42"}' });
  });

  it('R12 after a good upload: confirm fails once → retry confirms again without a second rooms.media', async () => {
    const rid = await freshRoom();
    const { queue, named } = testQueue({ context: { roomId: rid, ...demoUser } });
    queue.add([makeFile('d.bin', 5000)]);
    queue.describe(queue.items[0].id, 'kept');
    await fault('rooms.mediaConfirm', rid, { kind: 'status', status: 401, body: JSON.stringify({ status: 'error', message: 'You must be logged in to do this.' }), contentType: 'application/json' });
    const [failed] = await queue.send('with text');
    expect(failed.status).toBe('error');
    expect(failed.error).toMatchObject({ step: 'confirm', kind: 'unauthorized', message: 'You must be logged in to do this.' });
    expect(failed.fileId).toBeTruthy();
    expect(named('upload-error')).toHaveLength(1);

    const [retried] = await queue.retry(failed.id);
    expect(retried.status).toBe('done');
    const s = await state(rid);
    expect(s.counts['rooms.media']).toBe(1);
    expect(s.counts['rooms.mediaConfirm']).toBe(2);
    expect(s.messages).toHaveLength(1);
    // the message text was never posted by the failed confirm, so it rides on the retry
    expect(s.confirms.at(-1)!.body).toMatchObject({ msg: 'with text', description: 'kept' });
  });

  it('R17: a confirm whose answer was lost is not sent again by itself; the item says the message may be posted', async () => {
    const rid = await freshRoom();
    const { queue } = testQueue({ context: { roomId: rid, ...demoUser } });
    queue.add([makeFile('e.bin', 5000)]);
    await fault('rooms.mediaConfirm', rid, { kind: 'lose-answer' });
    const [item] = await queue.send();
    expect(item.status).toBe('error');
    expect(item.error).toMatchObject({ step: 'confirm', unknownOutcome: true });
    expect(item.error!.message).toMatch(/may already be in the room/);
    await new Promise((r) => setTimeout(r, 300));
    const s = await state(rid);
    expect(s.counts['rooms.mediaConfirm']).toBe(1);
    expect(s.messages).toHaveLength(1);
  });

  it('a failed first confirm hands the message text to the next file, so it is posted once', async () => {
    const rid = await freshRoom();
    const { queue, posted } = testQueue({ context: { roomId: rid, ...demoUser } });
    queue.add([makeFile('f1.bin', 10), makeFile('f2.bin', 10)]);
    // A refusal (not a 5xx, which may hide a post): the message certainly was not posted.
    await fault('rooms.mediaConfirm', rid, { kind: 'status', status: 400, body: JSON.stringify({ success: false, error: 'Match error: Expected string' }), contentType: 'application/json' });
    const items = await queue.send('only once');
    expect(items.map((i) => i.status)).toEqual(['error', 'done']);
    await queue.retry();
    const s = await state(rid);
    expect(s.confirms.filter((c) => c.status === 200).map((c) => c.body.msg)).toEqual(['only once', undefined]);
    expect(s.messages.filter((m) => m.msg === 'only once')).toHaveLength(1);
    expect(posted()).toBe(1);
  });

  it('the connection dropped mid-upload → a network error; retry uploads again and succeeds', async () => {
    const rid = await freshRoom();
    const { queue } = testQueue({ context: { roomId: rid, ...demoUser } });
    const file = makeFile('g.bin', 2_000_000);
    queue.add([file]);
    await fault('rooms.media', rid, { kind: 'drop', afterBytes: 100_000 });
    const [item] = await queue.send();
    expect(item.error).toMatchObject({ step: 'upload', kind: 'network' });
    const [again] = await queue.retry(item.id);
    expect(again.status).toBe('done');
    const s = await state(rid);
    expect(s.uploads.filter((u) => u.sha256 === '') ).toHaveLength(0);
    expect(s.uploads.find((u) => u.name === 'g.bin')?.sha256).toBe(await sha256(file));
  });

  it('a server that stops reading the body is given up after the stall timeout', async () => {
    const rid = await freshRoom();
    const { queue } = testQueue({ context: { roomId: rid, ...demoUser }, stallTimeout: 600 });
    queue.add([makeFile('h.bin', 8_000_000)]);
    await fault('rooms.media', rid, { kind: 'stall', afterBytes: 1000 });
    const started = Date.now();
    const [item] = await queue.send();
    expect(item.error).toMatchObject({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('cancel during the upload aborts the request: nothing is stored and the item can be retried', async () => {
    const rid = await freshRoom();
    const { queue } = testQueue({ context: { roomId: rid, ...demoUser } });
    queue.add([makeFile('i.bin', 3_000_000)]);
    await fault('rooms.media', rid, { kind: 'throttle', bytesPerSecond: 300_000 });
    const sent = queue.send();
    await until(() => queue.items[0].loaded > 0, 10_000, 'progress');
    queue.cancel(queue.items[0].id);
    const [item] = await sent;
    expect(item.status).toBe('canceled');
    await new Promise((r) => setTimeout(r, 300));
    let s = await state(rid);
    expect(s.uploads).toHaveLength(0);
    expect(s.confirms).toHaveLength(0);
    const [again] = await queue.retry(item.id);
    expect(again.status).toBe('done');
    s = await state(rid);
    expect(s.messages).toHaveLength(1);
  });

  it('progress events rise monotonically to the total', async () => {
    const rid = await freshRoom();
    const { queue, named } = testQueue({ context: { roomId: rid, ...demoUser } });
    const file = makeFile('progress.bin', 6_000_000);
    queue.add([file]);
    await fault('rooms.media', rid, { kind: 'throttle', bytesPerSecond: 2_000_000 });
    await queue.send();
    const loaded = named('upload-progress').map((d) => d.loaded as number);
    expect(loaded.length).toBeGreaterThan(1);
    for (let i = 1; i < loaded.length; i++) expect(loaded[i]).toBeGreaterThanOrEqual(loaded[i - 1]);
    const last = named('upload-progress').at(-1)!;
    expect(last.loaded).toBe(last.total);
    expect(last.total).toBeGreaterThanOrEqual(file.size);
  });

  it('upload-before may hand in a fresh token; a canceled upload-before sends nothing', async () => {
    const rid = await freshRoom();
    let calls = 0;
    const { queue } = testQueue({
      context: { roomId: rid, userId: seed.user.id, authToken: 'expired' },
      on: { 'upload-before': ({ headers }) => { calls++; headers['X-Auth-Token'] = seed.user.token; } },
    });
    queue.add([makeFile('j.bin', 10)]);
    const [item] = await queue.send();
    expect(item.status).toBe('done');
    expect(calls).toBe(2); // one per request: upload and confirm

    const rid2 = await freshRoom();
    const blocked = testQueue({ context: { roomId: rid2, ...demoUser }, on: { 'upload-before': () => false } });
    blocked.queue.add([makeFile('k.bin', 10)]);
    const [stopped] = await blocked.queue.send();
    expect(stopped.status).toBe('canceled');
    expect((await state(rid2)).counts['rooms.media'] ?? 0).toBe(0);
  });

  it('auto-upload sends the bytes at once but confirms only on send()', async () => {
    const rid = await freshRoom();
    const { queue } = testQueue({ context: { roomId: rid, ...demoUser }, autoUpload: true });
    queue.add([makeFile('l.bin', 1000)]);
    await until(() => queue.items[0].status === 'uploaded', 10_000, 'uploaded');
    expect((await state(rid)).counts['rooms.mediaConfirm'] ?? 0).toBe(0);
    const [item] = await queue.send();
    expect(item.status).toBe('done');
    const s = await state(rid);
    expect(s.counts).toMatchObject({ 'rooms.media': 1, 'rooms.mediaConfirm': 1 });
  });

  it('concurrency bounds the uploads in flight', async () => {
    const rid = await freshRoom();
    const { queue } = testQueue({ context: { roomId: rid, ...demoUser }, concurrency: 2 });
    queue.add([1, 2, 3, 4, 5].map((n) => makeFile(`m${n}.bin`, 600_000)));
    await fault('rooms.media', rid, { kind: 'throttle', bytesPerSecond: 2_000_000 }, 5);
    let most = 0;
    const sent = queue.send();
    const timer = setInterval(() => { most = Math.max(most, queue.items.filter((i) => i.status === 'uploading').length); }, 5);
    await sent;
    clearInterval(timer);
    expect(most).toBe(2);
    expect((await state(rid)).messages.map((m) => m.file?.name)).toEqual(['m1.bin', 'm2.bin', 'm3.bin', 'm4.bin', 'm5.bin']);
  });

  it("a photo being prepared when the server's limit arrives is prepared again to fit it; only the fitted bytes go up, once", async () => {
    const rid = await freshRoom();
    const jobs: { item: UploadItem; done: (file: File) => void }[] = [];
    const options: TestHostOptions = {
      context: { roomId: rid, ...demoUser },
      restrictions: { fits: true },
      prepare: (item) => new Promise((resolve) => jobs.push({ item, done: (file) => resolve({ file }) })),
    };
    const { queue } = testQueue(options);
    queue.add([makeFile('IMG_1.jpg', 400_000, 'image/jpeg')]);
    await until(() => jobs.length === 1, 5000, 'the photo to be prepared');
    expect(queue.items[0].status).toBe('preparing');
    // The limit arrives while the photo is prepared without it; what that gives is over it.
    options.restrictions = { fits: true, maxFileSize: 250_000 };
    const sent = queue.send();
    jobs[0].done(makeFile('IMG_1.jpg', 300_000, 'image/jpeg'));
    await until(() => jobs.length === 2, 5000, 'the photo to be prepared again');
    expect(jobs[1].item).toBe(queue.items[0]);
    expect(queue.items[0].status).toBe('preparing');
    expect((await state(rid)).counts['rooms.media']).toBeUndefined();
    const fitted = makeFile('IMG_1.jpg', 200_000, 'image/jpeg');
    jobs[1].done(fitted);
    expect((await sent).map((item) => item.status)).toEqual(['done']);
    const s = await state(rid);
    expect(s.uploads.map((u) => [u.name, u.size, u.sha256])).toEqual([['IMG_1.jpg', 200_000, await sha256(fitted)]]);
    expect(jobs.length).toBe(2);
  });
});
