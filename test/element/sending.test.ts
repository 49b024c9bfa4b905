/**
 * Every file lands where it was sent, once, and "Sent" means stored (issue 12): each test is one
 * thing a person saw go wrong, replayed in Chromium against the reference server.
 */
import { afterEach, describe as group, expect, it } from 'vitest';
import { $, clickPart, describe, descriptionOf, mount, part, rows, settled, visibleText } from '../support/element.js';
import { loadDraft, saveDraft } from '../../src/core/persist.js';
import { en } from '../../src/i18n/en.js';
import type { ChatFileUpload } from '../../src/index.js';
import type { UploadItem } from '../../src/core/types.js';
import { fault, freshLivechatRoom, freshRoom, makeFile, resetServer, seed, serverUrl, setSettings, state, until } from '../support/server.js';

const visitor = (rid: string) => ({ flow: 'livechat', 'room-id': rid, 'visitor-token': seed.visitor.token, 'user-id': false, 'auth-token': false });
const single = (rid: string) => ({ flow: 'single', 'room-id': rid, 'auth-token': seed.single.token, 'user-id': false });
/** The same reference server under another origin (localhost and 127.0.0.1 are two origins). */
const otherOrigin = serverUrl.includes('127.0.0.1') ? serverUrl.replace('127.0.0.1', 'localhost') : serverUrl.replace('localhost', '127.0.0.1');
const hostOf = (url: string) => new URL(url).host;
const status = (el: ChatFileUpload, index = 0) => (rows(el)[index] ? part(rows(el)[index], 'status')?.textContent : undefined);
const error = (el: ChatFileUpload, index = 0) => (rows(el)[index] ? part(rows(el)[index], 'error')?.textContent : undefined);
const statusOf = (el: ChatFileUpload, name: string) => el.items.find((item) => item.name === name)?.status;
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Makes the browser say it is offline (as `navigator.onLine` does) until the returned call. */
function goOffline(): () => void {
  const onLine = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')!;
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
  window.dispatchEvent(new Event('offline'));
  return () => {
    Object.defineProperty(navigator, 'onLine', onLine);
    delete (navigator as { onLine?: boolean }).onLine;
    window.dispatchEvent(new Event('online'));
  };
}

