import { afterEach, describe as group, expect, it } from 'vitest';
import { mount, rows } from '../support/element.js';

/** A paste of these files on `target`, as a browser fires it; whether the page's own paste was prevented. */
function paste(target: EventTarget, files: File[], text?: string): boolean {
  const data = new DataTransfer();
  for (const file of files) data.items.add(file);
  if (text) data.setData('text/plain', text);
  const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, composed: true, cancelable: true });
  target.dispatchEvent(event);
  return event.defaultPrevented;
}

const shot = () => new File([new Uint8Array([137, 80, 78, 71])], 'screenshot.png', { type: 'image/png' });

group('paste-target and theme', () => {
  const boxes: HTMLElement[] = [];
  afterEach(() => boxes.splice(0).forEach((box) => box.remove()));
  const box = (id: string) => {
    const input = Object.assign(document.createElement('textarea'), { id });
    document.body.append(input);
    boxes.push(input);
    return input;
  };

  it('files pasted into the paste-target are added; text pasted there stays the page\'s', async () => {
    const message = box('page-message');
    const el = await mount({ 'paste-target': 'page-message' });
    expect(paste(message, [shot()])).toBe(true);
    expect(el.items.map((item) => item.name)).toEqual(['screenshot.png']);
    expect(paste(message, [], 'just text')).toBe(false);
    expect(el.items).toHaveLength(1);
    await el.updateComplete;
    expect(rows(el)).toHaveLength(1);
  });

  it('a paste-target moved to another box listens there only; taken away, it listens nowhere', async () => {
    const first = box('first-box');
    const second = box('second-box');
    const el = await mount({ 'paste-target': 'first-box' });
    el.setAttribute('paste-target', 'second-box');
    await el.updateComplete;
    expect(paste(first, [shot()])).toBe(false);
    expect(paste(second, [shot()])).toBe(true);
    expect(el.items).toHaveLength(1);
    el.removeAttribute('paste-target');
    await el.updateComplete;
    expect(paste(second, [new File(['x'], 'later.txt')])).toBe(false);
    expect(el.items).toHaveLength(1);
  });

  it('a disabled element takes no pasted files from its paste-target', async () => {
    const message = box('disabled-box');
    const el = await mount({ 'paste-target': 'disabled-box', disabled: true });
    expect(paste(message, [shot()])).toBe(false);
    expect(el.items).toHaveLength(0);
  });

  it('theme sets the colour scheme the element paints with; a custom property wins over it', async () => {
    const el = await mount({ theme: 'dark' });
    expect(getComputedStyle(el).colorScheme).toBe('dark');
    expect(getComputedStyle(el).color).toBe('rgb(228, 231, 234)');
    el.theme = 'light';
    await el.updateComplete;
    expect(el.getAttribute('theme')).toBe('light');
    expect(getComputedStyle(el).color).toBe('rgb(31, 35, 41)');
    el.style.setProperty('--chat-file-upload-text', 'rgb(9, 8, 7)');
    expect(getComputedStyle(el).color).toBe('rgb(9, 8, 7)');
  });
});
