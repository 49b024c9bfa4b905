import { afterEach, describe as group, expect, it } from 'vitest';
import { $, clickPart, describe, descriptionOf, details, dragOver, drop, mount, part, release, rows, settled, visibleText } from '../support/element.js';
import { loadDraft } from '../../src/core/persist.js';
import { centreColour, fault, freshRoom, makeFile, makePng, makeRotatedJpeg, resetServer, seed, setSettings, serverUrl, sha256, state, until } from '../support/server.js';

group('<chat-file-upload> in the rooms flow: what a person sees', () => {
  afterEach(resetServer);

  it('R1+R11: dropped files are listed with name, size and a thumbnail; descriptions, message and thread reach the server', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid, 'thread-id': 'T-7' });
    const png = await makePng('cat.png');
    const doc = makeFile('notes.pdf', 2048, 'application/pdf');
    drop(el, [png, doc]);
    await el.updateComplete;
    expect(rows(el).map((row) => part(row, 'name')!.textContent)).toEqual(['cat.png', 'notes.pdf']);
    expect(part(rows(el)[1], 'size')!.textContent).toBe('2 KB');
    const thumb = (await until(() => part(rows(el)[0], 'preview')!.querySelector('img'), 5000, 'thumbnail'))!;
    await until(() => thumb.complete && thumb.naturalWidth === 64, 5000, 'the picture');
    expect(centreColour(thumb).map((c) => Math.round(c / 17))).toEqual([3, 10, 7]); // #3a7
    expect(part(rows(el)[1], 'preview')!.textContent).toContain('PDF');
    await describe(el, 0, 'the cat');
    await describe(el, 1, 'the notes');
    el.message = 'two files';
    await el.updateComplete;
    await clickPart(el, 'send-button');
    await settled(el);
    expect(rows(el).map((row) => part(row, 'status')!.textContent)).toEqual(['Sent', 'Sent']);
    const s = await state(rid);
    // the bytes go up side by side (either may arrive first); the messages are posted in list order
    expect(s.uploads.map((u) => [u.name, u.sha256]).sort()).toEqual([['cat.png', await sha256(png)], ['notes.pdf', await sha256(doc)]]);
    expect(s.confirms.map((c) => c.body)).toEqual([
      { msg: 'two files', description: 'the cat', tmid: 'T-7' },
      { description: 'the notes', tmid: 'T-7' },
    ]);
    expect(el.message).toBe(''); // posted: the field empties
  });

  it('R2: a wrong token → the login sentence; the item, its description and its place stay', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid, 'auth-token': 'wrong' });
    el.addFiles([makeFile('a.bin', 10), makeFile('b.bin', 10)]);
    await el.updateComplete;
    await describe(el, 1, 'second');
    await el.send();
    await el.updateComplete;
    expect(part(rows(el)[0], 'error')!.textContent).toBe('You must be logged in to do this.');
    expect(rows(el).map((row) => part(row, 'name')!.textContent)).toEqual(['a.bin', 'b.bin']);
    expect((await descriptionOf(el, 1))).toBe('second');
    expect(part(rows(el)[0], 'retry-button')).not.toBeNull();
  });

  it('R3: a room the user may not see → "not allowed" words, not the server\'s "unauthorized"', async () => {
    const el = await mount({ 'room-id': seed.privateRoom });
    el.addFiles([makeFile('a.bin', 10)]);
    await el.send();
    await el.updateComplete;
    expect(part(rows(el)[0], 'error')!.textContent).toBe('You are not allowed to send files to this room.');
    expect(visibleText(el)).not.toContain('unauthorized');
  });

  it('R5: an empty (0-byte) file is refused before sending, with the reason on screen', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    const rejected: string[] = [];
    el.addEventListener('file-reject', (e) => rejected.push(e.detail.reason));
    el.addFiles([new File([], 'empty.txt', { type: 'text/plain' })]);
    await el.updateComplete;
    expect(rejected).toEqual(['empty']);
    expect(visibleText(el)).toContain('empty.txt is empty (0 bytes) and was not added.');
    expect(rows(el)).toHaveLength(0);
    expect((await state(rid)).counts['rooms.media'] ?? 0).toBe(0);
  });

  it('R7: too large for max-file-size → refused before sending; with the client check off, the server\'s words', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid, 'max-file-size': 1000 });
    el.addFiles([makeFile('big.bin', 1001)]);
    await el.updateComplete;
    expect(visibleText(el)).toContain('big.bin is larger than the 1,000 B limit');
    expect(rows(el)).toHaveLength(0);

    await setSettings({ FileUpload_MaxFileSize: 500 });
    const open = await mount({ 'room-id': rid, 'max-file-size': 10_000_000 });
    open.addFiles([makeFile('big.bin', 1001)]);
    await open.updateComplete;
    await describe(open, 0, 'keep');
    await open.send();
    await open.updateComplete;
    expect(part(rows(open)[0], 'error')!.textContent).toBe('File size exceeds the allowed limit');
    expect((await descriptionOf(open, 0))).toBe('keep');
  });

  it('R7 from the server\'s settings: without max-file-size the element reads settings.public and refuses before sending', async () => {
    await setSettings({ FileUpload_MaxFileSize: 2048 });
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    await until(async () => { el.addFiles([makeFile('probe.bin', 4096)]); await el.updateComplete; return visibleText(el).includes('probe.bin is larger than the 2 KB limit'); }, 5000, 'server limit');
    expect(rows(el)).toHaveLength(0);
    expect((await state(rid)).counts['rooms.media'] ?? 0).toBe(0);
  });

  it('R8: a blocked type → refused by the client from the server\'s block list; with a list the client does not know, the server\'s words', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    await until(async () => { el.addFiles([new File(['<svg/>'], 'x.svg', { type: 'image/svg+xml' })]); await el.updateComplete; return visibleText(el).includes('x.svg is a type of file that cannot be sent here.'); }, 5000, 'block list');
    const open = await mount({ 'room-id': rid, 'max-file-size': 1e9, accept: '.svg' });
    open.addFiles([new File(['<svg/>'], 'y.svg', { type: 'image/svg+xml' })]);
    await open.send();
    await open.updateComplete;
    expect(part(rows(open)[0], 'error')!.textContent).toBe('File type is not accepted.');
  });

  it('R9: uploads turned off on the server → the server\'s words, the file kept', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid, 'max-file-size': 1e9, accept: '*' });
    el.addFiles([makeFile('a.bin', 10)]);
    await setSettings({ FileUpload_Enabled: false });
    await el.send();
    await el.updateComplete;
    expect(part(rows(el)[0], 'error')!.textContent).toBe('File uploads are disabled.');
    expect(rows(el)).toHaveLength(1);
  });

  it('R14: the server forgot the upload → "did not accept this file" in plain words', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    el.addFiles([makeFile('a.bin', 10)]);
    await fault('rooms.mediaConfirm', rid, { kind: 'status', status: 400, body: JSON.stringify({ success: false, error: '[invalid-file]', errorType: 'invalid-file' }), contentType: 'application/json' });
    await el.send();
    await el.updateComplete;
    expect(part(rows(el)[0], 'error')!.textContent).toBe('The server did not accept this file.');
  });

  it('R15+R16: with the server\'s limits unread, a description over its limit → the server\'s answer in words; the description stays to be shortened', async () => {
    const rid = await freshRoom();
    // Known limits refuse the description before any byte goes (sending.test.ts); here the read fails.
    await fault('settings.public', undefined, { kind: 'status', status: 500, body: 'down' });
    const el = await mount({ 'room-id': rid });
    el.addFiles([makeFile('a.bin', 10)]);
    el.confirmFields = { customFields: { ticket: 42 } };
    const long = 'x'.repeat(5001);
    await el.updateComplete;
    (part(await details(el, 0), 'description') as HTMLInputElement).removeAttribute('maxlength');
    await describe(el, 0, long);
    await el.send();
    await el.updateComplete;
    expect(part(rows(el)[0], 'error')!.textContent).toBe('The description or message is longer than the server allows.');
    expect((await state(rid)).confirms[0].body.customFields).toBe('{"ticket":42}');
    await describe(el, 0, 'short');
    await clickPart(el, 'retry-button');
    await settled(el);
    expect(part(rows(el)[0], 'status')!.textContent).toBe('Sent');
    expect((await state(rid)).counts).toMatchObject({ 'rooms.media': 1, 'rooms.mediaConfirm': 2 });
  });

  it('R17: when the confirm\'s answer is lost, the person is told the message may be posted; no second confirm is sent by itself', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid, retries: 3 });
    el.addFiles([makeFile('a.bin', 10)]);
    await fault('rooms.mediaConfirm', rid, { kind: 'lose-answer' });
    await el.send();
    await el.updateComplete;
    expect(part(rows(el)[0], 'error')!.textContent).toContain('the message may already be in the room');
    await new Promise((r) => setTimeout(r, 300));
    expect((await state(rid)).counts['rooms.mediaConfirm']).toBe(1);
    expect(part(rows(el)[0], 'retry-button')).not.toBeNull();
  });

  it('cancel during an upload aborts it: "Canceled", nothing stored; retry sends it', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    el.addFiles([makeFile('slow.bin', 2_000_000)]);
    await fault('rooms.media', rid, { kind: 'throttle', bytesPerSecond: 200_000 });
    void el.send();
    // Progress repaints at most ten times a second: wait for what the person sees.
    const progress = () => part(rows(el)[0], 'progress');
    await until(() => Number(progress()?.getAttribute('aria-valuenow')) > 0, 10_000, 'progress on screen');
    expect(el.items[0].loaded).toBeGreaterThan(0);
    const shown = Number(progress()!.getAttribute('aria-valuenow'));
    // The ring is the share sent: its stroke dashed to the percent.
    const value = progress()!.querySelector('.value')!;
    expect(value.getAttribute('stroke-dasharray')).toBe(`${shown} 100`);
    // Drawn: an SVG circle of the ring's radius, not an unknown HTML element.
    expect(value).toBeInstanceOf(SVGCircleElement);
    expect((value as SVGCircleElement).getBBox().width).toBe(30);
    await clickPart(el, 'cancel-button');
    expect(part(rows(el)[0], 'status')!.textContent).toBe('Canceled');
    await new Promise((r) => setTimeout(r, 300));
    expect((await state(rid)).uploads).toHaveLength(0);
    await clickPart(el, 'retry-button');
    await settled(el);
    expect(part(rows(el)[0], 'status')!.textContent).toBe('Sent');
  });

  it('accept and max-files refuse before sending, with the reasons on screen', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid, accept: 'image/*,.pdf', 'max-files': 2 });
    const result = el.addFiles([makeFile('a.txt', 5, 'text/plain'), await makePng('1.png'), makeFile('2.pdf', 5, 'application/pdf'), await makePng('3.png', 10, 10)]);
    await el.updateComplete;
    expect(result.rejected.map((r) => r.reason)).toEqual(['invalid-type', 'too-many']);
    expect(visibleText(el)).toContain('a.txt is a type of file that cannot be sent here.');
    expect(visibleText(el)).toContain('3.png was not added: at most 2 files at a time.');
    expect(rows(el)).toHaveLength(2);
  });

  it('files can be picked with the keyboard-operable browse button and pasted', async () => {
    const el = await mount();
    const input = $(el, 'input[type=file]') as HTMLInputElement;
    let opened = false;
    input.addEventListener('click', (e) => { opened = true; e.preventDefault(); });
    const browse = $(el, '[part~="browse-button"]') as HTMLButtonElement;
    expect(browse.tagName).toBe('BUTTON');
    browse.focus();
    browse.click();
    expect(opened).toBe(true);
    const data = new DataTransfer();
    data.items.add(makeFile('pasted.bin', 10));
    $(el, '[part~="dropzone"]')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, composed: true }));
    await el.updateComplete;
    expect(part(rows(el)[0], 'name')!.textContent).toBe('pasted.bin');
  });

  it('previews honour EXIF orientation, and load only for rows in or near view', async () => {
    const el = await mount({ 'room-id': 'GENERAL', accept: 'image/*', 'max-file-size': '10000000' });
    // A phone photo stored on its side: shown upright, as the camera meant.
    el.addFiles([await makeRotatedJpeg('phone.jpg', 64, 48)]);
    await el.updateComplete;
    rows(el)[0].scrollIntoView(); // earlier tests' elements stay on the page above this one
    const upright = (await until(() => part(rows(el)[0], 'preview')!.querySelector('img'), 5000, 'thumbnail'))!;
    await until(() => upright.complete && upright.naturalWidth > 0, 5000, 'the picture');
    expect([upright.naturalWidth, upright.naturalHeight]).toEqual([48, 64]);
    el.clear();
    // 120 photos: the cards in view get previews; the tray renders only a window of cards...
    const photos = await Promise.all(Array.from({ length: 120 }, (_, i) => makePng(`p${i}.png`, 64, 48, `hsl(${i * 3} 70% 50%)`)));
    el.addFiles(photos);
    await el.updateComplete;
    expect(el.items).toHaveLength(120);
    rows(el)[0].scrollIntoView();
    await until(() => part(rows(el)[0], 'preview')!.querySelector('img'), 5000, 'the first thumbnail');
    await new Promise((r) => setTimeout(r, 300));
    const decoded = () => rows(el).filter((row) => part(row, 'preview')!.querySelector('img')).length;
    expect(decoded()).toBeGreaterThan(0);
    expect(rows(el).length).toBeLessThan(60);
    const card = (name: string) => rows(el).find((row) => part(row, 'name')!.textContent === name);
    expect(card('p119.png')).toBeUndefined();
    // ...until they are scrolled to: the last card comes, with its picture.
    const tray = $(el, '.tray')!;
    tray.scrollTop = tray.scrollHeight; // down, or sideways when the tray is narrow
    tray.scrollLeft = tray.scrollWidth;
    await until(() => card('p119.png'), 5000, 'the last card');
    await until(() => part(card('p119.png')!, 'preview')!.querySelector('img'), 5000, 'the last thumbnail');
    el.remove();
  });

  it('disconnecting the element aborts its requests and frees every preview URL', async () => {
    const rid = await freshRoom();
    await setSettings({ FileUpload_MediaTypeBlackList: '' }); // SVG is blocked by default
    const el = await mount({ 'room-id': rid });
    const revoked: string[] = [];
    const original = URL.revokeObjectURL;
    URL.revokeObjectURL = (url: string) => { revoked.push(url); original.call(URL, url); };
    try {
      const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4" fill="red"/></svg>';
      el.addFiles([new File([svg], 'p.svg', { type: 'image/svg+xml' }), makeFile('slow.bin', 2_000_000)]);
      await el.updateComplete;
      rows(el)[0].scrollIntoView(); // earlier tests' elements stay on the page above this one
      const src = (await until(() => part(rows(el)[0], 'preview')!.querySelector('img'), 5000, 'the preview'))!.src;
      expect(src).toMatch(/^blob:/);
      await fault('rooms.media', rid, { kind: 'throttle', bytesPerSecond: 100_000 }, 2);
      void el.send();
      await until(() => el.items[1].loaded > 0, 10_000, 'progress');
      el.remove();
      expect(revoked).toContain(src);
      await new Promise((r) => setTimeout(r, 300));
      expect((await state(rid)).uploads.filter((u) => u.name === 'slow.bin')).toHaveLength(0);
    } finally {
      URL.revokeObjectURL = original;
      await resetServer();
    }
  });
});

