import { afterEach, describe as group, expect, it } from 'vitest';
import { $, $$, describe, mount, part, rows, settled, visibleText } from '../support/element.js';
import { fault, freshLivechatRoom, freshRoom, makeFile, makePng, resetServer, seed, setSettings, sha256, state, until } from '../support/server.js';
import { download, isRed, look, makePhoto, readExif, readJpeg, readWebp } from '../support/images.js';
import { en, formatSize, type ChatFileUpload } from '../../src/index.js';

/** Adds the files, presses Send, waits for the end; returns what the server stored, in order. */
async function sendAll(el: ChatFileUpload, rid: string, files: File[]) {
  el.addFiles(files);
  await el.updateComplete;
  await el.send();
  await settled(el, 30_000);
  await el.updateComplete;
  return (await state(rid)).uploads;
}

/** Waits until every item is prepared (none is "preparing"). */
async function prepared(el: ChatFileUpload) {
  await until(() => el.items.length && el.items.every((item) => item.status !== 'preparing'), 30_000, 'the photos to be prepared');
  await el.updateComplete;
}

/**
 * A re-encoded photo as it must arrive: a JPEG whose pixels stand upright at 1536×2048 (the
 * orientation applied, no Orientation tag left), with no APP1 segment (no EXIF, no XMP), no GPS
 * an EXIF reader could find, and red on the right of what is shown (the picked photo's top half,
 * turned 90° clockwise).
 */
async function expectUprightJpeg(bytes: Uint8Array, size = { width: 1536, height: 2048 }) {
  const info = readJpeg(bytes);
  expect({ width: info.width, height: info.height }).toEqual(size);
  expect(info.segments.filter((s) => s.startsWith('APP1'))).toEqual([]);
  expect(info.orientation).toBeUndefined();
  expect(info.gps).toBe(false);
  expect(await readExif(bytes)).toBeUndefined();
  // No GPS or XMP words in the segments before the image data (its entropy-coded bytes may hold any three letters).
  expect(String.fromCharCode(...bytes.subarray(0, bytes.length - info.scan.length))).not.toMatch(/GPS|xmpmeta|Exif/);
  const seen = await look(bytes, 'image/jpeg');
  expect(seen.shown).toEqual(size);
  expect(isRed(seen.right)).toBe(true);
}

/** Picks a quality in the choice beside Send, as a person does. */
async function choose(el: ChatFileUpload, quality: 'standard' | 'high' | 'original') {
  const select = $(el, '[part~="quality"]') as HTMLSelectElement;
  select.value = quality;
  select.dispatchEvent(new Event('change'));
  await el.updateComplete;
}

