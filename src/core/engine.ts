/**
 * The sending half of the queue, loaded on first need (a page that only shows the element and
 * stages files never downloads it). One record per item holds everything sending knows of it:
 * its binding (where it was sent), its attempt (the request in flight), its checkpoint (rooms:
 * what step one answered) and its tries. What happens after a failure is `policy.ts`.
 *
 * Order (servers.md, "What the element does with this"): the room shows files in list order.
 * Posts go one at a time, in list order: the rooms confirm, and the one-step uploads of livechat
 * and single (unless the host turns `ordered` off). The bytes of a two-step flow go up
 * `concurrency` at a time.
 */
import { toUploadError, UploadError } from './errors.js';
import { allows, isSettled, write } from './items.js';
import { failed, loadPolicy } from './lazy-policy.js';
import { online, whenOnline, type Engine, type Pressed, type QueueHost, type UploadQueue } from './queue.js';
import { isPath } from './request.js';
import { transports } from './transports/index.js';
import type { Binding, SendContext, Transport, UploadItem, Uploaded } from './types.js';

/** The message text of one send: posted once, with the first file whose post goes out. */
interface Message {
  text: string;
  /** the item whose post carries it now */
  holder?: string;
  posted: boolean;
}

/** Everything sending knows of one item. */
interface Entry {
  readonly item: UploadItem;
  /** where it goes: fixed when it was first started */
  readonly binding: Binding;
  /** the person sent it: it goes all the way; else (auto-upload of a two-step flow) only the bytes go */
  sent: boolean;
  /** the request in flight; replacing it makes the old attempt stale */
  attempt?: AbortController;
  /** rooms: what step one answered, kept across retries */
  checkpoint?: Uploaded;
  /** automatic tries used since the person last acted on it */
  tries: number;
  /** rate-limit waits spent (they use up no tries) */
  waits: number;
  /** the automatic retry that is due */
  timer?: ReturnType<typeof setTimeout>;
  /** headers a host handed in on `upload-before` after a 401, for the next try */
  fresh?: Record<string, string>;
  /** the message of the send it belongs to */
  message?: Message;
  /** a progress report is due */
  progress?: boolean;
}


interface Waiter {
  ids: string[];
  /** the ids before it are settled (or gone): each check goes on from there */
  from: number;
  resolve(items: UploadItem[]): void;
}

export class Runner {
  #entries = new Map<string, Entry>();
  /** the entry whose confirm is in flight */
  #posting?: Entry;
  #waiters: Waiter[] = [];
  /** the uploads started and maybe still running: a slot each */
  #uploads = new Set<Entry>();
  /**
   * Where `pump()` goes on looking in the list it saw last (`#seen`): before `#head`, nothing is
   * to be posted; before `#next`, nothing is to be uploaded. A new list, or an item that may
   * start again (`#seen` cleared), starts over. Thousands of items: no walk of the list per event.
   */
  #seen?: readonly UploadItem[];
  #head = 0;
  #next = 0;
  /** set after a 401: the headers that were refused; nothing new starts until they change */
  #refused?: Record<string, string>;
  /** routes a 429 closed, until when (ms since the epoch): nothing starts on them before */
  #held = new Map<string, number>();
  /** photos prepared (undefined) or being prepared (the job's abort), by item id (issue 15) */
  #prepared = new Map<string, AbortController | undefined>();

  readonly host: QueueHost;

  constructor(private readonly queue: UploadQueue) {
    this.host = queue.host;
  }

  /** A 401 stopped the queue; it goes on when the credentials change (`resume()`) or on retry. */
  get paused(): boolean {
    return this.#refused !== undefined;
  }