group('a send is bound where it was made', () => {
  afterEach(resetServer);

  it('a file sent to room A is posted in room A after room-id changes to B while it goes up', async () => {
    const [a, b] = [await freshRoom(), await freshRoom()];
    const el = await mount({ 'room-id': a });
    await fault('rooms.media', a, { kind: 'throttle', bytesPerSecond: 400_000 });
    el.addFiles([makeFile('for-a.bin', 400_000)]);
    const sent = el.send();
    await until(() => statusOf(el, 'for-a.bin') === 'uploading', 5000, 'the upload');
    el.setAttribute('room-id', b);
    await sent;
    expect((await state(a)).messages.map((m) => m.file?.name)).toEqual(['for-a.bin']);
    expect((await state(b)).messages).toHaveLength(0);
    expect((await state(b)).counts['rooms.mediaConfirm'] ?? 0).toBe(0);
  });

  it('a thread chosen while Send waits for the server\'s limits is for the next send: the file is posted where Send was pressed', async () => {
    const rid = await freshRoom();
    // Send holds the files a moment while the server's limits are on their way.
    await fault('settings.public', undefined, { kind: 'delay', ms: 700 });
    const el = await mount({ 'room-id': rid, 'thread-id': 'T-1' });
    el.addFiles([makeFile('in-t1.bin', 10)]);
    const sent = el.send();
    await pause(100);
    expect((await state(rid)).counts['rooms.media'] ?? 0).toBe(0); // still waiting
    el.setAttribute('thread-id', 'T-2');
    await sent;
    expect((await state(rid)).confirms.map((c) => c.body)).toEqual([{ tmid: 'T-1' }]);
  });

  it('room B shown while Send waits for the server\'s limits: room B\'s own files are not sent, and room A\'s stay as its draft', async () => {
    const [a, b] = [await freshRoom(), await freshRoom()];
    // Send holds the files a moment while the server's limits are on their way.
    await fault('settings.public', undefined, { kind: 'delay', ms: 1500 });
    const el = await mount({ 'room-id': b });
    el.addFiles([makeFile('staged-in-b.bin', 10)]);
    el.setAttribute('room-id', a);
    await el.updateComplete;
    el.addFiles([makeFile('for-a.bin', 10)]);
    const sent = el.send();
    await pause(100);
    el.setAttribute('room-id', b);
    await sent;
    await pause(200);
    expect((await state(b)).uploads).toHaveLength(0);
    expect(rows(el).map((row) => [part(row, 'name')!.textContent, part(row, 'status')!.textContent])).toEqual([['staged-in-b.bin', 'Ready to send']]);
    el.setAttribute('room-id', a);
    await el.updateComplete;
    expect(rows(el).map((row) => part(row, 'name')!.textContent)).toEqual(['for-a.bin']);
  });

  it('single: a file sent to room A is posted in room A when room-id changes after Send', async () => {
    const [a, b] = [await freshRoom(), await freshRoom()];
    const el = await mount(single(a));
    await fault('upload_file', undefined, { kind: 'throttle', bytesPerSecond: 400_000 });
    el.addFiles([makeFile('single-a.bin', 400_000)]);
    const sent = el.send();
    await until(() => statusOf(el, 'single-a.bin') === 'uploading', 5000, 'the upload');
    el.setAttribute('room-id', b);
    await sent;
    expect((await state(a)).uploads.map((u) => u.name)).toEqual(['single-a.bin']);
    expect((await state(b)).uploads).toHaveLength(0);
  });

  it('bytes uploaded in room A before Send stay room A\'s: nothing goes to room B, and back in A they are posted there', async () => {
    const [a, b] = [await freshRoom(), await freshRoom()];
    const el = await mount({ 'room-id': a, 'auto-upload': true });
    el.addFiles([makeFile('early.bin', 1000)]);
    await until(() => statusOf(el, 'early.bin') === 'uploaded', 5000, 'the bytes');
    el.setAttribute('room-id', b);
    await el.updateComplete;
    expect(rows(el)).toHaveLength(0); // room B shows its own (empty) list
    await el.send();
    expect((await state(b)).counts['rooms.mediaConfirm'] ?? 0).toBe(0);
    el.setAttribute('room-id', a);
    await el.updateComplete;
    expect(rows(el).map((row) => part(row, 'name')!.textContent)).toEqual(['early.bin']);
    await el.send();
    expect((await state(a)).messages.map((m) => m.file?.name)).toEqual(['early.bin']);
    expect((await state(b)).messages).toHaveLength(0);
  });

  it('after server-url changes, the confirms waiting go to the first server, never with the new server\'s token', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    // the host hands in the first server's token for items bound to it (upload-before)
    el.addEventListener('upload-before', (event) => {
      const { headers } = event.detail;
      if (!headers['X-Auth-Token']) Object.assign(headers, { 'X-User-Id': seed.user.id, 'X-Auth-Token': seed.user.token });
    });
    await fault('rooms.mediaConfirm', rid, { kind: 'delay', ms: 600 });
    el.addFiles([makeFile('one.bin', 10), makeFile('two.bin', 10)]);
    const sent = el.send();
    await until(() => statusOf(el, 'one.bin') === 'confirming', 5000, 'the first confirm');
    el.setAttribute('server-url', otherOrigin);
    el.setAttribute('auth-token', 'token-of-the-new-server');
    await sent;
    const s = await state(rid);
    expect(s.messages.map((m) => m.file?.name)).toEqual(['one.bin', 'two.bin']);
    expect(s.confirms.map((c) => c.headers.host)).toEqual([hostOf(serverUrl), hostOf(serverUrl)]);
    expect(s.confirms.map((c) => c.headers['x-auth-token'])).not.toContain('token-of-the-new-server');
    expect(rows(el).map((row) => part(row, 'status')!.textContent)).toEqual(['Sent', 'Sent']);
  });

  it('rooms → livechat with a file uploaded but not confirmed: Send posts it in the rooms flow it was started in', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid, 'auto-upload': true });
    el.addFiles([makeFile('started.bin', 10)]);
    await until(() => statusOf(el, 'started.bin') === 'uploaded', 5000, 'the bytes');
    el.setAttribute('flow', 'livechat');
    const [item] = await el.send();
    expect(item.status).toBe('done');
    const s = await state(rid);
    expect(s.counts).toMatchObject({ 'rooms.media': 1, 'rooms.mediaConfirm': 1 });
    expect(s.counts['livechat.upload'] ?? 0).toBe(0);
    expect(s.messages).toHaveLength(1);
  });

  it('with persist, files staged in room A are room A\'s draft: room B shows its own, switching back brings them back', async () => {
    const [a, b] = [await freshRoom(), await freshRoom()];
    const el = await mount({ 'room-id': a, persist: true });
    el.addFiles([makeFile('draft-a.bin', 10)]);
    await el.updateComplete;
    await describe(el, 0, 'said in a');
    el.setAttribute('room-id', b);
    await el.updateComplete;
    expect(rows(el)).toHaveLength(0);
    await pause(500); // past the draft's save delay
    expect((await loadDraft(`${serverUrl}|rooms|${b}`))?.files.length ?? 0).toBe(0);
    expect((await loadDraft(`${serverUrl}|rooms|${a}`))?.files.map((f) => [f.file.name, f.description])).toEqual([['draft-a.bin', 'said in a']]);
    el.setAttribute('room-id', a);
    await el.updateComplete;
    expect(rows(el).map((row) => part(row, 'name')!.textContent)).toEqual(['draft-a.bin']);
    expect((await descriptionOf(el, 0))).toBe('said in a');
    expect(visibleText(el)).not.toContain('from before'); // not offered twice
  });

  for (const url of ['//evil.example/upload', '@evil.example/upload', 'https://evil.example/upload']) {
    it(`upload-url "${url}" is refused with a console error and nothing is sent anywhere`, async () => {
      const rid = await freshRoom();
      const el = await mount({ ...single(rid), 'upload-url': url });
      const logged: unknown[] = [];
      const original = console.error;
      console.error = (...args: unknown[]) => void logged.push(args.join(' '));
      try {
        el.addFiles([makeFile('a.bin', 10)]);
        await el.send();
      } finally {
        console.error = original;
      }
      await el.updateComplete;
      expect(error(el)).toBe(en.errors.badAddress);
      expect(String(logged[0])).toContain('upload-url must be a path on server-url');
      expect((await state(rid)).uploads).toHaveLength(0);
    });
  }
});

