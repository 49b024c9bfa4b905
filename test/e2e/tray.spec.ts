/** The tray of cards above the message field (issue 14, points 1–4): by keyboard and by what the room received. */
import { expect, test, type Page } from '@playwright/test';
import { fault, fixtureFile, freshRoom, loaded, pngFile, state, useRoom } from './support.ts';

const el = '#uploader';

/** Saves a screenshot of the element as a test artifact (test-results/…). */
async function shoot(page: Page, name: string) {
  const path = test.info().outputPath(`${name}.png`);
  await page.locator(el).screenshot({ path, animations: 'disabled' });
  await test.info().attach(name, { path, contentType: 'image/png' });
}

test('the tray by keyboard alone: arrows move between cards, Alt+Arrow reorders, Delete removes, Enter opens the details, Escape returns', async ({ page, request }) => {
  await page.goto('/');
  const rid = await freshRoom(request);
  await useRoom(page, rid);
  await page.locator(`${el} input[type=file]`).setInputFiles([pngFile('one.png').path, pngFile('two.png').path, pngFile('three.png').path]);
  const names = page.locator(`${el} [part~="item"] [part~="name"]`);
  await expect(names).toHaveText(['one.png', 'two.png', 'three.png']);
  // Tab reaches the tray once: the first card.
  await page.locator(`${el} [part~="browse-button"]`).focus();
  await page.keyboard.press('Tab');
  const card = (name: string) => page.locator(`${el} [part~="item"]`).filter({ hasText: name });
  await expect(card('one.png')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(card('two.png')).toBeFocused();
  // Alt+ArrowLeft moves "two.png" first; focus stays on it.
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(names).toHaveText(['two.png', 'one.png', 'three.png']);
  await expect(card('two.png')).toBeFocused();
  // Delete removes the last card; focus goes to the card before it.
  await page.keyboard.press('End');
  await expect(card('three.png')).toBeFocused();
  await page.keyboard.press('Delete');
  await expect(names).toHaveText(['two.png', 'one.png']);
  await expect(card('one.png')).toBeFocused();
  // Enter opens the details: the name first, then the alt text (an image in the rooms flow).
  await page.keyboard.press('Enter');
  const details = page.locator(`${el} [part~="editor"]`);
  await expect(page.getByRole('group', { name: 'Details of one.png' })).toBeVisible();
  await expect(details.getByLabel('Name')).toBeFocused();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('renamed.png');
  await page.keyboard.press('Tab');
  await expect(details.getByLabel('Alt text')).toBeFocused();
  await page.keyboard.type('typed by keyboard');
  await shoot(page, 'tray-details');
  await page.keyboard.press('Escape');
  await expect(details).toHaveCount(0);
  await expect(card('renamed.png')).toBeFocused();
  // Tab leaves the tray for the message field; Enter there sends.
  await page.keyboard.press('Tab');
  await expect(page.locator(`${el} [part~="message"]`)).toBeFocused();
  await page.keyboard.type('first line');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('second line');
  await page.keyboard.press('Enter');
  // Sent cards leave the tray once everything is posted.
  await expect(page.locator(`${el} [part~="item"]`)).toHaveCount(0, { timeout: 20_000 });
  const s = await state(request, rid);
  expect(s.messages.map((m) => [m.file.name, m.attachments[0].image_alt ?? null, m.msg])).toEqual([
    ['two.png', null, 'first line\nsecond line'],
    ['renamed.png', 'typed by keyboard', ''],
  ]);
});

test('a failed card stays red with its words and Retry while the sent ones leave; the total bar counts files and bytes', async ({ page, request }) => {
  await page.goto('/');
  const rid = await freshRoom(request);
  await useRoom(page, rid);
  await page.locator(`${el} input[type=file]`).setInputFiles([fixtureFile('big.bin', 3 * 1024 * 1024).path, pngFile('ok.png').path, fixtureFile('refused.bin', 2000).path]);
  await fault(request, 'rooms.media', rid, { kind: 'throttle', bytesPerSecond: 600_000 });
  await fault(request, 'rooms.mediaConfirm', rid, { kind: 'status', status: 400, body: '{"success":false,"error":"[invalid-file]","errorType":"invalid-file"}', contentType: 'application/json' });
  await page.locator(`${el} [part~="send-button"]`).click();
  await expect(page.locator(`${el} [part~="total"] span`)).toHaveText(/^[0-2] of 3 · [\d.]+ (B|KB|MB) of 3 MB$/);
  await shoot(page, 'tray-uploading');
  const failed = page.locator(`${el} [part~="failed"]`);
  await expect(failed).toHaveCount(1, { timeout: 20_000 });
  await expect(page.locator(`${el} [part~="item"]`)).toHaveCount(1, { timeout: 20_000 });
  await expect(failed.locator('[part~="name"]')).toHaveText('big.bin');
  await expect(failed.locator('[part~="status"]')).toHaveText('Not sent');
  await expect(failed.locator('[part~="error"]')).toHaveText('The server did not accept this file.');
  expect(await failed.evaluate((card) => getComputedStyle(card).borderTopColor)).not.toBe(await page.locator(`${el} [part~="send-button"]`).evaluate((b) => getComputedStyle(b).borderTopColor));
  await shoot(page, 'tray-error');
  await failed.locator('[part~="retry-button"]').click();
  await expect(page.locator(`${el} [part~="item"]`)).toHaveCount(0, { timeout: 20_000 });
  expect((await state(request, rid)).messages.map((m) => m.file.name).sort()).toEqual(['big.bin', 'ok.png', 'refused.bin']);
});

test('with keep-sent the sent cards stay and say Sent', async ({ page, request }) => {
  await page.goto('/');
  const rid = await freshRoom(request);
  await useRoom(page, rid);
  await page.locator(el).evaluate((node) => node.setAttribute('keep-sent', ''));
  await page.locator(`${el} input[type=file]`).setInputFiles([pngFile('a.png').path, pngFile('b.png').path]);
  await page.locator(`${el} [part~="send-button"]`).click();
  await expect(page.locator(`${el} [part~="status"]`)).toHaveText(['Sent', 'Sent'], { timeout: 20_000 });
});

test('at 360 px the cards stand in one row that scrolls sideways; a long name keeps its extension', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 640 });
  await page.goto('/');
  // The demo page as it is: the tray never widens the element beyond the 360 px window.
  const files = Array.from({ length: 8 }, (_, i) => pngFile(`a-very-long-holiday-photo-name-${i}.png`).path);
  await page.locator(`${el} input[type=file]`).setInputFiles(files);
  // the tray's cards, not the plain list shown until the tray's code is here
  await loaded(page, el);
  const cards = page.locator(`${el} [part~="item"]`);
  await expect(cards.first()).toBeVisible();
  await shoot(page, 'tray-360');
  const boxes = await cards.evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().top));
  expect(new Set(boxes).size).toBe(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const end = cards.first().locator('.end');
  await expect(end).toBeVisible();
  expect(await end.textContent()).toMatch(/\.png$/);
  await shoot(page, 'tray-360');
});
