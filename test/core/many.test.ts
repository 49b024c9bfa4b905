import { afterEach, describe, expect, it } from 'vitest';
import { fault, freshRoom, makeFile, resetServer, seed, sha256, state, until } from '../support/server.js';
import { testQueue } from '../support/queue-host.js';

const demoUser = { userId: seed.user.id, authToken: seed.user.token };

/** `count` small files, each of its own size (so of its own bytes), named in list order. */
const files = (count: number) => Array.from({ length: count }, (_, i) => makeFile(`file-${String(i).padStart(4, '0')}.bin`, 16 + i));

describe('thousands of files, driven through the core against the reference server', () => {
  afterEach(resetServer);

  it('2,000 small files sent at once are all posted once, in list order, each stored byte-identical; posts go out while uploads still run', { timeout: 180_000 }, async () => {
    const rid = await freshRoom();
    const log: string[] = [];
    const { queue, named } = testQueue({
      context: { roomId: rid, ...demoUser },
      on: {
        'upload-start': ({ item }) => void log.push(`start ${item.name}`),
        'upload-success': ({ item }) => void log.push(`posted ${item.name}`),
      },
    });
    const sent = files(2000);
    expect(queue.add(sent).accepted).toHaveLength(2000);
    const items = await queue.send();

    expect(items).toHaveLength(2000);
    expect(items.filter((item) => item.status !== 'done')).toEqual([]);
    expect(named('upload-complete')).toHaveLength(1);
    const s = await state(rid);
    expect(s.counts['rooms.media']).toBe(2000);
    expect(s.counts['rooms.mediaConfirm']).toBe(2000);
    expect(s.messages.map((m) => m.file?.name)).toEqual(sent.map((file) => file.name));
    const stored = new Map(s.uploads.map((u) => [u.name, u]));
    for (const file of sent) expect(stored.get(file.name), file.name).toMatchObject({ size: file.size, sha256: await sha256(file) });
    // The posts are not held back until every upload is done: the first goes before the last upload starts.
    expect(log.indexOf(`posted ${sent[0].name}`)).toBeLessThan(log.indexOf(`start ${sent[1999].name}`));
    expect(log.filter((line) => line.startsWith('posted'))).toEqual(sent.map((file) => `posted ${file.name}`));
  });

  it('a failed file tried again while its send is still on its way is waited for by that send, which ends with it posted', async () => {
    const rid = await freshRoom();
    const { queue } = testQueue({
      context: { roomId: rid, ...demoUser },
      concurrency: 1,
      on: { 'upload-error': ({ item }) => void setTimeout(() => void queue.retry(item.id)) },
    });
    await fault('rooms.media', rid, { kind: 'status', status: 400, body: JSON.stringify({ success: false, error: 'Bad', errorType: 'error-bad' }), contentType: 'application/json' });
    // The later files go slowly: the failed one is tried again before they are done.
    await fault('rooms.media', rid, { kind: 'throttle', bytesPerSecond: 2_000_000 }, 2);
    queue.add([makeFile('first.bin', 100), makeFile('second.bin', 400_000), makeFile('third.bin', 400_000)]);
    const items = await queue.send();
    expect(items.map((item) => [item.name, item.status])).toEqual([['first.bin', 'done'], ['second.bin', 'done'], ['third.bin', 'done']]);
    const s = await state(rid);
    expect(s.messages.map((m) => m.file?.name).sort()).toEqual(['first.bin', 'second.bin', 'third.bin']);
  });

  it('clearing 2,000 files while they are sent takes them all out at once: the send ends, and only what was posted is in the room', { timeout: 60_000 }, async () => {
    const rid = await freshRoom();
    const { queue, named } = testQueue({ context: { roomId: rid, ...demoUser } });
    queue.add(files(2000));
    const sending = queue.send();
    await until(() => named('upload-success').length >= 5, 30_000, 'five posted');
    queue.clear();
    // A post on its way when the list was cleared is left to finish (R17); nothing else is left.
    expect(queue.items.filter((item) => item.status !== 'confirming')).toEqual([]);
    const left = await sending;
    expect(left.every((item) => item.status === 'done')).toBe(true);
    expect(named('upload-complete')).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 300));
    const s = await state(rid);
    expect(s.messages.map((m) => m.file?.name)).toEqual(named('upload-success').map(({ item }) => item.name));
    expect(s.messages.length).toBeLessThan(2000);
    expect(queue.idle).toBe(true);
  });

  it('canceling 2,000 files on their way ends their send once, with every file canceled or posted', { timeout: 60_000 }, async () => {
    const rid = await freshRoom();
    const { queue, named } = testQueue({ context: { roomId: rid, ...demoUser } });
    queue.add(files(2000));
    const sending = queue.send();
    await until(() => named('upload-success').length >= 5, 30_000, 'five posted');
    queue.cancel();
    const items = await sending;
    expect(items).toHaveLength(2000);
    expect(items.filter((item) => item.status !== 'canceled' && item.status !== 'done')).toEqual([]);
    expect(named('upload-complete')).toHaveLength(1);
    const s = await state(rid);
    expect(s.messages.map((m) => m.file?.name)).toEqual(items.filter((item) => item.status === 'done').map((item) => item.name));
  });
});
