import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { readJpeg } from '../support/jpeg.ts';
import { control, fixtureFile, freshRoom, keepSentCards, serverUrl, state, useRoom } from './support.ts';

const el = '#uploader';
keepSentCards();
const card = (page: Page, name: RegExp) => page.locator(`${el} [part~="item"]`).filter({ hasText: name });

/**
 * Adds a 4000×3000 phone photo made in the page (EXIF orientation 6 and a GPS block, as a
 * camera writes them) to the element, as a pick does.
 */
async function addPhoto(page: Page, name: string) {
  await page.locator(el).evaluate(async (element: HTMLElement & { addFiles(files: File[]): void }, name) => {
    const canvas = new OffscreenCanvas(4000, 3000);
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#d00';
    context.fillRect(0, 0, 4000, 1500);
    context.fillStyle = '#00d';
    context.fillRect(0, 1500, 4000, 1500);
    const jpeg = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 })).arrayBuffer());
    // "Exif\0\0", big-endian TIFF: IFD0 with Orientation 6 and GPSInfo → a GPS IFD with GPSLatitudeRef "N".
    const tiff = [0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 2, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 38, 0, 0, 0, 0, 0, 1, 0, 1, 0, 2, 0, 0, 0, 2, 0x4e, 0, 0, 0, 0, 0, 0, 0];
    const body = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
    const exif = new Uint8Array([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body]);
    element.addFiles([new File([jpeg.slice(0, 2), exif, jpeg.slice(2)], name, { type: 'image/jpeg' })]);
  }, name);
}

/** The stored photo, read back from the server: a JPEG of 1536×2048 without EXIF or GPS. */
async function expectPrepared(request: Parameters<typeof freshRoom>[0], rid: string, name: string) {
  const stored = (await state(request, rid)).uploads.find((upload) => upload.name === name);
  expect(stored, `${name} stored`).toMatchObject({ type: 'image/jpeg' });
  const bytes = Buffer.from(await (await request.get(`${serverUrl}/file-upload/${stored!.fileId}/${name}`)).body());
  const jpeg = readJpeg(new Uint8Array(bytes));
  // Upright (the orientation applied, no Orientation tag left), longest side 2048; no EXIF or XMP segment, no GPS anywhere.
  expect(jpeg).toMatchObject({ width: 1536, height: 2048, gps: false });
  expect(jpeg.orientation).toBeUndefined();
  expect(jpeg.segments.filter((segment) => segment.startsWith('APP1'))).toEqual([]);
  expect(bytes.subarray(0, bytes.length - jpeg.scan.length).toString('latin1')).not.toMatch(/GPS|Exif|xmpmeta/);
}

test.describe('a photo whose code cannot download waits for the network, and never goes as picked (issue 15)', () => {
  /** A fresh room with a first file sent: the list and the sending code are here, the photo code is not yet. */
  const firstSent = async (page: Page, request: APIRequestContext) => {
    await page.goto('/');
    const rid = await freshRoom(request);
    await useRoom(page, rid);
    await page.locator(`${el} input[type=file]`).setInputFiles(fixtureFile('first.txt', 100).path);
    await page.locator(`${el} [part~="send-button"]`).click();
    await expect(card(page, /first\.txt/).locator('[part~="status"]')).toHaveText('Sent');
    return rid;
  };
  test.afterEach(async ({ request }) => {
    await control(request, 'settings', 'DELETE');
    await control(request, 'faults', 'DELETE');
  });

  test('offline before the photo code arrived: the card says it waits for the network, Send waits, and back online the photo goes prepared, without GPS', async ({ page, request, context }) => {
    const rid = await firstSent(page, request);
    const media = /\/src\/media\//;
    await page.route(media, (route) => route.abort('internetdisconnected'));
    await context.setOffline(true);
    await addPhoto(page, 'IMG_2001.jpeg');
    const photo = card(page, /IMG_2001/);
    await expect(photo.locator('[part~="note"]')).toHaveText('Waiting for the network to prepare this photo');
    await expect(photo.locator('[part~="status"]')).toHaveText('Preparing…');
    await page.locator(`${el} [part~="send-button"]`).click();
    await page.waitForTimeout(500);
    expect((await state(request, rid)).uploads.map((upload) => upload.name)).toEqual(['first.txt']);
    await expect(photo.locator('[part~="note"]')).toHaveText('Waiting for the network to prepare this photo');
    await page.unroute(media);
    await context.setOffline(false);
    await expect(photo.locator('[part~="status"]')).toHaveText('Sent', { timeout: 30_000 });
    await expect(photo.locator('[part~="note"]')).toHaveCount(0);
    await expect(photo).toContainText('IMG_2001.jpg');
    await expectPrepared(request, rid, 'IMG_2001.jpg');
  });

  test('the photo code failing to download while online leaves the photo waiting, and the next Send prepares it', async ({ page, request }) => {
    const rid = await firstSent(page, request);
    const media = /\/src\/media\//;
    await page.route(media, (route) => route.abort('connectionreset'));
    await addPhoto(page, 'IMG_2002.jpeg');
    const photo = card(page, /IMG_2002/);
    await expect(photo.locator('[part~="note"]')).toHaveText('Waiting for the network to prepare this photo');
    await page.waitForTimeout(500);
    expect((await state(request, rid)).uploads.map((upload) => upload.name)).toEqual(['first.txt']);
    await page.unroute(media);
    await page.locator(`${el} [part~="send-button"]`).click();
    await expect(photo.locator('[part~="status"]')).toHaveText('Sent', { timeout: 30_000 });
    await expectPrepared(request, rid, 'IMG_2002.jpg');
  });
});
