import { expect, test } from '@playwright/test';
import { dropFiles, fault, fixtureFile, freshRoom, pngFile, seed, state, useRoom, keepSentCards, openDetails } from './support.ts';

const el = '#uploader';
keepSentCards();

test.describe('rooms flow on the demo page, against the reference server', () => {
  test('R1+R11: drop two images, describe them, write a message, send: both messages appear with thumbnails', async ({ page, request }) => {
    await page.goto('/');
    const rid = await freshRoom(request);
    await useRoom(page, rid);
    await page.locator(el).evaluate((e, tmid) => e.setAttribute('thread-id', tmid), 'thread-9');
    const red = pngFile('red.png');
    const blue = pngFile('blue.png');
    await page.locator(`${el} input[type=file]`).setInputFiles([red.path, blue.path]);
    const items = page.locator(`${el} [part~="item"]`);
    await expect(items).toHaveCount(2);
    await expect(items.nth(0).locator('[part~="name"]')).toHaveText('red.png');
    await expect(items.nth(0).locator('[part~="preview"] img')).toHaveJSProperty('naturalWidth', 2);
    await (await openDetails(page, el, 0)).locator('[part~="description"]').fill('a red square');
    await (await openDetails(page, el, 1)).locator('[part~="description"]').fill('a blue square');
    await page.locator(`${el} [part~="message"]`).fill('two squares');
    await page.locator(`${el} [part~="send-button"]`).click();

    await expect(items.nth(1).locator('[part~="status"]')).toHaveText(/^\s*Sent\s*$/);
    const s = await state(request, rid);
    // The bytes go up in parallel (either may arrive first); the posts keep the list's order.
    expect(s.uploads.map((u) => [u.name, u.sha256]).sort()).toEqual([
      ['blue.png', blue.sha256],
      ['red.png', red.sha256],
    ]);
    expect(s.confirms.map((c) => c.body)).toEqual([
      { msg: 'two squares', description: 'a red square', tmid: 'thread-9' },
      { description: 'a blue square', tmid: 'thread-9' },
    ]);
    expect(s.messages).toHaveLength(2);
    expect(s.messages[0].attachments[0]).toMatchObject({ title: 'red.png', image_alt: 'a red square' });
  });

  test('the demo room shows uploaded messages with their thumbnails', async ({ page }) => {
    await page.goto('/');
    await dropFiles(page, el, [{ name: 'dropped.png', type: 'image/png', size: 0 }]);
    // a 0-byte file is refused with a visible reason, and nothing is listed
    await expect(page.locator(el)).toContainText('empty');
    await expect(page.locator(`${el} [part~="item"]`)).toHaveCount(0);
    const photo = pngFile('photo.png');
    await page.locator(`${el} input[type=file]`).setInputFiles(photo.path);
    await (await openDetails(page, el)).locator('[part~="description"]').fill('seen in the room');
    await page.locator(`${el} [part~="send-button"]`).click();
    const message = page.locator('#messages li', { hasText: 'photo.png' }).last();
    await expect(message).toContainText('seen in the room');
    await expect(message.locator('img')).toHaveJSProperty('complete', true);
    expect(await message.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2);
  });

  test('progress rises monotonically to the total for a 20 MB file', async ({ page, request }) => {
    await page.goto('/');
    const rid = await freshRoom(request);
    await useRoom(page, rid);
    await page.locator(el).evaluate((e) => {
      (window as any).progress = [];
      e.addEventListener('upload-progress', (event: any) => (window as any).progress.push([event.detail.loaded, event.detail.total]));
    });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 8 * 1024 * 1024 });
    const big = fixtureFile('big.bin', 20 * 1024 * 1024);
    await page.locator(`${el} input[type=file]`).setInputFiles(big.path);
    await page.locator(`${el} [part~="send-button"]`).click();
    const bar = page.locator(`${el} [part~="progress"]`).first();
    await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect(page.locator(`${el} [part~="status"]`)).toHaveText(/sent/i, { timeout: 30_000 });
    const progress: [number, number][] = await page.evaluate(() => (window as any).progress);
    expect(progress.length).toBeGreaterThan(5);
    for (let i = 1; i < progress.length; i++) expect(progress[i][0]).toBeGreaterThanOrEqual(progress[i - 1][0]);
    expect(progress.at(-1)![0]).toBe(progress.at(-1)![1]);
    expect(progress.at(-1)![1]).toBeGreaterThanOrEqual(20 * 1024 * 1024);
    const s = await state(request, rid);
    expect(s.uploads[0]).toMatchObject({ size: 20 * 1024 * 1024, sha256: big.sha256 });
  });

  test('R2: a bad token shows the login sentence; the file and its description stay; a new token resumes by itself', async ({ page, request }) => {
    await page.goto('/');
    const rid = await freshRoom(request);
    await useRoom(page, rid);
    await page.locator(el).evaluate((e) => e.setAttribute('auth-token', 'wrong'));
    await page.locator(`${el} input[type=file]`).setInputFiles(pngFile('x.png').path);
    await (await openDetails(page, el)).locator('[part~="description"]').fill('keep me');
    await page.locator(`${el} [part~="send-button"]`).click();
    const error = page.locator(`${el} [part~="error"]`);
    await expect(error).toHaveText('You must be logged in to do this.');
    // Retry with the same token: refused again, nothing lost.
    await page.locator(`${el} [part~="retry-button"]`).click();
    await expect(error).toHaveText('You must be logged in to do this.');
    await expect(page.locator(`${el} [part~="description"]`)).toHaveValue('keep me');
    expect((await state(request, rid)).counts['rooms.media']).toBe(2);
    // The host logs in again: the new token resumes the queue.
    await page.locator(el).evaluate((e, token) => e.setAttribute('auth-token', token), seed.user.token);
    await expect(page.locator(`${el} [part~="status"]`)).toHaveText(/^\s*Sent\s*$/);
    const s = await state(request, rid);
    expect(s.confirms.at(-1)!.body).toMatchObject({ description: 'keep me' });
    expect(s.messages).toHaveLength(1);
  });

  test('the connection dropped mid-upload → a clear error; retry succeeds; the description is still there', async ({ page, request }) => {
    await page.goto('/');
    const rid = await freshRoom(request);
    await useRoom(page, rid);
    await page.locator(el).evaluate((e) => e.setAttribute('retries', '0')); // the person retries
    const file = fixtureFile('trip.bin', 3 * 1024 * 1024);
    await page.locator(`${el} input[type=file]`).setInputFiles(file.path);
    await (await openDetails(page, el)).locator('[part~="description"]').fill('from the train');
    await fault(request, 'rooms.media', rid, { kind: 'drop', afterBytes: 200_000 });
    await page.locator(`${el} [part~="send-button"]`).click();
    await expect(page.locator(`${el} [part~="error"]`)).toContainText('connection was lost');
    await expect(page.locator(`${el} [part~="description"]`)).toHaveValue('from the train');
    await page.locator(`${el} [part~="retry-button"]`).click();
    // "Sent", not the "Not sent" of the failure before the retry.
    await expect(page.locator(`${el} [part~="status"]`)).toHaveText(/^\s*Sent\s*$/);
    const s = await state(request, rid);
    expect(s.uploads.find((u) => u.sha256 === file.sha256)).toBeTruthy();
    expect(s.confirms.at(-1)!.body).toMatchObject({ description: 'from the train' });
  });

  test('a confirm answered by a bare 500 page may have posted: said in words, and the person\'s Retry confirms without a second rooms.media request', async ({ page, request }) => {
    await page.goto('/');
    const rid = await freshRoom(request);
    await useRoom(page, rid);
    await page.locator(el).evaluate((e) => e.setAttribute('retries', '0')); // the person retries
    await page.locator(`${el} input[type=file]`).setInputFiles(pngFile('once.png').path);
    await fault(request, 'rooms.mediaConfirm', rid, { kind: 'status', status: 500, body: '<html><h1>Internal</h1></html>', contentType: 'text/html' });
    await page.locator(`${el} [part~="send-button"]`).click();
    await expect(page.locator(`${el} [part~="error"]`)).toContainText('may already be in the room');
    await expect(page.locator(`${el} [part~="error"]`)).not.toContainText('<');
    await page.locator(`${el} [part~="retry-button"]`).click();
    await expect(page.locator(`${el} [part~="status"]`)).toHaveText(/^\s*Sent\s*$/);
    const s = await state(request, rid);
    expect(s.counts['rooms.media']).toBe(1);
    expect(s.counts['rooms.mediaConfirm']).toBe(2);
    expect(s.messages).toHaveLength(1);
  });

  test('remove during the upload aborts the request; nothing is posted', async ({ page, request }) => {
    await page.goto('/');
    const rid = await freshRoom(request);
    await useRoom(page, rid);
    const file = fixtureFile('slow.bin', 4 * 1024 * 1024);
    await page.locator(`${el} input[type=file]`).setInputFiles(file.path);
    await fault(request, 'rooms.media', rid, { kind: 'throttle', bytesPerSecond: 256 * 1024 });
    await page.locator(`${el} [part~="send-button"]`).click();
    await expect.poll(async () => Number(await page.locator(`${el} [part~="progress"]`).getAttribute('aria-valuenow'))).toBeGreaterThan(0);
    await page.locator(`${el} [part~="remove-button"]`).click();
    await expect(page.locator(`${el} [part~="item"]`)).toHaveCount(0);
    await page.waitForTimeout(500);
    const s = await state(request, rid);
    expect(s.uploads).toHaveLength(0);
    expect(s.messages).toHaveLength(0);
  });
});
