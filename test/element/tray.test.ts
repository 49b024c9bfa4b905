/**
 * The tray of cards (issue 14): a window of cards however many files, a card rendered again only
 * when its item changed, keyboard first, the details, the states a person reads, sent cards
 * leaving. Against the reference server, in Chromium.
 */
import { describe as group, expect, it } from 'vitest';
import { $, details, mount, part, rows, settled } from '../support/element.js';
import { fault, freshRoom, makeFile, makePng, state, until } from '../support/server.js';
import type { ChatFileUpload } from '../../src/index.js';
import { gap, narrowWidth } from '../../src/element/card-window.js';

const key = (target: Element, name: string, init: KeyboardEventInit = {}) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, composed: true, cancelable: true, ...init }));
const focused = (el: ChatFileUpload) => el.shadowRoot!.activeElement as HTMLElement | null;
const names = (el: ChatFileUpload) => rows(el).map((row) => part(row, 'name')!.textContent);
const tray = (el: ChatFileUpload) => $(el, '.tray')!;
/** Scrolls the tray to its end, down or sideways (a narrow tray is one row). */
const toEnd = (el: ChatFileUpload) => {
  tray(el).scrollTop = tray(el).scrollHeight;
  tray(el).scrollLeft = tray(el).scrollWidth;
};

group('the tray with thousands of files', () => {
  for (const count of [1000, 5000]) {
    it(`${count} files: the DOM holds only a window of cards, and scrolling to the end shows the last ones`, async () => {
      const el = await mount({ 'room-id': 'GENERAL' });
      el.addFiles(Array.from({ length: count }, (_, i) => makeFile(`f${i}.bin`, 10 + i)));
      await el.updateComplete;
      expect(el.items).toHaveLength(count);
      expect(rows(el).length).toBeGreaterThan(0);
      expect(rows(el).length).toBeLessThan(80);
      expect(names(el)[0]).toBe('f0.bin');
      expect($(el, '[part~="list"]')!.getAttribute('aria-label')).toBe(`Files to send: ${count} files`);
      toEnd(el);
      await until(() => names(el).includes(`f${count - 1}.bin`), 5000, 'the last card');
      expect(rows(el).length).toBeLessThan(80);
      expect(names(el)).not.toContain('f0.bin');
      el.remove();
    });
  }

  it('the window reckons with the gap and the narrow width the styles lay the cards out with', async () => {
    const el = await mount({ 'room-id': 'GENERAL' });
    el.addFiles([makeFile('a.bin', 10), makeFile('b.bin', 10)]);
    await el.updateComplete;
    const [first, second] = rows(el);
    expect(second.getBoundingClientRect().left - first.getBoundingClientRect().right).toBe(gap);
    // One row that scrolls sideways below the narrow width, a grid from it on.
    for (const [width, display] of [[narrowWidth - 1, 'flex'], [narrowWidth, 'grid']] as const) {
      el.style.inlineSize = `${width + el.offsetWidth - tray(el).clientWidth}px`;
      expect(tray(el).clientWidth).toBe(width);
      expect(getComputedStyle($(el, '[part~="list"]')!).display).toBe(display);
    }
    el.remove();
  });

  it('a change to one item changes the DOM of its card only', async () => {
    const el = await mount({ 'room-id': 'GENERAL' });
    el.addFiles(Array.from({ length: 30 }, (_, i) => makeFile(`g${i}.bin`, 10 + i)));
    await el.updateComplete;
    const changed = new Set<string | undefined>();
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        const node = record.target instanceof Element ? record.target : record.target.parentElement;
        changed.add(node?.closest<HTMLElement>('li[data-id]')?.dataset.id ?? 'outside a card');
      }
    });
    observer.observe($(el, '[part~="list"]')!, { subtree: true, childList: true, attributes: true, characterData: true });
    const third = el.items[2];
    expect(el.rename(third.id, 'renamed.bin')).toBe(true);
    await el.updateComplete;
    observer.disconnect();
    expect([...changed]).toEqual([third.id]);
    expect(names(el)[2]).toBe('renamed.bin');
    el.remove();
  });
});

