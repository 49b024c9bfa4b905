import { expect, test } from '@playwright/test';
import { fixtureFile, freshRoom, keepSentCards, state } from './support.ts';

const el = '#uploader';
keepSentCards();

test.describe('single flow on the demo page', () => {
  test('S1: switch to "single POST", send a file: the item links to file_url and the room lists it', async ({ page, request }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'single POST' }).click();
    const rid = await freshRoom(request);
    await page.locator(el).evaluate((e, id) => e.setAttribute('room-id', id), rid);
    // single has no description field and no message field
    const doc = fixtureFile('notes.pdf', 40_000);
    await page.locator(`${el} input[type=file]`).setInputFiles(doc.path);
    await expect(page.locator(`${el} [part~="description"]`)).toHaveCount(0);
    await page.locator(`${el} [part~="send-button"]`).click();
    await expect(page.locator(`${el} [part~="status"]`)).toHaveText(/^\s*Sent\s*$/);
    const link = page.locator(`${el} [part~="item"] a[href*="/file-upload/"]`);
    await expect(link).toHaveCount(1);
    const s = await state(request, rid);
    expect(s.uploads[0]).toMatchObject({ name: 'notes.pdf', sha256: doc.sha256, fields: { room_id: rid } });
    expect(await link.getAttribute('href')).toContain(s.uploads[0].fileId);
  });

  test('S5: a file over 24 MiB is refused before any byte is sent', async ({ page, request }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'single POST' }).click();
    const rid = await freshRoom(request);
    await page.locator(el).evaluate((e, id) => e.setAttribute('room-id', id), rid);
    await page.locator(`${el} input[type=file]`).setInputFiles(fixtureFile('huge.bin', 24 * 1024 * 1024 + 1).path);
    await expect(page.locator(el)).toContainText('huge.bin is larger than the 24 MB limit');
    await expect(page.locator(`${el} [part~="item"]`)).toHaveCount(0);
    expect((await state(request, rid)).counts['upload_file'] ?? 0).toBe(0);
  });
});
