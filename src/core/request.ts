/**
 * The two ways the element talks to a server. Both resolve for every HTTP status (errors.ts
 * decides what a status means) and reject with a `RequestFailure` only for network failure,
 * timeout and abort.
 */
import { RequestFailure, type HttpAnswer } from './errors.js';

export interface XhrOptions {
  method?: string;
  headers: Record<string, string>;
  body: FormData;
  signal: AbortSignal;
  /** ms without upload progress before the request is given up as a timeout; 0 = never */
  stallTimeout: number;
  onProgress?(loaded: number, total: number): void;
  onStart?(): void;
}

/**
 * Sends bytes with `XMLHttpRequest`, the only browser API with real upload progress.
 * A stall (no progress event for `stallTimeout` ms while the body goes up, or no answer for as
 * long once it is up) aborts the request as a `timeout`: a slow link that still moves is fine.
 */
export function xhr(url: string, options: XhrOptions): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const { signal, stallTimeout } = options;
    if (signal.aborted) return reject(new RequestFailure('aborted', false));
    const request = new XMLHttpRequest();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let bodySent = false;
    let moved = false;
    let failure: RequestFailure['reason'] | undefined;

    const settle = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
    const watch = () => {
      clearTimeout(timer);
      if (stallTimeout > 0) timer = setTimeout(() => giveUp('timeout'), stallTimeout);
    };
    const giveUp = (reason: RequestFailure['reason']) => {
      failure = reason;
      request.abort();
    };
    const onAbort = () => giveUp('aborted');
    const target = new URL(url, location.href).href;

    request.open(options.method ?? 'POST', url);
    for (const [name, value] of Object.entries(options.headers)) request.setRequestHeader(name, value);
    request.upload.onloadstart = () => {
      options.onStart?.();
      watch();
    };
    request.upload.onprogress = (event) => {
      watch();
      moved ||= event.loaded > 0;
      options.onProgress?.(event.loaded, event.lengthComputable ? event.total : 0);
    };
    request.upload.onload = () => {
      // The whole body is out: from here a lost answer may hide a request the server acted on.
      bodySent = true;
      watch();
    };
    request.onload = () => {
      settle();
      resolve({
        status: request.status,
        statusText: request.statusText,
        text: request.responseText,
        contentType: request.getResponseHeader('content-type')?.toLowerCase(),
        retryAfter: retryAfter(request.getResponseHeader('retry-after')),
        // An XHR follows redirects by itself: one that ended elsewhere is reported, never taken
        // for the chat server's answer.
        redirected: Boolean(request.responseURL) && request.responseURL !== target,
      });
    };
    request.onerror = () => {
      settle();
      // A body that never got out whole cannot have been acted on (a refused or cut connection).
      reject(new RequestFailure('network', bodySent, !bodySent && !moved && navigator.onLine !== false));
    };
    request.onabort = () => {
      settle();
      reject(new RequestFailure(failure ?? 'aborted', bodySent));
    };
    signal.addEventListener('abort', onAbort);
    request.send(options.body);
    watch();
  });
}

export interface JsonOptions {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** sent as JSON */
  body?: unknown;
  signal?: AbortSignal;
  /** ms before an unanswered request is given up as a timeout; 0 = never */
  timeout?: number;
}

/** A JSON call by `fetch` (the confirm step, settings). */
export async function json(url: string, options: JsonOptions = {}): Promise<HttpAnswer> {
  const controller = new AbortController();
  let reason: RequestFailure['reason'] = 'aborted';
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort);
  if (options.signal?.aborted) controller.abort();
  const timer = options.timeout
    ? setTimeout(() => {
        reason = 'timeout';
        controller.abort();
      }, options.timeout)
    : undefined;
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    const response = await fetch(url, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: controller.signal,
      // Credentials travel in the flow's own headers only, never in cookies.
      credentials: 'omit',
      // Never from (or waiting on) the HTTP cache: a hung read of the same URL would hold the next.
      cache: 'no-store',
      // A redirect is never followed: the headers (and the token in them) stay with the chat
      // server, and the answer says it was one (`opaqueredirect`) rather than failing like a
      // lost network, as `redirect: 'error'` would.
      redirect: 'manual',
    });
    if (response.type === 'opaqueredirect') return { status: response.status, text: '', redirected: true };
    return {
      status: response.status,
      statusText: response.statusText,
      text: await response.text(),
      contentType: response.headers.get('content-type')?.toLowerCase(),
      retryAfter: retryAfter(response.headers.get('retry-after')),
    };
  } catch {
    // The request may have reached the server before the answer was lost (servers.md R17),
    // unless the browser was offline: then it never left (ERR_INTERNET_DISCONNECTED).
    throw new RequestFailure(controller.signal.aborted ? reason : 'network', controller.signal.aborted || navigator.onLine !== false);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** `Retry-After` in seconds (a number of seconds or an HTTP date); undefined when absent or unreadable. */
function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = /^\d+$/.test(header.trim()) ? Number(header) : (Date.parse(header) - Date.now()) / 1000;
  return Number.isFinite(seconds) ? Math.max(0, Math.min(seconds, 3600)) : undefined;
}

/** Joins the server's base URL and a path; the base may end with a slash. */
export function endpoint(serverUrl: string, path: string): string {
  return serverUrl.replace(/\/+$/, '') + path;
}

/**
 * A path on the chat server and nothing else: `/x`, never `//host/x`, `/\\host`, `@host/x` or
 * a scheme, which would send the credentials to another host.
 */
export const isPath = (path: string): boolean => /^\/(?![/\\])/.test(path) && !/[\s@]/.test(path.split(/[?#]/)[0]);
