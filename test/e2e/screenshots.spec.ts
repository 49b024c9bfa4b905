/**
 * The README's pictures (docs/screenshots/*.png), made from the real element on the demo page at
 * every test run: the staged tray, an upload on its way, an error, the livechat panel, dark, and
 * Arabic. Parts and roles find what to wait for, so the pictures follow the layout as it changes.
 */
import { expect, test, type Page } from '@playwright/test';
import { fault, fixtureFile, freshRoom, keepSentCards, openDetails, shoot, useRoom } from './support.ts';

// The spec reads the words of sent cards: they stay (`keep-sent`).
keepSentCards();

const el = '#uploader';
const to = (name: string) => `docs/screenshots/${name}.png`;

/** A picture without the focus ring of the field last typed in. */
async function picture(page: Page, name: string, selector = el) {
  await page.locator(selector).evaluate((element) => (element.shadowRoot?.activeElement as HTMLElement | null)?.blur());
  await shoot(page, name, selector, to(name));
}

test.use({ viewport: { width: 1100, height: 800 }, colorScheme: 'light' });

/** Adds a photo drawn in the page (a real image, so that the thumbnail shows something) and two documents. */
async function stage(page: Page, selector = el) {
  await page.locator(selector).evaluate(async (element: any) => {
    const canvas = new OffscreenCanvas(640, 420);
    const g = canvas.getContext('2d')!;
    const sky = g.createLinearGradient(0, 0, 0, 420);
    sky.addColorStop(0, '#7cc4f4');
    sky.addColorStop(1, '#f6d8a8');
    g.fillStyle = sky;
    g.fillRect(0, 0, 640, 420);
    g.fillStyle = '#f9b233';
    g.beginPath();
    g.arc(470, 150, 60, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#2f6f4f';
    g.beginPath();
    g.moveTo(0, 420); g.lineTo(0, 300); g.lineTo(180, 200); g.lineTo(330, 290); g.lineTo(460, 230); g.lineTo(640, 320); g.lineTo(640, 420);
    g.fill();
    const photo = new File([await canvas.convertToBlob({ type: 'image/png' })], 'beach-sunset.png', { type: 'image/png' });
    element.addFiles([photo]);
  });
  await expect(page.locator(`${selector} [part~="preview"] img`).first()).toBeVisible();
  await expect.poll(() => page.locator(`${selector} [part~="preview"] img`).first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
}

test.describe('screenshots for the README (docs/screenshots)', () => {
  test('the staged tray, an upload on its way, and an error', async ({ page, request }) => {
    await page.goto('/');
    const rid = await freshRoom(request);
    await useRoom(page, rid);
    await picture(page, 'empty');
    // The photo last: its confirm (refused below) waits for the two before it, so it fails after the upload picture.
    await page.locator(`${el} input[type=file]`).setInputFiles([fixtureFile('quarterly-report-2026.pdf', 6_000_000).path, fixtureFile('meeting-notes.txt', 3_200).path]);
    await stage(page);
    // the photo's alt text, in its details, closed again with Escape: the tray as it is staged
    const cards = await page.locator(`${el} [part~="item"]`).count();
    await (await openDetails(page, el, cards - 1)).locator('[part~="description"]').fill('Sunset at the beach');
    await page.keyboard.press('Escape');
    await expect(page.locator(`${el} [part~="editor"]`)).toHaveCount(0);
    await page.locator(`${el} [part~="message"]`).fill('Photos and notes from Friday');
    await picture(page, 'staged');

    await fault(request, 'rooms.media', rid, { kind: 'throttle', bytesPerSecond: 400_000 }, 3);
    await fault(request, 'rooms.mediaConfirm', rid, { kind: 'status', status: 403, body: '{"success":false,"error":"unauthorized"}', contentType: 'application/json' });
    await page.locator(`${el} [part~="send-button"]`).click();
    const progress = () => page.locator(`${el} [part~="progress"]`).first().getAttribute('aria-valuenow').then(Number);
    await expect.poll(progress, { timeout: 20_000 }).toBeGreaterThan(10);
    await expect.poll(progress).toBeLessThan(95);
    await picture(page, 'uploading');

    await expect(page.locator(`${el} [part~="error"]`)).toHaveCount(1, { timeout: 40_000 });
    await expect(page.locator(`${el} [part~="retry-button"]`)).toBeVisible();
    await expect.poll(async () => (await page.locator(`${el} [part~="status"]`).allTextContents()).filter((text) => text === 'Sent').length, { timeout: 40_000 }).toBe(2);
    await picture(page, 'error');
  });

  test('the livechat panel in a 360×560 window', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 560 });
    await page.goto('/');
    await page.locator('#widget').scrollIntoViewIfNeeded();
    await page.getByRole('button', { name: 'Attach files' }).click();
    await stage(page, '#widget-uploader');
    await page.locator('#widget-uploader input[type=file]').setInputFiles(fixtureFile('receipt.pdf', 180_000).path);
    await expect(page.locator('#widget-uploader [part~="send-button"]')).toBeEnabled();
    await page.locator('#widget-uploader').evaluate((element) => (element.shadowRoot?.activeElement as HTMLElement | null)?.blur());
    // the window as it is (not the whole page): the panel beside its anchor, in the widget
    await page.screenshot({ path: to('panel'), animations: 'disabled' });
    await test.info().attach('panel', { path: to('panel'), contentType: 'image/png' });
  });

  test('dark', async ({ page }) => {
    await page.goto('/');
    await page.locator('#theme').selectOption('dark');
    await stage(page);
    await page.locator(`${el} input[type=file]`).setInputFiles(fixtureFile('quarterly-report-2026.pdf', 2_400_000).path);
    // the photo's details open: its alt text
    await (await openDetails(page, el, 0)).locator('[part~="description"]').fill('Sunset at the beach');
    await picture(page, 'dark');
  });

  test('Arabic, right to left', async ({ page }) => {
    await page.goto('/');
    await page.locator('#language').selectOption('ar');
    await stage(page);
    await page.locator(`${el} input[type=file]`).setInputFiles(fixtureFile('تقرير.pdf', 2_400_000).path);
    await (await openDetails(page, el, 0)).locator('[part~="description"]').fill('غروب الشمس على الشاطئ');
    await picture(page, 'arabic');
  });
});
