/**
 * The sending half of the queue, loaded on first need (a page that only shows the element and
 * stages files never downloads it): slots, order, retries, the rooms checkpoint, the transports.
 *
 * Order (servers.md, "What the element does with this"): bytes go up `concurrency` at a time,
 * and the posting step (the rooms confirm) runs one item at a time in list order, so the room
 * shows the files in the order the person arranged them.
 */
import { toUploadError, UploadError } from './errors.js';
import { isSettled, online, type Engine, type QueueHost, type UploadQueue } from './queue.js';
import { transports } from './transports/index.js';
import type { SendContext, Transport, UploadItem, Uploaded } from './types.js';

/** Header sets compared by lower-case name: a new token is a new set. */
function sameHeaders(a: Record<string, string>, b: Record<string, string>): boolean {
  const norm = (h: Record<string, string>) => JSON.stringify(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]).sort());
  return norm(a) === norm(b);
}

interface Waiter {
  ids: Set<string>;
  resolve(items: UploadItem[]): void;
}

export class Runner {
  /** items the person has sent: they go all the way (upload and post) */
  #run = new Set<string>();
  /** items whose bytes may go up before Send (auto-upload of a two-step flow) */
  #early = new Set<string>();
  /** the request in flight for an item; replacing it makes the old attempt stale */
  #attempts = new Map<string, AbortController>();
  /** rooms checkpoints: what step one answered, kept across retries */
  #uploaded = new Map<string, Uploaded>();
  #posting: string | undefined;
  /** the message text of the latest send, until it is posted; `holder` = the item carrying it */
  #message: { text: string; holder?: string } | undefined;
  #waiters: Waiter[] = [];
  #progressPending = new Set<string>();
  /** automatic retries used, per item, since the person last acted on it */
  #tries = new Map<string, number>();
  #timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** set after a 401: the headers that were refused; nothing new starts until they change */
  #refused: Record<string, string> | undefined;
  /** headers a host handed in on `upload-before` after a 401, used by the next try */
  #fresh = new Map<string, Record<string, string>>();

  readonly host: QueueHost;

  constructor(private readonly queue: UploadQueue) {
    this.host = queue.host;
  }

  /** A 401 stopped the queue; it goes on when the credentials change (`resume()`) or on retry. */
  get paused(): boolean {
    return this.#refused !== undefined;
  }

  /** Whether the item is on its way (sent, or uploading early): the rules are not checked again. */
  active(id: string): boolean {
    return this.#run.has(id) || this.#early.has(id);
  }

