/**
 * The upload queue: the only writer of `UploadItem`s. This half stages files (checks, order,
 * descriptions, removal) and is all a page needs to show the element; the sending half
 * (`engine.ts`: slots, order of posts, retries, the rooms checkpoint, the transports) is loaded
 * on first need. Transports only talk to servers, and the element only renders.
 */
import type { Strings } from '../i18n/en.js';
import { formatSize, wordKey } from '../i18n/en.js';
import { checkFile } from './restrictions.js';
import type { Runner } from './engine.js';
import type { ConfirmFields, Flow, FlowContext, Rejection, RejectReason, Restrictions, Transport, UploadEvents, UploadItem } from './types.js';

/** What the queue reads from its host (the element), afresh at every use. */
export interface QueueHost {
  transport(): Transport;
  /** the flow's settings; read at each request so a new token or room applies at once */
  context(): Omit<FlowContext, 'signal'>;
  confirmFields(): ConfirmFields;
  restrictions(): Restrictions;
  concurrency(): number;
  /** start uploading bytes as soon as a file is added */
  autoUpload(): boolean;
  stallTimeout(): number;
  /** automatic retries of a transient failure (network, timeout, 5xx, 429); default 3 */
  retries?(): number;
  /** base delay of the backoff in ms; default 1000 */
  retryDelay?(): number;
  strings(): Strings;
  /** items or their state changed: render */
  changed(): void;
  /** only the bytes sent moved on (at most once per frame per item); default: `changed()` */
  progressed?(): void;
  /** dispatches an event; false when a listener canceled it */
  emit<K extends keyof UploadEvents>(name: K, detail: UploadEvents[K], cancelable?: boolean): boolean;
  /** the message text was posted with a file: the host may clear its field */
  messagePosted?(): void;
  /** runs a callback a frame's time later (progress is reported at most once per frame); default: a 1/60 s timer */
  frame?(callback: () => void): void;
}

let counter = 0;
/**
 * A stable ID, unique in the page (the counter) and from one page load to the next (the time); no
 * `crypto.randomUUID()` (it needs a secure context).
 */
function nextId(): string {
  counter += 1;
  return `cfu-${Date.now().toString(36)}-${counter.toString(36)}`;
}

/** What makes two files the same file. */
const fileKey = (file: File) => `${file.name}\u0000${file.size}\u0000${file.type}\u0000${file.lastModified}`;

/** An end state: nothing more happens to the item by itself. */
export function isSettled(item: UploadItem): boolean {
  return item.status === 'done' || item.status === 'canceled' || (item.status === 'error' && item.retryAt === undefined);
}

/** Whether the browser says it is online (no `navigator`: assume so). */
export function online(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false;
}

/** The sending half, once loaded. */
export interface Engine {
  Runner: typeof Runner;
  transports: Record<Flow, Transport>;
}

let loaded: Engine | undefined;
let loading: Promise<Engine> | undefined;

/** Makes the sending half known at once (for code that imported `engine.ts` itself). */
export function registerEngine(engine: Engine): void {
  loaded = engine;
}

