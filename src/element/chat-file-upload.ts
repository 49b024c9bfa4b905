/**
 * `<chat-file-upload>`: attaches files to a chat room. A thin Lit element over the
 * framework-free core (`src/core`): attributes in, the queue's items out, events re-dispatched.
 */
import { adoptStyles, html, LitElement, nothing, type CSSResultOrNative, type PropertyValues } from 'lit';
import { flowFeatures, singleMaxFileSize } from '../core/flows.js';
import { loadEngine, UploadQueue, whenOnline, type Engine, type QueueHost } from '../core/queue.js';
import type { Binding, ConfirmFields, Credentials, Flow, Rejection, Restrictions, Transport, UploadEvents, UploadItem } from '../core/types.js';
import { enView, formatSize, joinWords, type Strings } from '../i18n/en.js';
import type { PartialStrings } from '../types-public.js';
import { styles } from './chat-file-upload.styles.js';
import { DropController } from './drop.js';
import { byId } from './by-id.js';
import { displayName } from './display-name.js';
import { rejectWords } from './words.js';
import type { Rows } from './list.js';
import type { Drafts } from './drafts.js';
import type { DropTarget } from './drop-target.js';
import type { Recorder } from './recorder.js';
import type { PopoverController } from './popover.js';
import type { Placement } from '@floating-ui/dom';

/** At most this many rejection notices are kept on screen (1,000 files dropped on `max-files`). */
const maxNotices = 3;
/**
 * While bytes go up, the rows repaint at most this often (ms): ten steps a second read as motion,
 * and the page's threads stay free for the upload itself.
 */
const progressInterval = 100;

/**
 * Runs `fn` once the page is idle after the next paint (within a second of it at most): work
 * started here never delays what is about to be painted. A hidden page paints nothing and waits.
 */
const whenIdle = (fn: () => void): void => {
  requestAnimationFrame(() => ('requestIdleCallback' in globalThis ? requestIdleCallback(fn, { timeout: 1000 }) : setTimeout(fn, 1)));
};

