import { afterEach, describe, expect, it } from 'vitest';
import { fault, freshRoom, makeFile, resetServer, seed, state, until } from '../support/server.js';
import { testQueue } from '../support/queue-host.js';

const demoUser = { userId: seed.user.id, authToken: seed.user.token };

describe('nothing lost: automatic retry, the 401 pause, offline', () => {
  afterEach(resetServer);

  it('network drops and 5xx answers are tried again by themselves, with backoff, up to the limit', async () => {
    const rid = await freshRoom();
    const { queue, named } = testQueue({ context: { roomId: rid, ...demoUser }, retries: 3, retryDelay: 40 });
    queue.add([makeFile('a.bin', 300_000)]);
    await fault('rooms.media', rid, { kind: 'drop', afterBytes: 50_000 });
    await fault('rooms.media', rid, { kind: 'status', status: 503, body: '<h1>Service Unavailable</h1>', contentType: 'text/html' });
    const [item] = await queue.send();
    expect(item.error).toBeUndefined();
    expect(item.status).toBe('done');
    expect(named('upload-error')).toHaveLength(0);
    const s = await state(rid);
    expect(s.counts['rooms.media']).toBe(3);
    expect(s.messages).toHaveLength(1);
  });

  it('after the last automatic try the error stays, shown, for the person to retry', async () => {
    const rid = await freshRoom();
    const { queue, named } = testQueue({ context: { roomId: rid, ...demoUser }, retries: 2, retryDelay: 20 });
    queue.add([makeFile('b.bin', 1000)]);
    await fault('rooms.media', rid, { kind: 'status', status: 502, body: '' }, 3);
    const [item] = await queue.send();
    expect(item.status).toBe('error');
    expect(item.error).toMatchObject({ kind: 'server', status: 502 });
    expect(item.status).not.toBe('retrying');
    expect(named('upload-error')).toHaveLength(1);
    expect((await state(rid)).counts['rooms.media']).toBe(3);
  });

  it('4xx answers are never tried again by themselves', async () => {
    const rid = await freshRoom();
    const { queue } = testQueue({ context: { roomId: rid, ...demoUser }, retries: 3, retryDelay: 20 });
    queue.add([makeFile('c.bin', 1000)]);
    await fault('rooms.media', rid, { kind: 'status', status: 400, body: JSON.stringify({ success: false, error: '[invalid-field]', errorType: 'invalid-field' }), contentType: 'application/json' });
    const [item] = await queue.send();
    expect(item.status).toBe('error');
    await new Promise((r) => setTimeout(r, 200));
    expect((await state(rid)).counts['rooms.media']).toBe(1);
  });

  it('a confirm answered 503 with Retry-After (the server did not act) is tried again without re-uploading; the message is posted once', async () => {
    const rid = await freshRoom();
    const { queue } = testQueue({ context: { roomId: rid, ...demoUser }, retries: 3, retryDelay: 20 });
    queue.add([makeFile('d.bin', 1000), makeFile('e.bin', 1000)]);
    await fault('rooms.mediaConfirm', rid, { kind: 'status', status: 503, body: '', headers: { 'Retry-After': '0', 'Access-Control-Expose-Headers': 'Retry-After' } });
    const items = await queue.send('hello');
    expect(items.map((i) => i.status)).toEqual(['done', 'done']);
    const s = await state(rid);
    expect(s.counts).toMatchObject({ 'rooms.media': 2, 'rooms.mediaConfirm': 3 });
    // order kept while the first was being retried, and msg on the first file only
    expect(s.messages.map((m) => [m.file?.name, m.msg])).toEqual([['d.bin', 'hello'], ['e.bin', '']]);
  });

  it('R17: a confirm whose answer was lost is never tried again by itself, even with retries on', async () => {
    const rid = await freshRoom();
    const { queue } = testQueue({ context: { roomId: rid, ...demoUser }, retries: 3, retryDelay: 20 });
    queue.add([makeFile('f.bin', 1000)]);
    await fault('rooms.mediaConfirm', rid, { kind: 'lose-answer' });
    const [item] = await queue.send();
    expect(item.error).toMatchObject({ unknownOutcome: true });
    await new Promise((r) => setTimeout(r, 300));
    expect((await state(rid)).counts['rooms.mediaConfirm']).toBe(1);
  });

  it('a 401 asks upload-before for the next try: a fresh token there resumes at once', async () => {
    const rid = await freshRoom();
    const { queue, named } = testQueue({
      context: { roomId: rid, userId: seed.user.id, authToken: 'expired' },
      // the first try goes out with the expired token; the host answers the 401's call with a fresh one
      on: { 'upload-before': ({ headers }) => { if (named('upload-before').length > 1) headers['X-Auth-Token'] = seed.user.token; } },
    });
    queue.add([makeFile('g.bin', 1000)]);
    const [item] = await queue.send();
    expect(item.status).toBe('done');
    expect(named('upload-error')).toHaveLength(0);
    const s = await state(rid);
    expect(s.uploads).toHaveLength(1);
    expect(s.counts['rooms.media']).toBe(2);
  });

  it('a 401 without a new token pauses the queue: nothing else starts, the items stay; resume() goes on', async () => {
    const rid = await freshRoom();
    const ctx = { roomId: rid, userId: seed.user.id, authToken: 'expired' };
    const { queue } = testQueue({ context: ctx, concurrency: 1 });
    queue.add([makeFile('h1.bin', 1000), makeFile('h2.bin', 1000)]);
    queue.describe(queue.items[1].id, 'waits');
    const sent = queue.send();
    await until(() => queue.items[0].status === 'error', 5000, 'first error');
    expect(queue.items[0].error).toMatchObject({ kind: 'unauthorized' });
    expect(queue.paused).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(queue.items[1].status).toBe('queued');
    expect((await state(rid)).counts['rooms.media']).toBe(1);
    ctx.authToken = seed.user.token;
    queue.resume();
    const items = await until(async () => (queue.items.every((i) => i.status === 'done') ? queue.items : undefined), 5000, 'all done');
    expect(items!.map((i) => i.description)).toEqual(['', 'waits']);
    const s = await state(rid);
    expect(s.messages.map((m) => m.file?.name)).toEqual(['h1.bin', 'h2.bin']);
    await sent;
  });

  it('offline: nothing starts; it goes on by itself when the network returns', async () => {
    const rid = await freshRoom();
    const { queue } = testQueue({ context: { roomId: rid, ...demoUser } });
    const onLine = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')!;
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      queue.add([makeFile('i.bin', 1000)]);
      const sent = queue.send();
      await new Promise((r) => setTimeout(r, 200));
      expect(queue.offline).toBe(true);
      expect(queue.items[0].status).toBe('queued');
      expect((await state(rid)).counts['rooms.media'] ?? 0).toBe(0);
      Object.defineProperty(navigator, 'onLine', onLine);
      delete (navigator as { onLine?: boolean }).onLine;
      window.dispatchEvent(new Event('online'));
      const [item] = await sent;
      expect(item.status).toBe('done');
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
    }
  });
});
