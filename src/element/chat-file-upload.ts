/**
 * `<chat-file-upload>`: attaches files to a chat room. A thin Lit element over the
 * framework-free core (`src/core`): attributes in, the queue's items out, events re-dispatched.
 */
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { UploadQueue, type QueueHost } from '../core/queue.js';
import { transports } from '../core/transports/index.js';
import { singleMaxFileSize } from '../core/transports/single.js';
import type { ConfirmFields, Flow, FlowContext, Rejection, Restrictions, Transport, UploadEvents, UploadItem } from '../core/types.js';
import { en, type Strings } from '../i18n/en.js';
import { styles } from './chat-file-upload.styles.js';
import { DropController } from './drop.js';
import { displayName, renderItem } from './item.js';
import { clearDraft, draftKey, loadDraft, saveDraft, type Draft } from '../core/persist.js';
import { PreviewController } from './previews.js';
import { PopoverController } from './popover.js';
import type { Placement } from '@floating-ui/dom';

/** At most this many rejection notices are kept on screen (1,000 files dropped on `max-files`). */
const maxNotices = 3;
/** Rows rendered per frame: a thousand files added at once never make one long task. */
const rowsPerFrame = 20;

/**
 * Attaches files to a chat room: drop, paste or browse; previews; a description per file; real
 * progress; server errors in plain words, with nothing lost on retry.
 *
 * @tag chat-file-upload
 * @fires file-reject - a file failed a client-side check; nothing is sent for it
 * @fires upload-before - before each request (cancelable); `detail.headers` may be changed
 * @fires upload-start - the first byte of a file left
 * @fires upload-progress - bytes went up (at most once per animation frame per item)
 * @fires upload-success - one file finished (rooms: after the confirm)
 * @fires upload-error - one file failed
 * @fires upload-complete - everything one send() or retry() started has settled
 * @csspart dropzone - the drop area with the hint and the browse button
 * @csspart browse-button - opens the file picker
 * @csspart list - the list of files
 * @csspart item - one file's row
 * @csspart preview - the thumbnail or type icon
 * @csspart name - the file name
 * @csspart size - the file size
 * @csspart description - the description field
 * @csspart progress - the progress bar (role progressbar)
 * @csspart status - the status text
 * @csspart error - the error in plain words
 * @csspart retry-button - tries a failed item again
 * @csspart cancel-button - stops an item in flight
 * @csspart remove-button - takes an item out of the list
 * @csspart message - the message text field
 * @csspart send-button - sends everything staged
 * @cssproperty --chat-file-upload-accent - buttons, focus ring and progress (default #0b5cca)
 * @cssproperty --chat-file-upload-background - the element's background (default transparent)
 * @cssproperty --chat-file-upload-surface - rows and fields (light #fff, dark #1f2329)
 * @cssproperty --chat-file-upload-text - text colour (light #1f2329, dark #e4e7ea)
 * @cssproperty --chat-file-upload-muted - secondary text (light #6c737a, dark #9ea2a8)
 * @cssproperty --chat-file-upload-border - lines (light #cbced1, dark #404754)
 * @cssproperty --chat-file-upload-error - error text (light #c41e2e, dark #f57685)
 * @cssproperty --chat-file-upload-success - done state (light #148660, dark #3fb68b)
 * @cssproperty --chat-file-upload-radius - corner radius (default 8px)
 * @cssproperty --chat-file-upload-gap - spacing unit (default 8px)
 * @cssproperty --chat-file-upload-font - font shorthand (default inherit)
 * @cssproperty --chat-file-upload-thumb-size - preview size (default 40px)
 * @cssproperty --chat-file-upload-z-index - the floating panel and the drop overlay (default 1000)
 */
export class ChatFileUpload extends LitElement {
  static override styles = styles;

