import { afterEach, describe as group, expect, it } from 'vitest';
import { $, describe, descriptionOf, mount, part, rows, settled, visibleText } from '../support/element.js';
import { fault, freshLivechatRoom, freshRoom, makeFile, resetServer, seed, setSettings, sha256, state } from '../support/server.js';
import type { ChatFileUpload } from '../../src/index.js';

const visitor = (rid: string, token: string = seed.visitor.token) => ({ flow: 'livechat', 'room-id': rid, 'visitor-token': token, 'user-id': false, 'auth-token': false });
const single = (rid: string, token: string = seed.single.token) => ({ flow: 'single', 'room-id': rid, 'auth-token': token, 'user-id': false });

/** Sends one described file and returns the element once it settled. */
async function sendOne(el: ChatFileUpload, file: File, description?: string) {
  el.addFiles([file]);
  await el.updateComplete;
  if (description !== undefined) await describe(el, 0, description);
  await el.send();
  await settled(el);
  await el.updateComplete;
  return { error: part(rows(el)[0], 'error')?.textContent, description: await descriptionOf(el, 0) };
}

group('livechat flow: what the visitor sees (servers.md L1–L8)', () => {
  afterEach(resetServer);

  it('L1: the file and its description arrive; no message field and no thread for a visitor', async () => {
    const rid = await freshLivechatRoom();
    const el = await mount({ ...visitor(rid), 'thread-id': 'ignored' });
    const file = makeFile('hello.txt', 300, 'text/plain');
    el.addFiles([file]);
    await el.updateComplete;
    expect($(el, '[part~="message"]')).toBeNull();
    await describe(el, 0, 'from the visitor');
    await el.send();
    await settled(el);
    await el.updateComplete;
    expect(part(rows(el)[0], 'status')!.textContent).toBe('Sent');
    const s = await state(rid);
    expect(s.uploads[0]).toMatchObject({ sha256: await sha256(file), fields: { description: 'from the visitor' } });
    expect(Object.keys(s.uploads[0].fields)).not.toContain('tmid');
  });

  it('L2/L4: no or an unknown visitor token → "not allowed"; the file and description stay', async () => {
    const rid = await freshLivechatRoom();
    for (const token of ['', 'who-is-this']) {
      const el = await mount(visitor(rid, token));
      const seen = await sendOne(el, makeFile('a.txt', 10, 'text/plain'), 'kept');
      expect(seen).toEqual({ error: 'You are not allowed to send files to this room.', description: 'kept' });
    }
  });

  it('L3: uploads turned off → said in words, not as a code', async () => {
    const rid = await freshLivechatRoom();
    const el = await mount({ ...visitor(rid), 'max-file-size': 1e9, accept: '*' });
    await setSettings({ Livechat_fileupload_enabled: false });
    const seen = await sendOne(el, makeFile('a.txt', 10, 'text/plain'), 'kept');
    expect(seen).toEqual({ error: 'File uploads are turned off on this server.', description: 'kept' });
  });

  it('L3 read ahead: when livechat/config says uploads are off, files are refused before sending', async () => {
    await setSettings({ Livechat_fileupload_enabled: false });
    const rid = await freshLivechatRoom();
    const el = await mount(visitor(rid));
    await el.send(); // waits for the server's limits
    el.addFiles([makeFile('a.txt', 10, 'text/plain')]);
    await el.updateComplete;
    expect(visibleText(el)).toContain('a.txt was not added: file uploads are turned off on this server.');
    expect((await state(rid)).counts['livechat.upload'] ?? 0).toBe(0);
  });

  it('L5: a closed room → "not allowed"', async () => {
    const rid = await freshLivechatRoom(seed.visitor.token, false);
    const seen = await sendOne(await mount(visitor(rid)), makeFile('a.txt', 10, 'text/plain'));
    expect(seen.error).toBe('You are not allowed to send files to this room.');
  });

  it('L6: too large for the server → its words; the file stays', async () => {
    const rid = await freshLivechatRoom();
    await setSettings({ FileUpload_MaxFileSize: 100 });
    const seen = await sendOne(await mount({ ...visitor(rid), 'max-file-size': 1e9 }), makeFile('big.txt', 500, 'text/plain'), 'kept');
    expect(seen).toEqual({ error: 'File size exceeds the allowed limit', description: 'kept' });
  });

  it('L7: the server got no file → its words', async () => {
    const rid = await freshLivechatRoom();
    await fault('livechat.upload', rid, { kind: 'status', status: 400, body: JSON.stringify({ success: false, error: 'No file uploaded [error-no-file]', errorType: 'error-no-file' }), contentType: 'application/json' });
    const seen = await sendOne(await mount(visitor(rid)), makeFile('a.txt', 10, 'text/plain'));
    expect(seen.error).toBe('No file uploaded');
  });

  it('L8: a type the server refuses → "does not accept this type" (its answer has no words)', async () => {
    const rid = await freshLivechatRoom();
    await setSettings({ FileUpload_MediaTypeBlackList: 'text/plain' });
    const seen = await sendOne(await mount({ ...visitor(rid), 'max-file-size': 1e9, accept: '.txt' }), makeFile('a.txt', 10, 'text/plain'), 'kept');
    expect(seen).toEqual({ error: 'The server does not accept this type of file.', description: 'kept' });
  });
});