group('"Sent" only on proof', () => {
  afterEach(resetServer);

  const html = { kind: 'status', status: 200, body: '<html><body><form>Log in</form></body></html>', contentType: 'text/html' };
  const empty = { kind: 'status', status: 200, body: '' };
  const toLogin = { kind: 'status', status: 302, body: '', headers: { Location: '/login' } };
  const cases = [
    ['livechat', 'livechat.upload'],
    ['single', 'upload_file'],
    ['rooms', 'rooms.mediaConfirm'],
  ] as const;
  for (const [flow, route] of cases) {
    for (const [what, spec] of [['a 200 HTML page', html], ['an empty 200', empty], ['a 302 to a login page', toLogin]] as const) {
      it(`${flow}: ${what} from ${route} is "Not sent" in plain words, never tried again by itself`, async () => {
        const rid = flow === 'livechat' ? await freshLivechatRoom() : await freshRoom();
        const el = await mount({ ...(flow === 'livechat' ? visitor(rid) : flow === 'single' ? single(rid) : { 'room-id': rid }), retries: 3, 'retry-delay': 20 });
        await fault(route, flow === 'single' ? undefined : rid, spec);
        el.addFiles([makeFile('proof.bin', 10)]);
        const [item] = await el.send();
        await el.updateComplete;
        expect(item.status).toBe('error');
        expect(status(el)).toBe('Not sent');
        expect(error(el)).toBe(en.errors.unexpected);
        await pause(200);
        const s = await state(rid);
        expect(s.messages).toHaveLength(0);
        if (route !== 'upload_file') expect(s.counts[route]).toBe(1);
      });
    }
  }

  it('rooms.media answering 200 without file._id is uploaded once, and the row says the answer was not a chat server\'s', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid, retries: 3, 'retry-delay': 20 });
    await fault('rooms.media', rid, { kind: 'status', status: 200, body: JSON.stringify({ success: true, file: { _id: 42 } }), contentType: 'application/json' }, 4);
    el.addFiles([makeFile('no-id.bin', 10)]);
    await el.send();
    await el.updateComplete;
    await pause(200);
    expect((await state(rid)).counts['rooms.media']).toBe(1);
    expect(error(el)).toBe(en.errors.unexpected);
  });

  it('a 307 to another origin is not followed by the confirm: the token stays home and the row says what happened', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    el.addFiles([makeFile('redirected.bin', 10)]);
    await fault('rooms.mediaConfirm', rid, { kind: 'status', status: 307, body: '', headers: { Location: `${otherOrigin}/api/v1/rooms.mediaConfirm/${rid}/elsewhere` } });
    await el.send();
    await el.updateComplete;
    expect(error(el)).toBe(en.errors.unexpected);
    const s = await state(rid);
    expect(s.confirms.filter((c) => c.headers.host === hostOf(otherOrigin))).toHaveLength(0);
    expect(s.messages).toHaveLength(0);
  });

  it('an upload redirected to another origin is never taken for success', async () => {
    const rid = await freshRoom();
    // After a redirect to another origin the browser sends `Origin: null`: a server that lets
    // every origin in lets that through too, so the element itself must see where the answer came from.
    await setSettings({ API_CORS_Origin: '*' });
    const el = await mount({ 'room-id': rid });
    await fault('rooms.media', rid, { kind: 'status', status: 307, body: '', headers: { Location: `${otherOrigin}/api/v1/rooms.media/${rid}` } });
    el.addFiles([makeFile('moved.bin', 10)]);
    await el.send();
    await el.updateComplete;
    expect(status(el)).toBe('Not sent');
    expect(error(el)).toBe(en.errors.unexpected);
    expect((await state(rid)).confirms).toHaveLength(0);
  });
});