/** The sending half: at once when loaded, else a promise of it (one download, shared). */
export function loadEngine(): Engine | Promise<Engine> {
  return (
    loaded ??
    (loading ??= import('./engine.js').then(
      (module) => (loaded ??= module.engine),
      (failure: unknown) => {
        loading = undefined; // a later call tries the download again
        throw failure;
      },
    ))
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

  /** The queue, in the order messages will be posted. */
  get items(): readonly UploadItem[] {
    return this.#items;
  }

  #engine(): Runner | Promise<Runner> {
    return this.#runner ?? then(loadEngine(), (engine) => (this.#runner ??= new engine.Runner(this)));
  }

  /** Checks each file and stages those that pass; the others fire `file-reject`. */
  add(files: Iterable<File>): { accepted: UploadItem[]; rejected: Rejection[] } {
    const accepted: UploadItem[] = [];
    const rejected: Rejection[] = [];
    const rules = this.host.restrictions();
    const staged = new Set(this.#items.filter((item) => item.status !== 'done').map((item) => fileKey(item.file)));
    for (const file of files) {
      // The same file (name, size, type, date) already waiting in the list: adding it again is a slip.
      const key = fileKey(file);
      const reason = staged.has(key) ? 'duplicate' : checkFile(file, rules, this.#items.length + accepted.length);
      if (reason) {
        const rejection: Rejection = { file, reason, message: this.#rejectMessage(file, reason, rules) };
        rejected.push(rejection);
        this.host.emit('file-reject', rejection);
        continue;
      }
      staged.add(key);
      accepted.push({
        id: nextId(),
        file,
        name: file.name,
        size: file.size,
        type: file.type,
        description: '',
        status: 'queued',
        loaded: 0,
        total: file.size,
      });
    }
    if (accepted.length) {
      this.#items = [...this.#items, ...accepted];
      if (!this.#listening && typeof globalThis.addEventListener === 'function') {
        globalThis.addEventListener('online', this.#onNetwork);
        globalThis.addEventListener('offline', this.#onNetwork);
        this.#listening = true;
      }
      this.host.changed();
      if (this.host.autoUpload()) void then(this.#engine(), (runner) => runner.early(accepted));
    }
    return { accepted, rejected };
  }

  /**
   * Checks the staged items again (the server's limits arrived after they were added): those
   * that fail leave the list and fire `file-reject`, before any byte is sent.
   */
  recheck(): Rejection[] {
    const rules = { ...this.host.restrictions(), maxFiles: undefined };
    const rejected: Rejection[] = [];
    for (const item of this.#items) {
      if (item.status !== 'queued' || this.#runner?.active(item.id)) continue;
      const reason = checkFile(item.file, rules, 0);
      if (!reason) continue;
      const rejection: Rejection = { file: item.file, reason, message: this.#rejectMessage(item.file, reason, rules) };
      rejected.push(rejection);
      this.remove(item.id);
      this.host.emit('file-reject', rejection);
    }
    return rejected;
  }

  /** Sets the description a file is posted with. */
  describe(id: string, description: string): void {
    const item = this.#items.find((other) => other.id === id);
    if (!item) return;
    item.description = description;
    this.host.changed();
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

  /** Uploads (and posts) everything staged; resolves when all of it has settled. */
  send(message = ''): Promise<UploadItem[]> {
    return then(this.#engine(), (runner) => runner.send(message));
  }

  /** Tries a failed or canceled item again (all of them when no id), from its checkpoint. */
  retry(id?: string): Promise<UploadItem[]> {
    return then(this.#engine(), (runner) => runner.retry(id));
  }

  /**
   * The credentials (attributes or headers) changed: after a 401, the refused items are tried
   * again with the new ones and the queue goes on.
   */
  resume(): void {
    this.#runner?.resume();
  }

  /** Stops an item (all of them when no id): its request is aborted; it can be retried or removed. */
  cancel(id?: string): void {
    let changed = false;
    for (const item of this.#items) {
      if (id !== undefined && item.id !== id) continue;
      // A confirm in flight may already have posted the message: it is left to finish (R17).
      if (isSettled(item) || item.status === 'confirming') continue;
      this.#runner?.abort(item.id);
      item.status = 'canceled';
      item.error = undefined;
      item.retryAt = undefined;
      changed = true;
      this.#runner?.settle(item);
    }
    if (changed) {
      this.host.changed();
      this.#runner?.pump();
    }
  }

  /** Takes an item out of the list, aborting its request. */
  remove(id: string): void {
    const item = this.#items.find((other) => other.id === id);
    if (!item || item.status === 'confirming') return;
    this.#runner?.abort(id);
    this.#items = this.#items.filter((other) => other !== item);
    this.#runner?.forget(id);
    this.host.changed();
    this.#runner?.pump();
  }

  /** Empties the list, aborting every request (a confirm in flight is left to finish). */
  clear(): void {
    for (const item of [...this.#items]) this.remove(item.id);
  }

  /** Aborts everything: the host is going away. */
  dispose(): void {
    this.#runner?.dispose();
    if (this.#listening) {
      globalThis.removeEventListener?.('online', this.#onNetwork);
      globalThis.removeEventListener?.('offline', this.#onNetwork);
      this.#listening = false;
    }
  }

  #rejectMessage(file: File, reason: RejectReason, rules: Restrictions): string {
    const strings = this.host.strings();
    const say = strings.reject[wordKey(reason) as Exclude<keyof Strings['reject'], 'many'>] as (name: string, limit: string | number) => string;
    return say(file.name, reason === 'too-large' ? formatSize(rules.maxFileSize ?? 0, strings) : (rules.maxFiles ?? 0));
  }
}
