/**
 * What the tray shows (issue 14): a failed card's whole error, names cut in the middle in their
 * own direction, the thumb size, one sideways row in a narrow window. Read from the boxes and
 * words a person sees on the demo page, axe over every state.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { fault, fixtureFile, freshRoom, pngFile, shoot, useRoom } from './support.ts';

const el = '#uploader';

async function noViolations(page: Page) {
  const results = await new AxeBuilder({ page }).include(el).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const box = (locator: Locator) => locator.evaluate((node) => {
  const { left, right, top, bottom, width, height } = node.getBoundingClientRect();
  return { left, right, top, bottom, width, height };
});

/** A server's error in many words, as a proxy or a plugin may answer one. */
const longError = 'The file could not be stored because the storage quota of this workspace is used up; '
  + 'ask an administrator to free some space or to raise the quota under Administration, Workspace, Settings, File Upload, then send it again.';

test('at 360 px a failed card with a long server error shows it whole on focus and in its details, and the live region says it whole', async ({ page, request }) => {
  await page.setViewportSize({ width: 360, height: 640 });
  await page.goto('/');
  const rid = await freshRoom(request);
  await useRoom(page, rid);
  await fault(request, 'rooms.media', rid, { kind: 'status', status: 400, contentType: 'application/json', body: JSON.stringify({ success: false, error: longError }) });
  await page.locator(`${el} input[type=file]`).setInputFiles(fixtureFile('budget-2026.xlsx', 4_000).path);
  await page.locator(`${el} [part~="send-button"]`).click();
  const card = page.locator(`${el} [part~="failed"]`);
  const error = card.locator('[part~="error"]');
  await expect(error).toHaveText(longError, { timeout: 20_000 });
  await expect(page.locator(`${el} [role="status"]`)).toHaveText(`budget-2026.xlsx not sent: ${longError}`);
  // At rest the card is compact: its words cut to two lines.
  await page.mouse.move(0, 0);
  const rest = await box(error);
  expect(rest.height).toBeLessThan(40);
  // its two lines whole, above Retry
  expect(rest.bottom).toBeLessThanOrEqual((await box(card.locator('[part~="retry-button"]'))).top);
  const preview = card.locator('[part~="preview"]');
  const previewAtRest = (await box(preview)).height;
  await shoot(page, 'failed-at-rest');
  await noViolations(page);
  // Focused (the tray's tab stop, by keyboard), the preview makes room and every word can be read:
  // the error is whole, and the card scrolls for what does not fit.
  await page.locator(`${el} [part~="browse-button"]`).focus();
  await page.keyboard.press('Tab');
  await expect(card).toBeFocused();
  expect((await box(preview)).height).toBeLessThan(previewAtRest / 2);
  await shoot(page, 'failed-focused');
  const focused = await box(error);
  expect(focused.height).toBeGreaterThan(rest.height * 2);
  expect(await error.evaluate((node) => node.scrollHeight <= node.clientHeight)).toBe(true);
  await card.evaluate((node) => (node.scrollTop = node.scrollHeight));
  expect((await box(error)).bottom).toBeLessThanOrEqual((await box(card)).bottom);
  await expect(card.locator('[part~="retry-button"]')).toBeInViewport({ ratio: 1 });
  await noViolations(page);
  // Hovered by a pointer: the same.
  await page.locator(`${el} [part~="browse-button"]`).focus();
  await card.hover();
  expect((await box(preview)).height).toBeLessThan(previewAtRest / 2);
  expect((await box(error)).height).toBeGreaterThan(rest.height * 2);
  // Enter opens the details: the whole error, nothing cut, beside Retry.
  await card.focus();
  await page.keyboard.press('Enter');
  const details = page.getByRole('group', { name: 'Details of budget-2026.xlsx' });
  const alert = details.getByRole('alert');
  await expect(alert).toHaveText(longError);
  await expect(alert).toBeInViewport({ ratio: 1 });
  expect(await alert.evaluate((node) => node.scrollHeight <= node.clientHeight && node.scrollWidth <= node.clientWidth)).toBe(true);
  await expect(details.getByRole('button', { name: 'Retry' })).toBeVisible();
  await shoot(page, 'failed-details');
  await noViolations(page);
});

