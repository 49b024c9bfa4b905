import { expect, test } from '@playwright/test';
import { pngFile } from './support.ts';

const widget = '#widget-uploader';
const panel = `${widget} [part~="panel"]`;

test.describe('floating panel and drop target, in the demo\'s livechat widget', () => {
  test('the attach button toggles the panel; focus moves in; Escape closes and returns focus to the button', async ({ page }) => {
    await page.goto('/');
    const attach = page.getByRole('button', { name: 'Attach files' });
    await expect(page.locator(panel)).toBeHidden();
    await attach.click();
    await expect(page.locator(panel)).toBeVisible();
    await expect(attach).toHaveAttribute('aria-expanded', 'true');
    await expect(page.locator(`${widget} [part~="browse-button"]`)).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.locator(panel)).toBeHidden();
    await expect(attach).toBeFocused();
    await attach.click();
    await expect(page.locator(panel)).toBeVisible();
    await attach.click();
    await expect(page.locator(panel)).toBeHidden();
  });

  test('a click on the attach button while the panel\'s code is still on its way (a slow network) opens the panel', async ({ page }) => {
    let held = 0;
    await page.route(/\/popover\.(ts|js)(\?|$)/, async (route) => {
      held += 1;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await page.goto('/');
    await expect.poll(() => held).toBe(1); // the code was asked for and is held back
    const attach = page.getByRole('button', { name: 'Attach files' });
    await attach.click();
    await expect(page.locator(panel)).toBeVisible();
    await expect(attach).toHaveAttribute('aria-expanded', 'true');
    await expect(page.locator(`${widget} [part~="browse-button"]`)).toBeFocused();
    await attach.click();
    await expect(page.locator(panel)).toBeHidden();
  });

  test('a click outside closes it; show()/hide()/toggle() drive it too', async ({ page }) => {
    await page.goto('/');
    await page.locator(widget).evaluate((e: any) => e.show());
    await expect(page.locator(panel)).toBeVisible();
    await page.locator('h2').click();
    await expect(page.locator(panel)).toBeHidden();
    await page.locator(widget).evaluate((e: any) => e.toggle());
    await expect(page.locator(panel)).toBeVisible();
    await page.locator(widget).evaluate((e: any) => e.hide());
    await expect(page.locator(panel)).toBeHidden();
  });

  test('it stays inside the viewport of a small livechat-sized window, next to its anchor', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 560 });
    await page.goto('/');
    await page.locator('#widget').scrollIntoViewIfNeeded();
    await page.getByRole('button', { name: 'Attach files' }).click();
    await page.locator(`${widget} input[type=file]`).setInputFiles([pngFile('1.png').path, pngFile('2.png').path, pngFile('3.png').path]);
    const box = (await page.locator(panel).boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    expect(box.y + box.height).toBeLessThanOrEqual(560);
    const anchor = (await page.getByRole('button', { name: 'Attach files' }).boundingBox())!;
    expect(Math.abs(box.y + box.height - anchor.y) < 40 || Math.abs(box.y - (anchor.y + anchor.height)) < 40).toBe(true);
  });

  test('drop-target: files dropped anywhere on the widget are added, with an overlay while dragging', async ({ page }) => {
    await page.goto('/');
    const dataTransfer = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['hello'], 'dropped-on-widget.txt', { type: 'text/plain' }));
      return dt;
    });
    const area = page.locator('#widget-messages');
    await area.dispatchEvent('dragenter', { dataTransfer });
    await area.dispatchEvent('dragover', { dataTransfer });
    await expect(page.locator(`${widget} .overlay`)).toBeVisible();
    await area.dispatchEvent('drop', { dataTransfer });
    await expect(page.locator(`${widget} .overlay`)).toHaveCount(0);
    await expect(page.locator(panel)).toBeVisible();
    await expect(page.locator(`${widget} [part~="name"]`)).toHaveText(['dropped-on-widget.txt']);
  });
});
