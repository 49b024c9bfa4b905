/**
 * Every failure becomes one `UploadError` here, at the edge: HTTP answers of the three server
 * flows (servers.md "Reading the words to show a person"), network failure, timeout, abort,
 * redirects, and answers that are not what a chat server sends. The core keeps only the
 * server's own words (cut to a sane length); the element words every kind.
 */
export { UploadError, type UploadErrorInit, type UploadErrorKind, type UploadStep } from './upload-error.js';
import { UploadError, type UploadErrorKind, type UploadStep } from './upload-error.js';

/** A finished HTTP exchange, as `request.ts` reports it. */
export interface HttpAnswer {
  status: number;
  statusText?: string;
  /** the raw text of the body */
  text: string;
  /** the `Content-Type` of the answer, lower case */
  contentType?: string;
  /** `Retry-After` in seconds, when the header was there and readable */
  retryAfter?: number;
  /** the request was redirected (fetch: not followed; XHR: it ended at another address) */
  redirected?: boolean;
}

/** Request-level failures: `request.ts` rejects with these; every HTTP status resolves. */
export class RequestFailure extends Error {
  constructor(
    readonly reason: 'network' | 'timeout' | 'aborted',
    /** true once the whole request may have reached the server (it may have acted on it) */
    readonly sent: boolean,
    /**
     * XHR: no byte of the body went and no answer came while the browser was online — what a
     * refused CORS preflight (or an unreachable server) looks like from the page
     */
    readonly unreachable = false,
  ) {
    super(reason);
    this.name = 'RequestFailure';
  }
}

/** Server text longer than this is cut before it is shown or announced (a 10 MB error body). */
const maxShown = 300;

/** Cuts server text to `maxShown` characters. */
const cut = (text: string): string => (text.length > maxShown ? `${text.slice(0, maxShown)}…` : text);

/** Parses a body as JSON; anything else (HTML, empty, truncated) → undefined. */
export function parseJson(answer: HttpAnswer): unknown {
  const text = answer.text.trim();
  if (!text || (text[0] !== '{' && text[0] !== '[')) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** Server codes that name the error kind (servers.md "kind comes from the status and code"). */
const kindByCode: Record<string, UploadErrorKind> = {
  'error-file-too-large': 'too-large',
  'error-invalid-file-type': 'invalid-type',
  'error-type-not-allowed': 'invalid-type',
  'invalid-file': 'invalid-file',
  'error-no-file': 'invalid-file',
  'error-file-upload-disabled': 'forbidden',
  'file-too-small': 'invalid-file',
  // threads off, a read-only or encrypted room (at confirm, after the bytes are up)
  'error-not-allowed': 'forbidden',
  'error-direct-message-file-upload-not-allowed': 'forbidden',
};

function kindOf(status: number, code: string | undefined): UploadErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (code && Object.hasOwn(kindByCode, code)) return kindByCode[code];
  if (status === 413) return 'too-large';
  if (status === 404) return 'not-found';
  if (status === 400 || status === 422) return 'invalid-file';
  return 'server';
}

/**
 * Rocket.Chat's `"<reason> [<code>]"`: the reason to show and the bracketed code. Read by index,
 * not by a pattern over the whole text: linear in the length, however long the server's text.
 */
function splitReason(error: string): { reason: string; code?: string } {
  const open = error.lastIndexOf('[');
  if (!error.endsWith(']') || open < 0) return { reason: error };
  const code = error.slice(open + 1, -1);
  return /^[\w.-]+$/.test(code) ? { reason: error.slice(0, open).trim(), code } : { reason: error };
}

/** Rocket.Chat's 429 words: "… You must wait 42 seconds before trying this endpoint again." */
function waitFrom(words: string | undefined): number | undefined {
  const match = words && /You must wait (\d{1,6}) seconds/.exec(words.slice(0, 2000));
  return match ? Number(match[1]) : undefined;
}

/**
 * Rocket.Chat's opaque words that say nothing to a person: shown in our own words instead.
 * (`unauthorized` on a 403 means "no access to the room": servers.md R3, R13, L2, L4, L5.)
 */
