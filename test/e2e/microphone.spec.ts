import { chromium, expect, test, type Browser } from '@playwright/test';
import { control, fixtureFile, freshRoom, state, useRoom } from './support.ts';
import config from '../../playwright.config.ts';

const el = '#uploader';
/** The Chromium of the other specs, started with these media flags instead of none. */
const launch = (media: string[]) => {
  const options = config.use!.launchOptions!;
  return chromium.launch({ ...options, args: [...(options.args ?? []), ...media] });
};

/**
 * The record button is pressed in a browser that refuses the microphone for real: no stub of
 * `getUserMedia`, the browser's own answer. What was staged stays, and nothing is sent.
 */
async function refused(browser: Browser, request: Parameters<typeof freshRoom>[0], words: string) {
  const page = await (await browser.newContext({ baseURL: config.use!.baseURL })).newPage();
  await page.goto('/');
  const rid = await freshRoom(request);
  await useRoom(page, rid);
  await page.locator(el).evaluate((element) => {
    element.setAttribute('record', 'audio');
    // The sent card stays, to be read.
    element.setAttribute('keep-sent', '');
  });
  const staged = fixtureFile('staged.txt', 300);
  await page.locator(`${el} input[type=file]`).setInputFiles(staged.path);
  await expect(page.locator(`${el} [part~="item"]`)).toContainText('staged.txt');
  await page.locator(`${el} [part~="record-button"]`).click();
  await expect(page.locator(`${el} [part~="error"]`)).toHaveText(words);
  // Nothing lost: the staged file is still there, alone, and the record button is back.
  expect(await page.locator(el).evaluate((element: HTMLElement & { items: { name: string; status: string }[] }) => element.items.map((item) => [item.name, item.status]))).toEqual([['staged.txt', 'queued']]);
  await expect(page.locator(`${el} [part~="record-button"]`)).toBeVisible();
  await expect(page.locator(`${el} [part~="recording"]`)).toHaveCount(0);
  // And it still goes: Send sends the staged file.
  await page.locator(`${el} [part~="send-button"]`).click();
  await expect(page.locator(`${el} [part~="item"]`).filter({ hasText: 'staged.txt' }).locator('[part~="status"]')).toHaveText('Sent');
  expect((await state(request, rid)).uploads.map((upload) => [upload.name, upload.sha256])).toEqual([['staged.txt', staged.sha256]]);
}

test.describe('a microphone the browser refuses is said in plain words, and nothing staged is lost (issue 15)', () => {
  let browser: Browser | undefined;
  test.afterEach(async ({ request }) => {
    await browser?.close();
    browser = undefined;
    await control(request, 'settings', 'DELETE');
  });

  test('a microphone that is there but not allowed (no permission given, no prompt answered): "The microphone is blocked…"', async ({ request }) => {
    // A (fake) microphone, but none of the flags that answer the permission prompt: headless Chromium refuses it.
    browser = await launch(['--use-fake-device-for-media-stream']);
    await refused(browser, request, "The microphone is blocked: allow it in the browser's site settings to record.");
  });

  test('no microphone at all: "No microphone was found."', async ({ request }) => {
    // No device of any kind, and the prompt answered yes: the browser finds nothing to record from.
    browser = await launch(['--use-fake-ui-for-media-stream']);
    await refused(browser, request, 'No microphone was found.');
  });
});
