import { expect, test } from '@playwright/test';
import { control, fixtureFile, pngFile, seed, state, keepSentCards, openDetails } from './support.ts';

const widget = '#widget-uploader';
keepSentCards();

test.describe('livechat flow: the visitor widget on the demo page', () => {
  test('L1: a visitor sends a described image; the server gets the bytes and the description; the widget lists it', async ({ page, request }) => {
    await page.goto('/');
    const rid = (await control<{ rid: string }>(request, 'rooms', 'POST', { livechat: { token: seed.visitor.token } })).rid;
    await page.locator(widget).evaluate((e, id) => e.setAttribute('room-id', id), rid);
    const photo = pngFile('visitor.png');
    await page.getByRole('button', { name: 'Attach files' }).click();
    await page.locator(`${widget} input[type=file]`).setInputFiles(photo.path);
    await (await openDetails(page, widget)).locator('[part~="description"]').fill('my broken screen');
    // livechat has no thread and no message field
    await expect(page.locator(`${widget} [part~="message"]`)).toHaveCount(0);
    await page.locator(`${widget} [part~="send-button"]`).click();
    await expect(page.locator(`${widget} [part~="status"]`)).toHaveText(/^\s*Sent\s*$/);
    const s = await state(request, rid);
    expect(s.uploads[0]).toMatchObject({ name: 'visitor.png', sha256: photo.sha256, fields: { description: 'my broken screen' } });
  });

  test('the demo widget shows the visitor\'s upload in its message list', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Attach files' }).click();
    // a name of its own: the demo's visitor room keeps what earlier runs sent
    const name = `shown-${Date.now()}.png`;
    await page.locator(`${widget} input[type=file]`).setInputFiles(pngFile(name).path);
    await page.locator(`${widget} [part~="send-button"]`).click();
    await expect(page.locator('#widget-messages li', { hasText: name })).toHaveCount(1);
  });

  test('L3: uploads disabled → the person is told, the file stays', async ({ page, request }) => {
    // Uploads are turned off after the widget read the server's limits (with them on): the server's refusal is what is shown.
    const limitsRead = page.waitForResponse((response) => response.url().includes('/api/v1/livechat/config'));
    await page.goto('/');
    const rid = (await control<{ rid: string }>(request, 'rooms', 'POST', { livechat: { token: seed.visitor.token } })).rid;
    await page.locator(widget).evaluate((e, id) => e.setAttribute('room-id', id), rid);
    await page.getByRole('button', { name: 'Attach files' }).click();
    await page.locator(`${widget} input[type=file]`).setInputFiles(fixtureFile('a.txt', 100).path);
    await limitsRead;
    await control(request, 'settings', 'PUT', { Livechat_fileupload_enabled: false });
    try {
      await (await openDetails(page, widget)).locator('[part~="description"]').fill('still here');
      await page.locator(`${widget} [part~="send-button"]`).click();
      await expect(page.locator(`${widget} [part~="error"]`)).toHaveText(/turned off|disabled/i);
      await expect(page.locator(`${widget} [part~="description"]`)).toHaveValue('still here');
    } finally {
      await control(request, 'settings', 'DELETE');
    }
  });
});
