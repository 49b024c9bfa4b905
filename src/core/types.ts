/**
 * The one structure that flows through the uploader. Read this file first.
 *
 * Only `items.ts` writes to an item (the queue and the engine call it); everything else reads it.
 */
import type { UploadError } from './upload-error.js';
import type { FlowFeatures } from './flows.js';

export type { UploadError, UploadErrorKind, UploadStep } from './upload-error.js';

/** Which server flow runs (api.md "Flows"). */
export type Flow = 'rooms' | 'livechat' | 'single';

/** Where an item stands. One discriminant; never a combination of flags. */
export type UploadStatus =
  /** staged: waiting for Send (or for a free slot) */
  | 'queued'
  /** an image is being made ready to send (resized, its metadata stripped); nothing is uploaded yet */
  | 'preparing'
  /** bytes are going up */
  | 'uploading'
  /** rooms: bytes accepted (fileId kept); waiting for its turn to confirm */
  | 'uploaded'
  /** rooms: the confirm request is in flight */
  | 'confirming'
  /** the flow finished for this file */
  | 'done'
  /** a try failed and another goes by itself at `retryAt`; `error` says why */
  | 'retrying'
  /** a step failed; `error` says which and why */
  | 'error'
  /** the person stopped it; it can be retried or removed */
  | 'canceled';

export interface UploadItem {
  /** stable key: repeat(), events, persistence */
  readonly id: string;
  /** the native File: never extended, copied or read into memory */
  readonly file: File;
  readonly name: string;
  readonly size: number;
  readonly type: string;
  readonly description: string;
  readonly status: UploadStatus;
  /** bytes of the upload step sent so far */
  readonly loaded: number;
  /** bytes of the upload step in all (the file size until the request knows better) */
  readonly total: number;
  /** rooms: the file ID from step 1; kept so that a retry only confirms */
  readonly fileId?: string;
  /** what the server answered on success */
  readonly response?: unknown;
  /** present exactly when status is 'error' or 'retrying' */
  readonly error?: UploadError;
  /** status 'retrying': when the automatic retry is due (ms since the epoch) */
  readonly retryAt?: number;
  /** what preparing the image did that the card says: reduced to fit the limit, sent as picked, or waiting for the network (its code could not download) */
  readonly note?: { fit?: number; unsupported?: boolean; waiting?: boolean };
}

/**
 * What the person sent to, fixed on the item at Send (or when `auto-upload` starts it): every
 * request of that item — upload, confirm, retries — goes there, whatever the attributes say later.
 */
export interface Binding {
  flow: Flow;
  /** base URL of the chat server, without a trailing slash; '' = same origin */
  serverUrl: string;
  roomId: string;
  threadId?: string;
  /** single flow: path of the endpoint on `serverUrl` */
  uploadUrl: string;
  confirmFields: ConfirmFields;
}

/** The credentials and extra headers, read afresh at every request (so a refreshed token applies). */
export interface Credentials {
  userId?: string;
  authToken?: string;
  visitorToken?: string;
  /** extra headers on every request */
  headers: Record<string, string>;
}

/** Client-side limits; `undefined` means "no limit". */
export interface Restrictions {
  /** like `<input accept>`: MIME types, `type/*` wildcards, `.ext` */
  accept?: string;
  /** bytes; a file of exactly this size passes */
  maxFileSize?: number;
  /** how many items the list may hold */
  maxFiles?: number;
  /** server black list (exact types or `type/*`); checked before the white list */
  blockedTypes?: string[];
  /** server white list; empty or absent = everything not blocked */
  allowedTypes?: string[];
  /** the server refuses every upload */
  uploadsDisabled?: boolean;
  /** JPEG and WebP photos over `maxFileSize` are taken: they are reduced to fit when sent (issue 15) */
  fits?: boolean;
  /** the server refuses uploads in direct messages (`FileUpload_Enabled_Direct` off) */
  directDisabled?: boolean;
  /** the longest message text or description the server takes (`Message_MaxAllowedSize`) */
  maxTextLength?: number;
}

export type RejectReason = 'empty' | 'too-large' | 'invalid-type' | 'too-many' | 'disabled' | 'duplicate';

export interface Rejection {
  file: File;
  reason: RejectReason;
  /** what the person is shown */
  message: string;
}

/** Extra fields passed through to the rooms confirm step (servers.md step 2). */
export interface ConfirmFields {
  alias?: string;
  avatar?: string;
  emoji?: string;
  groupable?: boolean;
  /** an object here; sent to the server as a JSON string (servers.md R15) */
  customFields?: Record<string, unknown>;
}

/** What a transport needs to know: the item's binding and the credentials of this request. */
export interface FlowContext extends Omit<Binding, 'flow' | 'confirmFields'>, Credentials {
  signal?: AbortSignal;
}

/** Context of one request for one item. */
export interface SendContext extends FlowContext {
  signal: AbortSignal;
  /** the message text (rooms: sent with the first confirm only) */
  message?: string;
  confirmFields: ConfirmFields;
  /** ms without upload progress before the request is aborted as a timeout */
  stallTimeout: number;
  /** called as bytes go up */
  onProgress(loaded: number, total: number): void;
  /** called when the first byte leaves */
  onStart(): void;
}

/** What step one answered: the checkpoint (rooms) or the final answer. */
export interface Uploaded {
  /** rooms: the temporary upload's ID */
  fileId?: string;
  /** the parsed body of the answer */
  response: unknown;
  /** rooms: the name the bytes went up under (a later name goes with the confirm) */
  name?: string;
}

/** A plain object per flow. It never touches status, retries, order or events. */
export interface Transport {
  /** Sends the bytes; resolves with the checkpoint (rooms) or the final answer. */
  upload(item: Readonly<UploadItem>, ctx: SendContext): Promise<Uploaded>;
  /** Step two of two-step flows. Called in list order; on retry, called alone. */
  confirm?(item: Readonly<UploadItem>, uploaded: Uploaded, ctx: SendContext): Promise<unknown>;
  /** The limits the server enforces; a failed read means "unknown", never an error. */
  limits?(ctx: FlowContext): Promise<Partial<Restrictions>>;
  /** The flow's credentials as headers (read from the context at each request). */
  authHeaders(ctx: FlowContext): Record<string, string>;
  /** What the UI may offer for this flow. */
  readonly features: FlowFeatures;
}

/** The events of the element, by name, with their `detail` (api.md "Events"). */
export interface UploadEvents {
  /** a file failed a client-side check (or the server's limits, once read); nothing is sent for it */
  'file-reject': Rejection;
  /** before each request; cancelable; a listener may change `headers` (e.g. a refreshed token) */
  'upload-before': { item: UploadItem; headers: Record<string, string> };
  /** the first byte left */
  'upload-start': { item: UploadItem };
  /** at most once per animation frame per item */
  'upload-progress': { item: UploadItem; loaded: number; total: number };
  /** the flow finished for one file (rooms: after the confirm) */
  'upload-success': { item: UploadItem; response: unknown };
  /** one file failed */
  'upload-error': { item: UploadItem; error: UploadError };
  /** everything that one `send()` (or `retry()`) started has settled */
  'upload-complete': { items: UploadItem[] };
}