group('never posted twice by the element itself', () => {
  afterEach(resetServer);

  for (const [flow, route] of [['livechat', 'livechat.upload'], ['single', 'upload_file']] as const) {
    it(`${flow}: the server posted, then the connection dropped while offline: one post, and the row says it may already be in the room`, async () => {
      const rid = flow === 'livechat' ? await freshLivechatRoom() : await freshRoom();
      const el = await mount({ ...(flow === 'livechat' ? visitor(rid) : single(rid)), retries: 3, 'retry-delay': 20 });
      await fault(route, flow === 'single' ? undefined : rid, { kind: 'lose-answer' });
      let online: (() => void) | undefined;
      el.addEventListener('upload-start', () => (online ??= goOffline()));
      el.addFiles([makeFile('once.bin', 1000)]);
      try {
        await el.send();
      } finally {
        online?.();
      }
      await pause(300);
      await el.updateComplete;
      const s = await state(rid);
      expect(flow === 'livechat' ? s.messages : s.uploads).toHaveLength(1);
      expect(error(el)).toBe(en.errors.maybePosted);
      expect(status(el)).toBe('Not sent');
    });
  }

  it('a confirm answered 504 by a gateway is not confirmed again by itself: one confirm, and the row says the message may be in the room', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid, retries: 3, 'retry-delay': 20 });
    await fault('rooms.mediaConfirm', rid, { kind: 'status', status: 504, body: '<html>Gateway Timeout</html>', contentType: 'text/html' }, 3);
    el.addFiles([makeFile('gateway.bin', 10)]);
    await el.send();
    await pause(300);
    await el.updateComplete;
    expect((await state(rid)).counts['rooms.mediaConfirm']).toBe(1);
    expect(error(el)).toBe(en.errors.confirmUnknown);
  });

  it('an upload-before that hands in a new but refused token each time: a few tries, later each time, then "log in again"', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid, 'retry-delay': 20 });
    let token = 0;
    el.addEventListener('upload-before', (event) => (event.detail.headers['X-Auth-Token'] = `refused-${++token}`));
    el.addFiles([makeFile('denied.bin', 10)]);
    await el.send();
    await pause(500);
    await el.updateComplete;
    expect((await state(rid)).counts['rooms.media']).toBe(4);
    expect(status(el)).toBe('Not sent');
    expect(error(el)).toBe('You must be logged in to do this.');
  });

  it('a 429 with Retry-After: 3 is waited out: the row says the next goes in 3 s, and it goes again by itself', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid, retries: 1, 'retry-delay': 20 });
    await fault('rooms.media', rid, { kind: 'status', status: 429, body: JSON.stringify({ success: false, error: 'Error, too many requests. [error-too-many-requests]' }), contentType: 'application/json', headers: { 'Retry-After': '3', 'Access-Control-Expose-Headers': 'Retry-After' } });
    el.addFiles([makeFile('slow-down.bin', 10)]);
    const sent = el.send();
    await until(() => status(el)?.startsWith('The server accepts'), 5000, 'the countdown');
    expect(status(el)).toBe(en.status.rateLimited(3));
    const [item] = await sent;
    expect(item.status).toBe('done');
    expect((await state(rid)).counts['rooms.media']).toBe(2);
  });

  it('a confirm that never left the browser (offline) is not "may already be in the room": it goes by itself when the network returns, once', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    await fault('rooms.mediaConfirm', rid, { kind: 'drop' });
    let online: (() => void) | undefined;
    el.addEventListener('upload-before', (event) => {
      if (event.detail.item.status === 'confirming') online ??= goOffline();
    });
    el.addFiles([makeFile('offline-confirm.bin', 10)]);
    const sent = el.send();
    await until(() => online !== undefined && statusOf(el, 'offline-confirm.bin') === 'uploaded', 5000, 'the confirm to wait for the network');
    await el.updateComplete;
    expect(visibleText(el)).not.toContain(en.errors.confirmUnknown);
    online!();
    const [item] = await sent;
    expect(item.status).toBe('done');
    expect((await state(rid)).messages).toHaveLength(1);
  });
});

