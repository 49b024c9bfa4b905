/** One row of the list: a template function, not another element. */
import { html, nothing, type TemplateResult } from 'lit';
import { allows } from '../core/items.js';
import type { UploadItem } from '../core/types.js';
import { formatSize, type Strings } from '../i18n/en.js';
import { displayName } from './display-name.js';

export interface RowContext {
  strings: Strings;
  /** the flow posts a description with each file */
  describable: boolean;
  /** the browser is offline */
  offline: boolean;
  /** a 401 stopped the queue */
  paused: boolean;
  /** Send waits a moment for the server's limits */
  checking: boolean;
  /** a 429 holds the route the item goes to next: until when */
  heldUntil?: number;
  /** object URL of the image preview, once the row has been in view */
  preview?: string;
  index: number;
  count: number;
  disabled: boolean;
  onDescribe(item: UploadItem, text: string): void;
  onRetry(item: UploadItem): void;
  onCancel(item: UploadItem): void;
  onRemove(item: UploadItem): void;
  onMove(item: UploadItem, index: number): void;
}

function percent(item: UploadItem): number {
  if (item.status === 'done' || item.status === 'uploaded' || item.status === 'confirming') return 100;
  return item.total > 0 ? Math.floor((item.loaded / item.total) * 100) : 0;
}

function statusText(item: UploadItem, ctx: RowContext): string {
  const words = ctx.strings.status;
  if (item.status === 'retrying') {
    const seconds = Math.max(1, Math.ceil(((item.retryAt ?? 0) - Date.now()) / 1000));
    return item.error?.status === 429 ? words.rateLimited(seconds) : words.retrying(seconds);
  }
  if ((item.status === 'queued' || item.status === 'uploaded') && ctx.heldUntil) return words.rateLimited(Math.max(1, Math.ceil((ctx.heldUntil - Date.now()) / 1000)));
  if (item.status === 'queued' && ctx.offline) return words.offline;
  if (item.status === 'queued' && ctx.paused) return words.paused;
  if (item.status === 'queued' && ctx.checking) return words.checking;
  if (item.status === 'uploading') return words.uploading(percent(item));
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

export function renderItem(item: UploadItem, ctx: RowContext): TemplateResult {
  const { strings } = ctx;
  const editable = !ctx.disabled && allows.describe(item);
  const movable = !ctx.disabled && ctx.count > 1 && allows.move(item);
  const retryable = allows.retry(item);
  const cancelable = allows.cancel(item);
  const link = item.status === 'done' ? fileLink(item) : undefined;
  const value = percent(item);
  // The bar is scaled, not resized: on its own layer, it moves with no layout or paint.
  return html`<li part="item" class="item" data-status=${item.status} draggable=${movable ? 'true' : 'false'} data-id=${item.id}>
    <div part="preview" class="preview">${ctx.preview && !item.type.startsWith('audio/')
      ? html`<img src=${ctx.preview} alt="" decoding="async" />`
      : html`<span class="type" aria-hidden="true">${typeLabel(item)}</span>`}</div>
    <div class="body">
      <div class="line">
        <span part="name" class="name" title=${displayName(item.name)}>${displayName(item.name)}</span>
        <span part="size" class="size">${formatSize(item.size, strings)}</span>
      </div>
      ${ctx.describable && (item.status === 'done' || item.status === 'confirming')
        ? item.description ? html`<p part="description" class="said">${item.description}</p>` : nothing
        : ctx.describable
        ? html`<input part="description" class="description" type="text" maxlength="5000"
            aria-label=${`${strings.description}: ${item.name}`} placeholder=${strings.descriptionPlaceholder}
            .value=${item.description} ?disabled=${!editable}
            @input=${(event: Event) => ctx.onDescribe(item, (event.target as HTMLInputElement).value)} />`
        : nothing}
      <div part="progress" class="progress" role="progressbar" aria-label=${strings.progressOf(item.name)}
        aria-valuemin="0" aria-valuemax="100" aria-valuenow=${value} ?hidden=${item.status === 'queued' || item.status === 'preparing' || item.status === 'error' || item.status === 'retrying' || item.status === 'canceled'}>
        <div class="bar" style="transform:scaleX(${value / 100})"></div>
      </div>
      <div class="state">
        <span part="status" class="status">${statusText(item, ctx)}</span>
        ${link ? html`<a href=${link} target="_blank" rel="noopener noreferrer">${strings.open}</a>` : nothing}
      </div>
      ${ctx.preview && item.type.startsWith('audio/') ? html`<audio part="replay" controls preload="metadata" src=${ctx.preview}></audio>` : nothing}
      ${item.note ? html`<p part="note" class="note">${item.note.fit ? strings.reducedToFit(formatSize(item.note.fit, strings)) : strings.notPrepared}</p>` : nothing}
      ${item.error && !(item.status === 'retrying' && item.error.status === 429)
        ? html`<p part="error" class="error">${item.error.message}</p>` : nothing}
    </div>
    <div class="actions">
      ${movable && ctx.index > 0 ? html`<button type="button" class="icon" aria-label=${`${strings.moveUp}: ${item.name}`} title=${strings.moveUp} @click=${() => ctx.onMove(item, ctx.index - 1)}>↑</button>` : nothing}
      ${movable && ctx.index < ctx.count - 1 ? html`<button type="button" class="icon" aria-label=${`${strings.moveDown}: ${item.name}`} title=${strings.moveDown} @click=${() => ctx.onMove(item, ctx.index + 1)}>↓</button>` : nothing}
      ${retryable && !ctx.disabled ? html`<button type="button" part="retry-button" @click=${() => ctx.onRetry(item)}>${strings.retry}</button>` : nothing}
      ${cancelable ? html`<button type="button" part="cancel-button" @click=${() => ctx.onCancel(item)}>${strings.cancel}</button>` : nothing}
      ${allows.remove(item)
        ? html`<button type="button" part="remove-button" class="icon" aria-label=${`${strings.remove}: ${item.name}`} title=${strings.remove} @click=${() => ctx.onRemove(item)}>✕</button>`
        : nothing}
    </div>
  </li>`;
}
