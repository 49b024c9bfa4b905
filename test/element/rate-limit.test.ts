/**
 * Rocket.Chat's default rate limiter (10 calls per route and client), waited out (issue 13,
 * point 2). The browser tests' server counts nothing unless a test turns the limiter on for
 * itself (test/setup/reference-server.ts); only the window is shortened, so this runs in seconds.
 */
import { afterEach, describe as group, expect, it } from 'vitest';
import { mount, part, rows } from '../support/element.js';
import { control, freshRoom, makeFile, resetServer, setSettings, state } from '../support/server.js';

group('the default rate limiter is waited out (issue 13, point 2)', () => {
  afterEach(async () => {
    await resetServer();
    await control('ratelimit', 'DELETE');
  });

  it('25 files sent at once to the default limiter all arrive, once each, in list order, with no error shown at any point and the countdown in plain words', async () => {
    const rid = await freshRoom();
    await control('ratelimit', 'DELETE');
    await setSettings({ API_Enable_Rate_Limiter: true, API_Enable_Rate_Limiter_Limit_Calls_Default: 10, API_Enable_Rate_Limiter_Limit_Time_Default: 3000 });
    const el = await mount({ 'room-id': rid, retries: 0 });
    el.style.inlineSize = '1600px'; // a tray wide enough that all 25 cards are in view
    const names = Array.from({ length: 25 }, (_, i) => `limited-${String(i + 1).padStart(2, '0')}.bin`);
    el.addFiles(names.map((name, i) => makeFile(name, 100 + i)));
    // Everything a person sees on the rows while it runs.
    const errors = new Set<string>();
    const statuses = new Set<string>();
    const watch = setInterval(() => {
      for (const row of rows(el)) {
        const error = part(row, 'error')?.textContent;
        if (error) errors.add(error);
        statuses.add(part(row, 'status')?.textContent ?? '');
      }
      for (const item of el.items) if (item.status === 'error') errors.add(`${item.name}: ${item.error?.message}`);
    }, 20);
    let items;
    try {
      items = await el.send();
    } finally {
      clearInterval(watch);
    }
    expect(errors).toEqual(new Set());
    expect(items.map((item) => item.status)).toEqual(names.map(() => 'done'));
    expect([...statuses].some((words) => /^The server accepts only so many files a minute: the next goes in \d+ s$/.test(words)), 'the countdown was shown').toBe(true);
    const s = await state(rid);
    // The limiter did refuse: more calls came than files (the refused ones are counted too).
    expect((s.counts['rooms.media'] ?? 0) + (s.counts['rooms.mediaConfirm'] ?? 0)).toBeGreaterThan(50);
    expect(s.uploads.map((upload) => upload.name).sort()).toEqual(names);
    expect(s.messages.map((m) => m.file?.name)).toEqual(names);
  }, 60_000);
});
