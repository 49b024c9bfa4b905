/**
 * Images made ready to send (issue 15), loaded only when an image is sent: a photo is resized to
 * the chosen quality's longest side, re-encoded without its metadata (no GPS), and reduced step
 * by step to fit the server's limit. The work runs in a few Workers (`parallel`), one image each at a
 * time, started in list order; each job stops with its `AbortSignal`. What it cannot improve is sent as picked.
 *
 * The Worker's source is `work()` as text, in a Blob URL: the same code ships in every build
 * (the one-file build too) without a separate file to serve. A page whose Content-Security-Policy
 * forbids `worker-src blob:` gets the originals, and the card says so.
 */
import type { Restrictions } from '../core/types.js';
import { work, type Done, type Job } from './work.js';

/**
 * The longest side of each quality, in px (0 = the size as picked), and its first encoding
 * quality. `standard` is JPEG at 0.75: on 20 phone photos (4000×3000 to 2048 px, two Workers) it
 * was ready in 1.1 s with 35 % of the bytes, where WebP at 0.8 took 2.9 s (14.8 %) and Uppy's
 * compressor (JPEG 0.8) 3.7 s (39.9 %). `high` keeps 0.8: the HD send is the better one.
 */
export const sides = { standard: 2048, high: 4096, original: 0 } as const;
const qualities = { standard: 0.75, high: 0.8, original: 0.8 } as const;
export type ImageQuality = keyof typeof sides;

/** What preparing one image gave. */
export interface Prepared {
  /** the file to send instead (same stem, the type of its bytes) */
  file?: File;
  /** what the card says: reduced to fit this limit (bytes), or sent as picked (this browser cannot) */
  note?: { fit?: number; unsupported?: boolean };
  /** over the limit and it cannot be made to fit */
  refused?: boolean;
}

/**
 * Images prepared at once, one Worker each: each takes a core while it decodes and encodes, and
 * one core is left to the page: 2 on two or three cores, 3 on four, at most 4. On two cores, one
 * Worker took twice as long as two, and four no less than two (20 phone photos).
 */
const parallel = Math.max(2, Math.min(4, (navigator.hardwareConcurrency || 2) - 1));

/** One Worker per place. */
const workers: (Worker | undefined)[] = [];
let failed = false;
let next = 0;
const pending = new Map<number, (done: Done) => void>();
const waiting: ((slot: number) => void)[] = [];
const busy: boolean[] = [];

function start(slot: number): Worker | undefined {
  if (workers[slot] || failed) return workers[slot];
  try {
    const url = URL.createObjectURL(new Blob([`(${work.toString()})()`], { type: 'text/javascript' }));
    const worker = (workers[slot] = new Worker(url));
    worker.onmessage = (event: MessageEvent<Done>) => {
      pending.get(event.data.id)?.(event.data);
      pending.delete(event.data.id);
    };
    worker.onerror = () => {
      // The Worker could not start (a CSP, say): everything waiting goes as picked.
      failed = true;
      workers.length = 0;
      for (const [id, done] of pending) done({ id, unsupported: true });
      pending.clear();
    };
  } catch {
    failed = true;
  }
  return workers[slot];
}

/** Waits for a free place; places are given in the order asked for (list order). */
function place(): Promise<number> {
  for (let slot = 0; slot < parallel; slot++) {
    if (busy[slot]) continue;
    busy[slot] = true;
    return Promise.resolve(slot);
  }
  return new Promise((go) => waiting.push(go));
}

function free(slot: number): void {
  const go = waiting.shift();
  if (go) go(slot);
  else busy[slot] = false;
}

/** Each prepared file's file as picked: preparing again (another quality) starts from it. */
const originals = new WeakMap<File, File>();

/**
 * Prepares one photo (`isPhoto`: the list asks for nothing else), from the file as picked when
 * `given` was prepared before. Rejects with an
 * AbortError when `signal` aborts (the job leaves the wait, or its Worker is stopped mid-work);
 * resolves with nothing to change when there is nothing to do.
 */
export async function prepare(given: File, options: { quality: ImageQuality; keep: boolean; limit?: number }, signal: AbortSignal): Promise<Prepared> {
  const file = originals.get(given) ?? given;
  // Nothing to do: the file as picked goes (when `given` was prepared with another quality).
  const picked = file === given ? undefined : file;
  const side = sides[options.quality] ?? sides.standard;
  const limit = options.limit && options.limit > 0 ? options.limit : 0;
  if ((side === 0 && options.keep && !(limit && file.size > limit))) return { file: picked };
  // No canvas off the main thread (older browsers): the photo goes as picked, and the card says so.
  if (typeof OffscreenCanvas === 'undefined') return { file: picked, note: { unsupported: true } };
  const aborted = () => new DOMException('The preparation was canceled.', 'AbortError');
  if (signal.aborted) throw aborted();
  const slot = await place();
  try {
    if (signal.aborted) throw aborted();
    const target = start(slot);
    if (!target) return { file: picked, note: { unsupported: true } };
    const id = ++next;
    const done = await new Promise<Done>((resolve, reject) => {
      const stop = () => {
        // The work itself stops: the Worker ends, and the next job starts a fresh one.
        pending.delete(id);
        target.terminate();
        if (workers[slot] === target) workers[slot] = undefined;
        reject(aborted());
      };
      signal.addEventListener('abort', stop, { once: true });
      pending.set(id, (answer) => {
        signal.removeEventListener('abort', stop);
        resolve(answer);
      });
      const job: Job = { id, file, side, limit, keep: options.keep, quality: qualities[options.quality] ?? qualities.standard };
      target.postMessage(job);
    });
    const { fit, unsupported, refused } = done;
    if (done.file) originals.set(done.file, file);
    return { file: done.file ?? picked, refused, note: fit || unsupported ? { fit, unsupported } : undefined };
  } finally {
    free(slot);
  }
}