group('the element\'s place in the page does not own the uploads', () => {
  afterEach(resetServer);

  it('moved to another parent mid-upload: the upload finishes, send() resolves, and the later file is posted', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    await fault('rooms.media', rid, { kind: 'throttle', bytesPerSecond: 400_000 });
    el.addFiles([makeFile('moving.bin', 300_000), makeFile('later.bin', 10)]);
    const sent = el.send();
    await until(() => statusOf(el, 'moving.bin') === 'uploading', 5000, 'the upload');
    const parent = document.createElement('div');
    document.body.append(parent);
    parent.append(el);
    const items = await sent;
    expect(items.map((item) => item.status)).toEqual(['done', 'done']);
    expect((await state(rid)).messages.map((m) => m.file?.name)).toEqual(['moving.bin', 'later.bin']);
    await el.updateComplete;
    expect(status(el, 1)).toBe('Sent');
  });

  it('removed from the page mid-upload: what was sent is still posted, and send() resolves', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    await fault('rooms.media', rid, { kind: 'throttle', bytesPerSecond: 400_000 });
    el.addFiles([makeFile('leaving.bin', 300_000), makeFile('after.bin', 10)]);
    const sent = el.send();
    await until(() => statusOf(el, 'leaving.bin') === 'uploading', 5000, 'the upload');
    el.remove();
    const items = await sent;
    expect(items.map((item) => item.status)).toEqual(['done', 'done']);
    expect((await state(rid)).messages.map((m) => m.file?.name)).toEqual(['leaving.bin', 'after.bin']);
  });

  it('moved while an automatic retry is due: it is tried again and sent', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid, retries: 1, 'retry-delay': 300 });
    await fault('rooms.media', rid, { kind: 'status', status: 503, body: '' });
    el.addFiles([makeFile('retry-moved.bin', 10)]);
    const sent = el.send();
    await until(() => statusOf(el, 'retry-moved.bin') === 'retrying', 5000, 'the retry to be due');
    document.body.append(el);
    const [item] = await sent;
    expect(item.status).toBe('done');
  });

  it('moved while a confirm is in flight: posted once, and the row says Sent', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    await fault('rooms.mediaConfirm', rid, { kind: 'delay', ms: 400 });
    el.addFiles([makeFile('confirm-moved.bin', 10)]);
    const sent = el.send();
    await until(() => statusOf(el, 'confirm-moved.bin') === 'confirming', 5000, 'the confirm');
    document.body.append(el);
    await sent;
    await el.updateComplete;
    expect(status(el)).toBe('Sent');
    expect((await state(rid)).messages).toHaveLength(1);
  });
});

