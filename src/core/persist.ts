/**
 * Drafts that survive a page reload (the `persist` attribute): staged files with their
 * descriptions and the message text, in IndexedDB, keyed by server, flow and room. Files are
 * stored as they are (IndexedDB keeps `File`s by structured clone), never read into memory here.
 */

export interface DraftFile {
  file: File;
  description: string;
}

export interface Draft {
  files: DraftFile[];
  message: string;
  /** ms since the epoch */
  savedAt: number;
}

const dbName = 'chat-file-upload';
const store = 'drafts';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(dbName, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(store);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run<T>(mode: IDBTransactionMode, action: (objects: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(store, mode);
      const request = action(tx.objectStore(store));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = tx.onabort = () => reject(tx.error ?? request.error);
    });
  } finally {
    db.close();
  }
}

/** Per key, the save waiting for the one in flight: only the latest draft given to it is written. */
const next = new Map<string, { draft: Draft; saved: Promise<boolean> }>();
/** Per key, the save in flight. */
const writing = new Map<string, Promise<unknown>>();

/**
 * Saves the draft; an empty one deletes it. False when storage failed (private mode, quota).
 * Saves of one key go one at a time, in order; those made while one is in flight are one write,
 * of the latest draft (each of them resolves with its outcome).
 */
export function saveDraft(key: string, draft: Draft): Promise<boolean> {
  const waiting = next.get(key);
  if (waiting) {
    waiting.draft = draft;
    return waiting.saved;
  }
  const save = { draft, saved: Promise.resolve(false) };
  save.saved = (writing.get(key) ?? Promise.resolve()).then(() => {
    next.delete(key);
    return put(key, save.draft);
  });
  next.set(key, save);
  const flight = save.saved.finally(() => writing.get(key) === flight && writing.delete(key));
  writing.set(key, flight);
  return save.saved;
}

async function put(key: string, draft: Draft): Promise<boolean> {
  try {
    if (!draft.files.length && !draft.message) await run('readwrite', (objects) => objects.delete(key));
    else await run('readwrite', (objects) => objects.put(draft, key));
    return true;
  } catch {
    return false;
  }
}

/** A stored draft of the right shape: files with their descriptions, and a message text. */
function valid(draft: unknown): draft is Draft {
  const value = draft as Draft | undefined;
  return (
    typeof value === 'object' && value !== null && Array.isArray(value.files) && typeof value.message === 'string' &&
    value.files.every((entry) => typeof entry === 'object' && entry !== null && entry.file instanceof File && typeof entry.description === 'string')
  );
}

/** The stored draft of `key`; a corrupt one is dropped, with a console warning. */
export async function loadDraft(key: string): Promise<Draft | undefined> {
  let draft: unknown;
  try {
    draft = await run<unknown>('readonly', (objects) => objects.get(key));
  } catch {
    return undefined;
  }
  if (draft === undefined || valid(draft)) return draft;
  console.warn(`chat-file-upload: the stored draft of ${key} is not one this element wrote; it was dropped.`);
  await saveDraft(key, { files: [], message: '', savedAt: Date.now() });
  return undefined;
}

export function clearDraft(key: string): Promise<boolean> {
  return saveDraft(key, { files: [], message: '', savedAt: Date.now() });
}
