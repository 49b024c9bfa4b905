import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { fault, fixtureFile, freshRoom, pngFile, state, useRoom, keepSentCards, openDetails } from './support.ts';

const el = '#uploader';
keepSentCards();

/** axe over the element (shadow DOM included): no violation at all. */
async function noViolations(page: Page, selector = el) {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Saves a screenshot of the state as a test artifact (test-results/…). */
async function shoot(page: Page, name: string, selector = el) {
  const path = test.info().outputPath(`${name}.png`);
  await page.locator(selector).screenshot({ path, animations: 'disabled' });
  await test.info().attach(name, { path, contentType: 'image/png' });
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`accessibility and look, ${scheme}`, () => {
    test.use({ colorScheme: scheme });

    test('every state has zero axe violations: empty, staged, uploading, error, done', async ({ page, request }) => {
      await page.goto('/');
      const rid = await freshRoom(request);
      await useRoom(page, rid);
      await noViolations(page);
      await shoot(page, `${scheme}-empty`);

      await page.locator(`${el} input[type=file]`).setInputFiles([pngFile('photo.png').path, fixtureFile('report.pdf', 200_000).path, fixtureFile('big.bin', 3 * 1024 * 1024).path]);
      await (await openDetails(page, el)).locator('[part~="description"]').fill('A described photo');
      await noViolations(page);
      await shoot(page, `${scheme}-staged`);

      await fault(request, 'rooms.media', rid, { kind: 'throttle', bytesPerSecond: 400_000 }, 3);
      await fault(request, 'rooms.mediaConfirm', rid, { kind: 'status', status: 403, body: '{"success":false,"error":"unauthorized"}', contentType: 'application/json' });
      await page.locator(`${el} [part~="send-button"]`).click();
      await expect.poll(async () => Number(await page.locator(`${el} [part~="progress"]`).last().getAttribute('aria-valuenow'))).toBeGreaterThan(0);
      await noViolations(page);
      await shoot(page, `${scheme}-uploading`);

      await expect(page.locator(`${el} [part~="error"]`)).toHaveCount(1, { timeout: 20_000 });
      await expect(page.locator(`${el} [part~="status"]`).last()).toHaveText('Sent', { timeout: 20_000 });
      await noViolations(page);
      await shoot(page, `${scheme}-error`);

      await page.locator(`${el} [part~="retry-button"]`).click();
      await expect(page.locator(`${el} [part~="status"]`)).toHaveText(['Sent', 'Sent', 'Sent']);
      await noViolations(page);
      await shoot(page, `${scheme}-done`);
      expect((await state(request, rid)).messages).toHaveLength(3);
    });

    test('the panel open has zero axe violations', async ({ page }) => {
      await page.goto('/');
      await page.getByRole('button', { name: 'Attach files' }).click();
      await page.locator('#widget-uploader input[type=file]').setInputFiles(pngFile('p.png').path);
      await noViolations(page, '#widget-uploader');
      await shoot(page, `${scheme}-panel`, '#widget-uploader [part~="panel"]');
    });
  });
}

test('everything works by keyboard alone: browse, describe, reorder, remove, send, retry', async ({ page, request }) => {
  await page.goto('/');
  const rid = await freshRoom(request);
  await useRoom(page, rid);
  const chooser = page.waitForEvent('filechooser');
  await page.locator(`${el} [part~="browse-button"]`).focus();
  await page.keyboard.press('Enter');
  await (await chooser).setFiles([pngFile('one.png').path, pngFile('two.png').path, pngFile('three.png').path]);
  // Tab onto the tray (its first card), open its details with Enter, Tab to the alt text and type.
  await page.keyboard.press('Tab');
  const first = page.locator(`${el} [part~="item"]`).first();
  await expect(first).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator(`${el} [part~="file-name"]`)).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.locator(`${el} [part~="editor"] [part~="description"]`)).toBeFocused();
  await page.keyboard.type('typed by keyboard');
  // Escape: back on the card; Alt+ArrowRight moves "one.png" later.
  await page.keyboard.press('Escape');
  await expect(first).toBeFocused();
  await page.keyboard.press('Alt+ArrowRight');
  await expect(page.locator(`${el} [part~="name"]`)).toHaveText(['two.png', 'one.png', 'three.png']);
  // Remove "three.png": the arrow to its card, then Delete.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Delete');
  await expect(page.locator(`${el} [part~="item"]`)).toHaveCount(2);
  await fault(request, 'rooms.mediaConfirm', rid, { kind: 'status', status: 400, body: '{"success":false,"error":"[invalid-file]","errorType":"invalid-file"}', contentType: 'application/json' });
  await page.locator(`${el} [part~="send-button"]`).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator(`${el} [part~="retry-button"]`)).toHaveCount(1);
  await page.locator(`${el} [part~="retry-button"]`).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator(`${el} [part~="status"]`)).toHaveText(['Sent', 'Sent']);
  const s = await state(request, rid);
  // two.png's confirm failed and was retried after: one.png, not held back, went first
  expect(s.messages.map((m) => [m.file.name, m.attachments[0].image_alt])).toEqual([['one.png', 'typed by keyboard'], ['two.png', undefined]]);
});

test('additions, completions and errors are announced in a polite live region', async ({ page, request }) => {
  await page.goto('/');
  const rid = await freshRoom(request);
  await useRoom(page, rid);
  const live = page.locator(`${el} [role="status"][aria-live="polite"]`);
  await page.locator(`${el} input[type=file]`).setInputFiles([pngFile('a.png').path, pngFile('b.png').path]);
  await expect(live).toHaveText('2 files added');
  await fault(request, 'rooms.media', rid, { kind: 'status', status: 403, body: '{"success":false,"error":"unauthorized"}', contentType: 'application/json' });
  await page.locator(`${el} [part~="send-button"]`).click();
  // Both go up at once: whichever reaches the server first is refused; the last word said is the other's.
  await expect(live).toHaveText(/^[ab]\.png (sent|not sent: You are not allowed to send files to this room\.)$/);
  await expect(page.locator(`${el} [part~="error"]`)).toHaveText('You are not allowed to send files to this room.');
});
