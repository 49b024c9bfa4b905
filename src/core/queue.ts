/**
 * The upload queue. This half stages files (checks, order, descriptions, removal) and is all a
 * page needs to show the element; the sending half (`engine.ts`: one record per item, slots, the
 * order of posts, retries, the rooms checkpoint, the transports) is loaded on first need. Items
 * change only through `items.ts`; transports only talk to servers, and the element only renders.
 */
import { checkFile, isPhoto } from './restrictions.js';
import { loadTypeTable, typeNow } from './mime.js';
import { isSettled, staged, write } from './items.js';
import type { Runner } from './engine.js';
import type { UploadError } from './upload-error.js';
import type { Binding, Credentials, Flow, Rejection, RejectReason, Restrictions, Transport, UploadEvents, UploadItem } from './types.js';


/** What the queue reads from its host (the element), afresh at every use. */
export interface QueueHost {
  /** where a send goes now: fixed on each item when it is sent */
  binding(): Binding;
  /**
   * The credentials and extra headers for a request to `serverUrl`, read at each request; for a
   * server other than the one set now, none (they are meant for the server set now).
   */
  credentials(serverUrl: string): Credentials;
  restrictions(): Restrictions;
  concurrency(): number;
  /** one-step flows post one file at a time in list order (default); false: `concurrency` at once, in any order */
  ordered?(): boolean;
  /** start uploading bytes as soon as a file is added */
  autoUpload(): boolean;
  stallTimeout(): number;
  /** automatic retries of a transient failure; default 3 */
  retries?(): number;
  /** base delay of the backoff in ms; default 1000 */
  retryDelay?(): number;
  /** the words the person reads for an error of an item sent to `sentTo` (the core keeps only the server's own words) */
  words(error: UploadError, sentTo: Binding): string;
  /** what must be there before a failure is worded (the element: its error words), when not yet */
  failing?(): Promise<void> | undefined;
  /** the words for a file refused by a client-side check */
  rejectMessage(file: File, reason: RejectReason, rules: Restrictions): string;
  /** staged files refused later, once their type was known (each fired `file-reject`): show them */
  rejected?(rejections: Rejection[]): void;
  /** items or their state changed: render */
  changed(): void;
  /** only the bytes sent moved on (at most once per frame per item); default: `changed()` */
  progressed?(): void;
  /** dispatches an event; false when a listener canceled it */
  emit<K extends keyof UploadEvents>(name: K, detail: UploadEvents[K], cancelable?: boolean): boolean;
  /** the message text `text` was posted with a file: the host may clear its field */
  messagePosted?(text: string): void;
  /**
   * An image made ready to send before its upload (issue 15): a promise of the file to send
   * instead, or undefined when there is nothing to do. It rejects only when `signal` aborts.
   */
  prepare?(item: UploadItem, signal: AbortSignal): Promise<{ file?: File; note?: UploadItem['note']; refused?: boolean }> | undefined;
  /** what must be there before anything is sent (the element: its list) */
  ready?(): Promise<void> | undefined;
}

/** What one Send sends, and where: fixed when the person pressed it (a later change is for a later send). */
export interface Pressed {
  binding: Binding;
  /** the items in the list then: files added or brought back since are not part of it */
  items: ReadonlySet<UploadItem>;
}

let counter = 0;
/** The page load's time, in every ID. */
const loadedAt = Date.now().toString(36);
/**
 * A stable ID, unique in the page (the counter) and from one page load to the next (the time it
 * loaded); no `crypto.randomUUID()` (it needs a secure context).
 */
function nextId(): string {
  counter += 1;
  return `cfu-${loadedAt}-${counter.toString(36)}`;
}

/** What makes two files the same file. */
const fileKey = (file: File) => `${file.name}\u0000${file.size}\u0000${file.type}\u0000${file.lastModified}`;

/** Whether the browser says it is online (no `navigator`: assume so). */
export function online(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false;
}

/** Resolves when the browser is back online (at once when it is). */
export function whenOnline(): Promise<void> {
  return new Promise((resolve) => {
    if (online()) return resolve();
    globalThis.addEventListener('online', () => resolve(), { once: true });
  });
}

/** The sending half, once loaded. */
export interface Engine {
  Runner: typeof Runner;
  transports: Record<Flow, Transport>;
}

let loaded: Engine | undefined;
let loading: Promise<Engine> | undefined;

/**
 * The sending half: at once when loaded, else a promise of it (one download, shared). Offline,
 * the download waits for the network and is tried again when it returns; a failed download
 * while online rejects, and the next call tries again.
 */
export function loadEngine(): Engine | Promise<Engine> {
  return (
    loaded ??
    (loading ??= (async () => {
      for (;;) {
        try {
          return (loaded ??= (await import('./engine.js')).engine);
        } catch (failure) {
          if (online()) {
            loading = undefined;
            throw failure;
          }
          await whenOnline();
        }
      }
    })())
  );
}

