import { expect, test } from '@playwright/test';
import { freshRoom, keepSentCards, state, useRoom } from './support.ts';

// The spec reads the words of sent cards: they stay (`keep-sent`).
keepSentCards();

const el = '#uploader';

/** Each button of the demo's "Try a failure" panel, and the words a person then reads on the element. */
const failures = [
  { button: 'Bad token', words: /You must be logged in to do this/ },
  { button: 'Server error', words: /The server had a problem \(error 502\)/ },
  { button: 'Stalled upload', words: /stopped making progress/ },
  { button: 'Offline', words: /Waiting for network/, then: 'Sent' },
  { button: 'Rate limit', words: /only so many files a minute/, then: 'Sent' },
  { button: 'Too large', words: /larger than the server allows/ },
];

test.describe('the demo page\'s "Try a failure" panel', () => {
  for (const { button, words, then } of failures) {
    test(`"${button}" sends a file and the element shows it in words${then ? `, then "${then}"` : ''}`, async ({ page, request }) => {
      await page.goto('/');
      const rid = await freshRoom(request);
      await useRoom(page, rid);
      await page.getByRole('button', { name: button, exact: true }).click();
      await expect(page.locator('#fault-note')).not.toBeEmpty();
      await expect(page.locator(el)).toContainText(words, { timeout: 15_000 });
      if (then) {
        await expect(page.locator(`${el} [part~="status"]`)).toHaveText([then], { timeout: 15_000 });
        expect((await state(request, rid)).messages).toHaveLength(1);
      } else {
        // nothing was posted; Retry sends it
        expect((await state(request, rid)).messages).toHaveLength(0);
        await page.locator(`${el} [part~="retry-button"]`).click();
        await expect(page.locator(`${el} [part~="status"]`)).toHaveText(['Sent'], { timeout: 15_000 });
        expect((await state(request, rid)).messages).toHaveLength(1);
      }
    });
  }

  test('the dev server forwards fault calls of the demo page only: another site\'s page is refused', async ({ request }) => {
    const other = await request.post('/__reference-server/_test/faults', {
      headers: { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' },
      data: { route: 'rooms.media', kind: 'status', status: 500 },
    });
    expect(other.status()).toBe(403);
    const settings = await request.put('/__reference-server/_test/settings', { headers: { 'Sec-Fetch-Site': 'same-origin' }, data: {} });
    expect(settings.status()).toBe(403);
  });
});
