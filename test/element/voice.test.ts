import { afterEach, describe as group, expect, it } from 'vitest';
import { $, mount, part, rows, settled } from '../support/element.js';
import { freshRoom, resetServer, state, until } from '../support/server.js';

group('voice messages (record="audio") and the camera (capture)', () => {
  afterEach(resetServer);

  it('without record="audio" there is no record button', async () => {
    const el = await mount();
    expect($(el, '[part~="record-button"]')).toBeNull();
  });

  it('a recording from the microphone shows its timer, is added as voice-message-….webm on Stop, replays on its card, and is uploaded', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid, record: 'audio' });
    $(el, '[part~="record-button"]')!.click();
    await until(() => $(el, '[part~="recording"]'), 10_000, 'the recording to start');
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await el.updateComplete;
    expect($(el, '[part~="recording"]')!.textContent).toMatch(/^Recording… 0:0[1-9]$/);
    $(el, '[part~="stop-button"]')!.click();
    await until(() => el.items.length === 1, 10_000, 'the recording to be added');
    await el.updateComplete;
    expect(el.items[0].name).toMatch(/^voice-message-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.webm$/);
    expect(el.items[0].type).toBe('audio/webm');
    expect(el.items[0].size).toBeGreaterThan(0);
    expect($(el, '[part~="recording"]')).toBeNull();
    await until(() => part(rows(el)[0], 'replay'), 5000, 'the replay control');
    expect(part(rows(el)[0], 'replay')!.tagName).toBe('AUDIO');
    await el.send();
    await settled(el);
    const [stored] = (await state(rid)).uploads;
    expect(stored).toMatchObject({ name: el.items[0].name, type: 'audio/webm', size: el.items[0].size });
  });

  it('Discard (named so without persist) drops the recording: nothing is added', async () => {
    const el = await mount({ record: 'audio' });
    $(el, '[part~="record-button"]')!.click();
    await until(() => $(el, '[part~="discard-button"]'), 10_000, 'the recording to start');
    expect($(el, '[part~="stop-button"]')!.textContent).toBe('Stop');
    expect($(el, '[part~="discard-button"]')!.textContent).toBe('Discard');
    $(el, '[part~="discard-button"]')!.click();
    await el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(el.items).toEqual([]);
    expect($(el, '[part~="record-button"]')).not.toBeNull();
  });

  it('capture is passed to the file input', async () => {
    const el = await mount({ capture: 'environment' });
    expect($(el, 'input[type=file]')!.getAttribute('capture')).toBe('environment');
  });
});