test('names cut in the middle keep their start at their inline start and the extension at the end: Arabic, Hebrew and Latin in a right-to-left page, Arabic in a left-to-right one', async ({ page }) => {
  const names = {
    arabic: 'تقرير-المبيعات-الفصلي-للربع-الأول-2026.pdf',
    hebrew: 'דוח-מכירות-רבעוני-לרבעון-הראשון-2026.pdf',
    latin: 'quarterly-sales-report-first-quarter-2026.pdf',
  };
  const rtl = /[\u0590-\u08ff]/;
  const check = async () => {
    for (const name of Object.values(names)) {
      const card = page.locator(`${el} [part~="item"]`).filter({ has: page.locator(`[title="${name}"]`) });
      const start = card.locator('.start');
      const end = card.locator('.end');
      // the name is cut: its start gives way to an ellipsis, the extension stays
      expect(await start.evaluate((node) => node.scrollWidth > node.clientWidth)).toBe(true);
      await expect(end).toHaveText(/\.pdf$/);
      // read together (less the joiners that keep Arabic letters joined across the cut) they are the name
      expect(((await start.textContent())! + (await end.textContent())).replaceAll('\u200d', '')).toBe(name);
      const [a, b] = [await box(start), await box(end)];
      expect(Math.abs(a.top - b.top)).toBeLessThan(1);
      if (rtl.test(name)) expect(a.left, `${name}: its start on the right`).toBeGreaterThanOrEqual(b.right - 0.5);
      else expect(a.right, `${name}: its start on the left`).toBeLessThanOrEqual(b.left + 0.5);
    }
  };
  await page.goto('/');
  await page.locator('#language').selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.locator(`${el} input[type=file]`).setInputFiles(Object.values(names).map((name) => fixtureFile(name, 2_000).path));
  await expect(page.locator(`${el} [part~="item"]`)).toHaveCount(3);
  await check();
  await shoot(page, 'names-rtl');
  await noViolations(page);
  await page.locator('#language').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await check();
  await noViolations(page);
});

test('--chat-file-upload-thumb-size sizes the cards\' previews, and a long tray scrolled to its end shows its last cards in their places', async ({ page }) => {
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.goto('/');
  await page.locator(`${el} input[type=file]`).setInputFiles(Array.from({ length: 60 }, (_, i) => pngFile(`photo-${String(i).padStart(2, '0')}.png`).path));
  const cards = page.locator(`${el} [part~="item"]`);
  await expect(cards.first()).toBeVisible();
  // set once the cards are there: the tray follows the new size
  await page.locator(el).evaluate((node) => node.style.setProperty('--chat-file-upload-thumb-size', '120px'));
  const preview = cards.first().locator('[part~="preview"]');
  await expect.poll(async () => (await box(preview)).height).toBe(120);
  expect((await box(preview)).width).toBeGreaterThanOrEqual(120);
  await expect(cards.first().locator('[part~="preview"] img')).toBeVisible();
  const tray = page.locator(`${el} .tray`);
  // two rows of the taller cards show; the rest scroll
  expect((await box(tray)).height).toBeGreaterThan(2 * 240);
  /**
   * Every card rendered stands in its place: the row its index says, counted in cards of the
   * size shown, and the tray's view is covered by cards, none missing.
   */
  const inPlace = () => page.locator(el).evaluate((host) => {
    const root = host.shadowRoot!;
    const view = root.querySelector('.tray')!.getBoundingClientRect();
    const list = root.querySelector('[part~="list"]')!.getBoundingClientRect();
    const cards = [...root.querySelectorAll<HTMLElement>('[part~="item"]')].map((card) => ({
      index: Number(card.querySelector('[part~="name"]')!.getAttribute('title')!.slice(6, 8)),
      box: card.getBoundingClientRect(),
    }));
    const columns = cards.filter((card) => card.box.top === cards[0].box.top).length;
    const step = cards[0].box.height + 8;
    const wrong = cards.filter((card) => Math.abs(card.box.top - list.top - Math.floor(card.index / columns) * step) > 1).map((card) => card.index);
    const seen = cards.filter((card) => card.box.bottom > view.top && card.box.top < view.bottom);
    const covered = seen.length > 0 && Math.min(...seen.map((card) => card.box.top)) <= view.top + 8 && (Math.max(...seen.map((card) => card.box.bottom)) >= view.bottom - 8 || seen.some((card) => card.index === 59));
    return { wrong, covered };
  });
  for (const share of [0.5, 0.25, 0.75]) {
    await tray.evaluate((node, at) => (node.scrollTop = (node.scrollHeight - node.clientHeight) * at), share);
    await expect.poll(inPlace, { message: `scrolled to ${share * 100} %` }).toEqual({ wrong: [], covered: true });
  }
  await tray.evaluate((node) => (node.scrollTop = node.scrollHeight));
  const inView = async () => {
    const view = await box(tray);
    const shown: string[] = [];
    for (const card of await cards.all()) {
      const b = await box(card);
      if (b.bottom > view.top + 1 && b.top < view.bottom - 1) shown.push((await card.locator('[part~="name"]').getAttribute('title'))!);
    }
    return shown;
  };
  await expect.poll(async () => (await inView()).at(-1)).toBe('photo-59.png');
  // the cards in view are the last ones, in order, with none missing between them
  const shown = await inView();
  const first = Number(shown[0].slice(6, 8));
  expect(shown).toEqual(Array.from({ length: 60 - first }, (_, i) => `photo-${String(first + i).padStart(2, '0')}.png`));
  expect(shown.length).toBeGreaterThan(4);
  expect(await inPlace()).toEqual({ wrong: [], covered: true });
  await shoot(page, 'thumb-120');
  // and back at the top, the first ones
  await tray.evaluate((node) => (node.scrollTop = 0));
  await expect.poll(async () => (await inView())[0]).toBe('photo-00.png');
  await noViolations(page);
});