group('the tray by keyboard', () => {
  it('arrows move the one tab stop, Alt+Arrow reorders, Delete removes, Enter opens the details and Escape comes back', async () => {
    const el = await mount({ 'room-id': 'GENERAL' });
    el.addFiles(['a.bin', 'b.bin', 'c.bin'].map((name) => makeFile(name, 10)));
    await el.updateComplete;
    // One tab stop: the first card.
    expect(rows(el).map((row) => row.tabIndex)).toEqual([0, -1, -1]);
    rows(el)[0].focus();
    key(rows(el)[0], 'ArrowRight');
    await el.updateComplete;
    expect(part(focused(el)!, 'name')!.textContent).toBe('b.bin');
    expect(rows(el).map((row) => row.tabIndex)).toEqual([-1, 0, -1]);
    // Alt+ArrowRight moves b after c: the posting order changes, focus stays on b.
    key(focused(el)!, 'ArrowRight', { altKey: true });
    await el.updateComplete;
    expect(el.items.map((item) => item.name)).toEqual(['a.bin', 'c.bin', 'b.bin']);
    expect(names(el)).toEqual(['a.bin', 'c.bin', 'b.bin']);
    expect(part(focused(el)!, 'name')!.textContent).toBe('b.bin');
    // Delete removes it; focus goes to the card now in its place or before it.
    key(focused(el)!, 'Delete');
    await el.updateComplete;
    expect(el.items.map((item) => item.name)).toEqual(['a.bin', 'c.bin']);
    expect(part(focused(el)!, 'name')!.textContent).toBe('c.bin');
    // Enter opens the details of c; Escape closes them and focus is on c again.
    key(focused(el)!, 'Enter');
    const editor = (await until(() => $(el, '[part~="editor"]'), 5000, 'the details'))!;
    await until(() => focused(el)?.matches('[part~="file-name"]'), 5000, 'focus in the details');
    expect(editor.getAttribute('aria-label')).toBe('Details of c.bin');
    key(focused(el)!, 'Escape');
    await el.updateComplete;
    expect($(el, '[part~="editor"]')).toBeNull();
    expect(part(focused(el)!, 'name')!.textContent).toBe('c.bin');
    // Opened again, with their code here now: focus goes into the details of the card opened.
    key(rows(el)[0], 'Enter');
    await until(() => focused(el)?.matches('[part~="file-name"]'), 5000, 'focus in the details again');
    expect((focused(el) as HTMLInputElement).value).toBe('a.bin');
    el.remove();
  });

  it('two Alt+Arrow presses in one go both move the card, which keeps its element and the focus', async () => {
    const el = await mount({ 'room-id': 'GENERAL' });
    el.addFiles(['a.bin', 'b.bin', 'c.bin'].map((name) => makeFile(name, 10)));
    await el.updateComplete;
    const [a, , c] = rows(el);
    c.focus();
    // Pressed before the tray re-rendered (or before the keys' code arrived): each acts on the order the last made.
    key(c, 'ArrowLeft', { altKey: true });
    key(c, 'ArrowLeft', { altKey: true });
    await until(() => el.items[0].name === 'c.bin', 5000, 'c moved to the front');
    await el.updateComplete;
    expect(el.items.map((item) => item.name)).toEqual(['c.bin', 'a.bin', 'b.bin']);
    expect(names(el)).toEqual(['c.bin', 'a.bin', 'b.bin']);
    // Each card is still the element it was: its focus, its picture, a playing sound stay with it.
    expect(rows(el)[0]).toBe(c);
    expect(rows(el)[1]).toBe(a);
    await until(() => focused(el) === c, 5000, 'focus on c');
    el.remove();
  });

  it("a focused card's outline is inside the tray, never cut by its edge (first and last card alike)", async () => {
    const el = await mount({ 'room-id': 'GENERAL' });
    el.addFiles(['a.bin', 'b.bin'].map((name) => makeFile(name, 10)));
    await el.updateComplete;
    const box = tray(el).getBoundingClientRect();
    for (const card of rows(el)) {
      card.focus();
      const style = getComputedStyle(card);
      expect(card.matches(':focus-visible')).toBe(true);
      const out = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
      const rect = card.getBoundingClientRect();
      expect(parseFloat(style.outlineWidth)).toBeGreaterThan(0);
      expect(rect.left - out).toBeGreaterThanOrEqual(box.left);
      expect(rect.top - out).toBeGreaterThanOrEqual(box.top);
      expect(rect.right + out).toBeLessThanOrEqual(box.right);
      expect(rect.bottom + out).toBeLessThanOrEqual(box.bottom);
    }
    el.remove();
  });

  it('Enter in the message field sends; Shift+Enter does not', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    el.addFiles([makeFile('note.bin', 10)]);
    await el.updateComplete;
    const message = $(el, '[part~="message"]') as HTMLTextAreaElement;
    key(message, 'Enter', { shiftKey: true });
    await new Promise((r) => setTimeout(r, 300));
    expect(el.items[0].status).toBe('queued');
    message.value = 'hello';
    message.dispatchEvent(new Event('input'));
    expect(key(message, 'Enter')).toBe(false); // no new line
    await settled(el);
    expect((await state(rid)).messages.map((m) => m.msg)).toEqual(['hello']);
    el.remove();
  });
});

