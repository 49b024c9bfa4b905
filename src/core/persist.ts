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

/** Saves the draft; an empty one deletes it. Storage failures (private mode, quota) are ignored. */
export async function saveDraft(key: string, draft: Draft): Promise<void> {
  try {
    if (!draft.files.length && !draft.message) await run('readwrite', (objects) => objects.delete(key));
    else await run('readwrite', (objects) => objects.put(draft, key));
  } catch {
    // A draft is a convenience: the page works without it.
  }
}

export async function loadDraft(key: string): Promise<Draft | undefined> {
  try {
    const draft = await run<Draft | undefined>('readonly', (objects) => objects.get(key) as IDBRequest<Draft | undefined>);
    return draft && Array.isArray(draft.files) ? draft : undefined;
  } catch {
    return undefined;
  }
}

export function clearDraft(key: string): Promise<void> {
  return saveDraft(key, { files: [], message: '', savedAt: Date.now() });
}
