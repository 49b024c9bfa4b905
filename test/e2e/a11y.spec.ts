import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { fault, fixtureFile, freshRoom, pngFile, shoot, state, useRoom, keepSentCards, openDetails } from './support.ts';

const el = '#uploader';
keepSentCards();

/** axe over the element (shadow DOM included): no violation at all. */
async function noViolations(page: Page, selector = el) {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/**
 * The themes on the page colours the README documents: `auto` on a page that follows the OS, and
 * `light`/`dark` on a light/dark page whatever the OS says (a light page in a dark OS, the bug of
 * issue 14: typed text #e4e7ea on white). The demo's Theme choice sets the element's `theme` and
 * the page's own `color-scheme`, as a host page would.
 */
const themes = [
  { os: 'light', theme: 'auto' },
  { os: 'dark', theme: 'auto' },
  { os: 'dark', theme: 'light' },
  { os: 'light', theme: 'dark' },
] as const;

/** The contrast of a part's text against the page behind it (its own background when it has one). */
async function contrast(part: Locator): Promise<number> {
  return part.evaluate((node) => {
    const rgb = (value: string) => value.match(/[\d.]+/g)!.slice(0, 4).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const [R, G, B] = [r, g, b].map((c) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4));
      return 0.2126 * R + 0.7152 * G + 0.0722 * B;
    };
    let back: Element | null = node;
    let background = 'rgba(0, 0, 0, 0)';
    while (back && rgb(background)[3] === 0) {
      background = getComputedStyle(back).backgroundColor;
      back = back.parentElement ?? ((back.getRootNode() as ShadowRoot).host ?? null);
    }
    if (rgb(background)[3] === 0) background = getComputedStyle(document.body).backgroundColor;
    const [a, b] = [luminance(rgb(getComputedStyle(node).color)), luminance(rgb(background))];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  });
}

for (const { os, theme } of themes) {
  const look = `${theme === 'auto' ? 'auto' : theme}-in-${os}-os`;
  test.describe(`accessibility and look, theme="${theme}" in a ${os} OS`, () => {
    test.use({ colorScheme: os });

    test('every state has zero axe violations: empty, staged, rejected, uploading, error, sent', async ({ page, request }) => {
      await page.goto('/');
      await page.locator('#theme').selectOption(theme);
      const rid = await freshRoom(request);
      await useRoom(page, rid);
      await noViolations(page);
      await shoot(page, `${look}-empty`);

      await page.locator(`${el} input[type=file]`).setInputFiles([pngFile('photo.png').path, fixtureFile('report.pdf', 200_000).path, fixtureFile('big.bin', 3 * 1024 * 1024).path]);
      const details = await openDetails(page, el);
      await details.locator('[part~="description"]').fill('A described photo');
      await page.locator(`${el} [part~="message"]`).fill('Typed text stays readable');
      expect(await contrast(page.locator(`${el} [part~="message"]`))).toBeGreaterThanOrEqual(4.5);
      expect(await contrast(details.locator('[part~="description"]'))).toBeGreaterThanOrEqual(4.5);
      await noViolations(page);
      await shoot(page, `${look}-staged`);

      await page.locator(el).evaluate((e) => e.setAttribute('accept', 'image/*,.pdf,.bin'));
      await page.locator(`${el} input[type=file]`).setInputFiles(fixtureFile('notes.txt', 10).path);
      await expect(page.locator(`${el} .notices`)).toBeVisible();
      await noViolations(page);

      await fault(request, 'rooms.media', rid, { kind: 'throttle', bytesPerSecond: 400_000 }, 3);
      await fault(request, 'rooms.mediaConfirm', rid, { kind: 'status', status: 403, body: '{"success":false,"error":"unauthorized"}', contentType: 'application/json' });
      await page.locator(`${el} [part~="send-button"]`).click();
      await expect.poll(async () => Number(await page.locator(`${el} [part~="progress"]`).last().getAttribute('aria-valuenow'))).toBeGreaterThan(0);
      await noViolations(page);
      await shoot(page, `${look}-uploading`);

      await expect(page.locator(`${el} [part~="error"]`)).toHaveCount(1, { timeout: 20_000 });
      await expect(page.locator(`${el} [part~="status"]`).last()).toHaveText('Sent', { timeout: 20_000 });
      await noViolations(page);
      await shoot(page, `${look}-error`);

      await page.locator(`${el} [part~="retry-button"]`).click();
      await expect(page.locator(`${el} [part~="status"]`)).toHaveText(['Sent', 'Sent', 'Sent']);
      await noViolations(page);
      await shoot(page, `${look}-sent`);
      expect((await state(request, rid)).messages).toHaveLength(3);
    });

    test('the panel open, with a file staged, has zero axe violations', async ({ page }) => {
      await page.goto('/');
      await page.locator('#theme').selectOption(theme);
      await page.getByRole('button', { name: 'Attach files' }).click();
      await page.locator('#widget-uploader input[type=file]').setInputFiles(pngFile('p.png').path);
      await noViolations(page, '#widget-uploader');
      await shoot(page, `${look}-panel`, '#widget-uploader [part~="panel"]');
    });
  });
}

test.describe('themes and the page\'s custom properties', () => {
  test.use({ colorScheme: 'dark' });

  test('theme="light" in a dark OS paints light colours; the page\'s --chat-file-upload-* properties still win', async ({ page }) => {
    await page.goto('/');
    await page.locator('#theme').selectOption('light');
    const text = () => page.locator(el).evaluate((e) => getComputedStyle(e).color);
    expect(await text()).toBe('rgb(31, 35, 41)');
    await page.locator(el).evaluate((e) => e.setAttribute('theme', 'dark'));
    expect(await text()).toBe('rgb(228, 231, 234)');
    await page.locator(el).evaluate((e) => (e as HTMLElement).style.setProperty('--chat-file-upload-text', 'rgb(1, 2, 3)'));
    expect(await text()).toBe('rgb(1, 2, 3)');
    await page.locator(el).evaluate((e) => e.setAttribute('theme', 'light'));
    expect(await text()).toBe('rgb(1, 2, 3)');
  });

  test('theme="auto" (no attribute) follows the OS', async ({ page }) => {
    await page.goto('/');
    expect(await page.locator(el).evaluate((e) => getComputedStyle(e).color)).toBe('rgb(228, 231, 234)');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await page.locator(el).evaluate((e) => getComputedStyle(e).color)).toBe('rgb(31, 35, 41)');
  });
});

test('everything works by keyboard alone: browse, describe, reorder, remove, send, retry', async ({ page, request }) => {
  await page.goto('/');
  const rid = await freshRoom(request);
  await useRoom(page, rid);
  const chooser = page.waitForEvent('filechooser');
  await page.locator(`${el} [part~="browse-button"]`).focus();
  await page.keyboard.press('Enter');
  await (await chooser).setFiles([pngFile('one.png').path, pngFile('two.png').path, pngFile('three.png').path]);
  // Tab onto the tray (its first card, once the cards are on screen), open its details with
  // Enter, Tab to the alt text and type.
  await expect(page.locator(`${el} [part~="item"]`)).toHaveCount(3);
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
