/**
 * Every visible word and announcement of the element. English is built in; other locales are
 * objects of the same shape (a `Partial<Strings>` is enough: missing entries fall back to English).
 * Plurals and anything with a number are functions; sizes are formatted with `Intl`.
 */
import { enDrafts } from './en-drafts.js';
import { enErrors } from './en-errors.js';
import { enList } from './en-list.js';
import { enRecorder } from './en-recorder.js';
import { enEditor } from './en-editor.js';
import { enPhotos } from './en-photos.js';

export interface Strings {
  /** BCP 47 tag used for `Intl` number formatting */
  locale: string;
  dropHint: string;
  dropActive: string;
  browse: string;
  /** visible label of the per-file description field */
  description: string;
  descriptionPlaceholder: string;
  message: string;
  messagePlaceholder: string;
  send: string;
  retry: string;
  retryAll: string;
  cancel: string;
  remove: string;
  /** move a card one place earlier / later in the posting order */
  moveUp: string;
  moveDown: string;
  /** opens a card's details (name, description, error) */
  edit: string;
  /** label of a card's details, e.g. "Details of cat.png" */
  details: (name: string) => string;
  /** the name field in a card's details */
  fileName: string;
  /** rooms: the description of an image, posted as its `image_alt` */
  altText: string;
  altTextPlaceholder: string;
  /** how the tray is used by keyboard (read by screen readers) */
  trayKeys: string;
  /** many files refused at once: the first few names (joined) and how many more */
  notAdded: (names: string, more: number) => string;
  /** the total bar while sending, e.g. "3 of 5 · 12.4 MB of 30 MB" */
  total: (done: number, count: number, sent: string, size: string) => string;
  dismiss: string;
  /** closes the floating panel (`anchor`), and a card's details */
  close: string;
  /** link to the uploaded file (single flow) */
  open: string;
  list: string;
  fileCount: (n: number) => string;
  /** progress bar label, e.g. "Upload of cat.png" */
  progressOf: (name: string) => string;
  status: {
    queued: string;
    /** an image is being made ready to send */
    preparing: string;
    uploading: (percent: number) => string;
    /** every byte is sent; the server has not answered yet */
    processing: string;
    uploaded: string;
    confirming: string;
    done: string;
    error: string;
    canceled: string;
    /** staged, but the browser is offline */
    offline: string;
    /** a 401 stopped the queue until the credentials change */
    paused: string;
    /** an automatic retry is due in `seconds` */
    retrying: (seconds: number) => string;
    /** the server's rate limit (429) holds the next file for `seconds` */
    rateLimited: (seconds: number) => string;
    /** Send was pressed while the server's limits are being read (a moment at most) */
    checking: string;
  };
  /** why a file was not added (client-side checks) */
  reject: {
    empty: (name: string) => string;
    tooLarge: (name: string, limit: string) => string;
    invalidType: (name: string) => string;
    tooMany: (name: string, max: number) => string;
    disabled: (name: string) => string;
    duplicate: (name: string) => string;
    /** many files refused at once (e.g. 1,000 dropped against max-files) */
    many: (n: number) => string;
  };
  /** files and a message kept from before a reload (`persist`) */
  draftFound: (n: number) => string;
  restore: string;
  discard: string;
  /** the draft could not be stored (quota, private mode) */
  draftNotSaved: string;
  /** card note: the photo was reduced to fit the server's limit, e.g. "8 MB" */
  reducedToFit: (limit: string) => string;
  /** card note: the photo goes as picked (no OffscreenCanvas, or no Worker) */
  notPrepared: string;
  /** card note: the photo's code could not download (offline); it is prepared when the network is back */
  preparingOffline: string;
  /** label of the photo quality choice beside Send */
  quality: string;
  qualityStandard: string;
  qualityHigh: string;
  qualityOriginal: string;
  /** the record button (`record="audio"`) */
  record: string;
  /** the running recording's timer, e.g. "0:05" */
  recording: (time: string) => string;
  /** ends the recording and adds it */
  stop: string;
  /** the microphone was refused (by the person or the page's permissions) */
  microphoneDenied: string;
  microphoneMissing: string;
  /** no MediaRecorder or getUserMedia here */
  recordUnsupported: string;
  /** what to say when the server gave no words of its own, by error kind */
  errors: {
    network: string;
    timeout: string;
    aborted: string;
    unauthorized: string;
    forbidden: string;
    tooLarge: string;
    invalidType: string;
    invalidFile: string;
    notFound: string;
    /** the description or message is over the server's limit */
    tooLong: string;
    /** uploads are turned off on the server */
    disabled: string;
    server: (status?: number) => string;
    /** the confirm request went out but its answer was lost: the message may be posted */
    confirmUnknown: string;
    /** a one-step upload (the post) went out but its answer was lost: it may be posted */
    maybePosted: string;
    /** a 2xx answer that is not a chat server's (HTML, empty, another shape), or a redirect */
    unexpected: string;
    /** `upload-url` is not a path on `server-url` */
    badAddress: string;
    /** nothing came back from the chat server (another origin) while online: most often CORS */
    unreachable: string;
    /** the server refused a 0-byte file (`file-too-small`) */
    tooSmall: string;
    /** threads off, a read-only or encrypted room (`error-not-allowed`) */
    notAllowed: string;
    /** no files in direct messages (`FileUpload_Enabled_Direct` off) */
    directNotAllowed: string;
    /** `alias` / `avatar` need the `message-impersonate` permission */
    impersonate: string;
    /** `customFields` need `Message_CustomFields_Enabled` */
    customFields: string;
  };
  /** live-region announcements */
  announce: {
    added: (n: number) => string;
    done: (name: string) => string;
    failed: (name: string, why: string) => string;
  };
  /** "12.3 MB" style units, smallest first */
  units: readonly string[];
}

