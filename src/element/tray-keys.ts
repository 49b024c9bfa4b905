/**
 * The tray's keys and the moves of its cards (`list.ts` renders them): arrows move between cards,
 * Alt+arrows move a card, Home and End go to the first and last, Delete removes a card, Enter
 * opens its details; the focused card is scrolled into view. The code loads with the first focus
 * in the tray (or the first move of a card by its buttons): a plain upload by pointer needs none of it.
 */
import { allows } from '../core/items.js';
import type { UploadItem } from '../core/types.js';
import type { CardWindow } from './card-window.js';
import type { RowsHost } from './list.js';

/** What the keys read and change of the list, live. */
export interface Tray {
  readonly host: RowsHost;
  /** the cards shown, in order */
  readonly shown: readonly UploadItem[];
  /** the window of cards, when there are many (`card-window.ts`); else every card is rendered, laid out by the styles */
  readonly window?: CardWindow;
  /** the card that holds the tray's tab stop */
  focus?: string;
  /** moves an item to `index` of the items */
  move(id: string, index: number): void;
  remove(item: UploadItem): void;
  open(item: UploadItem): void;
}

/**
 * Gives the card at `index` (of those shown; `item` when it is moving there) the tab stop,
 * scrolls its place into the window, and focuses it once rendered.
 */
export function focusCard(tray: Tray, index: number, item = tray.shown[Math.max(0, Math.min(index, tray.shown.length - 1))]): void {
  if (!item) return;
  tray.focus = item.id;
  const { host } = tray;
  // In a window of many cards, its card may be out of the window: the window moves to it first.
  tray.window?.reveal(Math.max(0, Math.min(index, tray.shown.length - 1)));
  host.requestUpdate();
  void host.updateComplete.then(() => {
    const card = host.renderRoot.querySelector<HTMLElement>(`li[data-id="${CSS.escape(item.id)}"]`);
    card?.focus({ preventScroll: true });
    card?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  });
}

/** How many cards a step down goes: the grid's columns, or 1 in a narrow tray's one row. */
function columns({ window }: Tray, card: HTMLElement): number {
  if (window) return window.narrow ? 1 : window.columns;
  // Laid out by the styles: as many columns as the grid has (a narrow tray's row is no grid).
  const list = getComputedStyle(card.parentElement!);
  return list.display === 'grid' ? list.gridTemplateColumns.split(' ').length : 1;
}

/** Moves a card one place among those shown: `by` −1 earlier, +1 later. */
export function move(tray: Tray, item: UploadItem, by: number): void {
  const { shown, host } = tray;
  const neighbour = shown[shown.indexOf(item) + by];
  if (!neighbour || !allows.move(item) || host.disabled) return;
  tray.move(item.id, host.items.indexOf(neighbour));
  focusCard(tray, shown.indexOf(neighbour), item);
}

/** A key pressed on a card. */
export function key(tray: Tray, event: Pick<KeyboardEvent, 'key' | 'altKey' | 'target' | 'preventDefault'>): void {
  const card = event.target as HTMLElement;
  const id = card.matches('li[data-id]') ? card.dataset.id : undefined;
  const at = tray.shown.findIndex((item) => item.id === id);
  const item = tray.shown[at];
  if (!item) return;
  const rtl = getComputedStyle(card).direction === 'rtl';
  const across = columns(tray, card);
  const steps: Record<string, number> = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1, ArrowDown: across, ArrowUp: -across };
  const step = steps[event.key];
  if (step !== undefined && event.altKey) move(tray, item, Math.sign(step));
  else if (step !== undefined) focusCard(tray, at + step);
  else if (event.key === 'Home') focusCard(tray, 0);
  else if (event.key === 'End') focusCard(tray, tray.shown.length - 1);
  else if (event.key === 'Delete' || event.key === 'Backspace') tray.remove(item);
  else if (event.key === 'Enter' || event.key === ' ') tray.open(item);
  else return;
  event.preventDefault();
}
