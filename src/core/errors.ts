/**
 * Every failure becomes one `UploadError` here, at the edge: HTTP answers of the three server
 * flows (servers.md "Reading the words to show a person"), network failure, timeout, abort and
 * bodies that are not JSON.
 */
import { wordKey, type Strings } from '../i18n/en.js';

export { UploadError, type UploadErrorInit, type UploadErrorKind, type UploadStep } from './upload-error.js';
import { UploadError, type UploadErrorKind, type UploadStep } from './upload-error.js';

/** The words used when the server gave none. */
export type ErrorWords = Strings['errors'];

/** A finished HTTP exchange, as `request.ts` reports it. */
export interface HttpAnswer {
  status: number;
  statusText?: string;
  /** the raw text of the body */
  text: string;
  /** the `Content-Type` of the answer, lower case */
  contentType?: string;
}

/** Request-level failures: `request.ts` rejects with these; every HTTP status resolves. */
export class RequestFailure extends Error {
  constructor(
    readonly reason: 'network' | 'timeout' | 'aborted',
    /** true once the whole request may have reached the server (it may have acted on it) */
    readonly sent: boolean,
  ) {
    super(reason);
    this.name = 'RequestFailure';
  }
}

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
};

function kindOf(status: number, code: string | undefined): UploadErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (code && kindByCode[code]) return kindByCode[code];
  if (status === 413) return 'too-large';
  if (status === 404) return 'not-found';
  if (status === 400 || status === 422) return 'invalid-file';
  return 'server';
}

function wordsFor(kind: UploadErrorKind, status: number | undefined, words: ErrorWords): string {
  const said = kind === 'server' ? undefined : words[wordKey(kind) as keyof ErrorWords];
  return typeof said === 'string' ? said : words.server(status);
}

/** Rocket.Chat's `"<reason> [<code>]"`: the reason to show and the bracketed code. */
function splitReason(error: string): { reason: string; code?: string } {
  const match = /^(.*?)\s*\[([\w.-]+)\]$/s.exec(error);
  return match ? { reason: match[1].trim(), code: match[2] } : { reason: error };
}

/**
 * Rocket.Chat's opaque words that say nothing to a person: shown in our own words instead.
 * (`unauthorized` on a 403 means "no access to the room": servers.md R3, R13, L2, L4, L5.)
 */
const opaque = new Set(['unauthorized', 'forbidden', 'error']);

/** Turns a non-2xx HTTP answer into an UploadError. */
export function httpError(answer: HttpAnswer, step: UploadStep, words: ErrorWords): UploadError {
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
      // A bare code (L3, L8) is no sentence: put it in words.
      shown = reason === 'error-file-upload-disabled' ? words.disabled : reason.startsWith('error-') ? undefined : reason;
    } else if (message) {
      shown = message;
    }
  }
  const kind = kindOf(status, code);
  if (shown && opaque.has(shown.toLowerCase())) shown = undefined;
  if (!shown && code === 'error-message-size-exceeded') shown = words.tooLong; // R16
  return new UploadError({ step, kind, status, code, body, message: shown ?? wordsFor(kind, status, words) });
}

/** Turns anything thrown during a step into an UploadError. */
export function toUploadError(failure: unknown, step: UploadStep, words: ErrorWords): UploadError {
  if (failure instanceof UploadError) return failure;
  if (failure instanceof HttpFailure) return httpError(failure.answer, step, words);
  if (failure instanceof RequestFailure) {
    return new UploadError({
      step,
      kind: failure.reason,
      message: wordsFor(failure.reason, undefined, words),
      unknownOutcome: failure.reason !== 'aborted' && failure.sent,
    });
  }
  if (failure instanceof DOMException && failure.name === 'AbortError') {
    return new UploadError({ step, kind: 'aborted', message: words.aborted });
  }
  // fetch() rejects with a TypeError for network and CORS failures (status 0).
  return new UploadError({ step, kind: 'network', message: words.network, unknownOutcome: step === 'confirm' });
}

/** A non-2xx answer (or a 2xx one whose body says `success: false`), before it is put in words. */
export class HttpFailure extends Error {
  constructor(readonly answer: HttpAnswer) {
    super(`HTTP ${answer.status}`);
    this.name = 'HttpFailure';
  }
}

/** Returns the parsed body of a successful answer; throws an `HttpFailure` for anything else. */
export function expectOk(answer: HttpAnswer): unknown {
  const body = parseJson(answer);
  // A 2xx answer whose body says `success: false` is still a failure (a proxy or an old server).
  const ok = answer.status >= 200 && answer.status < 300 && !(isRecord(body) && body.success === false);
  if (!ok) throw new HttpFailure(answer);
  return body ?? answer.text;
}