  /** auto-upload: new items go up at once (a two-step flow waits for Send before posting). */
  early(items: UploadItem[]): void {
    const twoStep = Boolean(this.host.transport().confirm);
    for (const item of items) (twoStep ? this.#early : this.#run).add(item.id);
    this.pump();
  }

  /** Uploads (and posts) everything staged; resolves when all of it has settled. */
  send(message = ''): Promise<UploadItem[]> {
    const ids = this.queue.items
      .filter((item) => item.status === 'queued' || item.status === 'uploading' || item.status === 'uploaded')
      .filter((item) => !this.#run.has(item.id))
      .map((item) => item.id);
    if (message.trim() && ids.length) this.#message = { text: message };
    return this.#start(ids);
  }

  /** Tries a failed or canceled item again (all of them when no id), from its checkpoint. */
  retry(id?: string): Promise<UploadItem[]> {
    this.#refused = undefined; // the person decides: try again with what the host has now
    // Items refused for the same credentials go again with the one retried.
    const login = id !== undefined && this.#find(id)?.error?.kind === 'unauthorized';
    const ids: string[] = [];
    for (const item of this.queue.items) {
      const chosen = id === undefined || item.id === id || (login && item.error?.kind === 'unauthorized');
      if (chosen && (item.status === 'error' || item.status === 'canceled')) {
        if (item.error?.step === 'validate') continue; // a file the rules refuse will not pass by trying again
        this.#tries.delete(item.id);
        this.#reset(item);
        this.#run.delete(item.id);
        ids.push(item.id);
      }
    }
    if (ids.length) this.host.changed();
    return this.#start(ids);
  }

  /**
   * The credentials (attributes or headers) changed: after a 401, the refused items are tried
   * again with the new ones and the queue goes on.
   */
  resume(): void {
    if (!this.#refused) return;
    this.#refused = undefined;
    const ids = this.queue.items.filter((item) => item.status === 'error' && item.error?.kind === 'unauthorized').map((item) => item.id);
    for (const id of ids) this.#reset(this.#find(id)!);
    if (ids.length) this.host.changed();
    void this.#start(ids);
    this.pump();
  }

  /** Back to the step to try next: a rooms item whose bytes were accepted only confirms again. */
  #reset(item: UploadItem): void {
    clearTimeout(this.#timers.get(item.id));
    this.#timers.delete(item.id);
    item.status = this.#uploaded.has(item.id) ? 'uploaded' : 'queued';
    item.error = undefined;
    item.retryAt = undefined;
    if (item.status === 'queued') item.loaded = 0;
  }

  /** Aborts everything: the host is going away. */
  dispose(): void {
    for (const controller of this.#attempts.values()) controller.abort();
    this.#attempts.clear();
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  #find(id: string): UploadItem | undefined {
    return this.queue.items.find((item) => item.id === id);
  }

  /** An item left the list: its state goes, and whoever waited for it is released. */
  forget(id: string): void {
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
    this.#tries.delete(id);
    this.#fresh.delete(id);
    this.#run.delete(id);
    this.#early.delete(id);
    this.#uploaded.delete(id);
    if (this.#message?.holder === id) this.#message.holder = undefined;
    this.checkWaiters();
  }

  abort(id: string): void {
    this.#attempts.get(id)?.abort();
    this.#attempts.delete(id);
  }

  #start(ids: string[]): Promise<UploadItem[]> {
    if (!ids.length) return Promise.resolve([]);
    for (const id of ids) this.#run.add(id);
    const done = new Promise<UploadItem[]>((resolve) => this.#waiters.push({ ids: new Set(ids), resolve }));
    this.pump();
    return done;
  }

  /** Starts what may start: uploads into free slots, and the next post in list order. */
  pump(): void {
    // Offline, or credentials refused: nothing new starts; what is staged waits.
    if (!online() || this.#refused) return;
    const transport = this.host.transport();
    const limit = Math.max(1, Math.floor(this.host.concurrency()) || 1);
    let running = this.queue.items.filter((item) => item.status === 'uploading').length;
    for (const item of this.queue.items) {
      if (running >= limit) break;
      if (item.status === 'queued' && (this.#run.has(item.id) || this.#early.has(item.id))) {
        running++;
        void this.#upload(item, transport);
      }
    }
    if (this.#posting || !transport.confirm) return;
    for (const item of this.queue.items) {
      if (!this.#run.has(item.id) || isSettled(item)) continue;
      // An earlier item still on its way holds the later ones back: the room keeps list order.
      if (item.status === 'uploaded') void this.#confirm(item, transport);
      break;
    }
  }

  #context(item: UploadItem, signal: AbortSignal, carriesMessage: boolean): SendContext {
    return {
      ...this.host.context(),
      signal,
      message: carriesMessage ? this.#message?.text : undefined,
      first: carriesMessage,
      confirmFields: this.host.confirmFields(),
      stallTimeout: this.host.stallTimeout(),
      onStart: () => this.host.emit('upload-start', { item }),
      onProgress: (loaded, total) => this.#progress(item, loaded, total),
    };
  }

  /** Fires `upload-before`; a listener may change the headers or cancel. */
  #before(item: UploadItem, ctx: SendContext, transport: Transport): boolean {
    const fresh = this.#fresh.get(item.id);
    this.#fresh.delete(item.id);
    if (fresh) {
      // The host already answered `upload-before` for this try (after a 401).
      ctx.headers = fresh;
      return true;
    }
    const headers = { ...transport.authHeaders(ctx), ...ctx.headers };
    const go = this.host.emit('upload-before', { item, headers }, true);
    ctx.headers = headers;
    return go;
  }

  /** Claims the message for this item when it is the one to carry it (the first post). */
  #carries(item: UploadItem): boolean {
    if (!this.#message || !this.#run.has(item.id)) return false;
    if (this.#message.holder !== undefined && this.#message.holder !== item.id) return false;
    this.#message.holder = item.id;
    return true;
  }

  #posted(item: UploadItem, carried: boolean): void {
    if (carried && this.#message?.holder === item.id) {
      this.#message = undefined;
      this.host.messagePosted?.();
    }
  }

  /** A failed post frees the message for the next item, unless the server may have posted it. */
  #postFailed(item: UploadItem, carried: boolean, error: UploadError): void {
    if (carried && this.#message?.holder === item.id && !error.unknownOutcome) this.#message.holder = undefined;
  }

  async #upload(item: UploadItem, transport: Transport): Promise<void> {
    const controller = new AbortController();
    this.#attempts.set(item.id, controller);
    const twoStep = Boolean(transport.confirm);
    const carried = !twoStep && this.#carries(item);
    const ctx = this.#context(item, controller.signal, carried);
    item.status = 'uploading';
    item.loaded = 0;
    item.total = item.size;
    this.host.changed();
    if (!this.#before(item, ctx, transport)) return this.#canceledByHost(item, controller);
    try {
      const uploaded = await transport.upload(item, ctx);
      if (this.#attempts.get(item.id) !== controller) return; // canceled or removed meanwhile
      this.#attempts.delete(item.id);
      // Progress ends at the total, whatever the last progress event said.
      item.loaded = item.total;
      this.host.emit('upload-progress', { item, loaded: item.total, total: item.total });
      if (twoStep) {
        this.#uploaded.set(item.id, uploaded);
        item.fileId = uploaded.fileId;
        item.status = 'uploaded';
      } else {
        this.#posted(item, carried);
        this.#succeed(item, uploaded.response);
      }
    } catch (failure) {
      if (this.#attempts.get(item.id) !== controller) return;
      this.#attempts.delete(item.id);
      let error = toUploadError(failure, 'upload', this.host.strings().errors);
      if (!twoStep) {
        this.#postFailed(item, carried, error);
        // One-step flows post with the upload: a lost answer may hide a posted message.
        if (error.unknownOutcome) error = this.#maybePosted(error);
      } else if (error.unknownOutcome) {
        // A rooms upload only stages a temporary file: sending it again posts nothing twice.
        error = new UploadError({ step: 'upload', kind: error.kind, status: error.status, message: error.message });
      }
      if (error.kind === 'network' && !online()) {
        // Lost with the network: wait for it to come back, without using up a try.
        item.status = 'queued';
        item.loaded = 0;
      } else {
        this.#failed(item, error, ctx.headers, transport);
      }
    }
    this.host.changed();
    this.pump();
  }

  async #confirm(item: UploadItem, transport: Transport): Promise<void> {
    const uploaded = this.#uploaded.get(item.id);
    if (!uploaded || !transport.confirm) return;
    const controller = new AbortController();
    this.#attempts.set(item.id, controller);
    this.#posting = item.id;
    const carried = this.#carries(item);
    const ctx = this.#context(item, controller.signal, carried);
    item.status = 'confirming';
    this.host.changed();
    try {
      if (!this.#before(item, ctx, transport)) {
        this.#posting = undefined;
        if (this.#message?.holder === item.id) this.#message.holder = undefined;
        return this.#canceledByHost(item, controller);
      }
      const response = await transport.confirm(item, uploaded, ctx);
      this.#posted(item, carried);
      this.#succeed(item, response);
    } catch (failure) {
      const error = toUploadError(failure, 'confirm', this.host.strings().errors);
      this.#postFailed(item, carried, error);
      // The request went out and no answer came back: the message may be in the room (R17).
      this.#failed(item, error.unknownOutcome ? this.#maybePosted(error) : error, ctx.headers, transport);
    } finally {
      if (this.#attempts.get(item.id) === controller) this.#attempts.delete(item.id);
      this.#posting = undefined;
    }
    this.host.changed();
    this.pump();
  }

  /**
   * A try failed. Transient failures (network, timeout, 5xx, 429) are tried again by themselves
   * with exponential backoff and jitter: about 1 s, 2 s, 4 s (each × 0.5–1.5) for the default
   * base of 1000 ms. Never a 4xx, and never a confirm whose answer was lost (R17).
   */
  #failed(item: UploadItem, error: UploadError, headers: Record<string, string>, transport: Transport): void {
    if (error.kind === 'unauthorized') return this.#refuse(item, error, headers, transport);
    const used = this.#tries.get(item.id) ?? 0;
    if (!error.transient || error.unknownOutcome || used >= (this.host.retries?.() ?? 3)) return this.#fail(item, error);
    this.#tries.set(item.id, used + 1);
    const delay = (this.host.retryDelay?.() ?? 1000) * 2 ** used * (0.5 + Math.random());
    item.status = 'error';
    item.error = error;
    item.retryAt = Date.now() + delay;
    this.#timers.set(item.id, setTimeout(() => {
      this.#timers.delete(item.id);
      if (item.retryAt === undefined) return;
      this.#reset(item);
      this.host.changed();
      this.pump();
    }, delay));
  }

  /**
   * A 401: ask the host (`upload-before`) for the next try's headers. New credentials — in the
   * event's headers or in the attributes — are used at once; the same ones stop the queue, with
   * the error shown, until the credentials change (`resume()`) or the person retries.
   */
  #refuse(item: UploadItem, error: UploadError, refused: Record<string, string>, transport: Transport): void {
    const ctx = { ...this.host.context(), signal: new AbortController().signal };
    const headers = { ...transport.authHeaders(ctx), ...ctx.headers };
    if (this.host.emit('upload-before', { item, headers }, true) && !sameHeaders(headers, refused)) {
      this.#fresh.set(item.id, headers);
      this.#reset(item);
      return;
    }
    this.#refused = refused;
    this.#fail(item, error);
  }

  /** The request went out whole and no answer came back: the message may be in the room (R17). */
  #maybePosted(error: UploadError): UploadError {
    return new UploadError({ step: error.step, kind: error.kind, message: this.host.strings().errors.confirmUnknown, unknownOutcome: true });
  }

  #canceledByHost(item: UploadItem, controller: AbortController): void {
    if (this.#attempts.get(item.id) === controller) this.#attempts.delete(item.id);
    item.status = 'canceled';
    this.settle(item);
    this.host.changed();
    this.pump();
  }

  #progress(item: UploadItem, loaded: number, total: number): void {
    if (item.status !== 'uploading') return;
    // Multipart framing makes the request a little larger than the file: show the file's share.
    item.total = total > 0 ? total : item.size;
    item.loaded = Math.min(loaded, item.total);
    if (this.#progressPending.has(item.id)) return;
    this.#progressPending.add(item.id);
    const flush = () => {
      this.#progressPending.delete(item.id);
      if (item.status !== 'uploading') return;
      if (this.host.progressed) this.host.progressed();
      else this.host.changed();
      this.host.emit('upload-progress', { item, loaded: item.loaded, total: item.total });
    };
    // A frame's time, by timer: asking for an animation frame would make the page paint one.
    if (this.host.frame) this.host.frame(flush);
    else setTimeout(flush, 1000 / 60);
  }

  #succeed(item: UploadItem, response: unknown): void {
    this.#tries.delete(item.id);
    item.status = 'done';
    item.response = response;
    item.error = undefined;
    this.settle(item);
    this.host.emit('upload-success', { item, response });
  }

  #fail(item: UploadItem, error: UploadError): void {
    item.status = 'error';
    item.error = error;
    item.retryAt = undefined;
    this.settle(item);
    this.host.emit('upload-error', { item, error });
  }

  /** An item reached an end state: release whoever waits for it. */
  settle(item: UploadItem): void {
    this.#run.delete(item.id);
    this.#early.delete(item.id);
    this.checkWaiters();
  }

  checkWaiters(): void {
    const pending = (id: string) => {
      const item = this.#find(id);
      return item !== undefined && !isSettled(item);
    };
    for (const waiter of [...this.#waiters]) {
      if ([...waiter.ids].some(pending)) continue;
      this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
      const items = [...waiter.ids].map((id) => this.#find(id)).filter((item): item is UploadItem => item !== undefined);
      this.host.emit('upload-complete', { items });
      waiter.resolve(items);
    }
  }
}

/** What `loadEngine()` hands the queue. */
export const engine: Engine = { Runner, transports };