group('the message text goes once; typing stays; events in order; order of posts', () => {
  afterEach(resetServer);

  it('Send pressed again while the first confirm (with the message) is in flight posts the text once', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    await fault('rooms.mediaConfirm', rid, { kind: 'delay', ms: 500 });
    el.addFiles([makeFile('first.bin', 10)]);
    el.message = 'hello once';
    await el.updateComplete;
    const first = el.send();
    await until(() => statusOf(el, 'first.bin') === 'confirming', 5000, 'the first confirm');
    el.addFiles([makeFile('second.bin', 10)]);
    await el.updateComplete;
    await clickPart(el, 'send-button');
    await first;
    await settled(el);
    const s = await state(rid);
    expect(s.messages.map((m) => [m.file?.name, m.msg])).toEqual([['first.bin', 'hello once'], ['second.bin', '']]);
  });

  it('text typed after Send stays in the field when the first confirm lands', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    await fault('rooms.mediaConfirm', rid, { kind: 'delay', ms: 400 });
    el.addFiles([makeFile('typed.bin', 10)]);
    el.message = 'sent text';
    await el.updateComplete;
    const sent = el.send();
    const field = $(el, '[part~="message"]') as HTMLTextAreaElement;
    field.value = 'typed afterwards';
    field.dispatchEvent(new Event('input', { bubbles: true }));
    await sent;
    await el.updateComplete;
    expect(el.message).toBe('typed afterwards');
    expect(field.value).toBe('typed afterwards');
    expect((await state(rid)).messages[0].msg).toBe('sent text');
  });

  it('upload-complete fires after every upload-success and upload-error of that send; send() resolves after it', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    await fault('rooms.mediaConfirm', rid, { kind: 'status', status: 400, body: JSON.stringify({ success: false, error: '[invalid-file]' }), contentType: 'application/json' });
    const seen: string[] = [];
    for (const name of ['upload-success', 'upload-error', 'upload-complete'] as const) el.addEventListener(name, () => seen.push(name));
    el.addFiles([makeFile('bad.bin', 10), makeFile('good.bin', 10)]);
    await el.send();
    seen.push('resolved');
    expect(seen).toEqual(['upload-error', 'upload-success', 'upload-complete', 'resolved']);
  });

  for (const [flow, route] of [['livechat', 'livechat.upload'], ['single', 'upload_file']] as const) {
    it(`${flow} with concurrency 3 posts the messages in list order even when a later file would finish first`, async () => {
      const rid = flow === 'livechat' ? await freshLivechatRoom() : await freshRoom();
      const el = await mount({ ...(flow === 'livechat' ? visitor(rid) : single(rid)), concurrency: 3 });
      await fault(route, flow === 'single' ? undefined : rid, { kind: 'throttle', bytesPerSecond: 300_000 });
      el.addFiles([makeFile('1-big.bin', 300_000), makeFile('2-small.bin', 10), makeFile('3-small.bin', 10)]);
      await el.send();
      const s = await state(rid);
      const names = flow === 'livechat' ? s.messages.map((m) => m.file?.name) : s.uploads.map((u) => u.name);
      expect(names).toEqual(['1-big.bin', '2-small.bin', '3-small.bin']);
    });
  }
});