/** A part that loads after the first paint, once it is here (not while its code is on its way). */
const loaded = <T>(part: T | Promise<unknown> | undefined): T | undefined => (part instanceof Promise ? undefined : part);

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
 * @csspart list - the tray of files (cards in a wrapping grid, one row scrolling sideways when narrow)
 * @csspart item - one file's card (also `failed` when it was not sent)
 * @csspart failed - a card whose file was not sent (red border and icon)
 * @csspart preview - the thumbnail or type icon
 * @csspart name - the file name
 * @csspart size - the file size
 * @csspart description - the description field, in a card's details ("Alt text" for images in rooms)
 * @csspart progress - a card's progress ring (role progressbar)
 * @csspart total - the total bar while sending (files and bytes sent)
 * @csspart edit-button - opens a card's details
 * @csspart editor - a card's details: name, description, error, Retry
 * @csspart file-name - the name field in a card's details (the name the file is posted under)
 * @csspart duration - a video card's length
 * @csspart status - the status text
 * @csspart error - the error in plain words
 * @csspart note - what preparing a photo did (reduced to fit the server's limit, or sent as picked)
 * @csspart quality - the photo quality choice beside Send (standard, high, original)
 * @csspart retry-button - tries a failed item again
 * @csspart cancel-button - stops an item in flight
 * @csspart remove-button - takes an item out of the list
 * @csspart message - the message text field
 * @csspart send-button - sends everything staged
 * @csspart panel - the floating panel (only with `anchor`)
 * @csspart close-button - closes the floating panel, and a card's details
 * @csspart record-button - starts a voice message (with `record="audio"`)
 * @csspart recording - the running recording's timer
 * @csspart stop-button - ends the recording and adds it as a file
 * @csspart discard-button - drops the recording
 * @csspart replay - plays a voice message back on its card
 * @cssproperty --chat-file-upload-accent - buttons, focus ring and progress (default #0b5cca)
 * @cssproperty --chat-file-upload-background - the element's background (default transparent)
 * @cssproperty --chat-file-upload-surface - rows and fields (light #fff, dark #1f2329)
 * @cssproperty --chat-file-upload-text - text colour (light #1f2329, dark #e4e7ea)
 * @cssproperty --chat-file-upload-muted - secondary text (light #5f666d, dark #9ea2a8)
 * @cssproperty --chat-file-upload-border - lines (light #cbced1, dark #404754)
 * @cssproperty --chat-file-upload-error - error text (light #c41e2e, dark #f57685)
 * @cssproperty --chat-file-upload-success - done state (light #0f7a55, dark #3fb68b)
 * @cssproperty --chat-file-upload-radius - corner radius (default 8px)
 * @cssproperty --chat-file-upload-gap - spacing unit (default 8px)
 * @cssproperty --chat-file-upload-font - font shorthand (default inherit)
 * @cssproperty --chat-file-upload-thumb-size - the height of a card's preview (thumbnail, poster, type badge); the card grows with it (default 64px)
 * @cssproperty --chat-file-upload-z-index - the floating panel and the drop overlay (default 1000)
 */
export class ChatFileUpload extends LitElement {
  static override styles = styles;

  // Every public property has an accessor on the prototype, settings read only when sending
  // included: frameworks set a property only when they find it there (React 19 and Vue:
  // `name in element`; Svelte 5: a setter), and otherwise set a lower-case attribute the element
  // never reads. `state` entries are internal, never attributes.
  static override properties = {
    flow: {},
    serverUrl: { attribute: 'server-url' },
    roomId: { attribute: 'room-id' },
    threadId: { attribute: 'thread-id' },
    userId: { attribute: 'user-id' },
    authToken: { attribute: 'auth-token' },
    visitorToken: { attribute: 'visitor-token' },
    uploadUrl: { attribute: 'upload-url' },
    accept: {},
    maxFileSize: { attribute: 'max-file-size', type: Number },
    maxFiles: { attribute: 'max-files', type: Number },
    autoUpload: { attribute: 'auto-upload', type: Boolean },
    concurrency: { type: Number },
    postOrder: { attribute: 'post-order' },
    disabled: { type: Boolean, reflect: true },
    stallTimeout: { attribute: 'stall-timeout', type: Number },
    retries: { type: Number },
    retryDelay: { attribute: 'retry-delay', type: Number },
    persist: { type: Boolean },
    keepSent: { attribute: 'keep-sent', type: Boolean },
    imageQuality: { attribute: 'image-quality' },
    record: {},
    capture: {},
    keepMetadata: { attribute: 'keep-metadata', type: Boolean },
    anchor: {},
    placement: {},
    open: { type: Boolean, reflect: true },
    dropTarget: { attribute: 'drop-target' },
    pasteTarget: { attribute: 'paste-target' },
    keepOpen: { attribute: 'keep-open', type: Boolean },
    theme: { reflect: true },
    dragging: { type: Boolean, reflect: true },
    message: { attribute: false },
    confirmFields: { attribute: false },
    strings: { attribute: false },
    headers: { attribute: false },
    notices: { state: true },
    announcement: { state: true },
    overlay: { state: true },
  };

  /** Which server flow runs: `rooms`, `livechat` or `single`. */
  flow: Flow = 'rooms';
  /** Base URL of the chat server; empty = same origin. */
  serverUrl = '';
  /** The room (rid). */
  roomId = '';
  /** rooms: the thread to post into (`tmid`). */
  threadId?: string;
  /** rooms: `X-User-Id`. */
  userId?: string;
  /** rooms: `X-Auth-Token`; single: `Authorization`. */
  authToken?: string;
  /** livechat: `x-visitor-token`. */
  visitorToken?: string;
  /** single: the path of the upload endpoint. */
  uploadUrl = '/api/upload_file';
  /** Like `<input accept>`: MIME types, wildcards, extensions. */
  accept = '';
  /** Bytes; larger files are refused before sending. Default: the server's setting (single: 24 MiB). */
  maxFileSize?: number;
  /** How many files the list may hold. */
  maxFiles?: number;
  /** Start sending as soon as a file is added (rooms: the confirm waits for Send). */
  autoUpload = false;
  /** Uploads in flight at once. */
  concurrency = 3;
  /** livechat, single: `list` posts one file at a time in list order; `any` sends `concurrency` at once, posted as they finish. */
  postOrder: 'list' | 'any' = 'list';
  /** No adding, no sending. */
  disabled = false;
  /** ms without upload progress before a request is given up as a timeout. */
  stallTimeout = 30_000;
  /** Automatic retries of network errors, timeouts and 5xx answers (never of 4xx). */
  retries = 3;
  /** Base delay of the retry backoff in ms (doubles each try, with jitter). */
  retryDelay = 1000;
  /** Sent cards stay in the tray (a log); by default they leave it once everything sent has settled. */
  keepSent = false;
  /** Keep staged files, their descriptions and the message across a page reload, and offer them back. */
  persist = false;
  /** Photos (JPEG, WebP) go as `standard` (longest side 2048 px, JPEG at 0.75), `high` (4096 px, JPEG at 0.8; a WebP stays WebP) or `original` (as picked); the person may choose beside Send. */
  imageQuality: 'original' | 'high' | 'standard' = 'standard';
  /** `audio`: a button records a voice message and adds it as a file (the recorder loads on first use). */
  record?: 'audio';
  /** Passed to the file input's `capture` (`user`, `environment`): phones open the camera. */
  capture?: string;
  /** Send photos with their EXIF/XMP metadata (GPS included); by default it is stripped. */
  keepMetadata = false;
  /** Render as a floating panel next to the element with this id (e.g. a composer's attach button). */
  anchor?: string;
  /** Where the panel sits relative to `anchor` (a floating-ui placement). */
  placement: Placement = 'top-start';
  /** The panel is shown (with `anchor`). */
  open = false;
  /** Also take drops on this larger area: an element id, or `document` for the whole page. */
  dropTarget?: string;
  /** Also take files pasted into this element (e.g. the page's own message box): an element id, or `document`. */
  pasteTarget?: string;
  /** The panel (with `anchor`) stays open after a successful send. */
  keepOpen = false;
  /** `auto` (the default) follows the OS; `light` or `dark` holds whatever the OS prefers. */
  theme?: 'auto' | 'light' | 'dark';
  /** Files are being dragged over the drop zone. */
  dragging = false;
  /** Text sent as `msg` with the first file (rooms flow). */
  message = '';
  /** Passed through to the rooms confirm step; `customFields` is sent as a JSON string. */
  confirmFields: ConfirmFields = {};
  /** Every visible text and announcement; missing entries (and groups' entries) fall back to English. */
  strings: PartialStrings = {};
  /** Extra headers on every request. */
  headers: Record<string, string> = {};

  private notices: Rejection[] = [];
  private announcement = '';
  /** files are dragged over the drop-target: where to show the overlay */
  overlay?: DOMRect | 'page';
  /** drafts (`persist`), loaded where the attribute is set */
  #drafts?: Drafts | Promise<void>;

  /** staged files of the rooms switched away from, by server, flow and room: their drafts */
  #aside = new Map<string, { files: { file: File; description: string }[]; message: string }>();
  /** a repaint for progress is due */
  #progressTimer?: ReturnType<typeof setTimeout>;

  /** styles of the parts loaded after the first paint */
  #sheets: CSSResultOrNative[] = [];
  /** the list and composer, loaded right after the first paint */
  #list?: Rows | Promise<void>;
  /** Files dropped or pasted: added, and the panel (with `anchor`) opens to show them. */
  readonly #dropped = (files: File[]): void => {
    this.addFiles(files);
    if (this.anchor && !this.open) this.show();
  };
  readonly #drop = new DropController(this, this.#dropped);
  /** the larger drop area (`drop-target`) and the paste area (`paste-target`), loaded where either attribute is set */
  #dropTarget?: DropTarget | Promise<void>;
  readonly #queue = new UploadQueue(this.#host());
  /** the voice recorder (`record="audio"`), loaded on the first press of its button */
  #recorder?: Recorder | Promise<void>;
  /** the floating panel's controller, loaded when `anchor` is first set */
  #popover?: PopoverController | Promise<unknown>;

  /** The queue, in the order messages will be posted. */
  get items(): readonly UploadItem[] {
    return this.#queue.items;
  }

  /** Checks and stages files; those that fail fire `file-reject` and are shown with the reason. */
  addFiles(files: Iterable<File> | FileList): { accepted: UploadItem[]; rejected: Rejection[] } {
    if (this.disabled) return { accepted: [], rejected: [] };
    const result = this.#queue.add(Array.from(files));
    loaded(this.#list)?.added(result.accepted.length);
    if (result.accepted.length) this.#preloadList();
    const tell = () => {
      const refused = this.#notify(result.rejected);
      if (result.accepted.length) this.#announce(`${this.#strings.announce.added(result.accepted.length)} ${refused}`.trim());
      else if (refused) this.#announce(refused);
    };
    // Many refused at once are named by the list's code: said once it is here (offline: without names).
    const list = result.rejected.length > maxNotices && navigator.onLine !== false && this.#loadList();
    if (list) void list.then(tell, tell);
    else tell();
    return result;
  }

  /** Uploads (and confirms) everything staged; resolves when all of it has settled. */
  async send(): Promise<UploadItem[]> {
    if (this.disabled) return [];
    // The text, files and place of this Send: what is typed, added or chosen from now on is for a later one.
    const text = this.#features.message ? this.message : '';
    const pressed = { binding: this.#binding, items: new Set(this.items) };
    await this.#loadList();
    // The list (here now) holds Send a moment for the server's limits and checks the text's length.
    const why = await loaded(this.#list)!.check(text, () => {
      this.#recheck();
      return [this.#restrictions.maxTextLength, this.#strings];
    });
    if (why) {
      this.#announce(why);
      return [];
    }
    return this.#settled(this.#queue.send(text, pressed));
  }

  /** What a send or retry settled, once the element shows it. */
  #settled = (sending: Promise<UploadItem[]>) => sending.then((items) => (loaded(this.#list)?.hurry(), items));

  /** Tries a failed or canceled item again (all of them when no id). */
  retry(id?: string): Promise<UploadItem[]> {
    return this.#settled(this.#queue.retry(id));
  }

  /**
   * Gives a file the name it is posted under (cleaned; its extension kept). Renamed after its
   * bytes are up, a rooms file is confirmed with `fileName`. False when the name is empty or the
   * file is being sent or posted.
   */
  rename(id: string, name: string): boolean {
    return this.#queue.rename(id, name);
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
    loaded(this.#popover)?.willClose();
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

  /** the words last joined, and what they were joined from */
  #joined: [Strings?, ...unknown[]] = [];

  /** The words of now: the same object until a part of them changes (a card renders again only when what it shows changed). */
  get #strings(): Strings {
    // The words of the list, of drafts and of the recorder arrive with them: nothing shows them before.
    const parts = [loaded(this.#drafts)?.english, loaded(this.#list)?.english, loaded(this.#recorder)?.english, this.strings];
    const joined = this.#joined;
    if (parts.some((part, at) => part !== joined[at + 1])) this.#joined = [joinWords(enView, ...parts.map((part) => part ?? {})), ...parts];
    return this.#joined[0]!;
  }

  /** The flow's transport; the queue asks for it only once the sending half has loaded. */
  #transport(engine: Engine): Transport {
    return engine.transports[this.flow] ?? engine.transports.rooms;
  }

  get #features() {
    return flowFeatures[this.flow] ?? flowFeatures.rooms;
  }

  /** Where a send goes now (fixed on each item when it is sent). */
  get #binding(): Binding {
    return {
      flow: flowFeatures[this.flow] ? this.flow : 'rooms',
      serverUrl: this.serverUrl,
      roomId: this.roomId,
      threadId: this.#features.thread ? this.threadId || undefined : undefined,
      uploadUrl: this.uploadUrl || '/api/upload_file',
      confirmFields: this.confirmFields,
    };
  }

  /** The credentials and extra headers, for the server set now only. */
  #credentials(serverUrl: string): Credentials {
    if (serverUrl !== this.serverUrl) return { headers: {} };
    return { userId: this.userId, authToken: this.authToken, visitorToken: this.visitorToken, headers: { ...this.headers } };
  }

  get #restrictions(): Restrictions {
    const server = loaded(this.#list)?.limits.value ?? {};
    // A direct message's rid is its two members' user IDs joined (Rocket.Chat).
    const direct = Boolean(this.userId) && this.roomId.length === 2 * this.userId!.length && this.roomId.includes(this.userId!);
    return {
      ...server,
      uploadsDisabled: server.uploadsDisabled || (server.directDisabled && direct) || undefined,
      accept: this.accept || undefined,
      // single: the server's 24 MiB (S5), known without asking.
      maxFileSize: this.maxFileSize ?? server.maxFileSize ?? (this.flow === 'single' ? singleMaxFileSize : undefined),
      maxFiles: this.maxFiles,
      fits: typeof OffscreenCanvas < 'u',
    };
  }

  /** What the queue reads from the element, afresh at each use. */
  #host(): QueueHost {
    return {
      binding: () => this.#binding,
      credentials: (serverUrl) => this.#credentials(serverUrl),
      restrictions: () => this.#restrictions,
      concurrency: () => this.concurrency,
      ordered: () => this.postOrder !== 'any',
      autoUpload: () => this.autoUpload,
      stallTimeout: () => this.stallTimeout,
      retries: () => this.retries,
      retryDelay: () => this.retryDelay,
      // The list is there before anything is sent (`ready`); it loads the error words on the
      // first failure, before it is worded (`failing`).
      words: (error, sentTo) => loaded(this.#list)?.words(error, this.#strings, sentTo) ?? error.message,
      failing: () => loaded(this.#list)?.failing(),
      ready: () => this.#loadList(),
      prepare: (item, signal) => loaded(this.#list)?.prepare(item, signal, this.#restrictions),
      rejectMessage: (file, reason, rules) => rejectWords(file, reason, rules, this.#strings),
      rejected: (rejected) => this.#rejected(rejected),
      changed: () => {
        this.requestUpdate();
        this.#saveDraft();
        if (!this.isConnected) this.#letGo();
      },
      progressed: () => {
        this.#progressTimer ??= setTimeout(() => {
          this.#progressTimer = undefined;
          this.requestUpdate();
        }, progressInterval);
      },
      emit: (name, detail, cancelable) => this.#emit(name, detail, cancelable),
      // Only the text that was sent is cleared, and only if it is unchanged: typing goes on.
      messagePosted: (text) => {
        if (this.message === text) this.message = '';
      },
    };
  }

  #emit<K extends keyof UploadEvents>(name: K, detail: UploadEvents[K], cancelable = false): boolean {
    // Files are sent only once the list is here: it words what is announced of them.
    const said = loaded(this.#list)?.said(name, detail, this.#strings);
    if (said) this.#announce(said);
    return this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable }));
  }

  #announce(text: string): void {
    // The same words twice in a row must still be read out: clear, then set.
    this.announcement = '';
    queueMicrotask(() => (this.announcement = text));
  }

  /**
   * Reads the server's limits once per server and flow, when the attributes leave them open. When
   * they set both, there is nothing to read, and a read on its way is stopped. The limits are kept
   * by the list (`limits.ts`), whose code loads once the page is idle after the first paint: the
   * read starts then, and a file added or Send pressed starts it at once.
   */
  #readLimits(): void {
    const key = this.maxFileSize !== undefined && this.accept ? '' : `${this.flow}|${this.serverUrl}`;
    loaded(this.#list)?.limits.read(
      key,
      async (signal) => {
        const engine = await loadEngine();
        const { flow: _flow, confirmFields: _fields, ...where } = this.#binding;
        return this.#transport(engine).limits?.({ ...where, ...this.#credentials(this.serverUrl), signal });
      },
      () => this.#recheck(),
      whenIdle,
    );
  }

  /** Files staged before the server's limits were known are checked against them now. */
  #recheck(): void {
    this.#rejected(this.#queue.recheck());
  }

  #rejected(rejected: Rejection[]): void {
    const refused = this.#notify(rejected);
    if (refused) this.#announce(refused);
  }

  /**
   * Shows why files were not added, and returns it for the live region; many at once are summed
   * up: the first reason, and a line naming the first few files and how many more (the list's).
   */
  #notify(rejected: Rejection[]): string {
    if (!rejected.length) return '';
    const shown = rejected.length > maxNotices
      ? [rejected[0], { ...rejected[0], message: loaded(this.#list)?.refused(rejected, this.#strings) ?? this.#strings.reject.many(rejected.length) }]
      : rejected;
    this.notices = [...this.notices, ...shown].slice(-maxNotices);
    return shown.map((notice) => notice.message).join(' ');
  }

  #saveDraft(): void {
    loaded(this.#drafts)?.save();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The list and the sending half download once the first paint is done and the page is idle,
    // long before anyone presses Send (adding a file or sending loads them at once if not).
    whenIdle(() => {
      this.#preloadList();
      void Promise.resolve(loadEngine()).catch(() => undefined);
      // A locale's first Intl number format takes tens of ms: paid here, not when files arrive.
      whenIdle(() => formatSize(0, this.#strings));
    });
    this.#readLimits();
  }

  /**
   * Leaving the page changes nothing in flight: a move (disconnect, then connect again, as
   * frameworks and widgets do when they re-render) goes on as if nothing happened. An element
   * out of the page is removed for good once nothing the person sent is still on its way: then
   * it lets go of everything (listeners, timers, the limits read). It is checked now and at each
   * change of the queue while the element is out.
   */
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    setTimeout(() => this.#letGo());
  }

  #letGo(): void {
    if (this.isConnected || !this.#queue.idle) return;
    clearTimeout(this.#progressTimer);
    this.#progressTimer = undefined;
    this.#queue.release();
    loaded(this.#list)?.limits.stop();
  }

  /**
   * Staged, unsent files belong to their room, as in a chat app: switching rooms sets them (and
   * the message text) aside as that room's draft — in memory, and stored with `persist` — and
   * brings back the new room's own. What was sent finishes in the room it was sent to.
   */
  #switchRoom(before: string): void {
    const key = (room: string) => `${this.serverUrl}|${this.flow}|${room}`;
    const files = this.#queue.setAside();
    if (files.length || this.message) {
      this.#aside.set(key(before), { files, message: this.message });
      loaded(this.#drafts)?.keep(before, files, this.message);
    }
    this.message = '';
    const back = this.#aside.get(key(this.roomId));
    if (!back) return;
    this.#aside.delete(key(this.roomId));
    const { accepted } = this.#queue.add(back.files.map((entry) => entry.file));
    for (const item of accepted) {
      const entry = back.files.find((saved) => saved.file === item.file);
      if (entry?.description) this.#queue.describe(item.id, entry.description);
    }
    this.message = back.message;
    loaded(this.#drafts)?.adopt();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const before = changed.get('roomId');
    if (before && before !== this.roomId) this.#switchRoom(before);
    if (changed.has('flow') || changed.has('serverUrl') || changed.has('maxFileSize') || changed.has('accept')) {
      if (this.isConnected) this.#readLimits();
    }
    if (this.persist && !this.#drafts) {
      this.#drafts = import('./drafts.js').then(({ Drafts, draftStyles }) => {
        this.#adopt(draftStyles);
        this.#drafts = new Drafts(this, (id, text) => this.#queue.describe(id, text));
      }, () => (this.#drafts = undefined));
    }
    if (changed.has('message')) this.#saveDraft();
    // New credentials after a 401 resume the queue; a new quality prepares the photos again.
    const restage = changed.has('imageQuality') || changed.has('keepMetadata');
    if (restage || changed.has('authToken') || changed.has('userId') || changed.has('visitorToken') || changed.has('headers')) this.#queue.resume(restage);
  }

  /**
   * Resolves once what the element shows is on screen, the parts that load after the first paint
   * (the list, the panel, drafts, the tray's keys, the window of many cards) included when they are on their way.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    // A progress repaint waiting for its slot is made now: whoever waits sees the bytes sent.
    if (this.#progressTimer !== undefined) {
      clearTimeout(this.#progressTimer);
      this.#progressTimer = undefined;
      this.requestUpdate();
    }
    const done = await super.getUpdateComplete();
    const loading = [this.#list, this.#popover, this.#drafts, this.#dropTarget, loaded(this.#list)?.loading].filter((part) => part instanceof Promise);
    // What arrives may render parts that load in turn (the list's code, then its window of many cards).
    return loading.length ? Promise.all(loading).then(() => this.getUpdateComplete()) : done;
  }

  protected override updated(): void {
    if ((this.dropTarget || this.pasteTarget) && !this.#dropTarget) {
      this.#dropTarget = import('./drop-target.js').then(({ DropTarget, overlayStyles }) => {
        this.#adopt(overlayStyles);
        this.#dropTarget = new DropTarget(this, this.#dropped);
      }, () => (this.#dropTarget = undefined));
    }
    // The floating panel's code loads with the first `anchor`; the controller binds at once. A
    // click on the anchor while it is on its way (a slow network) still opens the panel.
    if (this.anchor && !this.#popover) {
      const anchor = byId(this, this.anchor);
      const early = () => this.toggle();
      anchor?.addEventListener('click', early);
      this.#popover = import('./popover.js')
        .then(({ PopoverController, panelStyles }) => {
          this.#adopt(panelStyles);
          this.#popover = new PopoverController(this);
          this.requestUpdate();
        }, () => (this.#popover = undefined))
        .finally(() => anchor?.removeEventListener('click', early));
    }
    if (this.items.length) this.#preloadList();
  }

  /** While a send is on its way, the list spaces the updates (`Rows.pace`). */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const wait = loaded(this.#list)?.pace(this.#queue.idle);
    return wait ? wait.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  /** The record button's first press loads the recorder, which starts at once. */
  #record(): void {
    this.#recorder ??= import('./recorder.js').then(({ Recorder }) => {
      void (this.#recorder = new Recorder(this, (file) => this.addFiles([file]))).start(this.#strings);
    }, () => (this.#recorder = undefined));
  }

  #onPick(event: Event): void {
    const input = event.target as HTMLInputElement;
    if (input.files) this.addFiles(input.files);
    input.value = ''; // picking the same file again fires change again
  }

  #dismiss(rejection: Rejection): void {
    this.notices = this.notices.filter((notice) => notice !== rejection);
  }

  /** Starts loading the list when it is not there (its failure is tried again later). */
  #preloadList(): void {
    void this.#loadList()?.catch(() => undefined);
  }

  /**
   * Loads the list and composer (once), then renders with them. Offline, the download waits for
   * the network; a failed one while online is tried again at the next update.
   */
  #loadList(): Promise<void> | undefined {
    if (this.#list instanceof Promise || !this.#list) {
      this.#list ??= import('./list.js').then(
        ({ Rows, listStyles }) => {
          const list = (this.#list = new Rows(this));
          this.#adopt(listStyles);
          if (this.isConnected) this.#readLimits();
          if (this.items.length) list.limits.now();
          this.requestUpdate();
        },
        async (failure: unknown) => {
          this.#list = undefined;
          if (navigator.onLine !== false) throw failure;
          await whenOnline();
          return this.#loadList();
        },
      );
      return this.#list as Promise<void>;
    }
    return undefined;
  }

  /** Adds the styles of a part loaded after the first paint to the element's own. */
  #adopt(styles: CSSResultOrNative): void {
    this.#sheets.push(styles);
    const root = this.renderRoot;
    if (root instanceof ShadowRoot) adoptStyles(root, [...(this.constructor as typeof ChatFileUpload).elementStyles, ...this.#sheets]);
  }

  protected override render() {
    const strings = this.#strings;
    const items = this.items;
    const features = this.#features;
    const list = loaded(this.#list);
    const content = html`
      <div part="dropzone" class="dropzone">
        <span class="hint">${this.dragging ? strings.dropActive : strings.dropHint}</span>
        <button type="button" part="browse-button" class="browse" ?disabled=${this.disabled} @click=${this.browse}>${strings.browse}</button>
        ${this.record === 'audio'
          ? loaded(this.#recorder)?.render(strings, this.disabled) ?? html`<button type="button" part="record-button" ?disabled=${this.disabled} @click=${this.#record}>${strings.record}</button>`
          : nothing}
        <input type="file" multiple hidden accept=${this.accept || nothing} capture=${this.capture || nothing} @change=${this.#onPick} />
      </div>
      ${loaded(this.#drafts)?.render(strings) ?? nothing}
      ${this.notices.length
        ? html`<ul class="notices">${this.notices.map(
            (notice) => html`<li>${displayName(notice.message)}<button type="button" class="icon" aria-label=${strings.dismiss} title=${strings.dismiss} @click=${() => this.#dismiss(notice)}>✕</button></li>`,
          )}</ul>`
        : nothing}
      ${items.length && !list
        ? // The list's code is on its way (or offline): the files are shown at once all the same.
          html`<ul part="list" class="list">${items.map((item) => html`<li part="item">${displayName(item.name)} · ${this.#queue.offline ? strings.status.offline : strings.status.queued}</li>`)}</ul>`
        : nothing}
      ${items.length && list
        ? list.render({
            strings,
            offline: this.#queue.offline,
            paused: this.#queue.paused,
            heldUntil: (id) => this.#queue.heldUntil(id),
            describable: features.description,
            messageField: features.message,
            describe: (id, text) => this.#queue.describe(id, text),
            move: (id, index) => this.#queue.move(id, index),
          })
        : nothing}
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
    `;
    // The usual case, no panel and no larger drop area (so never an overlay), is the content's
    // template alone. Both attributes are set once, so the structure holds while the overlay comes and goes.
    if (!this.anchor && !this.dropTarget) return content;
    return html`${this.anchor
        ? html`<div part="panel" class="panel" role="dialog" aria-label=${strings.browse}>${loaded(this.#popover)?.renderClose(strings)}${content}</div>`
        : content}${loaded(this.#dropTarget)?.render(strings.dropActive) ?? nothing}`;
  }
}