group('photos are made ready to send (issue 15)', () => {
  afterEach(resetServer);

  it('a 4000×3000 phone photo turned by EXIF arrives upright at 1536×2048, as JPEG named with its stem, without EXIF or GPS, and is smaller', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    const photo = await makePhoto('IMG_0001.jpeg');
    const [stored] = await sendAll(el, rid, [photo]);
    expect(stored).toMatchObject({ name: 'IMG_0001.jpg', type: 'image/jpeg' });
    expect(stored.size).toBeLessThan(photo.size);
    // An EXIF reader finds the picked photo's orientation and GPS; none of it is in what arrived.
    expect(await readExif(new Uint8Array(await photo.arrayBuffer()))).toMatchObject({ ifd0: { 274: 6, 34853: 38 }, gps: { 1: 'N' } });
    await expectUprightJpeg(await download(stored));
    // The card shows the size that went up.
    expect(part(rows(el)[0], 'size')!.textContent).toBe(formatSize(stored.size, en));
    expect(el.items[0]).toMatchObject({ name: 'IMG_0001.jpg', type: 'image/jpeg', size: stored.size });
  });

  const jpegOnly: [string, () => Promise<unknown>, Record<string, string>][] = [
    ["the server's white list", () => setSettings({ FileUpload_MediaTypeWhiteList: 'image/jpeg,image/png' }), {}],
    ['the accept attribute', async () => undefined, { accept: 'image/jpeg,.txt' }],
  ];
  for (const [where, restrict, attributes] of jpegOnly) {
    it(`where ${where} takes only JPEG and PNG or .txt, the prepared photo is taken and arrives as JPEG: upright at 1536×2048, its stem with .jpg, without EXIF or GPS`, async () => {
      await restrict();
      const rid = await freshRoom();
      const el = await mount({ 'room-id': rid, ...attributes });
      const photo = await makePhoto('IMG_0001.jpeg');
      const [stored] = await sendAll(el, rid, [photo]);
      expect(stored).toMatchObject({ name: 'IMG_0001.jpg', type: 'image/jpeg' });
      expect(stored.size).toBeLessThan(photo.size);
      await expectUprightJpeg(await download(stored));
      expect(el.items[0]).toMatchObject({ name: 'IMG_0001.jpg', type: 'image/jpeg', size: stored.size, status: 'done' });
    });
  }

  it('a picked WebP photo over 2048 px is resized and stays WebP: its type and its .webp name, without EXIF', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    // The pixels of a 4000×3000 photo, as a WebP (no orientation to apply).
    const bitmap = await createImageBitmap(await makePhoto('source.jpg', { orientation: 1, gps: false }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
    bitmap.close();
    const photo = new File([await canvas.convertToBlob({ type: 'image/webp', quality: 0.95 })], 'IMG_3000.webp', { type: 'image/webp' });
    expect(readWebp(new Uint8Array(await photo.arrayBuffer()))).toMatchObject({ width: 4000, height: 3000 });
    const [stored] = await sendAll(el, rid, [photo]);
    expect(stored).toMatchObject({ name: 'IMG_3000.webp', type: 'image/webp' });
    expect(stored.size).toBeLessThan(photo.size);
    const webp = readWebp(await download(stored));
    expect(webp).toMatchObject({ width: 2048, height: 1536 });
    expect(webp.chunks.filter((chunk) => /EXIF|XMP/.test(chunk))).toEqual([]);
    expect(el.items[0]).toMatchObject({ name: 'IMG_3000.webp', type: 'image/webp', size: stored.size });
  });

  it('"High" makes a bigger JPEG than "Standard" of the same photo over 4096 px: 3072×4096 against 1536×2048, both upright without EXIF or GPS', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    const photo = await makePhoto('IMG_0200.jpg', { width: 6000, height: 4500 });
    el.addFiles([photo]);
    await prepared(el);
    expect(el.items[0]).toMatchObject({ name: 'IMG_0200.jpg', type: 'image/jpeg' });
    const standard = el.items[0].size;
    await expectUprightJpeg(new Uint8Array(await el.items[0].file.arrayBuffer()));
    await choose(el, 'high');
    await prepared(el);
    expect(el.items[0]).toMatchObject({ name: 'IMG_0200.jpg', type: 'image/jpeg' });
    expect(el.items[0].size).toBeGreaterThan(standard);
    expect(el.items[0].size).toBeLessThan(photo.size);
    await el.send();
    await settled(el, 30_000);
    const [stored] = (await state(rid)).uploads;
    expect(stored).toMatchObject({ name: 'IMG_0200.jpg', type: 'image/jpeg', size: el.items[0].size });
    await expectUprightJpeg(await download(stored), { width: 3072, height: 4096 });
  });

  it('image-quality="original" sends the picked pixels untouched, with only the orientation kept of its metadata', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid, 'image-quality': 'original' });
    const photo = await makePhoto('IMG_0002.jpg', { width: 800, height: 600 });
    const [stored] = await sendAll(el, rid, [photo]);
    expect(stored).toMatchObject({ name: 'IMG_0002.jpg', type: 'image/jpeg' });
    const sent = readJpeg(await download(stored));
    const picked = readJpeg(new Uint8Array(await photo.arrayBuffer()));
    expect(picked.gps).toBe(true);
    expect(sent.gps).toBe(false);
    expect(sent.segments).toEqual(['APP1 Exif', 'APP2 ICC_PROFILE']);
    expect(sent.orientation).toBe(6);
    // The EXIF reader: Orientation alone is left (no GPSInfo tag, no GPS block, no XMP).
    expect(await readExif(await download(stored))).toEqual({ ifd0: { 274: 6 } });
    expect(await sha256(new Blob([sent.scan as BlobPart]))).toBe(await sha256(new Blob([picked.scan as BlobPart])));
    const seen = await look(await download(stored), 'image/jpeg');
    expect(seen.shown).toEqual({ width: 600, height: 800 });
    expect(isRed(seen.right)).toBe(true);
  });

  it('image-quality="original" with keep-metadata sends the very bytes picked, GPS included', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid, 'image-quality': 'original', 'keep-metadata': true });
    const photo = await makePhoto('IMG_0003.jpg', { width: 800, height: 600 });
    const [stored] = await sendAll(el, rid, [photo]);
    expect(stored).toMatchObject({ name: 'IMG_0003.jpg', sha256: await sha256(photo) });
    expect(await readExif(await download(stored))).toMatchObject({ ifd0: { 274: 6, 34853: 38 }, gps: { 1: 'N' } });
  });

  it('a photo already within the target is not re-encoded: only its metadata goes', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    const photo = await makePhoto('small.jpg', { width: 1200, height: 900 });
    const [stored] = await sendAll(el, rid, [photo]);
    const sent = readJpeg(await download(stored));
    expect(sent.gps).toBe(false);
    expect(await sha256(new Blob([sent.scan as BlobPart]))).toBe(await sha256(new Blob([readJpeg(new Uint8Array(await photo.arrayBuffer())).scan as BlobPart])));
  });

  it('GIF, SVG and a PNG screenshot go exactly as picked', async () => {
    await setSettings({ FileUpload_MediaTypeBlackList: '' });
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    const gif = new File([Uint8Array.from(atob('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7'), (c) => c.charCodeAt(0))], 'dot.gif', { type: 'image/gif' });
    const svg = new File(['<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="4000"><rect width="4000" height="4000"/></svg>'], 'big.svg', { type: 'image/svg+xml' });
    const png = await makePng('screenshot.png', 3000, 2000);
    const stored = await sendAll(el, rid, [gif, svg, png]);
    // The bytes go up side by side (rooms): compared by name.
    expect(stored.map((s) => [s.name, s.type, s.sha256]).sort()).toEqual([
      ['dot.gif', 'image/gif', await sha256(gif)],
      ['big.svg', 'image/svg+xml', await sha256(svg)],
      ['screenshot.png', 'image/png', await sha256(png)],
    ].sort());
  });

  it('a photo over max-file-size is reduced until it fits, and its card says so; one that cannot fit is refused in words', async () => {
    const rid = await freshRoom();
    const limit = 300 * 1024;
    const el = await mount({ 'room-id': rid, 'max-file-size': limit });
    const photo = await makePhoto('big.jpg', { width: 2000, height: 1500, noise: 1, quality: 1 });
    expect(photo.size).toBeGreaterThan(limit);
    const [stored] = await sendAll(el, rid, [photo]);
    expect(stored.size).toBeLessThanOrEqual(limit);
    expect(stored).toMatchObject({ name: 'big.jpg', type: 'image/jpeg' });
    expect(readJpeg(await download(stored)).segments.filter((s) => s.startsWith('APP1'))).toEqual([]);
    expect(part(rows(el)[0], 'note')!.textContent).toBe("Reduced to fit the server's 300 KB limit");
    expect(part(rows(el)[0], 'status')!.textContent).toBe('Sent');

    const rid2 = await freshRoom();
    const tiny = await mount({ 'room-id': rid2, 'max-file-size': 60 });
    const uploads = await sendAll(tiny, rid2, [await makePhoto('huge.jpg', { width: 600, height: 400, noise: 1 })]);
    expect(uploads).toEqual([]);
    expect(tiny.items[0].status).toBe('error');
    expect(part(rows(tiny)[0], 'error')!.textContent).not.toBe('');
  });

  // The second: the server's settings answer while the photo is being prepared without the limit.
  for (const [when, late] of [['', 0], [', also when the limit arrives while the photo is being prepared', 150]] as const) it(`a photo over the server's FileUpload_MaxFileSize is reduced to fit it, with the note on its card${when}`, async () => {
    await setSettings({ FileUpload_MaxFileSize: 250 * 1024 });
    if (late) await fault('settings.public', undefined, { kind: 'delay', ms: late });
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    const photo = await makePhoto('server-limit.jpg', { width: 2000, height: 1500, noise: 1, quality: 1 });
    expect(photo.size).toBeGreaterThan(250 * 1024);
    const [stored] = await sendAll(el, rid, [photo]);
    expect(stored).toMatchObject({ name: 'server-limit.jpg', type: 'image/jpeg' });
    expect(stored.size).toBeLessThanOrEqual(250 * 1024);
    const fitted = readJpeg(await download(stored));
    expect(fitted.segments.filter((s) => s.startsWith('APP1'))).toEqual([]);
    expect(fitted.gps).toBe(false);
    expect(part(rows(el)[0], 'note')!.textContent).toBe("Reduced to fit the server's 250 KB limit");
    expect(part(rows(el)[0], 'status')!.textContent).toBe('Sent');
  });

  it('a photo is prepared as soon as it is added: "Preparing…", then its card shows the size that will go up, and nothing is sent before Send', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    const photo = await makePhoto('IMG_0100.jpeg');
    el.addFiles([photo]);
    await until(() => el.items[0]?.status === 'preparing', 10_000, 'preparing');
    await el.updateComplete;
    expect(part(rows(el)[0], 'status')!.textContent).toBe('Preparing…');
    await prepared(el);
    expect(el.items[0]).toMatchObject({ name: 'IMG_0100.jpg', type: 'image/jpeg', status: 'queued' });
    expect(el.items[0].size).toBeLessThan(photo.size / 2);
    expect(part(rows(el)[0], 'size')!.textContent).toBe(formatSize(el.items[0].size, en));
    expect(part(rows(el)[0], 'size')!.textContent).not.toBe(formatSize(photo.size, en));
    expect(part(rows(el)[0], 'status')!.textContent).toBe('Ready to send');
    expect((await state(rid)).uploads).toEqual([]);
    const size = el.items[0].size;
    await el.send();
    await settled(el, 30_000);
    const [stored] = (await state(rid)).uploads;
    expect(stored).toMatchObject({ name: 'IMG_0100.jpg', type: 'image/jpeg', size });
  });

  it('a new quality after adding prepares the photos again from the files as picked: High, then Original with keep-metadata sends the very bytes picked', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    const photo = await makePhoto('again.jpg');
    el.addFiles([photo]);
    await prepared(el);
    const standard = el.items[0].size;
    await choose(el, 'high');
    expect(el.items[0].status).toBe('preparing');
    await prepared(el);
    expect(el.items[0].size).toBeGreaterThan(standard);
    expect(part(rows(el)[0], 'size')!.textContent).toBe(formatSize(el.items[0].size, en));
    el.keepMetadata = true;
    await choose(el, 'original');
    await prepared(el);
    expect(el.items[0]).toMatchObject({ name: 'again.jpg', size: photo.size });
    await el.send();
    await settled(el, 30_000);
    const [stored] = (await state(rid)).uploads;
    expect(stored.sha256).toBe(await sha256(photo));
  });

  it('Send waits for the photos still being prepared, and the room gets every file in list order', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    const files = [await makePhoto('first.jpg'), makeFile('second.txt', 20, 'text/plain'), await makePhoto('third.jpeg', { width: 3000, height: 2000 })];
    el.addFiles(files);
    await el.updateComplete;
    const sending = el.send();
    await until(() => el.items.some((item) => item.status === 'preparing'), 10_000, 'preparing');
    expect((await state(rid)).messages).toEqual([]);
    await sending;
    await settled(el, 30_000);
    // The bytes go up side by side; the messages are posted in list order.
    const s = await state(rid);
    expect(s.uploads.map((u) => u.name).sort()).toEqual(['first.jpg', 'second.txt', 'third.jpg']);
    expect(s.messages.map((m) => m.file?.name)).toEqual(['first.jpg', 'second.txt', 'third.jpg']);
  });

  it('removing a photo while it is prepared stops it: the next photo is prepared and sent alone', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    el.addFiles([await makePhoto('gone-1.jpg', { width: 6000, height: 4500 }), await makePhoto('gone-2.jpg', { width: 6000, height: 4500 }), await makePhoto('kept.jpg')]);
    await until(() => el.items[0]?.status === 'preparing', 10_000, 'preparing');
    part(rows(el)[0], 'remove-button')!.click();
    await el.updateComplete;
    part(rows(el)[0], 'remove-button')!.click();
    await el.updateComplete;
    expect(el.items.map((item) => item.name)).toEqual(['kept.jpg']);
    await prepared(el);
    expect(el.items[0]).toMatchObject({ name: 'kept.jpg', status: 'queued' });
    await el.send();
    await settled(el, 30_000);
    expect((await state(rid)).uploads.map((u) => u.name)).toEqual(['kept.jpg']);
  });

  it('while a photo is prepared its card says "Preparing…"; Cancel stops it and nothing is uploaded', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    el.addFiles([await makePhoto('a.jpg', { width: 6000, height: 4500 })]);
    await el.updateComplete;
    const sending = el.send();
    await until(() => el.items[0].status === 'preparing', 10_000, 'preparing');
    await el.updateComplete;
    expect(part(rows(el)[0], 'status')!.textContent).toBe('Preparing…');
    part(rows(el)[0], 'cancel-button')!.click();
    await sending;
    await el.updateComplete;
    expect(el.items[0].status).toBe('canceled');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await state(rid)).uploads).toEqual([]);
    expect(el.items[0]).toMatchObject({ name: 'a.jpg', status: 'canceled' });
  });

  it('the quality chosen beside Send applies to the whole send: "High" keeps a 4000×3000 photo at its size', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    el.addFiles([await makePhoto('hd.jpg'), await makePhoto('hd2.jpg')]);
    await el.updateComplete;
    const select = $(el, '[part~="quality"]') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['Standard', 'High', 'Original']);
    expect($$(el, '[part~="quality"]')).toHaveLength(1);
    await choose(el, 'high');
    await el.send();
    await settled(el, 30_000);
    const uploads = (await state(rid)).uploads;
    for (const stored of uploads) {
      const seen = await look(await download(stored), 'image/jpeg');
      expect(seen.shown).toEqual({ width: 3000, height: 4000 });
      // Within High's 4096 px it is not re-encoded: its metadata goes, but for its orientation.
      expect(await readExif(await download(stored))).toEqual({ ifd0: { 274: 6 } });
    }
    expect(uploads).toHaveLength(2);
  });

  for (const flow of ['rooms', 'livechat', 'single'] as const) {
    it(`${flow}: a photo sent while it is prepared arrives as a normal file: its stem with .jpg, a type that matches its bytes, its description and its place in the list`, async () => {
      const rid = flow === 'livechat' ? await freshLivechatRoom() : await freshRoom();
      const attributes: Record<string, Record<string, string | boolean>> = {
        rooms: { 'room-id': rid },
        livechat: { flow, 'room-id': rid, 'visitor-token': seed.visitor.token, 'user-id': false, 'auth-token': false },
        single: { flow, 'room-id': rid, 'auth-token': seed.single.token, 'user-id': false },
      };
      const el = await mount(attributes[flow]);
      el.addFiles([makeFile('before.txt', 10, 'text/plain'), await makePhoto('Beach.JPEG'), makeFile('after.txt', 12, 'text/plain')]);
      await el.updateComplete;
      if (flow !== 'single') await describe(el, 1, 'the view');
      const sending = el.send();
      await until(() => el.items[1].status === 'preparing', 10_000, 'preparing');
      await sending;
      await settled(el, 30_000);
      const s = await state(rid);
      // rooms: the bytes go up side by side, the messages in list order; the other flows post one at a time.
      const names = flow === 'rooms' ? s.messages.map((m) => m.file?.name) : s.uploads.map((u) => u.name);
      expect(names).toEqual(['before.txt', 'Beach.jpg', 'after.txt']);
      const photo = s.uploads.find((u) => u.name === 'Beach.jpg')!;
      expect(photo.type).toBe('image/jpeg');
      await expectUprightJpeg(await download(photo));
      if (flow === 'rooms') expect(s.confirms.map((c) => c.body.description)).toEqual([undefined, 'the view', undefined]);
      if (flow === 'livechat') expect(s.uploads.map((u) => u.fields.description)).toEqual([undefined, 'the view', undefined]);
      expect(rows(el).map((row) => part(row, 'status')!.textContent)).toEqual(['Sent', 'Sent', 'Sent']);
    });
  }

  it('where the browser has no OffscreenCanvas the photo goes as picked, and its card says so', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    const photo = await makePhoto('old.jpg', { width: 3000, height: 2000 });
    const canvas = globalThis.OffscreenCanvas;
    delete (globalThis as { OffscreenCanvas?: unknown }).OffscreenCanvas;
    try {
      const [stored] = await sendAll(el, rid, [photo]);
      expect(stored.sha256).toBe(await sha256(photo));
      expect(part(rows(el)[0], 'note')!.textContent).toBe('Sent as picked: this browser cannot resize photos');
    } finally {
      globalThis.OffscreenCanvas = canvas;
    }
  });

  it('the built script-tag chunk (minified) runs its Worker: a photo comes back resized', async () => {
    const chunks = import.meta.glob<{ prepare: typeof import('../../src/media/prepare.js').prepare }>('/dist/photos-*.js');
    const load = Object.values(chunks)[0];
    expect(load, 'run npm run build first').toBeDefined();
    const { prepare } = await load();
    const done = await prepare(await makePhoto('built.jpg'), { quality: 'standard', keep: false }, new AbortController().signal);
    expect(done.file).toMatchObject({ name: 'built.jpg', type: 'image/jpeg' });
    await expectUprightJpeg(new Uint8Array(await done.file!.arrayBuffer()));
  });
});