group('hostile answers are cheap; drafts hold only what was not sent', () => {
  afterEach(resetServer);

  it('an error text of 840,000 characters is cut before it is shown and announced', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    await fault('rooms.media', rid, { kind: 'status', status: 400, body: JSON.stringify({ success: false, error: `${'A long error. '.repeat(60_000)}` }), contentType: 'application/json' });
    el.addFiles([makeFile('huge-error.bin', 10)]);
    await el.send();
    await el.updateComplete;
    await pause(50);
    expect(error(el)!.length).toBeLessThan(400);
    expect(error(el)).toMatch(/^A long error\./);
    expect($(el, '[role="status"]')!.textContent!.length).toBeLessThan(500);
  });

  it('a file whose confirm may already be in the room is not kept as a draft (never offered as "not sent")', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid, persist: true });
    await fault('rooms.mediaConfirm', rid, { kind: 'lose-answer' });
    el.addFiles([makeFile('maybe-posted.bin', 10)]);
    await el.send();
    await pause(600);
    expect((await loadDraft(`${serverUrl}|rooms|${rid}`))?.files.length ?? 0).toBe(0);
  });

  it('a corrupt stored draft is dropped with a console warning, and the element works', async () => {
    const rid = await freshRoom();
    await saveDraft(`${serverUrl}|rooms|${rid}`, { files: [{ file: 'not a file' as unknown as File, description: '' }], message: '', savedAt: 0 });
    const warned: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => void warned.push(args.join(' '));
    try {
      const el = await mount({ 'room-id': rid, persist: true });
      await until(() => warned.length > 0, 5000, 'the warning');
      await el.updateComplete;
      expect(visibleText(el)).not.toContain('from before');
      expect(warned[0]).toContain('draft');
    } finally {
      console.warn = original;
    }
    expect(await loadDraft(`${serverUrl}|rooms|${rid}`)).toBeUndefined();
  });
});

group('rate limits are waited out, not failed (issue 13)', () => {
  afterEach(resetServer);

  it('a 429 that says "You must wait 2 seconds" holds the route with one countdown in plain words, uses up no retries, and every file arrives in order', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid, retries: 0 });
    const limited = JSON.stringify({ success: false, error: 'Error, too many requests. Please slow down. You must wait 2 seconds before trying this endpoint again. [error-too-many-requests]' });
    await fault('rooms.media', rid, { kind: 'status', status: 429, body: limited, contentType: 'application/json' });
    el.addFiles([makeFile('r1.bin', 10), makeFile('r2.bin', 10), makeFile('r3.bin', 10)]);
    const sent = el.send();
    await until(() => rows(el).some((row) => part(row, 'status')!.textContent!.startsWith('The server accepts only so many files a minute')), 5000, 'the countdown');
    expect(rows(el).filter((row) => part(row, 'status')!.textContent!.startsWith('The server accepts')).length).toBe(1);
    expect(visibleText(el)).toContain('the next goes in 2 s');
    expect(visibleText(el)).not.toContain('too many requests');
    const items = await sent;
    expect(items.map((item) => item.status)).toEqual(['done', 'done', 'done']);
    expect((await state(rid)).messages.map((m) => m.file?.name)).toEqual(['r1.bin', 'r2.bin', 'r3.bin']);
  });

  it('the files waiting behind a 429 show the same countdown, and none of them is tried before it ends', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid, retries: 0, concurrency: 1 });
    const limited = JSON.stringify({ success: false, error: 'Error, too many requests. Please slow down. You must wait 3 seconds before trying this endpoint again. [error-too-many-requests]' });
    await fault('rooms.media', rid, { kind: 'status', status: 429, body: limited, contentType: 'application/json' });
    el.addFiles([makeFile('w1.bin', 10), makeFile('w2.bin', 10), makeFile('w3.bin', 10)]);
    const sent = el.send();
    await until(() => status(el)?.startsWith('The server accepts'), 5000, 'the countdown');
    await el.updateComplete;
    const words = rows(el).map((row) => part(row, 'status')!.textContent);
    expect(new Set(words).size).toBe(1);
    expect(words[0]).toMatch(/^The server accepts only so many files a minute: the next goes in [123] s$/);
    expect((await state(rid)).counts['rooms.media']).toBe(1);
    const items = await sent;
    expect(items.map((item) => item.status)).toEqual(['done', 'done', 'done']);
  });
});

group('a server that cannot be reached from the page is explained (issue 13)', () => {
  it('nothing comes back from the chat server: the person reads that it could not be reached, the developer gets one console.warn naming API_Enable_CORS and API_CORS_Origin', async () => {
    const warned: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => void warned.push(args.join(' '));
    try {
      // Nothing listens there: from the page, as a refused preflight looks.
      const el = await mount({ 'server-url': 'http://127.0.0.1:9', 'max-file-size': 1000, accept: '*/*' });
      el.addFiles([makeFile('nowhere.bin', 10)]);
      await el.send();
      await el.updateComplete;
      expect(error(el)).toBe(en.errors.unreachable);
      el.addFiles([makeFile('again.bin', 10)]);
      await el.send();
      const cors = warned.filter((line) => line.includes('API_Enable_CORS'));
      expect(cors).toHaveLength(1);
      expect(cors[0]).toContain('API_CORS_Origin');
      expect(cors[0]).toContain(location.origin);
    } finally {
      console.warn = original;
    }
  });
});

