/**
 * The list of files and the composer under it (message, Retry all, Send): loaded right after the
 * first paint, since an empty element shows only its drop zone. Rows are template functions
 * (`item.ts`), keyed by item ID so that moving a row moves its DOM (and its focus).
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { allows } from '../core/items.js';
import type { UploadEvents, UploadItem } from '../core/types.js';
import type { ServerLimits } from '../core/limits.js';
import type { Strings } from '../i18n/en.js';
import { renderItem } from './item.js';
import { enList } from '../i18n/en-list.js';
import { errorWords, loadErrorWords, withFailureWords } from './lazy-error-words.js';
import { PreviewController } from './previews.js';

/** What the list reads from the element and calls back. */
export interface RowsHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: ParentNode;
  readonly items: readonly UploadItem[];
  disabled: boolean;
  message: string;
  imageQuality: 'original' | 'high' | 'standard';
  keepMetadata: boolean;
  send(): unknown;
  retry(id?: string): unknown;
  cancel(id?: string): void;
  remove(id?: string): void;
}

/** What one render needs beyond the host. */
export interface RowsView {
  strings: Strings;
  /** the flow posts a description with each file */
  describable: boolean;
  /** the flow posts a message text with the first file */
  messageField: boolean;
  offline: boolean;
  paused: boolean;
  /** a 429 holds the route the item goes to next: until when */
  heldUntil(id: string): number | undefined;
  describe(id: string, text: string): void;
  move(id: string, index: number): void;
}

/** Send waits for the server's limits at most this long (ms): the bytes go, the limits apply when they arrive. */
const limitsWait = 1000;

/** Rows rendered per frame: a thousand files added at once never make one long task. */
const rowsPerFrame = 20;
/** A photo the media step may resize and strip (issue 15). */
const photo = (item: UploadItem) => /^image\/(jpeg|webp)$/i.test(item.type);

/** Moving rows by drag: the row's ID travels under this private type, never as files. */
const rowType = 'application/x-chat-file-upload';

export const listStyles = css`
  .list { list-style: none; margin: var(--_gap) 0 0; padding: 0; display: grid; gap: var(--_gap); }
  .item {
    display: grid; grid-template-columns: var(--_thumb) minmax(0, 1fr) auto; gap: var(--_gap); align-items: start;
    padding: var(--_gap); background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius);
    content-visibility: auto; contain-intrinsic-size: auto 64px;
  }
  .preview {
    inline-size: var(--_thumb); block-size: var(--_thumb); border-radius: calc(var(--_radius) - 2px); overflow: hidden;
    display: grid; place-items: center; background: color-mix(in srgb, var(--_muted) 15%, transparent);
  }
  .preview img { inline-size: 100%; block-size: 100%; object-fit: cover; }
  .type { font-size: 0.65em; font-weight: 700; color: var(--_text); }
  .body { display: grid; gap: 4px; min-inline-size: 0; }
  .line, .state { display: flex; gap: var(--_gap); align-items: baseline; min-inline-size: 0; }
  .name { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; unicode-bidi: plaintext; }
  .size, .status { color: var(--_muted); font-size: 0.875em; white-space: nowrap; }
  [data-status='done'] .status { color: var(--_success); }
  .description, .message {
    inline-size: 100%; padding: 4px 8px; border: 1px solid var(--_border); border-radius: calc(var(--_radius) - 2px);
    background: transparent; min-block-size: 32px;
  }
  .said { margin: 0; overflow-wrap: anywhere; }
  .progress { block-size: 4px; border-radius: 2px; background: color-mix(in srgb, var(--_muted) 25%, transparent); overflow: hidden; }
  .bar { block-size: 100%; background: var(--_accent); transform-origin: 0 0; will-change: transform; }
  .bar:dir(rtl) { transform-origin: 100% 0; }
  [data-status='done'] .bar { background: var(--_success); }
  .note { margin: 0; color: var(--_muted); font-size: 0.875em; }
  .error { margin: 0; color: var(--_error); font-size: 0.875em; overflow-wrap: anywhere; }
  .actions { display: flex; flex-wrap: wrap; gap: 4px; justify-content: flex-end; }
  .composer { display: flex; gap: var(--_gap); margin-block-start: var(--_gap); align-items: flex-end; }
  .message { flex: 1; resize: vertical; }
  .composer .send { margin-inline-start: auto; }
`;

export class Rows implements ReactiveController {
  readonly previews: PreviewController;
  /** the words for errors, which load on the first failure (`failing`) */
  readonly words = errorWords;
  readonly failing = loadErrorWords;
  /** the English words of the list and the composer, which load with it (failures' with the first) */
  get english() {
    return withFailureWords(enList);
  }
  #view?: RowsView;
  /** how many rows are rendered; grows by `rowsPerFrame` each frame up to the list's length */
  #rows = rowsPerFrame;
  #growing = false;
  /** Send is waiting (a moment at most) for the server's limits */
  #checking = false;
  /** why the last Send sent nothing (a text longer than the server takes) */
  #textError = '';
  /** repaints the seconds of retry countdowns */
  #ticker?: ReturnType<typeof setInterval>;

  constructor(private readonly host: RowsHost) {
    this.previews = new PreviewController(host);
    host.addController(this);
  }

  hostConnected(): void {
    this.#ticker = setInterval(() => {
      if (this.host.items.some((item) => item.status === 'retrying' || this.#view?.heldUntil(item.id))) this.host.requestUpdate();
    }, 1000);
  }

