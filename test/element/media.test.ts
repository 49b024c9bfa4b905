import { afterEach, describe as group, expect, it } from 'vitest';
import { $, describe, mount, part, rows, settled, visibleText } from '../support/element.js';
import { freshLivechatRoom, freshRoom, makeFile, makePng, resetServer, seed, setSettings, sha256, state, until } from '../support/server.js';
import { download, isRed, look, makePhoto, readJpeg } from '../support/images.js';
import type { ChatFileUpload } from '../../src/index.js';

/** Adds the files, presses Send, waits for the end; returns what the server stored, in order. */
async function sendAll(el: ChatFileUpload, rid: string, files: File[]) {
  el.addFiles(files);
  await el.updateComplete;
  await el.send();
  await settled(el, 30_000);
  await el.updateComplete;
  return (await state(rid)).uploads;
}

group('photos are made ready to send (issue 15)', () => {
  afterEach(resetServer);

  it('a 4000×3000 phone photo turned by EXIF arrives upright at 1536×2048, as JPEG, without EXIF or GPS, and is smaller', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    const photo = await makePhoto('IMG_0001.jpeg');
    const [stored] = await sendAll(el, rid, [photo]);
    expect(stored).toMatchObject({ name: 'IMG_0001.jpg', type: 'image/jpeg' });
    expect(stored.size).toBeLessThan(photo.size);
    const bytes = await download(stored);
    const info = readJpeg(bytes);
    expect(info.segments.filter((s) => s.startsWith('APP1'))).toEqual([]);
    expect(info.orientation).toBeUndefined();
    expect(info.gps).toBe(false);
    const seen = await look(bytes, 'image/jpeg');
    expect({ width: seen.width, height: seen.height }).toEqual({ width: 1536, height: 2048 });
    expect(seen.shown).toEqual({ width: 1536, height: 2048 });
    // Stored top-half red turned 90° clockwise: red on the right of what is shown.
    expect(isRed(seen.right)).toBe(true);
    // The card shows the size that went up.
    expect(part(rows(el)[0], 'size')!.textContent).not.toBe('');
    expect(el.items[0]).toMatchObject({ name: 'IMG_0001.jpg', size: stored.size });
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
    expect(stored.map((s) => [s.name, s.type, s.sha256])).toEqual([
      ['dot.gif', 'image/gif', await sha256(gif)],
      ['big.svg', 'image/svg+xml', await sha256(svg)],
      ['screenshot.png', 'image/png', await sha256(png)],
    ]);
  });

  it('a photo over max-file-size is reduced until it fits, and its card says so; one that cannot fit is refused in words', async () => {
    const rid = await freshRoom();
    const limit = 300 * 1024;
    const el = await mount({ 'room-id': rid, 'max-file-size': limit });
    const photo = await makePhoto('big.jpg', { width: 2000, height: 1500, noise: 1, quality: 1 });
    expect(photo.size).toBeGreaterThan(limit);
    const [stored] = await sendAll(el, rid, [photo]);
    expect(stored.size).toBeLessThanOrEqual(limit);
    expect(stored.type).toBe('image/jpeg');
    expect(part(rows(el)[0], 'note')!.textContent).toBe("Reduced to fit the server's 300 KB limit");
    expect(part(rows(el)[0], 'status')!.textContent).toBe('Sent');

    const rid2 = await freshRoom();
    const tiny = await mount({ 'room-id': rid2, 'max-file-size': 60 });
    const uploads = await sendAll(tiny, rid2, [await makePhoto('huge.jpg', { width: 600, height: 400, noise: 1 })]);
    expect(uploads).toEqual([]);
    expect(tiny.items[0].status).toBe('error');
    expect(part(rows(tiny)[0], 'error')!.textContent).not.toBe('');
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
    el.addFiles([await makePhoto('hd.jpg')]);
    await el.updateComplete;
    const select = $(el, '[part~="quality"]') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['Standard', 'High', 'Original']);
    select.value = 'high';
    select.dispatchEvent(new Event('change'));
    await el.send();
    await settled(el, 30_000);
    const [stored] = (await state(rid)).uploads;
    const seen = await look(await download(stored), 'image/jpeg');
    expect(seen.shown).toEqual({ width: 3000, height: 4000 });
    expect(readJpeg(await download(stored)).gps).toBe(false);
  });

  it('livechat and single carry the prepared photo with its description, in list order', async () => {
    const lrid = await freshLivechatRoom();
    const live = await mount({ flow: 'livechat', 'room-id': lrid, 'visitor-token': seed.visitor.token, 'user-id': false, 'auth-token': false });
    live.addFiles([await makePhoto('one.jpg'), makeFile('two.txt', 10, 'text/plain')]);
    await live.updateComplete;
    await describe(live, 0, 'the view');
    await live.send();
    await settled(live, 30_000);
    const uploads = (await state(lrid)).uploads;
    expect(uploads.map((u) => u.name)).toEqual(['one.jpg', 'two.txt']);
    expect(uploads[0].fields.description).toBe('the view');
    expect((await look(await download(uploads[0]), 'image/jpeg')).shown).toEqual({ width: 1536, height: 2048 });

    const srid = await freshRoom();
    const single = await mount({ flow: 'single', 'room-id': srid, 'auth-token': seed.single.token, 'user-id': false });
    const [stored] = await sendAll(single, srid, [await makePhoto('three.webp.jpg')]);
    expect(stored.name).toBe('three.webp.jpg');
    expect(stored.size).toBeLessThan(4_000_000);
    expect(visibleText(single)).toContain('Sent');
  });

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
    const chunks = import.meta.glob<{ prepare: typeof import('../../src/media/prepare.js').prepare }>('/dist/prepare-*.js');
    const load = Object.values(chunks)[0];
    expect(load, 'run npm run build first').toBeDefined();
    const { prepare } = await load();
    const done = await prepare(await makePhoto('built.jpg'), { quality: 'standard', keep: false }, new AbortController().signal);
    expect(done.file).toBeInstanceOf(File);
    expect((await look(new Uint8Array(await done.file!.arrayBuffer()), 'image/jpeg')).shown).toEqual({ width: 1536, height: 2048 });
  });
});