test('in a 360×560 window the demo\'s tray of 8 files is one row that scrolls sideways; arrows bring the focused card into view, and Send stays in view', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 560 });
  await page.goto('/');
  await page.locator(`${el} input[type=file]`).setInputFiles(Array.from({ length: 8 }, (_, i) => pngFile(`holiday-${i + 1}.png`).path));
  const cards = page.locator(`${el} [part~="item"]`);
  await expect(cards).toHaveCount(8);
  const tray = page.locator(`${el} .tray`);
  await tray.scrollIntoViewIfNeeded();
  const tops = await cards.evaluateAll((nodes) => nodes.map((node) => Math.round(node.getBoundingClientRect().top)));
  expect(new Set(tops).size).toBe(1);
  expect(await tray.evaluate((node) => node.scrollWidth > node.clientWidth && node.clientWidth <= 340)).toBe(true);
  // the element is no wider than the window: nothing of the page scrolls sideways
  expect((await box(page.locator(el))).right).toBeLessThanOrEqual(360);
  const send = page.locator(`${el} [part~="send-button"]`);
  await expect(send).toBeInViewport({ ratio: 1 });
  await noViolations(page);
  await page.locator(`${el} [part~="browse-button"]`).focus();
  await page.keyboard.press('Tab');
  for (let i = 1; i <= 8; i++) {
    const card = cards.filter({ hasText: `holiday-${i}.png` });
    await expect(card).toBeFocused();
    await expect.poll(async () => {
      const [c, t] = [await box(card), await box(tray)];
      return c.left >= t.left - 1 && c.right <= t.right + 1;
    }, { message: `holiday-${i}.png in the tray's view` }).toBe(true);
    await expect(send).toBeInViewport({ ratio: 1 });
    if (i < 8) await page.keyboard.press('ArrowRight');
  }
  expect(await tray.evaluate((node) => node.scrollLeft)).toBeGreaterThan(0);
  await shoot(page, 'tray-360x560');
  // and back with Home
  await page.keyboard.press('Home');
  await expect(cards.filter({ hasText: 'holiday-1.png' })).toBeFocused();
  await expect.poll(async () => (await box(cards.filter({ hasText: 'holiday-1.png' }))).left >= (await box(tray)).left - 1).toBe(true);
  await noViolations(page);
});
