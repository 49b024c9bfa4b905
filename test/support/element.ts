/** Mounting the element against the reference server and reading what a person sees. */
import { fixture, html } from '@open-wc/testing-helpers';
import '../../src/index.js';
import type { ChatFileUpload } from '../../src/index.js';
import { seed, serverUrl, until } from './server.js';

/**
 * Mounts the element against the reference server. Its cards stay once sent (`keep-sent`), so a
 * test reads what a sent card says; `'keep-sent': false` gives the element's own default.
 */
export async function mount(attributes: Record<string, string | number | boolean> = {}): Promise<ChatFileUpload> {
  const el = await fixture<ChatFileUpload>(html`<chat-file-upload></chat-file-upload>`);
  const defaults: Record<string, string | number | boolean> = { 'server-url': serverUrl, 'room-id': seed.room, 'user-id': seed.user.id, 'auth-token': seed.user.token, retries: 0, 'keep-sent': true };
  for (const [name, value] of Object.entries({ ...defaults, ...attributes })) {
    if (value === false) el.removeAttribute(name);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  await el.updateComplete;
  return el;
}

export const $ = (el: ChatFileUpload, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
export const $$ = (el: ChatFileUpload, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
/** The text a person reads in the element (shadow DOM), whitespace folded. */
export const visibleText = (el: ChatFileUpload) => (el.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ');
export const rows = (el: ChatFileUpload) => $$(el, '[part~="item"]');
export const part = (row: ParentNode, name: string) => row.querySelector<HTMLElement>(`[part~="${name}"]`);

/** Opens a card's details with its edit button, as a person would, and waits for them. */
export async function details(el: ChatFileUpload, index: number): Promise<HTMLElement> {
  const card = rows(el)[index];
  const edit = card && part(card, 'edit-button');
  if (!edit) throw new Error(`no card ${index} to open`);
  edit.click();
  return (await until(() => $(el, `[part~="editor"][data-id="${card.dataset.id}"]`), 5000, 'the details'))!;
}

/** Opens a card's details and types into its description field as a person would. */
export async function describe(el: ChatFileUpload, index: number, text: string): Promise<void> {
  const input = part(await details(el, index), 'description') as HTMLInputElement;
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** The description a card's details show (undefined when the flow has none). */
export async function descriptionOf(el: ChatFileUpload, index: number): Promise<string | undefined> {
  return (part(await details(el, index), 'description') as HTMLInputElement | null)?.value;
}

export async function clickPart(el: ChatFileUpload, name: string, index = 0): Promise<void> {
  const target = name === 'send-button' ? $(el, '[part~="send-button"]') : part(rows(el)[index], name);
  if (!target) throw new Error(`no ${name} in row ${index}`);
  target.click();
  await el.updateComplete;
}

/**
 * Waits until every item has settled (done, error, canceled), and the element has painted it:
 * while a send is on its way, repaints are spaced (`scheduleUpdate`).
 */
export async function settled(el: ChatFileUpload, timeout = 15_000) {
  const items = await until(() => el.items.length > 0 && el.items.every((i) => i.status === 'done' || i.status === 'canceled' || i.status === 'error'), timeout, 'items to settle');
  await el.updateComplete;
  return items;
}

/** Drags files over `on` (the drop zone unless another part is given) the way a browser does. */
export function dragOver(el: ChatFileUpload, files: File[], on: Element = $(el, '[part~="dropzone"]')!): DataTransfer {
  const data = new DataTransfer();
  for (const file of files) data.items.add(file);
  for (const type of ['dragenter', 'dragover']) on.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true, composed: true }));
  return data;
}

/** Lets go of what is dragged over `on`: the drop. */
export function release(on: Element, data: DataTransfer): void {
  on.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true, composed: true }));
}

/** Drops files on the drop zone (or on `on`) the way a browser delivers a drop. */
export function drop(el: ChatFileUpload, files: File[], on: Element = $(el, '[part~="dropzone"]')!): void {
  release(on, dragOver(el, files, on));
}