/** The words of the list and the composer, which load with the list (`en-list.ts`). */
export type ListWords = Pick<Strings, 'description' | 'descriptionPlaceholder' | 'message' | 'messagePlaceholder' | 'send' | 'retry' | 'retryAll' | 'cancel' | 'remove' | 'moveUp' | 'moveDown' | 'edit' | 'trayKeys' | 'notAdded' | 'total' | 'open' | 'list' | 'fileCount' | 'progressOf' | 'preparingOffline'> & {
  status: Omit<Strings['status'], 'queued' | 'offline' | keyof ErrorWords['status']>;
  /** the one error Send itself finds: a text over the server's limit */
  errors: Pick<Strings['errors'], 'tooLong'>;
  announce: Pick<Strings['announce'], 'done'>;
};

/**
 * The words of failures and of what only follows one (a retry's countdown, a rate limit's wait,
 * a 401's pause), which load with the first failure (`en-errors.ts`).
 */
export interface ErrorWords {
  errors: Omit<Strings['errors'], 'tooLong'>;
  status: Pick<Strings['status'], 'retrying' | 'rateLimited' | 'paused'>;
  announce: Pick<Strings['announce'], 'failed'>;
}

/** The words of a card's details, which load with them (`en-editor.ts`). */
export type EditorWords = Pick<Strings, 'details' | 'fileName' | 'altText' | 'altTextPlaceholder'>;

/** The words of prepared photos and of the quality choice, which load with the first photo (`en-photos.ts`). */
export type PhotoWords = Pick<Strings, 'reducedToFit' | 'notPrepared' | 'quality' | 'qualityStandard' | 'qualityHigh' | 'qualityOriginal'>;

/** The words of a draft kept from before a reload, which load with `persist` (`en-drafts.ts`). */
export type DraftWords = Pick<Strings, 'draftFound' | 'restore' | 'discard' | 'draftNotSaved'>;

/** The words of a recording under way, which load with the recorder (`en-recorder.ts`). */
export type RecorderWords = Pick<Strings, 'recording' | 'stop' | 'discard' | 'microphoneDenied' | 'microphoneMissing' | 'recordUnsupported'>;

/** The groups of `Strings` whose entries fall back one by one. */
const groups = ['status', 'reject', 'errors', 'announce'] as const;

/**
 * The words of `parts` over one another, later ones first, group by group: a missing entry (or a
 * group's missing entry) falls back to an earlier part's.
 */
export function joinWords(...parts: readonly object[]): Strings {
  const merged: Record<string, unknown> = Object.assign({}, ...parts);
  for (const group of groups) merged[group] = Object.assign({}, ...parts.map((part) => (part as Record<string, object | undefined>)[group]));
  return merged as unknown as Strings;
}

/** What the first paint needs (the drop zone, the refusals, the files shown while the list loads). */
export const enView: Omit<Strings, keyof ListWords | keyof DraftWords | keyof RecorderWords | keyof EditorWords | keyof PhotoWords> & { status: Pick<Strings['status'], 'queued' | 'offline'>; announce: Pick<Strings['announce'], 'added'> } = {
  locale: 'en',
  dropHint: 'Drop files here, paste, or',
  dropActive: 'Drop to attach',
  browse: 'Browse files',
  record: 'Record a voice message',
  dismiss: 'Dismiss',
  close: 'Close',
  status: {
    queued: 'Ready to send',
    offline: 'Waiting for network…',
  },
  reject: {
    empty: (name) => `${name} is empty (0 bytes) and was not added.`,
    tooLarge: (name, limit) => `${name} is larger than the ${limit} limit and was not added.`,
    invalidType: (name) => `${name} is a type of file that cannot be sent here.`,
    tooMany: (name, max) => `${name} was not added: at most ${max} files at a time.`,
    disabled: (name) => `${name} was not added: file uploads are turned off on this server.`,
    duplicate: (name) => `${name} is already in the list.`,
    many: (n) => `${n} files were not added.`,
  },
  announce: {
    added: (n) => (n === 1 ? '1 file added' : `${n} files added`),
  },
  units: ['B', 'KB', 'MB', 'GB', 'TB'],
};

/**
 * English, whole: the default of every entry, and the base of a partial locale. Made by a call
 * marked pure, so that a bundle that does not use it (the script-tag build) leaves the words of
 * the list, of errors, of drafts and of the recorder to their chunks.
 */
export const en: Strings = /* @__PURE__ */ joinWords(enView, enDrafts, enList, enRecorder, enErrors, enEditor, enPhotos);

/** The entry of `strings.errors` or `strings.reject` that words a kind: `too-large` → `tooLarge`. */
export const wordKey = (kind: string): string => kind.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());

/** Number formats by locale and digits: making one costs far more than using it. */
const formats: Record<string, Intl.NumberFormat> = {};

/**
 * English digits as `Intl.NumberFormat('en')` writes them (one decimal at most, a comma in the
 * thousands), made without it: a page's first Intl number format costs tens of milliseconds.
 */
function english(value: number, digits: number): string {
  return digits ? value.toFixed(digits).replace(/\.0$/, '') : String(Math.round(value)).replace(/\B(?=(\d{3})+$)/g, ',');
}

/** Human size in the locale's digits, e.g. 1536 → "1.5 KB": steps of 1024, one fraction digit. */
export function formatSize(bytes: number, strings: Pick<Strings, 'locale' | 'units'>): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < strings.units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const { locale } = strings;
  const number = locale === 'en' ? english(value, digits) : (formats[locale + digits] ??= new Intl.NumberFormat(locale, { maximumFractionDigits: digits })).format(value);
  return `${number} ${strings.units[unit]}`;
}