  hostDisconnected(): void {
    clearInterval(this.#ticker);
  }

  /**
   * Before a Send's bytes go: the server's limits, when they are being read, apply before any
   * byte leaves — if they come within a moment; else the bytes go, and the limits apply to what
   * has not started when they arrive. `recheck` checks the staged files against them and gives
   * the text limit and the words. Resolves with why nothing may be sent, or ''.
   */
  async check(text: string, limits: ServerLimits, recheck: () => [number | undefined, Strings]): Promise<string> {
    const { host } = this;
    if (limits.reading) {
      this.#checking = true;
      host.requestUpdate();
      await limits.wait(limitsWait);
      this.#checking = false;
      host.requestUpdate();
    }
    const [max, strings] = recheck();
    // R16: a text longer than the server takes would be refused after the bytes are up.
    const long = (said: string) => max !== undefined && said.length > max;
    this.#textError = long(text) || host.items.some((item) => item.status === 'queued' && long(item.description)) ? strings.errors.tooLong : '';
    if (this.#textError) host.requestUpdate();
    return this.#textError;
  }

  /** What the live region says of an event of the sending code: a file sent, or not sent and why. */
  said<K extends keyof UploadEvents>(name: K, detail: UploadEvents[K], strings: Strings): string | undefined {
    if (name === 'upload-success') return strings.announce.done((detail as UploadEvents['upload-success']).item.name);
    if (name === 'upload-error') {
      const { item, error } = detail as UploadEvents['upload-error'];
      return strings.announce.failed(item.name, error.message);
    }
    return undefined;
  }

  hostUpdated(): void {
    const { items } = this.host;
    this.previews.keep(items);
    if (this.#rows < items.length && !this.#growing) {
      this.#growing = true;
      requestAnimationFrame(() => {
        this.#growing = false;
        this.#rows += rowsPerFrame;
        this.host.requestUpdate();
      });
    }
  }

  readonly #drag = (event: DragEvent): void => {
    const row = (event.target as Element).closest?.('li[data-id]') as HTMLElement | null;
    const data = event.dataTransfer;
    if (!row || !data) return;
    if (event.type === 'dragstart') {
      data.setData(rowType, row.dataset.id ?? '');
      data.effectAllowed = 'move';
    } else if (data.types.includes(rowType)) {
      event.preventDefault();
      if (event.type === 'drop') {
        const index = this.host.items.findIndex((item) => item.id === row.dataset.id);
        this.#view?.move(data.getData(rowType), index);
      }
    }
  };

  /**
   * Makes a photo ready to send (issue 15), with the quality chosen for this send, from the file
   * as picked; the code loads with the first photo. Undefined: not a photo.
   */
  prepare(item: UploadItem, signal: AbortSignal, limit?: number) {
    const { imageQuality: quality, keepMetadata: keep } = this.host;
    return photo(item) ? import('../media/prepare.js').then((media) => media.prepare(item.file, { quality, keep, limit }, signal)) : undefined;
  }

  render(view: RowsView) {
    this.#view = view;
    const { host } = this;
    const { strings, offline, paused, describable } = view;
    const checking = this.#checking;
    const items = host.items;
    const disabled = host.disabled;
    const sendable = items.some((item) => item.status === 'queued' || item.status === 'uploaded');
    const failed = items.filter(allows.retry).filter((item) => item.status === 'error').length;
    return html`<ol part="list" class="list" aria-label=${`${strings.list}: ${strings.fileCount(items.length)}`}
        @dragstart=${this.#drag} @dragover=${this.#drag} @drop=${this.#drag}>
        ${repeat(items.slice(0, this.#rows), (item) => item.id, (item, index) => renderItem(item, {
          strings, offline, paused, checking, index, heldUntil: view.heldUntil(item.id), count: items.length, disabled, describable,
          preview: this.previews.url(item),
          onDescribe: (it, text) => view.describe(it.id, text),
          onRetry: (it) => void host.retry(it.id),
          onCancel: (it) => host.cancel(it.id),
          onRemove: (it) => host.remove(it.id),
          onMove: (it, to) => view.move(it.id, to),
        }))}
      </ol>
      <div class="composer">
        ${view.messageField
          ? html`<textarea part="message" class="message" rows="1" aria-label=${strings.message} placeholder=${strings.messagePlaceholder}
              maxlength="5000" .value=${host.message} ?disabled=${disabled}
              @input=${(event: Event) => (host.message = (event.target as HTMLTextAreaElement).value)}></textarea>`
          : nothing}
        ${failed > 1 ? html`<button type="button" class="secondary" @click=${() => void host.retry()}>${strings.retryAll}</button>` : nothing}
        ${this.#textError ? html`<p part="error" class="error">${this.#textError}</p>` : nothing}
        ${items.some((item) => (item.status === 'queued' || item.status === 'preparing') && photo(item))
          ? html`<select part="quality" class="quality" aria-label=${strings.quality} title=${strings.quality} .value=${host.imageQuality} ?disabled=${disabled}
              @change=${(event: Event) => (host.imageQuality = (event.target as HTMLSelectElement).value as RowsHost['imageQuality'])}>
              <option value="standard">${strings.qualityStandard}</option><option value="high">${strings.qualityHigh}</option><option value="original">${strings.qualityOriginal}</option>
            </select>`
          : nothing}
        <button type="button" part="send-button" class="send" ?disabled=${disabled || !sendable} @click=${() => void host.send()}>${strings.send}</button>
      </div>`;
  }
}
