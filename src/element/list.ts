/**
 * The tray of files and the composer under it (message, Retry all, Send): loaded right after the
 * first paint, since an empty element shows only its drop zone. Cards are template functions
 * (`item.ts`) of fixed size, each rendered into an `<li>` of its own, kept by the item's ID
 * (`#paint`), and again only when what it shows changed. A few dozen are all rendered and laid out
 * by the styles; of many, the tray renders only the window in or near view (`card-window.ts`, a
 * chunk that loads with them). The
 * tray is one tab stop with roving focus: arrows move between cards, Alt+arrows move a card,
 * Delete removes it, Enter opens its details (`editor.ts`, a chunk of its own).
 */
import { css, html, nothing, type CSSResult, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { allows } from '../core/items.js';
import { isPhoto } from '../core/restrictions.js';
import type { Rejection, Restrictions, UploadEvents, UploadItem } from '../core/types.js';
import { displayName } from './display-name.js';
import { ServerLimits } from '../core/limits.js';
import { formatSize, joinWords, type ListWords, type Strings } from '../i18n/en.js';
import { percent, renderCard, statusText, type CardContext } from './item.js';
import { enList } from '../i18n/en-list.js';
import { errorWords, loadErrorWords, withFailureWords } from './lazy-error-words.js';
import { PreviewController } from './previews.js';
import type { Tray } from './tray-keys.js';
import type { CardWindow } from './card-window.js';

/** The script-tag build loads the sending code with the list, in one chunk (`vite.config.ts`). */
export { engine } from '../core/engine.js';

/** What the list reads from the element and calls back. */
export interface RowsHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: ParentNode;
  readonly items: readonly UploadItem[];
  readonly flow: string;
  disabled: boolean;
  keepSent: boolean;
  message: string;
  imageQuality: 'original' | 'high' | 'standard';
  keepMetadata: boolean;
  send(): unknown;
  retry(id?: string): unknown;
  cancel(id?: string): void;
  remove(id?: string): void;
  rename(id: string, name: string): boolean;
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

/**
 * Up to this many cards shown, all are rendered (two rows of the widest tray and more); beyond, a
 * window of them. Until the window's code is here, the first of them are rendered: those in view.
 */
const few = 48;

/** The item is on its way: the total bar shows, and sent cards stay until everything settles. */
const active = (item: UploadItem) => item.status === 'preparing' || item.status === 'uploading' || item.status === 'confirming' || item.status === 'retrying';

/** Moving cards by drag: the card's ID travels under this private type, never as files. */
const rowType = 'application/x-chat-file-upload';

/**
 * A card's size follows `--chat-file-upload-thumb-size` (its preview; 64px by default: 136 × 184),
 * the same for every card; the gap between cards is 8px. Narrower than 420px, the cards stand in
 * one row that scrolls sideways (a floating panel, a phone). The window of many cards reckons with
 * both (`card-window.ts`). The tray shows two rows at most: their height, the gap between them and
 * 4px for a focused card's outline. Its inline size is contained: its cards never widen the
 * element beyond what its container gives it.
 */
export const listStyles = css`
  .tray {
    --_w: max(136px, calc(var(--_thumb) + 14px)); --_h: calc(120px + var(--_thumb));
    margin-block-start: var(--_gap); overflow: auto; max-block-size: calc(2 * var(--_h) + 12px); overscroll-behavior: contain; container-type: inline-size;
  }
  .narrow { overflow-y: hidden; }
  .list { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; grid-template-columns: repeat(auto-fill, var(--_w)); grid-auto-rows: var(--_h); }
  @container (inline-size < 420px) { .list { display: flex; } }
  .card {
    position: relative; inline-size: var(--_w); block-size: var(--_h); flex: none; display: flex; flex-direction: column; gap: 2px;
    padding: 6px; background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); overflow: hidden; cursor: pointer;
  }
  .card:focus-visible { outline-offset: -2px; }
  [data-status=error] { border: 2px solid var(--_error); }
  .preview {
    position: relative; block-size: var(--_thumb); border-radius: 4px; overflow: hidden;
    display: grid; place-items: center; background: color-mix(in srgb, var(--_muted) 15%, transparent);
  }
  img { inline-size: 100%; block-size: 100%; object-fit: contain; }
  .type { font-size: 0.75em; font-weight: 700; }
  .ring, .alert { position: absolute; inset-block-start: 4px; inset-inline-start: 4px; }
  .ring { inline-size: 28px; rotate: -90deg; fill: none; stroke-width: 4; stroke: var(--_accent); }
  .track { stroke: var(--_surface); fill: var(--_surface); }
  [data-status=done] .value { stroke: var(--_success); }
  .alert { inline-size: 22px; line-height: 22px; border-radius: 50%; text-align: center; background: var(--_error); color: #fff; font-weight: 700; }
  .name { display: flex; font-weight: 600; font-size: 0.875em; white-space: nowrap; }
  .card > * { flex: none; }
  .start, .size, .note { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .size, .status, .note, .error, .card a { font-size: 0.75em; margin: 0; }
  .size, .note { color: var(--_muted); }
  [data-status=error] .status, .error { color: var(--_error); }
  .status, .error { overflow: hidden; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow-wrap: anywhere; }
  .card .preview { flex: 0 1 auto; }
  .retry { margin-block-start: auto; min-block-size: 26px; }
  .actions { position: absolute; inset-block-start: 8px; inset-inline-end: 8px; display: flex; opacity: 0; background: var(--_surface); border-radius: 4px; }
  .card:is(:hover, :focus-within) .actions { opacity: 1; }
  .actions .icon { min-inline-size: 24px; min-block-size: 24px; padding: 0; }
  .icon:dir(rtl) { scale: -1 1; }
  .total { display: grid; gap: 4px; margin-block-start: var(--_gap); font-size: 0.875em; }
  .bar { block-size: 4px; background: color-mix(in srgb, var(--_muted) 25%, transparent); }
  .bar div { block-size: 100%; background: var(--_accent); transform-origin: 0; }
  .bar div:dir(rtl) { transform-origin: 100%; }
  .composer { display: flex; gap: var(--_gap); margin-block-start: var(--_gap); align-items: flex-end; }
  .message { flex: 1; resize: vertical; padding: 4px 8px; border: 1px solid var(--_border); border-radius: 4px; background: none; min-block-size: 32px; }
  .send { margin-inline-start: auto; }
`;

/** The styles of the tray's parts that load later (the players, the details, a failed card's whole error), each added once its code is here. */
const later = new Set<string>();

/**
 * Adds a part's styles to the list's sheet, which every element's tray shares: from then on they
 * apply wherever the part renders. (Where a browser cannot adopt sheets, Lit writes the list's
 * styles as a `<style>`, and a part's own go without.)
 */
function addStyles(styles: CSSResult): void {
  later.add(styles.cssText);
  listStyles.styleSheet?.replaceSync(listStyles.cssText + [...later].join(''));
}

type Editor = typeof import('./editor.js');
type Players = typeof import('./players.js');
type Keys = typeof import('./tray-keys.js');
type Photos = typeof import('./photos.js');

/** A card in the tray: its `<li>`, and what it was last rendered from. */
interface Card {
  li: HTMLElement;
  shows: unknown[];
}

/** The keys that act on a card (`tray-keys.ts`): pressed before their code is here, they act once it is. */
const cardKeys = /^(Arrow(Up|Down|Left|Right)|Home|End|Delete|Backspace|Enter| )$/;

/** The tray and the composer. Its public fields are what the tray's keys (`tray-keys.ts`) read and change. */
export class Rows implements ReactiveController, Tray {
  readonly previews: PreviewController;
  /** The limits the server enforces, once read (`transport.limits`; the element starts the read). */
  readonly limits = new ServerLimits();
  /** the words for errors, which load on the first failure (`failing`) */
  readonly words = errorWords;
  readonly failing = () => loadErrorWords(addStyles);
  /** the English words of the list and the composer, which load with it (photos' with the first, failures' with the first failure) */
  get english() {
    return withFailureWords(this.#english);
  }
  #english: ListWords = enList;
  #view?: RowsView;
  /** Send is waiting (a moment at most) for the server's limits */
  #checking = false;
  /** why the last Send sent nothing (a text longer than the server takes) */
  #textError = '';
  /** repaints the seconds of retry countdowns */
  #ticker?: ReturnType<typeof setInterval>;
  /** the window of many cards, once its code is here (`card-window.ts`) */
  #window?: CardWindow | Promise<void>;
  /** the rendered cards by item ID: each its `<li>` and what it was rendered from */
  #cards = new Map<string, Card>();
  /** the window's cards to paint into the tray, in order, after the render (`#paint`) */
  #slice: [UploadItem, CardContext, unknown[]][] = [];
  /** the cards shown, in order (the items less those sent and cleared) */
  shown: readonly UploadItem[] = [];
  /** sent cards taken out of the tray once everything settled (the items keep them: `items`) */
  #cleared = new Set<string>();
  /** the card that holds the tray's tab stop */
  focus?: string;
  /** the card whose details are open */
  #editing?: string;
  #editor?: Editor | Promise<void>;
  #players?: Players | Promise<void>;
  /** the photos' part (`photos.ts`), once the first photo brought it */
  #photos?: Photos | Promise<void>;
  /** the tray's keys and card moves, loaded with the first focus in the tray */
  #keys?: Keys | Promise<void>;
  /** while a send is on its way, no update before this (ms, `performance.now()`) */
  #nextUpdate = 0;
  /** when the update under way began */
  #began = 0;
  /** many files were just added: their cards render in a task of their own */
  #bulk = false;
  /** ends the wait of an update held back while sending (the send settled: it renders now) */
  #hurry?: () => void;

  constructor(readonly host: RowsHost) {
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
    this.window?.disconnect();
  }
  /**
   * Before a Send's bytes go: the server's limits, when they are being read, apply before any
   * byte leaves — if they come within a moment; else the bytes go, and the limits apply to what
   * has not started when they arrive. `recheck` checks the staged files against them and gives
   * the text limit and the words. Resolves with why nothing may be sent, or ''.
   */
  async check(text: string, recheck: () => [number | undefined, Strings]): Promise<string> {
    const { host, limits } = this;
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

  /** One line naming files not added: the first few, then how many more. */
  refused(rejected: readonly Rejection[], strings: Strings): string {
    const named = rejected.slice(0, 3).map((rejection) => displayName(rejection.file.name));
    return strings.notAdded(named.join(', '), rejected.length - named.length);
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


  /** Files were added: many at once render in a task of their own; the server's limits are read now. */
  added(count: number): void {
    this.#bulk ||= count > 10;
    this.limits.now();
  }

  /**
   * Waits before an update: while a send is on its way, updates come a tenth of a second apart at
   * most (ten a second are what a person reads; the style, layout and paint each one causes are on
   * the same thread as the sending), or later when the last one took more than a tenth of the time
   * since it began: with thousands of cards, rendering never holds the sending back. Never longer
   * than a fifth of a second: what the person reads is at most that late. The cards of many files
   * just added render after the task that added them: neither is long.
   */
  pace(idle: boolean): Promise<void> | undefined {
    const bulk = idle && this.#bulk;
    this.#bulk = false;
    // The cards of many files just added wait for their window's code, which starts to download
    // now if they may need it (the items, sent cards cleared or not, are as many as the cards or
    // more; a fifth of a second at most): rendered once, not without it and again.
    if (bulk) this.#windowFor(this.host.items.length);
    const wait = bulk ? (this.#window instanceof Promise ? 200 : 0) : idle ? -1 : Math.max(0, Math.min(200, this.#nextUpdate - performance.now()));
    return wait < 0 ? undefined : new Promise<void>((resolve) => {
      setTimeout((this.#hurry = resolve), wait);
      if (bulk) void Promise.resolve(this.#window).then(() => resolve());
    });
  }

  /** The send settled: an update held back renders now. */
  hurry(): void {
    this.#hurry?.();
  }

  hostUpdate(): void {
    this.#began = performance.now();
  }

  hostUpdated(): void {
    // A tenth of a second after its start, or nine times its cost after its end.
    this.#nextUpdate = Math.max(this.#began + 100, performance.now() * 10 - this.#began * 9);
    this.previews.keep(this.host.items);
    const tray = this.host.renderRoot.querySelector<HTMLElement>('.tray') ?? undefined;
    if (tray) this.#paint(tray.firstElementChild!);
    this.window?.updated(tray);
    if (tray) this.previews.watch(tray.querySelectorAll('li[data-id]'));
  }

  /**
   * The window's cards, in order, in the tray's list: a card keeps its `<li>` while it is in the
   * window (focus, a playing sound, a decoded picture stay with it), and is rendered again only
   * when what it shows changed. Cards that left the window go first, so those that stay move only
   * when their order changed.
   */
  #paint(list: Element): void {
    const cards = new Map<string, Card>();
    for (const [item, ctx, shows] of this.#slice) {
      const card = this.#cards.get(item.id) ?? { li: document.createElement('li'), shows: [] };
      if (shows.some((value, at) => value !== card.shows[at])) renderCard(card.li, item, ctx);
      card.shows = shows;
      cards.set(item.id, card);
    }
    for (const [id, { li }] of this.#cards) if (!cards.has(id)) li.remove();
    this.#cards = cards;
    let at = list.firstElementChild;
    for (const { li } of cards.values()) {
      if (li === at) at = at.nextElementSibling;
      else list.insertBefore(li, at);
    }
  }

  /** Many cards: a window of them, whose code loads with them (a failed download is tried again). */
  #windowFor(count: number): void {
    const { host } = this;
    if (count > few) {
      this.#window ??= import('./card-window.js').then(({ CardWindow }) => {
        this.#window = new CardWindow(host, () => host.requestUpdate());
        host.requestUpdate();
      }, () => void (this.#window = undefined));
    }
  }

  /** The window of many cards, once its code is here. */
  get window(): CardWindow | undefined {
    return this.#window instanceof Promise ? undefined : this.#window;
  }

  /** The code of the tray's keys, of its window and of the photos' part, while on its way (a key pressed meanwhile acts once it is here). */
  get loading(): Promise<unknown> | undefined {
    const parts = [this.#keys, this.#window, this.#photos].filter((part) => part instanceof Promise);
    return parts.length ? Promise.all(parts) : undefined;
  }

  /** Runs `use` with the tray's keys and moves, at once when their code is here, else once it arrives. */
  #withKeys(use: (keys: Keys, tray: Tray) => void): void {
    const run = () => {
      if (!this.#keys || this.#keys instanceof Promise) return;
      use(this.#keys, this);
    };
    this.#keys ??= import('./tray-keys.js').then((keys) => void (this.#keys = keys), () => void (this.#keys = undefined));
    if (this.#keys instanceof Promise) void this.#keys.then(run);
    else run();
  }

  /** Moves an item to `index` of the items (by keys, buttons or drag). */
  move(id: string, index: number): void {
    this.#view?.move(id, index);
    // Keys pressed while their code was on its way act one after another, each on the order the last one made.
    this.shown = this.#visible();
  }

  /** The cards to show, in order: the items less those sent and cleared. */
  #visible(): readonly UploadItem[] {
    const cleared = this.#cleared;
    return cleared.size ? this.host.items.filter((item) => !cleared.has(item.id)) : this.host.items;
  }

  remove(item: UploadItem): void {
    if (!allows.remove(item)) return;
    const at = this.shown.indexOf(item);
    const focused = this.host.renderRoot instanceof ShadowRoot && this.host.renderRoot.activeElement?.closest?.('.tray, .editor');
    if (this.#editing === item.id) this.#editing = undefined;
    this.host.remove(item.id);
    this.shown = this.shown.filter((other) => other !== item);
    // Focus stays in the tray, on the card that took the removed one's place.
    if (focused && this.shown.length) this.#withKeys((keys, tray) => keys.focusCard(tray, Math.min(at, this.shown.length - 1)));
  }

  /** Opens a card's details; their code loads the first time. */
  open(item: UploadItem): void {
    this.focus = this.#editing = item.id;
    this.#editor ??= import('./editor.js').then((editor) => {
      addStyles(editor.styles);
      this.#editor = editor;
      this.host.requestUpdate();
    }, () => void (this.#editor = undefined));
    this.host.requestUpdate();
    // Once their code is here, the details take focus when rendered (`editor.ts`).
    void Promise.resolve(this.#editor).then(() => (this.#editor as Editor | undefined)?.focusIn(this.host));
  }

  /** Closes the details; focus goes back to their card. */
  #close(): void {
    const id = this.#editing;
    this.#editing = undefined;
    const at = this.shown.findIndex((item) => item.id === id);
    if (at >= 0) this.#withKeys((keys, tray) => keys.focusCard(tray, at));
    else this.host.requestUpdate();
  }

  #itemOf(target: EventTarget | null): UploadItem | undefined {
    const id = (target as Element | null)?.closest?.<HTMLElement>('li[data-id]')?.dataset.id;
    return this.shown.find((item) => item.id === id);
  }

  readonly #clicked = (event: MouseEvent): void => {
    const item = this.#itemOf(event.target);
    if (!item) return;
    const act = (event.target as Element).closest<HTMLElement>('[data-act]')?.dataset.act;
    const { host } = this;
    if ((event.target as Element).closest('a, audio')) return;
    if (act === 'remove') this.remove(item);
    else if (act === 'retry') void host.retry(item.id);
    else if (act === 'cancel') host.cancel(item.id);
    else if (act === 'earlier' || act === 'later') this.#withKeys((keys, tray) => keys.move(tray, item, act === 'earlier' ? -1 : 1));
    else this.open(item);
  };

  readonly #keyed = (event: KeyboardEvent): void => {
    if (this.#keys && !(this.#keys instanceof Promise)) return this.#withKeys((keys, tray) => keys.key(tray, event));
    // Before their code is here, a key that acts on a card does nothing else (no scroll, no click): it acts on arrival.
    const { key, altKey, target } = event;
    if (!cardKeys.test(key) || !(target as Element).matches('li[data-id]')) return;
    event.preventDefault();
    this.#withKeys((keys, tray) => keys.key(tray, { key, altKey, target, preventDefault() {} }));
  };

  readonly #focused = (event: FocusEvent): void => {
    this.#withKeys(() => undefined);
    const item = this.#itemOf(event.target);
    if (item && item.id !== this.focus) {
      this.focus = item.id;
      this.host.requestUpdate();
    }
  };

  readonly #drag = (event: DragEvent): void => {
    const item = this.#itemOf(event.target);
    const data = event.dataTransfer;
    if (!item || !data) return;
    if (event.type === 'dragstart') {
      data.setData(rowType, item.id);
      data.effectAllowed = 'move';
    } else if (data.types.includes(rowType)) {
      event.preventDefault();
      if (event.type === 'drop') this.move(data.getData(rowType), this.host.items.indexOf(item));
    }
  };

  /** Enter sends from the message field; Shift+Enter is a new line (and Enter while composing text is the IME's). */
  readonly #messageKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    if (!this.host.disabled) void this.host.send();
  };

  /**
   * Makes a photo ready to send (issue 15), with the quality chosen for this send, from the file
   * as picked; the code, with the quality choice, loads with the first photo. Undefined: not a photo.
   */
  prepare(item: UploadItem, signal: AbortSignal, rules: Restrictions) {
    if (!isPhoto(item.type)) return undefined;
    const { imageQuality: quality, keepMetadata: keep } = this.host;
    const load = import('./photos.js');
    // The choice shows once the code is here, while the first photo is being prepared.
    this.#photos ??= load.then((photos) => {
      this.#photos = photos;
      this.#english = joinWords(enList, photos.english);
      this.host.requestUpdate();
    }, () => void (this.#photos = undefined));
    return load.then((photos) => photos.prepare(item.file, { quality, keep, limit: rules.maxFileSize }, signal));
  }

  render(view: RowsView) {
    this.#view = view;
    const { host } = this;
    const { strings, offline, paused, describable } = view;
    const checking = this.#checking;
    const items = host.items;
    const disabled = host.disabled;
    let sendable = false;
    let failed = 0;
    let busy = false;
    for (const item of items) {
      // A photo waiting for its code (offline) may be sent: Send prepares it again, and waits for it.
      if (item.status === 'queued' || item.status === 'uploaded' || (item.status === 'preparing' && item.note?.waiting)) sendable = true;
      else if (item.status === 'error' && allows.retry(item)) failed++;
      else if (active(item)) busy = true;
    }
    // Sent cards leave the tray once everything sent has settled, as in a chat app (`keep-sent` keeps them).
    if (!items.length) this.#cleared.clear();
    else if (!busy && !host.keepSent) for (const item of items) if (item.status === 'done') this.#cleared.add(item.id);
    const shown = (this.shown = this.#visible());
    this.#windowFor(shown.length);
    const win = this.window;
    const { start, end, style } = win?.render(shown.length) ?? { start: 0, end: few, style: '' };
    const slice = shown.slice(start, end);
    const focus = slice.some((item) => item.id === this.focus) ? this.focus : slice[0]?.id;
    const player = this.#playerFor(slice);
    // The cards are painted into the list once it is rendered (`#paint`), each from what it shows:
    // its item's state and words, and all of its context.
    this.#slice = slice.map((item) => {
      const ctx: CardContext = {
        strings, offline, paused, checking, heldUntil: view.heldUntil(item.id), disabled, several: shown.length > 1,
        preview: this.previews.url(item), player, focused: item.id === focus,
      };
      return [item, ctx, [statusText(item, ctx), percent(item), item.name, item.error, item.note, item.response, ...Object.values(ctx)]];
    });
    const editing = this.#editing === undefined ? undefined : shown.find((item) => item.id === this.#editing);
    if (this.#editing !== undefined && !editing) this.#editing = undefined;
    const editor = this.#editor instanceof Promise ? undefined : this.#editor;
    const photos = this.#photos instanceof Promise ? undefined : this.#photos;
    return html`<div class=${win?.narrow ? 'tray narrow' : 'tray'} @scroll=${win?.scrolled}>
        <ul part="list" class="list" style=${style} aria-label=${`${strings.list}: ${strings.fileCount(shown.length)}`} aria-description=${strings.trayKeys}
          @click=${this.#clicked} @keydown=${this.#keyed} @focusin=${this.#focused}
          @dragstart=${this.#drag} @dragover=${this.#drag} @drop=${this.#drag}></ul>
      </div>
      ${busy ? this.#total(shown, strings) : nothing}
      ${editing && editor
        ? editor.renderEditor(editing, {
            strings, describable, disabled, alt: host.flow === 'rooms',
            rename: (name) => host.rename(editing.id, name),
            describe: (text) => view.describe(editing.id, text),
            retry: () => void host.retry(editing.id),
            remove: () => this.remove(editing),
            close: () => this.#close(),
          })
        : nothing}
      <div class="composer">
        ${view.messageField
          ? html`<textarea part="message" class="message" rows="1" aria-label=${strings.message} placeholder=${strings.messagePlaceholder}
              maxlength="5000" .value=${host.message} ?disabled=${disabled} @keydown=${this.#messageKey}
              @input=${(event: Event) => (host.message = (event.target as HTMLTextAreaElement).value)}></textarea>`
          : nothing}
        ${failed > 1 ? html`<button type="button" class="secondary" @click=${() => void host.retry()}>${strings.retryAll}</button>` : nothing}
        ${this.#textError ? html`<p part="error" class="error">${this.#textError}</p>` : nothing}
        ${photos && items.some((item) => (item.status === 'queued' || item.status === 'preparing') && isPhoto(item.type)) ? photos.quality(host, strings) : nothing}
        <button type="button" part="send-button" class="send" ?disabled=${disabled || !sendable} @click=${() => void host.send()}>${strings.send}</button>
      </div>`;
  }

  /** The total bar while sending: files sent of those in the tray, and bytes sent of their sizes. */
  #total(shown: readonly UploadItem[], strings: Strings) {
    let done = 0;
    let sent = 0;
    let size = 0;
    for (const item of shown) {
      if (item.status === 'done') done++;
      size += item.size;
      sent += (percent(item) / 100) * item.size;
    }
    const words = strings.total(done, shown.length, formatSize(sent, strings), formatSize(size, strings));
    return html`<div part="total" class="total">
      <span>${words}</span>
      <div class="bar" role="progressbar" aria-label=${words} aria-valuenow=${size ? Math.floor((sent / size) * 100) : 0}>
        <div style="transform:scaleX(${size ? sent / size : 0})"></div>
      </div>
    </div>`;
  }

  /** The players of sound and video: their code loads with the first such card in the window. */
  #playerFor(slice: readonly UploadItem[]): CardContext['player'] {
    if (this.#players instanceof Promise) return undefined;
    if (this.#players) return this.#players.player;
    if (slice.some((item) => /^(audio|video)\//.test(item.type))) {
      this.#players = import('./players.js').then((players) => {
        addStyles(players.styles);
        this.#players = players;
        this.host.requestUpdate();
      }, () => void (this.#players = undefined));
    }
    return undefined;
  }
}