  /** Nothing the person sent is still on its way. */
  get idle(): boolean {
    return [...this.#entries.values()].every((entry) => !entry.sent || isSettled(entry.item));
  }

  /** Whether the item is on its way (sent, or uploading early): the rules are not checked again. */
  active(id: string): boolean {
    return this.#entries.has(id);
  }

  /** Whether the person sent the item (it is bound to where it was sent). */
  sent(id: string): boolean {
    return this.#entries.get(id)?.sent ?? false;
  }

  /** The record of an item, made (and bound to `bound`, else to what the host says now) on first start. */
  #entry(item: UploadItem, sent: boolean, bound?: Binding): Entry {
    let entry = this.#entries.get(item.id);
    if (!entry) {
      const binding = bound ?? this.host.binding();
      entry = { item, binding: { ...binding, confirmFields: { ...binding.confirmFields } }, sent, tries: 0, waits: 0 };
      this.#entries.set(item.id, entry);
    }
    entry.sent ||= sent;
    this.#seen = undefined;
    return entry;
  }

  #transport(entry: Entry): Transport {
    return transports[entry.binding.flow] ?? transports.rooms;
  }

  /**
   * New items: photos are prepared at once (issue 15); with auto-upload they go up at once too
   * (a two-step flow waits for Send before posting).
   */
  early(items: UploadItem[], auto: boolean): void {
    const oneStep = !transports[this.host.binding().flow]?.confirm;
    for (const item of items) {
      if (auto) this.#entry(item, oneStep);
      this.#prepare(item);
    }
    this.pump();
  }

  /** Uploads (and posts) everything staged (of `pressed`, to where it was pressed); resolves after `upload-complete` of this send. */
  send(text = '', pressed?: Pressed): Promise<UploadItem[]> {
    const items = this.queue.items.filter((item) => (item.status === 'queued' || item.status === 'preparing' || item.status === 'uploading' || item.status === 'uploaded') && !this.sent(item.id) && (!pressed || pressed.items.has(item)));
    // The same text still on its way with an earlier send is that send's: it goes once.
    const pending = [...this.#entries.values()].some((entry) => entry.message && !entry.message.posted && entry.message.text === text && !isSettled(entry.item));
    const message = text.trim() && items.length && !pending ? { text, posted: false } : undefined;
    for (const item of items) this.#entry(item, true, pressed?.binding).message = message;
    return this.#start(items.map((item) => item.id));
  }

  /** Tries a failed or canceled item again (all of them when no id), from its checkpoint. */
  retry(id?: string): Promise<UploadItem[]> {
    this.#refused = undefined; // the person decides: try again with what the host has now
    // Items refused for the same credentials go again with the one retried.
    const login = id !== undefined && this.queue.items.find((item) => item.id === id)?.error?.kind === 'unauthorized';
    const ids: string[] = [];
    for (const item of this.queue.items) {
      const chosen = id === undefined || item.id === id || (login && item.error?.kind === 'unauthorized');
      if (!chosen || !allows.retry(item)) continue;
      const entry = this.#entry(item, true);
      entry.tries = 0;
      entry.waits = 0;
      this.#reset(entry);
      ids.push(item.id);
    }
    if (ids.length) this.host.changed();
    return this.#start(ids);
  }

  /**
   * The credentials (attributes or headers) changed: after a 401, the refused items are tried
   * again with the new ones and the queue goes on.
   */
  resume(restage?: boolean): void {
    if (restage) this.#restage();
    if (!this.#refused) return;
    this.#refused = undefined;
    const entries = [...this.#entries.values()].filter((entry) => entry.item.status === 'error' && entry.item.error?.kind === 'unauthorized');
    for (const entry of entries) this.#reset(entry);
    if (entries.length) this.host.changed();
    void this.#start(entries.map((entry) => entry.item.id));
  }

  /** Back to the step to try next: a rooms item whose bytes were accepted only confirms again. */
  #reset(entry: Entry): void {
    clearTimeout(entry.timer);
    entry.timer = undefined;
    // It may have settled and go again: whoever waits for it waits again.
    for (const waiter of this.#waiters) waiter.from = 0;
    this.#seen = undefined;
    write(entry.item, entry.checkpoint ? { status: 'uploaded' } : { status: 'queued', loaded: 0 });
  }

  /** Lets go of everything: nothing the person sent is on its way any more. */
  release(): void {
    for (const id of this.#prepared.keys()) this.#unprepare(id);
    for (const entry of this.#entries.values()) {
      entry.attempt?.abort();
      clearTimeout(entry.timer);
      // Bytes sent early (auto-upload) but never sent on: their checkpoint goes with the record.
      if (!entry.sent && !isSettled(entry.item)) write(entry.item, { status: 'queued', loaded: 0, fileId: undefined });
    }
    this.#entries.clear();
  }

  /** Items left the list: their requests are aborted, their photos' preparing stops, their records go, and whoever waited for them is released. */
  forget(ids: string[]): void {
    for (const id of ids) {
      this.abort(id);
      this.#entries.delete(id);
    }
    this.checkWaiters();
  }

  abort(id: string): void {
    this.#unprepare(id);
    const entry = this.#entries.get(id);
    if (!entry) return;
    entry.attempt?.abort();
    entry.attempt = undefined;
    clearTimeout(entry.timer);
    if (entry.message?.holder === id && !entry.message.posted) entry.message.holder = undefined;
  }

  #start(ids: string[]): Promise<UploadItem[]> {
    if (!ids.length) return Promise.resolve([]);
    const done = new Promise<UploadItem[]>((resolve) => this.#waiters.push({ ids, from: 0, resolve }));
    for (const id of ids) this.#prepare(this.#entries.get(id)!.item);
    this.pump();
    return done;
  }

  /**
   * A photo is prepared as soon as it is added (issue 15), in list order: 'preparing' until the
   * host answers, then 'queued' with the file to send, whose size the card shows. Nothing is
   * uploaded while it prepares; Send waits for it; a cancel or removal stops the work, and a
   * retry prepares it again (the host starts from the file as picked).
   */
  #prepare(item: UploadItem): void {
    // Prepared, or on its way; prepared again only when the server's limit, read since, is lower.
    const limit = this.host.restrictions().maxFileSize;
    if ((this.#prepared.has(item.id) && (this.#prepared.get(item.id) || item.size <= (limit ?? item.size))) || !(item.status === 'queued' || (item.status === 'preparing' && item.note?.waiting))) return;
    const job = new AbortController();
    const preparing = this.host.prepare?.(item, job.signal);
    if (!preparing) return;
    this.#prepared.set(item.id, job);
    write(item, { status: 'preparing' });
    this.host.changed();
    preparing
      .then(
        async ({ file = item.file, note, refused }) => {
          // The words of errors may load with the first one (`QueueHost.failing`).
          if (refused) await this.host.failing?.();
          if (this.#prepared.get(item.id) !== job) return;
          this.#prepared.set(item.id, undefined);
          write(item, { file, name: file.name, size: file.size, type: file.type, total: file.size, status: 'queued', note });
          this.#seen = undefined;
          if (refused) this.#fail(this.#entry(item, false), new UploadError({ step: 'validate', kind: 'too-large', message: '' }), undefined);
          // The server's limit came (or changed) while it was being prepared: prepared again if it is over it.
          else if (limit !== this.host.restrictions().maxFileSize) this.#prepare(item);
        },
        () => {
          // Stopped (`#unprepare`), or the photo code could not arrive (offline): it waits, its card
          // says so, and it is prepared when the network is back or at the next Send. The file
          // as picked never goes by itself.
          if (this.#prepared.get(item.id) !== job) return;
          this.#prepared.delete(item.id);
          write(item, { note: { waiting: true } });
          if (!online()) void whenOnline().then(() => this.queue.items.includes(item) && this.#prepare(item));
        },
      )
      .finally(() => {
        this.host.changed();
        this.pump();
      });
  }

  /** Stops a photo's preparation, if it is under way; it is prepared again when it goes again. */
  #unprepare(id: string): void {
    this.#prepared.get(id)?.abort();
    this.#prepared.delete(id);
  }

  /**
   * The quality or keep-metadata changed: the photos not yet sent are prepared again (the host
   * prepares from the file as picked; the choice is once for the whole send).
   */
  #restage(): void {
    for (const item of this.queue.items) {
      if (!this.#prepared.has(item.id) || this.#entries.has(item.id)) continue;
      this.#unprepare(item.id);
      write(item, { status: 'queued' });
      this.#prepare(item);
    }
  }

  /** Starts what may start: uploads into free slots, and the next post in list order. */
  pump(): void {
    // Offline, or credentials refused: nothing new starts; what is staged waits.
    if (!online() || this.#refused) return;
    const limit = Math.max(1, Math.floor(this.host.concurrency()) || 1);
    const ordered = this.host.ordered?.() ?? true;
    for (const entry of this.#uploads) if (entry.item.status !== 'uploading' || !this.#entries.has(entry.item.id)) this.#uploads.delete(entry);
    let running = this.#uploads.size;
    const items = this.queue.items;
    if (this.#seen !== items) this.#head = this.#next = 0;
    this.#seen = items;
    // The posting lane: the first item sent and not settled, in list order. An earlier item still
    // on its way holds the later ones back: the room keeps list order.
    let head: Entry | undefined;
    for (; this.#head < items.length; this.#head++) {
      head = this.#entries.get(items[this.#head].id);
      if (head?.sent && !isSettled(head.item)) break;
      head = undefined;
    }
    if (head && !this.#posting) {
      const oneStep = !this.#transport(head).confirm;
      if (head.item.status === 'uploaded' && !oneStep) {
        if (!this.#waiting(head, 'confirm')) void this.#confirm(head);
      } else if (head.item.status === 'queued' && oneStep && ordered && running < limit && !this.#waiting(head, 'upload')) {
        running++;
        void this.#upload(head);
      }
    }
    for (let i = this.#next; i < items.length && running < limit; i++) {
      const entry = this.#entries.get(items[i].id);
      if (entry?.item.status !== 'queued') {
        if (i === this.#next) this.#next++;
        continue;
      }
      if ((ordered && !this.#transport(entry).confirm) || this.#waiting(entry, 'upload')) continue;
      running++;
      void this.#upload(entry);
    }
  }

  /** When the route of the item's next step opens again after a 429 (ms since the epoch), if it is closed. */
  heldUntil(id: string): number | undefined {
    const entry = this.#entries.get(id);
    const until = entry && this.#held.get(this.#route(entry, entry.checkpoint ? 'confirm' : 'upload'));
    return until && until > Date.now() ? until : undefined;
  }

  /** The rate-limit key of a step: Rocket.Chat counts each route apart, per server. */
  #route(entry: Entry, step: 'upload' | 'confirm'): string {
    return `${entry.binding.serverUrl}|${entry.binding.flow}|${step}`;
  }

  /** The step's route is closed by a 429 for a while yet. */
  #waiting(entry: Entry, step: 'upload' | 'confirm'): boolean {
    const until = this.#held.get(this.#route(entry, step)) ?? 0;
    if (until > Date.now()) return true;
    this.#held.delete(this.#route(entry, step));
    return false;
  }

  /** The context of one request of an item: its binding, and the credentials of now for its server. */
  #context(entry: Entry, signal: AbortSignal, message: string | undefined): SendContext {
    const { item, binding } = entry;
    const { flow: _flow, confirmFields, ...where } = binding;
    const credentials = this.host.credentials(binding.serverUrl);
    return {
      ...where,
      ...credentials,
      headers: { ...credentials.headers },
      signal,
      message,
      confirmFields,
      stallTimeout: this.host.stallTimeout(),
      onStart: () => this.host.emit('upload-start', { item }),
      onProgress: (loaded, total) => this.#progress(entry, loaded, total),
    };
  }

  /** Fires `upload-before`; a listener may change the headers or cancel. */
  #before(entry: Entry, ctx: SendContext): boolean {
    const fresh = entry.fresh;
    entry.fresh = undefined;
    if (fresh) {
      // The host already answered `upload-before` for this try (after a 401).
      ctx.headers = fresh;
      return true;
    }
    const headers = { ...this.#transport(entry).authHeaders(ctx), ...ctx.headers };
    const go = this.host.emit('upload-before', { item: entry.item, headers }, true);
    ctx.headers = headers;
    return go;
  }

  /** Claims the send's message for this item when it is the one to carry it (the first post). */
  #claim(entry: Entry): string | undefined {
    const message = entry.message;
    if (!message || message.posted || (message.holder !== undefined && message.holder !== entry.item.id)) return undefined;
    message.holder = entry.item.id;
    return message.text;
  }

  /** The post went through: a message it carried is posted, once. */
  #posted(entry: Entry, carried: string | undefined): void {
    if (carried === undefined || !entry.message) return;
    entry.message.posted = true;
    this.host.messagePosted?.(carried);
  }

  async #upload(entry: Entry): Promise<void> {
    const { item } = entry;
    const transport = this.#transport(entry);
    const controller = new AbortController();
    entry.attempt = controller;
    this.#uploads.add(entry);
    const posts = !transport.confirm;
    const carried = posts && entry.sent ? this.#claim(entry) : undefined;
    const ctx = this.#context(entry, controller.signal, carried);
    write(item, { status: 'uploading', loaded: 0, total: item.size });
    this.host.changed();
    if (entry.binding.flow === 'single' && !isPath(entry.binding.uploadUrl)) {
      // Another host would get the file and the token (`//host/x`, `@host/x`, a scheme). The
      // page's developer is told with the words (`error-words.ts`), which load with the failure.
      await this.host.failing?.();
      if (entry.attempt !== controller) return;
      entry.attempt = undefined;
      this.#fail(entry, new UploadError({ step: 'upload', kind: 'bad-address', message: '' }), carried);
    } else if (!this.#before(entry, ctx)) {
      return this.#canceledByHost(entry, controller, carried);
    } else {
      try {
        const uploaded = await transport.upload(item, ctx);
        if (entry.attempt !== controller) return; // canceled or removed meanwhile
        entry.attempt = undefined;
        // Progress ends at the total, whatever the last progress event said.
        write(item, { loaded: item.total });
        this.host.emit('upload-progress', { item, loaded: item.total, total: item.total });
        if (posts) {
          this.#posted(entry, carried);
          this.#succeed(entry, uploaded.response);
        } else {
          entry.checkpoint = uploaded;
          write(item, { status: 'uploaded', fileId: uploaded.fileId });
        }
      } catch (failure) {
        if (entry.attempt !== controller) return;
        // An HTTP answer's reading, the policy and the error words load with the first failure.
        const [error] = await Promise.all([toUploadError(failure, 'upload'), loadPolicy(), this.host.failing?.()]);
        if (entry.attempt !== controller) return;
        entry.attempt = undefined;
        this.#failed(entry, error, ctx.headers, posts, carried);
      }
    }
    this.host.changed();
    this.pump();
  }

  async #confirm(entry: Entry): Promise<void> {
    const { item, checkpoint } = entry;
    const transport = this.#transport(entry);
    if (!checkpoint || !transport.confirm) return;
    const controller = new AbortController();
    entry.attempt = controller;
    this.#posting = entry;
    const carried = this.#claim(entry);
    const ctx = this.#context(entry, controller.signal, carried);
    write(item, { status: 'confirming' });
    this.host.changed();
    try {
      if (!this.#before(entry, ctx)) {
        this.#posting = undefined;
        return this.#canceledByHost(entry, controller, carried);
      }
      const response = await transport.confirm(item, checkpoint, ctx);
      this.#posted(entry, carried);
      this.#succeed(entry, response);
    } catch (failure) {
      const [error] = await Promise.all([toUploadError(failure, 'confirm'), loadPolicy(), this.host.failing?.()]);
      this.#failed(entry, error, ctx.headers, true, carried);
    } finally {
      if (entry.attempt === controller) entry.attempt = undefined;
      if (this.#posting === entry) this.#posting = undefined;
    }
    this.host.changed();
    this.pump();
  }

  /** A try failed: what follows it loads with the first failure (`after-failure.ts`). */
  #failed(entry: Entry, error: UploadError, headers: Record<string, string>, posts: boolean, carried: string | undefined): void {
    failed(this.host, entry, error, headers, posts, {
      free: () => this.#free(entry, carried),
      reset: () => this.#reset(entry),
      fail: (error, free) => this.#fail(entry, error, free ? carried : undefined),
      hold: (step, ms) => {
        const key = this.#route(entry, step);
        this.#held.set(key, Math.max(this.#held.get(key) ?? 0, Date.now() + ms));
      },
      refuse: () => void (this.#refused = headers),
      headers: () => {
        const ctx = this.#context(entry, new AbortController().signal, undefined);
        return { ...this.#transport(entry).authHeaders(ctx), ...ctx.headers };
      },
      pump: () => this.pump(),
    });
  }

  /** Certainly not posted: the message it carried goes with whichever post goes next. */
  #free(entry: Entry, carried: string | undefined): void {
    if (carried !== undefined && entry.message?.holder === entry.item.id) entry.message.holder = undefined;
  }

  #canceledByHost(entry: Entry, controller: AbortController, carried: string | undefined): void {
    if (entry.attempt === controller) entry.attempt = undefined;
    this.#free(entry, carried);
    write(entry.item, { status: 'canceled' });
    this.checkWaiters();
    this.host.changed();
    this.pump();
  }

  #progress(entry: Entry, loaded: number, total: number): void {
    const { item } = entry;
    if (item.status !== 'uploading') return;
    // Multipart framing makes the request a little larger than the file: show the file's share.
    const all = total > 0 ? total : item.size;
    write(item, { total: all, loaded: Math.min(loaded, all) });
    if (entry.progress) return;
    entry.progress = true;
    // A frame's time, by timer: asking for an animation frame would make the page paint one.
    setTimeout(() => {
      entry.progress = false;
      if (item.status !== 'uploading') return;
      if (this.host.progressed) this.host.progressed();
      else this.host.changed();
      this.host.emit('upload-progress', { item, loaded: item.loaded, total: item.total });
    }, 1000 / 60);
  }

  #succeed(entry: Entry, response: unknown): void {
    entry.tries = 0;
    write(entry.item, { status: 'done', response });
    this.host.emit('upload-success', { item: entry.item, response });
    this.checkWaiters();
  }

  #fail(entry: Entry, error: UploadError, carried: string | undefined): void {
    this.#free(entry, carried);
    const worded = error.with({ message: this.host.words(error, entry.binding) });
    write(entry.item, { status: 'error', error: worded });
    this.host.emit('upload-error', { item: entry.item, error: worded });
    this.checkWaiters();
  }

  /** Items reached an end state (their events fired) or left: release whoever waits for them all. */
  checkWaiters(): void {
    for (const waiter of [...this.#waiters]) {
      const { ids } = waiter;
      // Items settle in list order, mostly: each check goes on from the first one not settled.
      // Past the settled ones and those that left the list, to the first still on its way.
      let entry;
      while ((entry = this.#entries.get(ids[waiter.from])) === undefined ? waiter.from < ids.length : isSettled(entry.item)) waiter.from++;
      if (waiter.from < ids.length) continue;
      this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
      const items = ids.map((id) => this.#entries.get(id)?.item).filter((item): item is UploadItem => item !== undefined);
      this.host.emit('upload-complete', { items });
      waiter.resolve(items);
    }
  }
}

/** What `loadEngine()` hands the queue. */
export const engine: Engine = { Runner, transports };