group('the details of a card', () => {
  it('rooms: an image\'s description is labelled "Alt text" and goes as image_alt; a renamed file goes under its new name', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    el.addFiles([await makePng('photo.png'), makeFile('notes.txt', 20, 'text/plain')]);
    await el.updateComplete;
    let editor = await details(el, 0);
    expect(editor.textContent).toContain('Alt text');
    const alt = part(editor, 'description') as HTMLInputElement;
    alt.value = 'a red square';
    alt.dispatchEvent(new Event('input'));
    editor = await details(el, 1);
    expect(editor.textContent).toContain('Description');
    expect(editor.textContent).not.toContain('Alt text');
    const name = part(editor, 'file-name') as HTMLInputElement;
    name.value = 'minutes';
    name.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(names(el)[1]).toBe('minutes.txt');
    await el.send();
    await settled(el);
    const s = await state(rid);
    // the bytes go up side by side; the messages are posted in the tray's order
    expect(s.uploads.map((u) => u.name).sort()).toEqual(['minutes.txt', 'photo.png']);
    expect(s.messages.map((m) => m.file?.name)).toEqual(['photo.png', 'minutes.txt']);
    expect(s.messages[0].attachments[0].image_alt).toBe('a red square');
    el.remove();
  });

  it('a failed card is red with its words and Retry, and its details show the error with Retry', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    el.addFiles([makeFile('x.bin', 10)]);
    await fault('rooms.mediaConfirm', rid, { kind: 'status', status: 400, body: '{"success":false,"error":"[invalid-file]","errorType":"invalid-file"}', contentType: 'application/json' });
    await el.send();
    await el.updateComplete;
    const card = rows(el)[0];
    expect(card.getAttribute('part')).toBe('item failed');
    expect(getComputedStyle(card).borderTopColor).toBe(getComputedStyle(part(card, 'error')!).color);
    expect(card.querySelector('.alert')).not.toBeNull();
    expect(part(card, 'status')!.textContent).toBe('Not sent');
    expect(part(card, 'error')!.textContent).toBe('The server did not accept this file.');
    const editor = await details(el, 0);
    expect(editor.textContent).toContain('The server did not accept this file.');
    [...editor.querySelectorAll('button')].find((button) => button.textContent === 'Retry')!.click();
    await settled(el);
    expect(part(rows(el)[0], 'status')!.textContent).toBe('Sent');
    el.remove();
  });
});

group('states and clearing', () => {
  it('bytes all up with no answer yet read "Server is processing…"; the total bar counts files and bytes', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    el.addFiles([makeFile('one.bin', 2048), makeFile('two.bin', 1024)]);
    await fault('rooms.media', rid, { kind: 'delay', ms: 1500 });
    const sending = el.send();
    await until(() => part(rows(el)[0], 'status')?.textContent === 'Server is processing…', 5000, 'the processing words');
    expect($(el, '[part~="total"]')!.textContent).toMatch(/^\s*0 of 2 · [\d.]+ (B|KB) of 3 KB\s*$/);
    await sending;
    expect($(el, '[part~="total"]')).toBeNull();
    el.remove();
  });

  it('without keep-sent, sent cards leave the tray once everything settled, and a failed one stays', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid, 'keep-sent': false });
    // The first confirm is refused: the first file fails, the two after it are posted.
    el.addFiles([makeFile('refused.bin', 10), makeFile('second.bin', 10), makeFile('third.bin', 10)]);
    await fault('rooms.mediaConfirm', rid, { kind: 'status', status: 400, body: '{"success":false,"error":"[invalid-file]","errorType":"invalid-file"}', contentType: 'application/json' });
    await el.send();
    await el.updateComplete;
    expect(names(el)).toEqual(['refused.bin']);
    expect(part(rows(el)[0], 'status')!.textContent).toBe('Not sent');
    expect(el.items.map((item) => item.status)).toEqual(['error', 'done', 'done']);
    expect((await state(rid)).messages).toHaveLength(2);
    el.remove();
  });

  it('many files refused at once: one line names the first few and how many more, and the live region says it', async () => {
    const el = await mount({ 'room-id': 'GENERAL', 'max-files': 2 });
    // The line comes with the list's code (here once a file is in; before, it says how many).
    el.addFiles([makeFile('first.bin', 10)]);
    await el.updateComplete;
    el.addFiles(Array.from({ length: 8 }, (_, i) => makeFile(`r${i}.bin`, 10)));
    await el.updateComplete;
    const notices = [...el.shadowRoot!.querySelectorAll('.notices li')].map((li) => li.textContent!.replace('✕', ''));
    expect(notices).toEqual(['r1.bin was not added: at most 2 files at a time.', 'Not added: r1.bin, r2.bin, r3.bin and 4 more.']);
    await until(() => $(el, '[role="status"]')!.textContent!.includes('and 4 more'), 2000, 'the announcement');
    expect($(el, '[role="status"]')!.textContent).toBe('1 file added r1.bin was not added: at most 2 files at a time. Not added: r1.bin, r2.bin, r3.bin and 4 more.');
    el.remove();
  });
});
