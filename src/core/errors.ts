/**
 * Every failure becomes one `UploadError` here, at the edge: HTTP answers of the three server
 * flows (servers.md "Reading the words to show a person"), network failure, timeout, abort,
 * redirects, and answers that are not what a chat server sends. The core keeps only the
 * server's own words (cut to a sane length); the element words every kind.
 */
export { UploadError, type UploadErrorInit, type UploadErrorKind, type UploadStep } from './upload-error.js';
import { UploadError, type UploadStep } from './upload-error.js';

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

/**
 * A 2xx answer that is not what a chat server sends (a proxy's login page, an empty body,
 * another shape) or a redirect: the file may not be stored, and the server may have acted.
 */
export function unexpected(answer: HttpAnswer | undefined, step: UploadStep): UploadError {
  return new UploadError({ step, kind: 'unexpected', status: answer?.status || undefined, message: '', unknownOutcome: true });
}

/**
 * Turns anything thrown during a step into an UploadError. An HTTP answer's reading
 * (`http-error.ts`) loads with the first one: a plain upload reads none. Should its download fail,
 * the status alone says what happened.
 */
export async function toUploadError(failure: unknown, step: UploadStep): Promise<UploadError> {
  if (failure instanceof HttpFailure) {
    const { answer } = failure;
    return import('./http-error.js').then(
      ({ httpError }) => httpError(answer, step),
      () => new UploadError({ step, kind: answer.status === 401 ? 'unauthorized' : 'server', status: answer.status, message: '', retryAfter: answer.retryAfter }),
    );
  }
  return failureError(failure, step);
}

/** Turns a failure other than an HTTP answer into an UploadError. */
export function failureError(failure: unknown, step: UploadStep): UploadError {
  if (failure instanceof UploadError) return failure;
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