/** Runs `use` at once when `value` is there, else when it arrives. */
function then<T, R>(value: T | Promise<T>, use: (value: T) => R): R | Promise<Awaited<R>> {
  return value instanceof Promise ? value.then(use) as Promise<Awaited<R>> : use(value);
}

export class UploadQueue {
  #items: UploadItem[] = [];
  /** the sending half, made when first needed */
  #runner?: Runner;
  #listening = false;
  /** Offline and back: what waits shows it, and goes on by itself. */
  readonly #onNetwork = () => {
    this.host.changed();
    this.#runner?.pump();
  };

  constructor(readonly host: QueueHost) {}

  /** The browser is offline: nothing starts; staged items wait and go on when it returns. */
  get offline(): boolean {
    return !online();
  }

  /** A 401 stopped the queue; it goes on when the credentials change (`resume()`) or on retry. */
  get paused(): boolean {
    return this.#runner?.paused ?? false;
  }

  /** Nothing the person sent is still on its way (no request, no retry due). */
  get idle(): boolean {
    return this.#runner?.idle ?? true;
  }

  /** A 429 holds the route this item goes to next: until when (ms since the epoch). */
  heldUntil(id: string): number | undefined {
    return this.#runner?.heldUntil(id);
  }

  /** The queue, in the order messages will be posted. */
  get items(): readonly UploadItem[] {
    return this.#items;
  }

  #engine(): Runner | Promise<Runner> {
    if (this.#runner) return this.#runner;
    const make = (engine: Engine) => (this.#runner ??= new engine.Runner(this));
    const ready = this.host.ready?.();
    return ready ? Promise.all([loadEngine(), ready]).then(([engine]) => make(engine)) : then(loadEngine(), make);
  }

  #listen(on: boolean): void {
    if (on === this.#listening || typeof globalThis.addEventListener !== 'function') return;
    const method = on ? 'addEventListener' : 'removeEventListener';
    globalThis[method]('online', this.#onNetwork);
    globalThis[method]('offline', this.#onNetwork);
    this.#listening = on;
  }

  #reject(file: File, reason: RejectReason, rules: Restrictions): Rejection {
    const rejection: Rejection = { file, reason, message: this.host.rejectMessage(file, reason, rules) };
    this.host.emit('file-reject', rejection);
    return rejection;
  }

  /** Checks each file and stages those that pass; the others fire `file-reject`. */
  add(files: Iterable<File>): { accepted: UploadItem[]; rejected: Rejection[] } {
    const accepted: UploadItem[] = [];
    const rejected: Rejection[] = [];
    const rules = this.host.restrictions();
    const known = new Set(this.#items.filter((item) => item.status !== 'done').map((item) => fileKey(item.file)));
    let typing = false;
    for (const file of files) {
      // The same file (name, size, type, date) already waiting in the list: adding it again is a slip.
      const key = fileKey(file);
      // Checked by the type Rocket.Chat will see (mime.ts); one on its way is checked on arrival.
      const type = typeNow(file);
      typing ||= type === null;
      const reason = known.has(key) ? 'duplicate' : checkFile(file, rules, this.#items.length + accepted.length, type);
      if (reason) {
        rejected.push(this.#reject(file, reason, rules));
        continue;
      }
      known.add(key);
      accepted.push(staged(nextId(), file));
    }
    if (accepted.length) {
      this.#items = [...this.#items, ...accepted];
      this.#listen(true);
      this.host.changed();
      // Photos are prepared as they are added (issue 15); with auto-upload, everything goes up.
      const early = () => {
        const auto = this.host.autoUpload();
        if (auto || accepted.some((item) => isPhoto(item.type))) void then(this.#engine(), (runner) => runner.early(accepted.filter((item) => this.#items.includes(item)), auto));
      };
      if (typing) void loadTypeTable().then(() => this.#typed()).then(early);
      else early();
    }
    return { accepted, rejected };
  }

  /**
   * Checks the staged items again (the server's limits arrived after they were added): those
   * that fail leave the list and fire `file-reject`, before any byte is sent.
   */
  recheck(settled = false): Rejection[] {
    const rules = { ...this.host.restrictions(), maxFiles: undefined };
    const rejected: Rejection[] = [];
    for (const item of this.#items) {
      if (item.status !== 'queued' || this.#runner?.active(item.id)) continue;
      // A type still on its way is checked when it comes (or, once the table failed, as declared).
      const reason = checkFile(item.file, rules, 0, typeNow(item.file) ?? (settled ? item.file.type : null));
      if (!reason) continue;
      this.remove(item.id);
      rejected.push(this.#reject(item.file, reason, rules));
    }
    return rejected;
  }

  /** The types on their way arrived (or the table failed): what they refuse leaves, shown by the host. */
  #typed(): void {
    const rejected = this.recheck(true);
    if (rejected.length) this.host.rejected?.(rejected);
  }

  /** Sets the description a file is posted with. */
  describe(id: string, description: string): void {
    const item = this.#items.find((other) => other.id === id);
    if (!item) return;
    write(item, { description });
    this.host.changed();
  }

  /**
   * Gives an item the name it is posted under: before its bytes go, they go under it; after
   * (rooms), the confirm carries it. The name is cleaned (no path, no control or bidirectional
   * characters) and keeps the file's extension, so the checks made on it still hold. False, and
   * nothing changes, for an empty name or an item that is posted or being posted.
   */
  rename(id: string, name: string): boolean {
    const item = this.#items.find((other) => other.id === id);
    const extension = (name: string) => /\.[^.]*$/.exec(name)?.[0].toLowerCase() ?? '';
    let clean = name.replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').replace(/.*[/\\]/, '').trim();
    if (!item || !clean || clean === '.' || clean === '..' || item.status === 'done' || item.status === 'confirming' || item.status === 'uploading') return false;
    const own = extension(item.file.name);
    if (extension(clean) !== own) clean += own;
    write(item, { name: clean });
    this.host.changed();
    return true;
  }

  /** Moves an item to `index` in the list (the posting order). */
  move(id: string, index: number): void {
    const from = this.#items.findIndex((item) => item.id === id);
    if (from < 0) return;
    const items = [...this.#items];
    const [item] = items.splice(from, 1);
    items.splice(Math.max(0, Math.min(index, items.length)), 0, item);
    this.#items = items;
    this.host.changed();
  }

  /** Uploads (and posts) everything staged; resolves after `upload-complete` of this send. */
  send(message = '', pressed?: Pressed): Promise<UploadItem[]> {
    const go = () => then(this.#engine(), (runner) => runner.send(message, pressed));
    // No byte goes before every type is known and checked.
    return this.#items.some((item) => item.status === 'queued' && typeNow(item.file) === null)
      ? loadTypeTable().then(() => (this.#typed(), go()))
      : go();
  }

  /** Tries a failed or canceled item again (all of them when no id), from its checkpoint. */
  retry(id?: string): Promise<UploadItem[]> {
    return then(this.#engine(), (runner) => runner.retry(id));
  }

  /**
   * The credentials (attributes or headers) changed: after a 401, the refused items are tried
   * again with the new ones and the queue goes on. `restage`: the image quality or keep-metadata
   * changed, and the photos not yet sent are prepared again.
   */
  resume(restage?: boolean): void {
    this.#runner?.resume(restage);
  }

  /** Stops an item (all of them when no id): its request is aborted; it can be retried or removed. */
  cancel(id?: string): void {
    let changed = false;
    for (const item of this.#items) {
      if (id !== undefined && item.id !== id) continue;
      // A confirm in flight may already have posted the message: it is left to finish (R17).
      if (isSettled(item) || item.status === 'confirming') continue;
      this.#runner?.abort(item.id);
      write(item, { status: 'canceled' });
      changed = true;
    }
    if (changed) {
      this.#runner?.checkWaiters();
      this.host.changed();
      this.#runner?.pump();
    }
  }

  /** Takes an item out of the list, aborting its request. */
  remove(id: string): void {
    this.#drop((item) => item.id === id);
  }

  /** Empties the list, aborting every request (a confirm in flight is left to finish). */
  clear(): void {
    this.#drop(() => true);
  }

  /**
   * Takes the chosen items out of the list at once, aborting their requests; a confirm in flight
   * stays to finish. One pass for thousands of items, and nothing starts in a slot they free
   * before they are all gone.
   */
  #drop(chosen: (item: UploadItem) => boolean): UploadItem[] {
    const gone = this.#items.filter((item) => item.status !== 'confirming' && chosen(item));
    const out = new Set(gone);
    this.#items = this.#items.filter((item) => !out.has(item));
    this.#runner?.forget(gone.map((item) => item.id));
    this.host.changed();
    this.#runner?.pump();
    return gone;
  }

  /**
   * The room changed: the staged items the person has not sent leave the list (an upload started
   * by `auto-upload` is aborted) and are handed back, to be kept as that room's draft. What was
   * sent stays and finishes where it was sent.
   */
  setAside(): { file: File; description: string }[] {
    const aside = this.#drop((item) => !this.#runner?.sent(item.id) && (item.status === 'queued' || item.status === 'preparing' || item.status === 'uploading' || item.status === 'uploaded' || item.status === 'canceled'));
    return aside.map((item) => ({ file: item.file, description: item.description }));
  }

  /**
   * Lets go of everything (the host left the page for good): listeners, timers and requests
   * that nothing waits for. What the person sent has finished by then (`idle`).
   */
  release(): void {
    this.#runner?.release();
    this.#listen(false);
  }
}
