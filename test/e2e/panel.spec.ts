import { expect, test, type Page } from '@playwright/test';
import { fault, loaded, pngFile, seed } from './support.ts';

const widget = '#widget-uploader';
const panel = `${widget} [part~="panel"]`;

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Opens the widget's panel with `count` files staged; returns the boxes a person must see. */
async function openWithFiles(page: Page, count: number) {
  await page.goto('/');
  await page.locator('#widget').scrollIntoViewIfNeeded();
  const attach = page.getByRole('button', { name: 'Attach files' });
  await attach.click();
  await page.locator(`${widget} input[type=file]`).setInputFiles(Array.from({ length: count }, (_, i) => pngFile(`photo-${i + 1}.png`).path));
  await expect(page.locator(`${widget} [part~="send-button"]`)).toBeEnabled();
  // the panel has settled beside its anchor: autoUpdate places it again on the frame after it grows,
  // so its box is read until two frames apart agree
  await expect.poll(() => page.locator(panel).evaluate(async (e) => {
    const before = JSON.stringify(e.getBoundingClientRect());
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    return before === JSON.stringify(e.getBoundingClientRect());
  })).toBe(true);
  return {
    anchor: (await attach.boundingBox())!,
    panel: (await page.locator(panel).boundingBox())!,
    send: (await page.locator(`${widget} [part~="send-button"]`).boundingBox())!,
    browse: (await page.locator(`${widget} [part~="browse-button"]`).boundingBox())!,
  };
}

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

  test('drop-target: files dropped anywhere on the widget are added, with an overlay while dragging', async ({ page }) => {
    await page.goto('/');
    await loaded(page, widget);
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

  for (const [label, width, height] of [['a 360×560 livechat window', 360, 560], ['a desktop page', 1280, 800]] as const) {
    for (const count of [2, 12]) {
      test(`in ${label} with ${count} files, Send and the drop zone are in view, and the panel is next to its anchor, never over it`, async ({ page }) => {
        await page.setViewportSize({ width, height });
        const boxes = await openWithFiles(page, count);
        for (const box of [boxes.panel, boxes.send, boxes.browse]) {
          expect(box.x).toBeGreaterThanOrEqual(0);
          expect(box.y).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width).toBeLessThanOrEqual(width);
          expect(box.y + box.height).toBeLessThanOrEqual(height);
          expect(overlaps(box, boxes.anchor)).toBe(false);
        }
        // next to its anchor: above or below it, the offset apart
        const { panel: p, anchor: a } = boxes;
        expect(Math.abs(p.y + p.height - a.y) < 40 || Math.abs(p.y - (a.y + a.height)) < 40).toBe(true);
        // Send is on screen, not scrolled out of the panel: a click at its centre reaches it.
        const hit = await page.evaluate(([x, y]) => {
          let node: Element | null = document.elementFromPoint(x, y);
          while (node?.shadowRoot?.elementFromPoint(x, y) && node.shadowRoot.elementFromPoint(x, y) !== node) node = node.shadowRoot.elementFromPoint(x, y);
          return node?.getAttribute('part');
        }, [boxes.send.x + boxes.send.width / 2, boxes.send.y + boxes.send.height / 2]);
        expect(hit).toBe('send-button');
        if (count > 2) {
          // the files scroll inside the panel (the tray, one row sideways in a panel this narrow):
          // the last one can be scrolled to
          const list = page.locator(`${widget} [part~="list"]`);
          expect(await list.evaluate((e) => {
            const tray = e.parentElement!;
            return tray.scrollHeight > tray.clientHeight || tray.scrollWidth > tray.clientWidth;
          })).toBe(true);
        }
      });
    }
  }

  test('the close button closes the panel and hands focus back to the attach button', async ({ page }) => {
    await page.goto('/');
    const attach = page.getByRole('button', { name: 'Attach files' });
    await attach.click();
    const close = page.locator(widget).getByRole('button', { name: 'Close' });
    await expect(close).toBeVisible();
    await close.click();
    await expect(page.locator(panel)).toBeHidden();
    await expect(attach).toHaveAttribute('aria-expanded', 'false');
    await expect(attach).toBeFocused();
  });

  test('a send that went through closes the panel; the files are in the conversation', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Attach files' }).click();
    await page.locator(`${widget} input[type=file]`).setInputFiles([pngFile('sent-and-closed.png').path]);
    await page.locator(`${widget} [part~="send-button"]`).click();
    await expect(page.locator(panel)).toBeHidden();
    await expect(page.locator('#widget-messages')).toContainText('sent-and-closed.png');
    await expect(page.getByRole('button', { name: 'Attach files' })).toBeFocused();
  });

  test('with keep-open the panel stays open after a send, showing the sent file', async ({ page }) => {
    await page.goto('/');
    await page.locator(widget).evaluate((e) => e.setAttribute('keep-open', ''));
    await page.getByRole('button', { name: 'Attach files' }).click();
    await page.locator(`${widget} input[type=file]`).setInputFiles([pngFile('kept-open.png').path]);
    await page.locator(`${widget} [part~="send-button"]`).click();
    await expect(page.locator('#widget-messages')).toContainText('kept-open.png');
    await expect(page.locator(panel)).toBeVisible();
  });

  test('a failed send leaves the panel open with the error', async ({ page, request }) => {
    await page.goto('/');
    await fault(request, 'livechat.upload', seed.visitor.room, { kind: 'status', status: 403, contentType: 'application/json', body: '{"success":false,"error":"error-not-allowed"}' });
    await page.getByRole('button', { name: 'Attach files' }).click();
    await page.locator(`${widget} input[type=file]`).setInputFiles([pngFile('refused.png').path]);
    await page.locator(`${widget} [part~="send-button"]`).click();
    await expect(page.locator(`${widget} [part~="error"]`)).toBeVisible();
    await expect(page.locator(panel)).toBeVisible();
  });

  test('paste-target: a screenshot pasted into the page\'s own message box is added and the panel opens; pasted text stays in the box', async ({ page }) => {
    await page.goto('/');
    await loaded(page, widget);
    const box = page.getByRole('textbox', { name: 'Type a message' });
    await box.focus();
    const pasted = await box.evaluate((input) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array([137, 80, 78, 71])], 'screenshot.png', { type: 'image/png' }));
      const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
      input.dispatchEvent(event);
      return event.defaultPrevented;
    });
    expect(pasted).toBe(true);
    await expect(page.locator(panel)).toBeVisible();
    await expect(page.locator(`${widget} [part~="name"]`)).toHaveText(['screenshot.png']);
    // text alone is the box's own: not taken, not prevented
    const text = await box.evaluate((input) => {
      const data = new DataTransfer();
      data.setData('text/plain', 'hello');
      const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
      input.dispatchEvent(event);
      return event.defaultPrevented;
    });
    expect(text).toBe(false);
    await expect(page.locator(`${widget} [part~="item"]`)).toHaveCount(1);
  });

  test('paste-target="document": files pasted anywhere on the page are added, once', async ({ page }) => {
    await page.goto('/');
    await page.locator('#uploader').evaluate((e) => e.setAttribute('paste-target', 'document'));
    await loaded(page, '#uploader');
    await page.locator('h2').evaluate((heading) => {
      const data = new DataTransfer();
      data.items.add(new File(['notes'], 'pasted-on-page.txt', { type: 'text/plain' }));
      heading.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await expect(page.locator('#uploader [part~="name"]')).toHaveText(['pasted-on-page.txt']);
    // a paste inside the element is its own, not taken twice
    await page.locator('#uploader [part~="dropzone"]').evaluate((zone) => {
      const data = new DataTransfer();
      data.items.add(new File(['more'], 'pasted-inside.txt', { type: 'text/plain' }));
      zone.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, composed: true, cancelable: true }));
    });
    await expect(page.locator('#uploader [part~="name"]')).toHaveText(['pasted-on-page.txt', 'pasted-inside.txt']);
  });
});
