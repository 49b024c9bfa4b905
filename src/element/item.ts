/** One card of the tray: a template function, not another element. */
import { html, nothing, render, type TemplateResult } from 'lit';
import { allows } from '../core/items.js';
import type { UploadItem } from '../core/types.js';
import { formatSize, type Strings } from '../i18n/en.js';
import { displayName } from './display-name.js';

export interface CardContext {
  strings: Strings;
  /** the browser is offline */
  offline: boolean;
  /** a 401 stopped the queue */
  paused: boolean;
  /** Send waits a moment for the server's limits */
  checking: boolean;
  /** a 429 holds the route the item goes to next: until when */
  heldUntil?: number;
  /** object URL of the file, once the card has been in view (images, audio, video) */
  preview?: string;
  /** the audio or video player (its own chunk), once loaded */
  player?: (item: UploadItem, url: string, strings: Strings) => TemplateResult;
  /** the card holds the tray's one tab stop */
  focused: boolean;
  /** more than one card: moving means something */
  several: boolean;
  disabled: boolean;
}

/** How far the bytes are, 0–100. */
export function percent(item: UploadItem): number {
  if (item.status === 'done' || item.status === 'uploaded' || item.status === 'confirming') return 100;
  return item.total > 0 ? Math.floor((item.loaded / item.total) * 100) : 0;
}

/** The words of where the item stands. */
export function statusText(item: UploadItem, ctx: Pick<CardContext, 'strings' | 'offline' | 'paused' | 'checking' | 'heldUntil'>): string {
  const words = ctx.strings.status;
  if (item.status === 'retrying') {
    const seconds = Math.max(1, Math.ceil(((item.retryAt ?? 0) - Date.now()) / 1000));
    return item.error?.status === 429 ? words.rateLimited(seconds) : words.retrying(seconds);
  }
  if ((item.status === 'queued' || item.status === 'uploaded') && ctx.heldUntil) return words.rateLimited(Math.max(1, Math.ceil((ctx.heldUntil - Date.now()) / 1000)));
  if (item.status === 'queued' && ctx.offline) return words.offline;
  if (item.status === 'queued' && ctx.paused) return words.paused;
  if (item.status === 'queued' && ctx.checking) return words.checking;
  // Every byte is up and the server has not answered: it is reading or storing the file.
  if (item.status === 'uploading') return item.total > 0 && item.loaded >= item.total ? words.processing : words.uploading(percent(item));
  return words[item.status];
}

/** The extension as an icon label, e.g. "PDF"; "FILE" when there is none. */
function typeLabel(item: UploadItem): string {
  const dot = item.name.lastIndexOf('.');
  const extension = dot > 0 ? item.name.slice(dot + 1, dot + 5) : '';
  return (extension || item.type.split('/')[0] || 'file').toUpperCase();
}

/** The server's link to the stored file, when it answered one (single: `file_url`). */
function fileLink(item: UploadItem): string | undefined {
  const response = item.response as { file_url?: unknown } | undefined;
  const url = typeof response?.file_url === 'string' ? response.file_url : undefined;
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}

/**
 * The name in two spans: the start gives way (an ellipsis) and the end, with the extension, stays.
 * Read together they are the whole name. `dir="auto"`: the halves stand in the name's own
 * direction (an Arabic name's start on the right, a Latin one's on the left), whatever the page's.
 */
function name(item: UploadItem): TemplateResult {
  const shown = displayName(item.name);
  const dot = shown.lastIndexOf('.');
  const cut = Math.max(0, Math.min(shown.length - 8, dot > 0 ? dot - 3 : shown.length - 8));
  // Arabic letters join across the cut (zero-width joiners): the halves are boxes of their own.
  const join = /[\u0600-\u08ff]/.test(shown) ? '\u200d' : '';
  return html`<span part="name" class="name" dir="auto" title=${shown}><span class="start">${shown.slice(0, cut) + join}</span><span class="end">${join + shown.slice(cut)}</span></span>`;
}