group('more of the server\'s own settings, from the same settings.public call (issue 13)', () => {
  afterEach(resetServer);
  /** Resolves once the element's read of settings.public has been answered (the browser saw the answer). */
  const limitsRead = (since: number) =>
    until(() => performance.getEntriesByType('resource').some((entry) => entry.name.includes('settings.public') && entry.startTime >= since && (entry as PerformanceResourceTiming).responseEnd > 0), 10_000, 'the limits read');
  const publicSettings = (settings: Record<string, unknown>) =>
    fault('settings.public', undefined, { kind: 'status', status: 200, contentType: 'application/json', body: JSON.stringify({ settings: Object.entries(settings).map(([_id, value]) => ({ _id, value })), success: true }) }, 3);

  it('Message_MaxAllowedSize: a message longer than the server takes is refused before any byte goes, in plain words', async () => {
    const rid = await freshRoom();
    await publicSettings({ Message_MaxAllowedSize: 10 });
    performance.clearResourceTimings(); // the buffer holds 250 entries: room for this one
    const since = performance.now();
    const el = await mount({ 'room-id': rid });
    el.addFiles([makeFile('long-text.bin', 10)]);
    await limitsRead(since);
    el.message = 'longer than ten';
    await el.updateComplete;
    expect(await el.send()).toEqual([]);
    await el.updateComplete;
    expect(visibleText(el)).toContain(en.errors.tooLong);
    expect((await state(rid)).counts['rooms.media'] ?? 0).toBe(0);
    el.message = 'short';
    await el.updateComplete;
    const [item] = await el.send();
    expect(item.status).toBe('done');
    expect(visibleText(el)).not.toContain(en.errors.tooLong);
  });

  it('a size limit of 0 refuses every non-empty file before sending, in livechat too', async () => {
    const rid = await freshLivechatRoom();
    await publicSettings({ FileUpload_MaxFileSize: 0 });
    const el = await mount(visitor(rid));
    el.addFiles([makeFile('zero-limit.bin', 10)]);
    await until(() => el.items.length === 0, 10_000, 'the refusal');
    await el.send();
    await el.updateComplete;
    expect(rows(el)).toHaveLength(0);
    expect(visibleText(el)).toContain('zero-limit.bin is larger than the 0 B limit');
    expect((await state(rid)).counts['livechat.upload'] ?? 0).toBe(0);
  });

  it('FileUpload_Enabled_Direct off: a file for a direct message is refused before sending', async () => {
    await publicSettings({ FileUpload_Enabled_Direct: false });
    const dm = `${seed.user.id}${'x'.repeat(seed.user.id.length)}`;
    const el = await mount({ 'room-id': dm });
    el.addFiles([makeFile('to-a-dm.bin', 10)]);
    await until(() => el.items.length === 0, 10_000, 'the refusal');
    await el.send();
    await el.updateComplete;
    expect(rows(el)).toHaveLength(0);
    expect(visibleText(el)).toContain('to-a-dm.bin was not added');
  });
});

group('the limits read never holds Send', () => {
  afterEach(resetServer);

  it('settings.public not answering: Send says "Checking the server\'s limits…" a moment, then the bytes go', async () => {
    const rid = await freshRoom();
    await fault('settings.public', undefined, { kind: 'hang' }, 5);
    const el = await mount({ 'room-id': rid, 'server-url': `${serverUrl}/` });
    el.addFiles([makeFile('no-wait.bin', 10)]);
    await el.updateComplete;
    const sent = el.send();
    await el.updateComplete;
    expect(status(el)).toBe(en.status.checking);
    const items: UploadItem[] = await sent;
    expect(items[0].status).toBe('done');
    expect((await state(rid)).messages).toHaveLength(1);
  });
});