group('single flow: what the person sees (servers.md S1–S9)', () => {
  afterEach(resetServer);

  it('S1: sent; the item links to the file_url the server answered; no description field', async () => {
    const rid = await freshRoom();
    const el = await mount(single(rid));
    el.addFiles([makeFile('report.pdf', 1000, 'application/pdf')]);
    await el.updateComplete;
    expect(await descriptionOf(el, 0)).toBeUndefined();
    await el.send();
    await settled(el);
    await el.updateComplete;
    const link = rows(el)[0].querySelector('a')!;
    expect(link.href).toMatch(/\/file-upload\/.+\/report\.pdf$/);
    expect(link.rel).toContain('noopener');
    expect((await state(rid)).uploads[0].fields).toEqual({ room_id: rid });
  });

  it('S5: over 24 MiB is refused before any byte is sent', async () => {
    const rid = await freshRoom();
    const el = await mount(single(rid));
    el.addFiles([makeFile('huge.bin', 24 * 1024 * 1024 + 1)]);
    await el.updateComplete;
    expect(visibleText(el)).toContain('huge.bin is larger than the 24 MB limit and was not added.');
    expect(rows(el)).toHaveLength(0);
  });

  it('S6/S7: a bad token, or a token of an unknown user → the server\'s words; the file stays', async () => {
    const rid = await freshRoom();
    expect((await sendOne(await mount(single(rid, 'bad')), makeFile('a.bin', 10))).error).toBe('Invalid token or token missing');
    expect((await sendOne(await mount(single(rid, seed.single.ghostToken)), makeFile('a.bin', 10))).error).toBe('Unauthorized access (invalid user)');
  });

  it('S8: not a member of the room → the server\'s words', async () => {
    const seen = await sendOne(await mount(single(seed.single.foreignRoom)), makeFile('a.bin', 10));
    expect(seen.error).toBe('You are not a member of this room');
  });

  it('S2/S3/S4: the server says the file, its name or the room is missing → its words, item kept', async () => {
    const rid = await freshRoom();
    for (const error of ['No file provided', 'No file name provided', 'No room ID provided']) {
      await fault('upload_file', undefined, { kind: 'status', status: 400, body: JSON.stringify({ error }), contentType: 'application/json' });
      const el = await mount(single(rid));
      expect((await sendOne(el, makeFile('a.bin', 10))).error).toBe(error);
      expect(rows(el)).toHaveLength(1);
    }
  });

  it('S9: storage failed (500) → the server\'s words, not tried again by itself (the upload is the post); Retry succeeds', async () => {
    const rid = await freshRoom();
    const el = await mount({ ...single(rid), retries: 1, 'retry-delay': 20 });
    await fault('upload_file', undefined, { kind: 'storage-fail' }, 1);
    const seen = await sendOne(el, makeFile('a.bin', 10));
    expect(seen.error).toMatch(/^File upload failed: /);
    part(rows(el)[0], 'retry-button')!.click();
    await settled(el);
    await el.updateComplete;
    expect(part(rows(el)[0], 'status')!.textContent).toBe('Sent');
  });
});
