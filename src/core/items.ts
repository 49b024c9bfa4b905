/**
 * The only writer of `UploadItem`s, and what each status allows. The queue (staging) and the
 * engine (sending) change items only through `write()`; the element reads items and asks
 * `allows` what a row may offer.
 */
import type { UploadItem, UploadStatus } from './types.js';

type Fields = { -readonly [K in keyof UploadItem]: UploadItem[K] };

/** Changes an item. A status other than 'error' / 'retrying' takes the error away. */
export function write(item: UploadItem, change: Partial<Fields>): void {
  const fields = item as Fields;
  Object.assign(fields, change);
  if (change.status && change.status !== 'error' && change.status !== 'retrying') fields.error = undefined;
  if (change.status && change.status !== 'retrying') fields.retryAt = undefined;
}

/** A new staged item. */
export function staged(id: string, file: File): UploadItem {
  return { id, file, name: file.name, size: file.size, type: file.type, description: '', status: 'queued', loaded: 0, total: file.size };
}

/** What the person may do with an item in each status. */
export const allows: Record<'cancel' | 'remove' | 'retry' | 'describe' | 'move', (item: UploadItem) => boolean> = {
  /** stop it: its request is aborted; a confirm in flight is left to finish (it may have posted, R17) */
  cancel: (item) => item.status === 'preparing' || item.status === 'uploading' || item.status === 'uploaded' || item.status === 'retrying',
  /** take it out of the list (a confirm in flight finishes first) */
  remove: (item) => item.status !== 'confirming',
  /** try it again from its checkpoint: a file the rules refuse will not pass by trying again */
  retry: (item) => item.status === 'canceled' || (item.status === 'error' && item.error?.step !== 'validate'),
  /** change the description it is posted with */
  describe: (item) => item.status !== 'done' && item.status !== 'confirming',
  /** change its place in the posting order */
  move: (item) => item.status === 'queued' || item.status === 'uploaded',
};

const ends: ReadonlySet<UploadStatus> = new Set(['done', 'error', 'canceled']);

/** An end state: nothing more happens to the item by itself. */
export const isSettled = (item: UploadItem): boolean => ends.has(item.status);