  /** Which server flow runs: `rooms`, `livechat` or `single`. */
  @property() flow: Flow = 'rooms';
  /** Base URL of the chat server; empty = same origin. */
  @property({ attribute: 'server-url' }) serverUrl = '';
  /** The room (rid). */
  @property({ attribute: 'room-id' }) roomId = '';
  /** rooms: the thread to post into (`tmid`). */
  @property({ attribute: 'thread-id' }) threadId?: string;
  /** rooms: `X-User-Id`. */
  @property({ attribute: 'user-id' }) userId?: string;
  /** rooms: `X-Auth-Token`; single: `Authorization`. */
  @property({ attribute: 'auth-token' }) authToken?: string;
  /** livechat: `x-visitor-token`. */
  @property({ attribute: 'visitor-token' }) visitorToken?: string;
  /** single: the path of the upload endpoint. */
  @property({ attribute: 'upload-url' }) uploadUrl = '/api/upload_file';
  /** Like `<input accept>`: MIME types, wildcards, extensions. */
  @property() accept = '';
  /** Bytes; larger files are refused before sending. Default: the server's setting (single: 24 MiB). */
  @property({ attribute: 'max-file-size', type: Number }) maxFileSize?: number;
  /** How many files the list may hold. */
  @property({ attribute: 'max-files', type: Number }) maxFiles?: number;
  /** Start sending as soon as a file is added (rooms: the confirm waits for Send). */
  @property({ attribute: 'auto-upload', type: Boolean }) autoUpload = false;
  /** Uploads in flight at once. */
  @property({ type: Number }) concurrency = 3;
  /** No adding, no sending. */
  @property({ type: Boolean, reflect: true }) disabled = false;
  /** ms without upload progress before a request is given up as a timeout. */
  @property({ attribute: 'stall-timeout', type: Number }) stallTimeout = 30_000;
  /** Automatic retries of network errors, timeouts and 5xx answers (never of 4xx). */
  @property({ type: Number }) retries = 3;
  /** Base delay of the retry backoff in ms (doubles each try, with jitter). */
  @property({ attribute: 'retry-delay', type: Number }) retryDelay = 1000;
  /** Keep staged files, their descriptions and the message across a page reload, and offer them back. */
  @property({ type: Boolean }) persist = false;
  /** Render as a floating panel next to the element with this id (e.g. a composer's attach button). */
  @property() anchor?: string;
  /** Where the panel sits relative to `anchor` (a floating-ui placement). */
  @property() placement: Placement = 'top-start';
  /** The panel is shown (with `anchor`). */
  @property({ type: Boolean, reflect: true }) open = false;
  /** Also take drops on this larger area: an element id, or `document` for the whole page. */
  @property({ attribute: 'drop-target' }) dropTarget?: string;
  /** Files are being dragged over the drop zone. */
  @property({ type: Boolean, reflect: true }) dragging = false;
  /** Text sent as `msg` with the first file (rooms flow). */
  @property({ attribute: false }) message = '';
  /** Passed through to the rooms confirm step; `customFields` is sent as a JSON string. */
  @property({ attribute: false }) confirmFields: ConfirmFields = {};
  /** Every visible text and announcement; missing entries fall back to English. */
  @property({ attribute: false }) strings: Partial<Strings> = {};
  /** Extra headers on every request. */
  @property({ attribute: false }) headers: Record<string, string> = {};

  @state() private notices: Rejection[] = [];
  @state() private announcement = '';
  /** a draft found on load, offered back until the person restores or discards it */
  @state() private draft?: Draft;
  /** files are dragged over the drop-target: where to show the overlay */
  @state() overlay?: DOMRect | 'page';
  #draftKey = '';
  #saveTimer?: ReturnType<typeof setTimeout>;

  /** The limits the server enforces, once read (`transport.limits`). */
  #serverLimits: Partial<Restrictions> = {};
  #limitsKey = '';
  #limitsRead: Promise<void> = Promise.resolve();
  #ticker?: ReturnType<typeof setInterval>;
  /** how many rows are rendered; grows by `rowsPerFrame` each frame up to the list's length */
  #rows = rowsPerFrame;
  #growing = false;

