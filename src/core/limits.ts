/**
 * The limits a server enforces (size, types, uploads on), read once per server and flow, with an
 * `AbortSignal`: a newer read, or the element leaving for good, stops the one on its way. Send
 * waits for a read at most a moment (`wait`): the bytes go, and the limits apply when they
 * arrive (a file not yet started is still stopped before its bytes are sent).
 */
import type { Restrictions } from './types.js';

export class ServerLimits {
  /** what the server said, once read; empty = unknown */
  value: Partial<Restrictions> = {};
  #key = '';
  #controller?: AbortController;
  #read?: Promise<void>;
  #go?: () => void;

  /** A read is on its way (or waiting for its moment). */
  get reading(): boolean {
    return this.#read !== undefined;
  }

  /**
   * Reads the limits for `key` (once per key; '' = nothing to read) when `later` says, or at
   * once on `now()`; `apply` runs when they arrive.
   */
  read(key: string, load: (signal: AbortSignal) => Promise<Partial<Restrictions> | undefined>, apply: () => void, later: (go: () => void) => void): void {
    if (key === this.#key) return;
    this.stop();
    this.#key = key;
    if (!key) return;
    const controller = (this.#controller = new AbortController());
    const start = new Promise<void>((go) => {
      this.#go = go;
      later(go);
    });
    this.#read = start
      .then(() => load(controller.signal))
      .then((limits) => {
        if (controller.signal.aborted || !limits) return;
        this.value = limits;
        apply();
      })
      .catch(() => undefined) // unknown: the server's own answer is shown after upload
      .finally(() => {
        if (this.#controller === controller) this.#read = undefined;
      });
  }

  /** Starts the waiting read at once (a file was added, or Send pressed). */
  now(): void {
    this.#go?.();
  }

  /** Waits for the read on its way, `ms` at most. */
  wait(ms: number): Promise<void> {
    const read = this.#read;
    this.now();
    return read ? Promise.race([read, new Promise<void>((done) => setTimeout(done, ms))]) : Promise.resolve();
  }

  /** Stops the read on its way and forgets what was read. */
  stop(): void {
    this.#controller?.abort();
    this.#controller = undefined;
    this.#read = undefined;
    this.#go = undefined;
    this.#key = '';
    this.value = {};
  }
}