const opaque = new Set(['unauthorized', 'forbidden', 'error']);

/** Turns a non-2xx HTTP answer into an UploadError (the server's words, if any, cut). */
export function httpError(answer: HttpAnswer, step: UploadStep): UploadError {
  const body = parseJson(answer);
  const status = answer.status;
  let shown: string | undefined;
  let code: string | undefined;
  if (isRecord(body)) {
    // Order of servers.md: `error` (trailing " [code]" stripped), else `reason`, else `message`.
    const error = text(body.error);
    const reason = text(body.reason);
    const message = text(body.message);
    if (error) {
      const split = splitReason(error);
      shown = split.reason || undefined;
      code = text(body.errorType) ?? split.code;
    } else if (reason) {
      code = reason;
      // A bare code (L3, L8) is no sentence: the element puts it in words.
      shown = reason.startsWith('error-') ? undefined : reason;
    } else if (message) {
      shown = message;
    }
  }
  if (shown && opaque.has(shown.toLowerCase())) shown = undefined;
  return new UploadError({
    step,
    kind: kindOf(status, code),
    status,
    code,
    body,
    message: shown ? cut(shown) : '',
    retryAfter: answer.retryAfter ?? (status === 429 ? waitFrom(shown) : undefined),
  });
}

/**
 * A 2xx answer that is not what a chat server sends (a proxy's login page, an empty body,
 * another shape) or a redirect: the file may not be stored, and the server may have acted.
 */
export function unexpected(answer: HttpAnswer | undefined, step: UploadStep): UploadError {
  return new UploadError({ step, kind: 'unexpected', status: answer?.status || undefined, message: '', unknownOutcome: true });
}

/** Turns anything thrown during a step into an UploadError. */
export function toUploadError(failure: unknown, step: UploadStep): UploadError {
  if (failure instanceof UploadError) return failure;
  if (failure instanceof HttpFailure) return httpError(failure.answer, step);
  if (failure instanceof RequestFailure) {
    return new UploadError({ step, kind: failure.reason, code: failure.unreachable ? 'unreachable' : undefined, message: '', unknownOutcome: failure.reason !== 'aborted' && failure.sent });
  }
  if (failure instanceof DOMException && failure.name === 'AbortError') return new UploadError({ step, kind: 'aborted', message: '' });
  // Anything else thrown on the way: the outcome is unknown.
  return new UploadError({ step, kind: 'network', message: '', unknownOutcome: true });
}

/** A non-2xx answer (or a 2xx one whose body says `success: false`), before it is put in words. */
export class HttpFailure extends Error {
  constructor(readonly answer: HttpAnswer) {
    super(`HTTP ${answer.status}`);
    this.name = 'HttpFailure';
  }
}

/**
 * Returns the JSON object of a successful answer. A non-2xx answer (or `success: false`) throws an
 * `HttpFailure`; a redirect, or a 2xx answer that is no JSON object, throws `unexpected`.
 */
export function expectOk(answer: HttpAnswer, step: UploadStep = 'upload'): Record<string, unknown> {
  if (answer.redirected) throw unexpected(answer, step);
  const body = parseJson(answer);
  // A 2xx answer whose body says `success: false` is still a failure (a proxy or an old server).
  const ok = answer.status >= 200 && answer.status < 300 && !(isRecord(body) && body.success === false);
  if (!ok) throw new HttpFailure(answer);
  if (!isRecord(body)) throw unexpected(answer, step);
  return body;
}

/** The body when `proof` holds of it (the flow's shape of success); else `unexpected`. */
export function expectShape(body: Record<string, unknown>, proof: boolean, step: UploadStep): Record<string, unknown> {
  if (!proof) throw unexpected(undefined, step);
  return body;
}

/** An `_id` string: what every stored Rocket.Chat record has. */
export const hasId = (value: unknown): boolean => isRecord(value) && typeof value._id === 'string' && value._id !== '';