  readonly #previews = new PreviewController(this);
  readonly #drop = new DropController(this, (files) => {
    this.addFiles(files);
    if (this.anchor && !this.open) this.show();
  });
  readonly #queue = new UploadQueue(this.#host());
  readonly #popover = new PopoverController(this);

  /** The queue, in the order messages will be posted. */
  get items(): readonly UploadItem[] {
    return this.#queue.items;
  }

  /** Checks and stages files; those that fail fire `file-reject` and are shown with the reason. */
  addFiles(files: Iterable<File> | FileList): { accepted: UploadItem[]; rejected: Rejection[] } {
    if (this.disabled) return { accepted: [], rejected: [] };
    const result = this.#queue.add(Array.from(files));
    this.#notify(result.rejected);
    if (result.accepted.length) this.#announce(this.#strings.announce.added(result.accepted.length));
    else if (result.rejected.length) this.#announce(result.rejected[0].message);
    return result;
  }

  /** Uploads (and confirms) everything staged; resolves when all of it has settled. */
  async send(): Promise<UploadItem[]> {
    if (this.disabled) return [];
    // The server's limits, when they are being read, apply before any byte leaves.
    await this.#limitsRead;
    this.#recheck();
    return this.#queue.send(this.#features.message ? this.message : '');
  }

  /** Tries a failed or canceled item again (all of them when no id). */
  retry(id?: string): Promise<UploadItem[]> {
    return this.#queue.retry(id);
  }

  /** Stops an item in flight (all of them when no id); it can be retried or removed. */
  cancel(id?: string): void {
    this.#queue.cancel(id);
  }

  /**
   * Takes an item out of the list, aborting its request. Without an id it keeps the DOM's
   * meaning — the element leaves the page — since frameworks call `remove()` to detach.
   */
  override remove(id?: string): void {
    if (id === undefined) super.remove();
    else this.#queue.remove(id);
  }

  /** Empties the list, aborting every request. */
  clear(): void {
    this.#queue.clear();
    this.notices = [];
  }

  /** Shows the panel (with `anchor`). */
  show(): void {
    this.open = true;
  }

  /** Hides the panel; focus goes back to the anchor when it was inside. */
  hide(): void {
    this.#popover.willClose();
    this.open = false;
  }

  /** Shows or hides the panel. */
  toggle(): void {
    if (this.open) this.hide();
    else this.show();
  }

  /** Moves focus to the first control (the panel just opened). */
  focusFirst(): void {
    this.renderRoot.querySelector<HTMLElement>('[part~="browse-button"]')?.focus();
  }

  /** Opens the file picker. */
  browse(): void {
    if (!this.disabled) this.renderRoot.querySelector<HTMLInputElement>('input[type=file]')?.click();
  }

  get #strings(): Strings {
    const custom = this.strings;
    return { ...en, ...custom, status: { ...en.status, ...custom.status }, reject: { ...en.reject, ...custom.reject }, errors: { ...en.errors, ...custom.errors }, announce: { ...en.announce, ...custom.announce } };
  }

  get #transport(): Transport {
    return transports[this.flow] ?? transports.rooms;
  }

  get #features() {
    return this.#transport.features;
  }

  get #context(): Omit<FlowContext, 'signal'> {
    return {
      serverUrl: this.serverUrl,
      roomId: this.roomId,
      threadId: this.#features.thread ? this.threadId || undefined : undefined,
      userId: this.userId,
      authToken: this.authToken,
      visitorToken: this.visitorToken,
      uploadUrl: this.uploadUrl,
      headers: { ...this.headers },
    };
  }

  get #restrictions(): Restrictions {
    const server = this.#serverLimits;
    return {
      ...server,
      accept: this.accept || undefined,
      // single: the server's 24 MiB (S5), known without asking.
      maxFileSize: this.maxFileSize ?? server.maxFileSize ?? (this.flow === 'single' ? singleMaxFileSize : undefined),
      maxFiles: this.maxFiles,
    };
  }

  /** What the queue reads from the element, afresh at each use. */
  #host(): QueueHost {
    return {
      transport: () => this.#transport,
      context: () => this.#context,
      confirmFields: () => this.confirmFields,
      restrictions: () => this.#restrictions,
      concurrency: () => this.concurrency,
      autoUpload: () => this.autoUpload,
      stallTimeout: () => this.stallTimeout,
      retries: () => this.retries,
      retryDelay: () => this.retryDelay,
      strings: () => this.#strings,
      changed: () => {
        this.requestUpdate();
        this.#saveDraft();
      },
      emit: (name, detail, cancelable) => this.#emit(name, detail, cancelable),
      messagePosted: () => (this.message = ''),
    };
  }

  #emit<K extends keyof UploadEvents>(name: K, detail: UploadEvents[K], cancelable = false): boolean {
    const strings = this.#strings;
    if (name === 'upload-success') this.#announce(strings.announce.done((detail as UploadEvents['upload-success']).item.name));
    if (name === 'upload-error') {
      const { item, error } = detail as UploadEvents['upload-error'];
      this.#announce(strings.announce.failed(item.name, error.message));
    }
    return this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable }));
  }

  #announce(text: string): void {
    // The same words twice in a row must still be read out: clear, then set.
    this.announcement = '';
    queueMicrotask(() => (this.announcement = text));
  }

  /** Reads the server's limits once per server and flow, when the attributes leave them open. */
  #readLimits(): void {
    const transport = this.#transport;
    const key = `${this.flow}|${this.serverUrl}`;
    if (key === this.#limitsKey || !transport.limits || (this.maxFileSize !== undefined && this.accept)) return;
    this.#limitsKey = key;
    this.#serverLimits = {};
    this.#limitsRead = transport.limits({ ...this.#context }).then((limits) => {
      if (this.#limitsKey !== key) return;
      this.#serverLimits = limits;
      this.#recheck();
    });
  }

  /** Files staged before the server's limits were known are checked against them now. */
  #recheck(): void {
    const rejected = this.#queue.recheck();
    this.#notify(rejected);
    if (rejected.length) this.#announce(rejected[0].message);
  }

  /** Shows why files were not added; many at once are summed up in one line. */
  #notify(rejected: Rejection[]): void {
    if (!rejected.length) return;
    // Many at once: the first reason, and how many in all.
    const shown = rejected.length > maxNotices ? [rejected[0], { ...rejected[0], message: this.#strings.reject.many(rejected.length) }] : rejected;
    this.notices = [...this.notices, ...shown].slice(-maxNotices);
  }

  /** Reads the draft of this server, flow and room (`persist`) and offers it back. */
  #loadDraft(): void {
    const key = draftKey(this.serverUrl, this.flow, this.roomId);
    if (!this.persist || key === this.#draftKey) return;
    this.#draftKey = key;
    this.draft = undefined;
    void loadDraft(key).then((draft) => {
      if (key === this.#draftKey && draft && (draft.files.length || draft.message)) this.draft = draft;
    });
  }

  /** Saves what is staged, shortly after the last change. */
  #saveDraft(): void {
    if (!this.persist || this.draft || !this.#draftKey) return;
    clearTimeout(this.#saveTimer);
    const key = this.#draftKey;
    this.#saveTimer = setTimeout(() => {
      const files = this.items.filter((item) => item.status !== 'done').map((item) => ({ file: item.file, description: item.description }));
      void saveDraft(key, { files, message: this.message, savedAt: Date.now() });
    }, 300);
  }

  #restore(draft: Draft): void {
    this.draft = undefined;
    const { accepted } = this.addFiles(draft.files.map((entry) => entry.file));
    for (const item of accepted) {
      const entry = draft.files.find((saved) => saved.file === item.file);
      if (entry?.description) this.#queue.describe(item.id, entry.description);
    }
    if (draft.message && !this.message) this.message = draft.message;
    this.#saveDraft();
  }

  #discard(): void {
    this.draft = undefined;
    void clearDraft(this.#draftKey);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#readLimits();
    this.#loadDraft();
    this.#ticker = setInterval(() => {
      if (this.items.some((item) => item.retryAt !== undefined)) this.requestUpdate();
    }, 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#ticker);
    this.#queue.dispose();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('flow') || changed.has('serverUrl') || changed.has('maxFileSize') || changed.has('accept')) {
      if (this.isConnected) this.#readLimits();
    }
    if (changed.has('persist') || changed.has('serverUrl') || changed.has('flow') || changed.has('roomId')) {
      if (this.isConnected) this.#loadDraft();
    }
    if (changed.has('message')) this.#saveDraft();
    // New credentials after a 401 resume the queue.
    if (changed.has('authToken') || changed.has('userId') || changed.has('visitorToken') || changed.has('headers')) this.#queue.resume();
  }

  protected override updated(): void {
    this.#previews.keep(this.items);
    if (this.#rows < this.items.length && !this.#growing) {
      this.#growing = true;
      requestAnimationFrame(() => {
        this.#growing = false;
        this.#rows += rowsPerFrame;
        this.requestUpdate();
      });
    }
  }

  #onPick(event: Event): void {
    const input = event.target as HTMLInputElement;
    if (input.files) this.addFiles(input.files);
    input.value = ''; // picking the same file again fires change again
  }

  #dismiss(rejection: Rejection): void {
    this.notices = this.notices.filter((notice) => notice !== rejection);
  }

  /** Moving rows by drag: the row's ID travels under a private type, never as files. */
  #rowDrag = (event: DragEvent): void => {
    const row = (event.target as Element).closest?.('li[data-id]') as HTMLElement | null;
    const data = event.dataTransfer;
    if (!row || !data) return;
    if (event.type === 'dragstart') {
      data.setData('application/x-chat-file-upload', row.dataset.id ?? '');
      data.effectAllowed = 'move';
    } else if (data.types.includes('application/x-chat-file-upload')) {
      event.preventDefault();
      if (event.type === 'drop') {
        const index = this.items.findIndex((item) => item.id === row.dataset.id);
        this.#queue.move(data.getData('application/x-chat-file-upload'), index);
      }
    }
  };

  protected override render() {
    const strings = this.#strings;
    const items = this.items;
    const features = this.#features;
    const offline = this.#queue.offline;
    const paused = this.#queue.paused;
    const sendable = items.some((item) => item.status === 'queued' || item.status === 'uploaded');
    const failed = items.filter((item) => item.status === 'error' && item.retryAt === undefined && item.error?.step !== 'validate').length;
    const drag = this.#drop.handle;
    const content = html`
      <div part="dropzone" class="dropzone" @dragenter=${drag} @dragover=${drag} @dragleave=${drag} @drop=${drag}>
        <span class="hint">${this.dragging ? strings.dropActive : strings.dropHint}</span>
        <button type="button" part="browse-button" class="browse" ?disabled=${this.disabled} @click=${this.browse}>${strings.browse}</button>
        <input type="file" multiple hidden accept=${this.accept || nothing} @change=${this.#onPick} />
      </div>
      ${this.draft
        ? html`<div class="draft" role="group" aria-label=${strings.draftFound(this.draft.files.length)}>
            <span>${strings.draftFound(this.draft.files.length)}</span>
            <button type="button" @click=${() => this.#restore(this.draft!)}>${strings.restore}</button>
            <button type="button" class="secondary" @click=${() => this.#discard()}>${strings.discard}</button>
          </div>`
        : nothing}
      ${this.notices.length
        ? html`<ul class="notices">${this.notices.map(
            (notice) => html`<li>${displayName(notice.message)}<button type="button" class="icon" aria-label=${strings.dismiss} title=${strings.dismiss} @click=${() => this.#dismiss(notice)}>✕</button></li>`,
          )}</ul>`
        : nothing}
      ${items.length
        ? html`<ol part="list" class="list" aria-label=${`${strings.list}: ${strings.fileCount(items.length)}`}
            @dragstart=${this.#rowDrag} @dragover=${this.#rowDrag} @drop=${this.#rowDrag}>
            ${repeat(items.slice(0, this.#rows), (item) => item.id, (item, index) => renderItem(item, {
              strings, offline, paused, index, count: items.length, disabled: this.disabled,
              describable: features.description,
              preview: this.#previews.url(item),
              onDescribe: (it, text) => this.#queue.describe(it.id, text),
              onRetry: (it) => void this.retry(it.id),
              onCancel: (it) => this.cancel(it.id),
              onRemove: (it) => this.remove(it.id),
              onMove: (it, to) => this.#queue.move(it.id, to),
            }))}
          </ol>`
        : nothing}
      ${items.length
        ? html`<div class="composer">
            ${features.message
              ? html`<textarea part="message" class="message" rows="1" aria-label=${strings.message} placeholder=${strings.messagePlaceholder}
                  maxlength="5000" .value=${this.message} ?disabled=${this.disabled}
                  @input=${(event: Event) => (this.message = (event.target as HTMLTextAreaElement).value)}></textarea>`
              : nothing}
            ${failed > 1 ? html`<button type="button" class="secondary" @click=${() => void this.retry()}>${strings.retryAll}</button>` : nothing}
            <button type="button" part="send-button" class="send" ?disabled=${this.disabled || !sendable} @click=${() => void this.send()}>${strings.send}</button>
          </div>`
        : nothing}
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
    `;
    const overlay = this.overlay;
    return html`${this.anchor
        ? html`<div part="panel" class="panel" role="dialog" aria-label=${strings.browse}>${content}</div>`
        : content}${overlay
        ? html`<div class="overlay" aria-hidden="true"
            style=${overlay === 'page' ? 'inset:0' : `left:${overlay.left}px;top:${overlay.top}px;width:${overlay.width}px;height:${overlay.height}px`}>${strings.dropActive}</div>`
        : nothing}`;
  }
}