/** A card's icon button: its verb and the file's name are its name; the tray reads `data-act` on click. */
const icon = (act: string, verb: string, label: string, glyph: string, part?: string) =>
  html`<button type="button" part=${part ?? nothing} class="icon" tabindex="-1" data-act=${act} aria-label=${`${verb}: ${label}`} title=${verb}>${glyph}</button>`;

/**
 * One card, rendered into its `<li>` (the tray keeps one per item: `list.ts`). Its buttons are out
 * of the Tab order (the tray is one tab stop, its keys reach every action); clicks are handled by
 * the tray, which reads `data-act` and the card's `data-id`.
 */
export function renderCard(card: HTMLElement, item: UploadItem, ctx: CardContext): void {
  const { strings } = ctx;
  const label = displayName(item.name);
  const movable = !ctx.disabled && ctx.several && allows.move(item);
  const failed = item.status === 'error';
  const link = item.status === 'done' ? fileLink(item) : undefined;
  const value = percent(item);
  const media = /^(audio|video)\//.test(item.type);
  const moving = item.status === 'preparing' || item.status === 'uploading' || item.status === 'uploaded' || item.status === 'confirming' || item.status === 'done';
  card.className = 'card';
  card.dataset.id = item.id;
  card.dataset.status = item.status;
  card.setAttribute('part', failed ? 'item failed' : 'item');
  card.tabIndex = ctx.focused ? 0 : -1;
  card.draggable = movable;
  render(html`<div part="preview" class="preview">
      ${(ctx.preview && (media ? ctx.player?.(item, ctx.preview, strings) : html`<img src=${ctx.preview} alt="" decoding="async" />`)) ||
        html`<span class="type" aria-hidden="true">${typeLabel(item)}</span>`}
      ${moving
        ? // The ring of the bytes sent: a circle's stroke, dashed to the share sent.
          html`<svg part="progress" class="ring" viewBox="0 0 36 36" role="progressbar" aria-label=${strings.progressOf(label)} aria-valuenow=${value}>
            <circle class="track" cx="18" cy="18" r="15"></circle><circle class="value" cx="18" cy="18" r="15" pathLength="100" stroke-dasharray="${value} 100"></circle>
          </svg>`
        : nothing}
      ${failed ? html`<span class="alert" aria-hidden="true">!</span>` : nothing}
    </div>
    ${name(item)}
    <span part="size" class="size">${formatSize(item.size, strings)}</span>
    <span part="status" class="status">${statusText(item, ctx)}</span>
    ${item.error && !(item.status === 'retrying' && item.error.status === 429)
      ? html`<p part="error" class="error" title=${item.error.message}>${item.error.message}</p>` : nothing}
    ${item.note ? html`<p part="note" class="note">${item.note.fit ? strings.reducedToFit(formatSize(item.note.fit, strings)) : item.note.waiting ? strings.preparingOffline : strings.notPrepared}</p>` : nothing}
    ${link ? html`<a href=${link} target="_blank" rel="noopener noreferrer" tabindex="-1">${strings.open}</a>` : nothing}
    ${allows.retry(item) && !ctx.disabled
      ? html`<button type="button" part="retry-button" class="retry" tabindex="-1" data-act="retry" aria-label=${`${strings.retry}: ${label}`}>${strings.retry}</button>`
      : nothing}
    <div class="actions">
      ${allows.cancel(item) ? icon('cancel', strings.cancel, label, '■', 'cancel-button') : nothing}
      ${movable ? icon('earlier', strings.moveUp, label, '‹') : nothing}
      ${movable ? icon('later', strings.moveDown, label, '›') : nothing}
      ${icon('edit', strings.edit, label, '✎', 'edit-button')}
      ${allows.remove(item) ? icon('remove', strings.remove, label, '✕', 'remove-button') : nothing}
    </div>`, card);
}