group('<chat-file-upload>: list handling, limits and look', () => {
  afterEach(resetServer);

  it('"Retry all" retries every failed item at once', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    el.addFiles([makeFile('a.bin', 10), makeFile('b.bin', 10)]);
    await fault('rooms.mediaConfirm', rid, { kind: 'status', status: 400, body: '{"success":false,"error":"[invalid-file]","errorType":"invalid-file"}', contentType: 'application/json' }, 2);
    await el.send();
    await el.updateComplete;
    const retryAll = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent === 'Retry all')!;
    retryAll.click();
    await settled(el);
    await el.updateComplete;
    expect(rows(el).map((row) => part(row, 'status')!.textContent)).toEqual(['Sent', 'Sent']);
    expect((await state(rid)).counts).toMatchObject({ 'rooms.media': 2, 'rooms.mediaConfirm': 4 });
  });

  it('rows can be reordered by dragging one onto another; the room gets that order', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    el.addFiles([makeFile('1.bin', 10), makeFile('2.bin', 10), makeFile('3.bin', 10)]);
    await el.updateComplete;
    const data = new DataTransfer();
    const [first, , last] = rows(el);
    first.dispatchEvent(new DragEvent('dragstart', { dataTransfer: data, bubbles: true, composed: true }));
    last.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, composed: true, cancelable: true }));
    last.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, composed: true, cancelable: true }));
    await el.updateComplete;
    expect(rows(el).map((row) => part(row, 'name')!.textContent)).toEqual(['2.bin', '3.bin', '1.bin']);
    await el.send();
    expect((await state(rid)).messages.map((m) => m.file.name)).toEqual(['2.bin', '3.bin', '1.bin']);
  });

  it('files dropped on the list, not only on the drop zone, are added; the rows staged before keep their place and words', async () => {
    const el = await mount({ 'room-id': await freshRoom() });
    el.addFiles([makeFile('first.bin', 10)]);
    await el.updateComplete;
    await describe(el, 0, 'kept');
    const list = part(el.shadowRoot!, 'list')!;
    const data = dragOver(el, [makeFile('second.bin', 20)], list);
    await el.updateComplete;
    expect(el.hasAttribute('dragging')).toBe(true);
    expect(part(el.shadowRoot!, 'dropzone')!.textContent).toContain('Drop to attach');
    release(list, data);
    await el.updateComplete;
    expect(el.hasAttribute('dragging')).toBe(false);
    expect(rows(el).map((row) => part(row, 'name')!.textContent)).toEqual(['first.bin', 'second.bin']);
    expect((await descriptionOf(el, 0))).toBe('kept');
  });

  it('when the server\'s limits cannot be read, files go up and the server\'s answer is shown', async () => {
    await fault('settings.public', undefined, { kind: 'status', status: 500, body: 'down' });
    await setSettings({ FileUpload_MaxFileSize: 100 });
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    el.addFiles([makeFile('big.bin', 1000)]);
    await el.send();
    await el.updateComplete;
    expect(part(rows(el)[0], 'error')!.textContent).toBe('File size exceeds the allowed limit');
    expect((await state(rid)).counts['rooms.media']).toBe(1);
  });

  it('persist: a draft is kept per room; switching room-id offers that room\'s own draft, restored in full', async () => {
    const [a, b] = [await freshRoom(), await freshRoom()];
    const el = await mount({ 'room-id': a, persist: true });
    el.addFiles([makeFile('kept.bin', 10)]);
    await el.updateComplete;
    await describe(el, 0, 'for room a');
    el.message = 'hello a';
    await el.updateComplete;
    await until(async () => (await loadDraft(`${serverUrl}|rooms|${a}`))?.message === 'hello a', 5000, 'the draft of room a');
    const other = await mount({ 'room-id': b, persist: true });
    await new Promise((done) => setTimeout(done, 200));
    expect(visibleText(other)).not.toContain('from before');
    other.setAttribute('room-id', a);
    await until(() => visibleText(other).includes('1 file from before was not sent.'), 5000, 'the offer of room a');
    [...other.shadowRoot!.querySelectorAll('button')].find((button) => button.textContent === 'Restore')!.click();
    await other.updateComplete;
    expect(rows(other).map((row) => part(row, 'name')!.textContent)).toEqual(['kept.bin']);
    expect((await descriptionOf(other, 0))).toBe('for room a');
    expect(other.message).toBe('hello a');
  });

  it('the host\'s custom properties theme it; reduced motion stops its transitions', async () => {
    const el = await mount();
    el.style.setProperty('--chat-file-upload-accent', 'rgb(10, 125, 90)');
    el.addFiles([makeFile('a.bin', 10)]);
    await el.updateComplete;
    expect(getComputedStyle($(el, '[part~="send-button"]')!).backgroundColor).toBe('rgb(10, 125, 90)');
    expect(getComputedStyle($(el, '[part~="browse-button"]')!).backgroundColor).toBe('rgb(10, 125, 90)');
    const sheet = [...el.shadowRoot!.adoptedStyleSheets].flatMap((s) => [...s.cssRules]).map((r) => r.cssText).join('\n');
    expect(sheet).toMatch(/prefers-reduced-motion: reduce[\s\S]*transition: none/);
  });
});
