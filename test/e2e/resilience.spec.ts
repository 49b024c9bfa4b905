import { expect, test, type Page } from '@playwright/test';
import { control, fault, fixtureFile, freshRoom, pngFile, seed, serverUrl, state, useRoom, keepSentCards, openDetails } from './support.ts';

const el = '#uploader';
keepSentCards();
const input = `${el} input[type=file]`;
const status = (page: Page, n = 0) => page.locator(`${el} [part~="item"]`).nth(n).locator('[part~="status"]');
const error = (page: Page, n = 0) => page.locator(`${el} [part~="item"]`).nth(n).locator('[part~="error"]');
const set = (page: Page, name: string, value: string) => page.locator(el).evaluate((e, [n, v]) => e.setAttribute(n, v), [name, value]);

async function room(page: Page, request: Parameters<typeof freshRoom>[0], attributes: Record<string, string> = {}) {
  await page.goto('/');
  const rid = await freshRoom(request);
  await useRoom(page, rid);
  for (const [name, value] of Object.entries(attributes)) await set(page, name, value);
  return rid;
}

test.describe('nothing lost: what the person sees when the network or the server misbehaves', () => {
  test.afterEach(async ({ request }) => {
    await control(request, 'settings', 'DELETE');
    await control(request, 'faults', 'DELETE');
  });

  test('1. network drops and a 503 are tried again by themselves with backoff; the person sees it happen', async ({ page, request }) => {
    const rid = await room(page, request, { 'retry-delay': '1500' });
    await page.locator(input).setInputFiles(fixtureFile('train.bin', 1024 * 1024).path);
    await fault(request, 'rooms.media', rid, { kind: 'drop', afterBytes: 100_000 });
    await fault(request, 'rooms.media', rid, { kind: 'status', status: 503, body: '<html><body>Service Unavailable</body></html>', contentType: 'text/html' });
    await page.locator(`${el} [part~="send-button"]`).click();
    await expect(status(page)).toHaveText(/Trying again in \d+ s/);
    await expect(status(page)).toHaveText('Sent', { timeout: 20_000 });
    const s = await state(request, rid);
    expect(s.counts).toMatchObject({ 'rooms.media': 3, 'rooms.mediaConfirm': 1 });
    expect(s.messages).toHaveLength(1);
  });

  test('1. a 4xx is not tried again; a lost confirm answer is left to the person, who may retry it knowingly', async ({ page, request }) => {
    const rid = await room(page, request);
    await page.locator(input).setInputFiles(pngFile('once.png').path);
    await fault(request, 'rooms.mediaConfirm', rid, { kind: 'lose-answer' });
    await page.locator(`${el} [part~="send-button"]`).click();
    await expect(error(page)).toContainText('the message may already be in the room');
    await page.waitForTimeout(1500);
    expect((await state(request, rid)).counts['rooms.mediaConfirm']).toBe(1);
    await page.locator(`${el} [part~="retry-button"]`).click();
    await expect(status(page)).toHaveText('Sent');
    const s = await state(request, rid);
    expect(s.counts).toMatchObject({ 'rooms.media': 1, 'rooms.mediaConfirm': 2 });
  });

  test('2. a stalled upload is given up after stall-timeout as a timeout, then tried again', async ({ page, request }) => {
    // A backoff of 2 s or more keeps the error on screen long enough to be read (and asserted).
    const rid = await room(page, request, { 'stall-timeout': '700', 'retry-delay': '4000' });
    await page.locator(input).setInputFiles(fixtureFile('stall.bin', 4 * 1024 * 1024).path);
    await fault(request, 'rooms.media', rid, { kind: 'stall', afterBytes: 1000 });
    await page.locator(`${el} [part~="send-button"]`).click();
    await expect(error(page)).toHaveText('The upload stopped making progress and was stopped. Try again.');
    await expect(status(page)).toHaveText(/Trying again in \d+ s/);
    await expect(status(page)).toHaveText('Sent', { timeout: 20_000 });
    expect((await state(request, rid)).counts['rooms.media']).toBe(2);
  });

  test('3. offline: nothing starts, the item waits visibly, and goes on by itself when the network returns', async ({ page, request, context }) => {
    const rid = await room(page, request);
    await page.locator(input).setInputFiles(pngFile('offline.png').path);
    // The list's code is here before the network goes (its own download offline is another test's).
    await expect(page.locator(`${el} [part~="send-button"]`)).toBeVisible();
    await context.setOffline(true);
    await page.locator(`${el} [part~="send-button"]`).click();
    await expect(status(page)).toHaveText('Waiting for network…');
    await page.waitForTimeout(500);
    expect((await state(request, rid)).counts['rooms.media'] ?? 0).toBe(0);
    await context.setOffline(false);
    await expect(status(page)).toHaveText('Sent');
    expect((await state(request, rid)).messages).toHaveLength(1);
  });

  test('offline before the sending code arrived: the added file is shown at once and sent when the network returns', async ({ page, request, context }) => {
    // The list's and the sending code's downloads fail, as on a train between stations.
    const lazy = /\/src\/(core\/engine|element\/list)\.ts/;
    await page.route(lazy, (route) => route.abort('internetdisconnected'));
    const rid = await room(page, request);
    await context.setOffline(true);
    await page.locator(input).setInputFiles(pngFile('train.png').path);
    await expect(page.locator(`${el} [part~="item"]`)).toContainText('train.png');
    await expect(page.locator(`${el} [part~="item"]`)).toContainText('Waiting for network…');
    const sent = page.locator(el).evaluate((e: HTMLElement & { send(): Promise<{ status: string }[]> }) => e.send().then((items) => items.map((item) => item.status)));
    await page.waitForTimeout(300);
    expect((await state(request, rid)).counts['rooms.media'] ?? 0).toBe(0);
    await page.unroute(lazy);
    await context.setOffline(false);
    expect(await sent).toEqual(['done']);
    await expect(status(page)).toHaveText('Sent');
    expect((await state(request, rid)).messages).toHaveLength(1);
  });

  test('4. cancel aborts in flight (nothing stored); the canceled item can be retried; removing frees its preview', async ({ page, request }) => {
    const rid = await room(page, request);
    await page.locator(input).setInputFiles([fixtureFile('big.bin', 4 * 1024 * 1024).path, pngFile('thumb.png').path]);
    const thumb = await page.locator(`${el} [part~="item"]`).nth(1).locator('img').getAttribute('src');
    await fault(request, 'rooms.media', rid, { kind: 'throttle', bytesPerSecond: 256 * 1024 });
    await page.locator(`${el} [part~="send-button"]`).click();
    await expect.poll(async () => Number(await page.locator(`${el} [part~="progress"]`).first().getAttribute('aria-valuenow'))).toBeGreaterThan(0);
    await page.locator(`${el} [part~="cancel-button"]`).first().click();
    await expect(status(page)).toHaveText('Canceled');
    await page.waitForTimeout(300);
    expect((await state(request, rid)).uploads.map((u) => u.name)).toEqual(['thumb.png']);
    await page.locator(`${el} [part~="retry-button"]`).click();
    await expect(status(page)).toHaveText('Sent', { timeout: 20_000 });
    await page.locator(`${el} [part~="item"]`).nth(1).locator('[part~="remove-button"]').click();
    expect(await page.evaluate((url) => fetch(url!).then(() => 'alive', () => 'revoked'), thumb)).toBe('revoked');
  });

  test('5. reordered by keyboard before Send, the room shows the files in the list\'s order, uploads in parallel', async ({ page, request }) => {
    const rid = await room(page, request, { concurrency: '3' });
    await page.locator(input).setInputFiles([fixtureFile('first.bin', 3 * 1024 * 1024).path, pngFile('second.png').path, pngFile('third.png').path]);
    // Move "third" to the front with the keyboard: focus its card in the tray (the list's code is
    // here: the rows shown while it loads are replaced by it) and press Alt+ArrowLeft twice.
    await expect(page.locator(`${el} .tray [part~="item"]`)).toHaveCount(3);
    await page.locator(`${el} .tray [part~="item"]`).filter({ hasText: 'third.png' }).focus();
    await page.keyboard.press('Alt+ArrowLeft');
    await page.keyboard.press('Alt+ArrowLeft');
    await expect(page.locator(`${el} [part~="name"]`)).toHaveText(['third.png', 'first.bin', 'second.png']);
    await fault(request, 'rooms.media', rid, { kind: 'throttle', bytesPerSecond: 2 * 1024 * 1024 });
    await page.locator(`${el} [part~="send-button"]`).click();
    await expect(page.locator(`${el} [part~="status"]`)).toHaveText(['Sent', 'Sent', 'Sent'], { timeout: 20_000 });
    const s = await state(request, rid);
    expect(s.messages.map((m) => m.file.name)).toEqual(['third.png', 'first.bin', 'second.png']);
  });

  test('6. an expired token: upload-before hands in a fresh one and the queue goes on; without one, the items stay', async ({ page, request }) => {
    const rid = await room(page, request, { 'auth-token': 'expired' });
    await page.locator(input).setInputFiles([pngFile('a.png').path, pngFile('b.png').path]);
    await page.locator(`${el} [part~="send-button"]`).click();
    await expect(error(page)).toHaveText('You must be logged in to do this.');
    await expect(page.locator(`${el} [part~="item"]`)).toHaveCount(2);
    await page.locator(el).evaluate((e, token) => {
      e.addEventListener('upload-before', (event) => {
        const detail = (event as CustomEvent<{ headers: Record<string, string> }>).detail;
        detail.headers['X-Auth-Token'] = token;
      });
    }, seed.user.token);
    await page.locator(`${el} [part~="retry-button"]`).first().click();
    await expect(page.locator(`${el} [part~="status"]`)).toHaveText(['Sent', 'Sent']);
    expect((await state(request, rid)).messages.map((m) => m.file.name)).toEqual(['a.png', 'b.png']);
  });

  test('7. persist: staged files, descriptions and the message survive a reload and are offered back', async ({ page, request }) => {
    await page.goto('/');
    const rid = await freshRoom(request);
    await page.goto(`/?room=${rid}`);
    await useRoom(page, rid);
    const photo = pngFile('kept.png');
    await page.locator(input).setInputFiles(photo.path);
    await (await openDetails(page, el)).locator('[part~="description"]').fill('written before the reload');
    await page.locator(`${el} [part~="message"]`).fill('and a message');
    await page.waitForTimeout(800);
    await page.reload();
    await useRoom(page, rid);
    await expect(page.locator(el)).toContainText('1 file from before was not sent.');
    await page.locator(el).getByRole('button', { name: 'Restore' }).click();
    await expect((await openDetails(page, el)).locator('[part~="description"]')).toHaveValue('written before the reload');
    await expect(page.locator(`${el} [part~="message"]`)).toHaveValue('and a message');
    await page.locator(`${el} [part~="send-button"]`).click();
    await expect(status(page)).toHaveText('Sent');
    const s = await state(request, rid);
    expect(s.uploads[0].sha256).toBe(photo.sha256);
    expect(s.confirms[0].body).toMatchObject({ msg: 'and a message', description: 'written before the reload' });
  });

  test('8. hostile names are shown as text: HTML, script, a right-to-left override, 300 characters', async ({ page, request }) => {
    await room(page, request);
    let alerted = false;
    page.on('dialog', (dialog) => { alerted = true; void dialog.dismiss(); });
    await page.evaluate(() => {
      const names = ['<img src=x onerror=alert(1)>.png', '<script>alert(2)</script>.txt', 'invoice\u202Efdp.exe', `${'long-'.repeat(60)}.txt`];
      const upload = document.querySelector('#uploader') as unknown as { addFiles(files: File[]): unknown };
      upload.addFiles(names.map((name) => new File(['x'], name, { type: 'text/plain' })));
    });
    const names = page.locator(`${el} [part~="name"]`);
    await expect(names).toHaveText(['<img src=x onerror=alert(1)>.png', '<script>alert(2)</script>.txt', 'invoicefdp.exe', `${'long-'.repeat(60)}.txt`]);
    await page.waitForTimeout(300);
    expect(alerted).toBe(false);
    expect(await page.locator(`${el} [part~="list"] img[src="x"]`).count()).toBe(0);
    const row = page.locator(`${el} [part~="item"]`).nth(3);
    expect(await row.evaluate((r) => r.scrollWidth <= r.clientWidth + 1)).toBe(true);
  });

  test('8. an SVG with script is previewed as an image only: its script never runs', async ({ page, request }) => {
    await control(request, 'settings', 'PUT', { FileUpload_MediaTypeBlackList: '' });
    await room(page, request, { accept: '.svg', 'max-file-size': '1000000' });
    await page.evaluate(() => {
      const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="parent.__pwned=1"><script>parent.__pwned=2</script><rect width="10" height="10"/></svg>';
      const upload = document.querySelector('#uploader') as unknown as { addFiles(files: File[]): unknown };
      upload.addFiles([new File([svg], 'evil.svg', { type: 'image/svg+xml' })]);
    });
    const img = page.locator(`${el} [part~="preview"] img`);
    await expect(img).toHaveJSProperty('complete', true);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  test('8. 1,000 files against max-files, and the same file twice: the limits hold and the reasons are summed up', async ({ page, request }) => {
    await room(page, request, { 'max-files': '10' });
    await page.evaluate(() => {
      const upload = document.querySelector('#uploader') as unknown as { addFiles(files: File[]): unknown };
      upload.addFiles(Array.from({ length: 1000 }, (_, i) => new File([`file ${i}`], `f${i}.txt`, { type: 'text/plain', lastModified: 1 })));
    });
    await expect(page.locator(`${el} [part~="item"]`)).toHaveCount(10);
    await expect(page.locator(el)).toContainText('f10.txt was not added: at most 10 files at a time.');
    await expect(page.locator(`${el} .notices`)).toContainText('Not added: f10.txt, f11.txt, f12.txt and 987 more.');
    await expect(page.locator(`${el} [role="status"]`)).toHaveText('10 files added f10.txt was not added: at most 10 files at a time. Not added: f10.txt, f11.txt, f12.txt and 987 more.');
    await page.locator(el).evaluate((e) => e.setAttribute('max-files', '20'));
    await page.evaluate(() => {
      const upload = document.querySelector('#uploader') as unknown as { addFiles(files: File[]): unknown };
      upload.addFiles([new File(['file 0'], 'f0.txt', { type: 'text/plain', lastModified: 1 })]);
    });
    await expect(page.locator(el)).toContainText('f0.txt is already in the list.');
    await expect(page.locator(`${el} [part~="item"]`)).toHaveCount(10);
  });

  test('8. odd error bodies and dead connections are put in plain words, never shown raw', async ({ page, request }) => {
    const rid = await room(page, request, { retries: '0', 'stall-timeout': '1500' });
    const cases: [Record<string, unknown>, string | RegExp][] = [
      [{ kind: 'status', status: 502, body: '<html><h1>502 Bad Gateway</h1></html>', contentType: 'text/html' }, 'The server had a problem (error 502). Try again later.'],
      [{ kind: 'status', status: 413, body: '<html><title>413 Request Entity Too Large</title></html>', contentType: 'text/html' }, 'The file is larger than the server allows.'],
      [{ kind: 'status', status: 500, body: '' }, 'The server had a problem (error 500). Try again later.'],
      [{ kind: 'status', status: 500, body: 'oops, not JSON' }, 'The server had a problem (error 500). Try again later.'],
      [{ kind: 'status', status: 400, body: '{"weird":[1,2,3]}', contentType: 'application/json' }, 'The server did not accept this file.'],
      [{ kind: 'drop', afterBytes: 20_000 }, 'The connection was lost. Check your network and try again.'],
      [{ kind: 'hang' }, 'The upload stopped making progress and was stopped. Try again.'],
    ];
    for (const [spec, words] of cases) {
      await page.locator(input).setInputFiles(fixtureFile(`case.bin`, 200_000, cases.indexOf([spec, words])).path);
      await fault(request, 'rooms.media', rid, spec);
      await page.locator(`${el} [part~="send-button"]`).click();
      await expect(error(page)).toHaveText(words);
      await page.locator(`${el} [part~="remove-button"]`).click();
    }
    // status 0: no server at that address (or CORS refused)
    await set(page, 'server-url', 'http://127.0.0.1:9');
    await page.locator(input).setInputFiles(pngFile('nowhere.png').path);
    await page.locator(`${el} [part~="send-button"]`).click();
    await expect(error(page)).toHaveText('The chat server could not be reached from this page. Check your network; if it keeps happening, the server may not accept uploads from this website.');
  });

  test('9. credentials travel only in headers of the flow\'s own requests to server-url: never in a URL, never elsewhere, never logged', async ({ page, request }) => {
    const seen: { url: string; headers: Record<string, string> }[] = [];
    const logs: string[] = [];
    page.on('request', (r) => seen.push({ url: r.url(), headers: r.headers() }));
    page.on('console', (m) => logs.push(m.text()));
    const rid = await room(page, request);
    await page.locator(input).setInputFiles([pngFile('p.png').path, fixtureFile('d.bin', 1000).path]);
    await page.locator(`${el} [part~="send-button"]`).click();
    await expect(page.locator(`${el} [part~="status"]`)).toHaveText(['Sent', 'Sent']);
    await expect(page.locator('#messages img').last()).toHaveJSProperty('complete', true);
    const secrets: string[] = [seed.user.token, seed.visitor.token];
    for (const r of seen) for (const secret of secrets) expect(r.url).not.toContain(secret);
    const withToken = seen.filter((r) => Object.values(r.headers).some((v) => secrets.includes(v)));
    expect(withToken.length).toBeGreaterThan(0);
    for (const r of withToken) expect(r.url.startsWith(`${serverUrl}/api/`)).toBe(true);
    // the thumbnails in the list are local blob: URLs; the room's images are fetched without the token
    const fileFetches = seen.filter((r) => r.url.includes('/file-upload/'));
    expect(fileFetches.length).toBeGreaterThan(0);
    for (const r of fileFetches) for (const v of Object.values(r.headers)) expect(secrets).not.toContain(v);
    for (const line of logs) for (const secret of secrets) expect(line).not.toContain(secret);
    void rid;
  });
});
