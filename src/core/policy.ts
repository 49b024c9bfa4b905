/**
 * What happens after a failed try: a pure function of the error and the tries so far, with no
 * clock and no state, so that every rule below is tested alone (test/core/policy.test.ts).
 *
 * Rocket.Chat's confirm is not idempotent (servers.md R17): a step that posts (the rooms confirm,
 * the one-step livechat and single uploads) goes again by itself only when the server certainly
 * did not act — the request never left the browser, the connection was refused or cut before the
 * body was out, or the server said "not done" (429, or 503 with `Retry-After`). Anything else
 * after the request left (a dropped answer, a gateway's 502/504, a timeout, an answer of the
 * wrong shape) may already be posted: only the person tries it again. `rooms.media` posts
 * nothing (it stages a temporary file) and keeps automatic retries of every transient failure.
 */
import type { UploadError } from './upload-error.js';

export interface PolicyInput {
  error: UploadError;
  /** automatic tries already used by this item (401s included) */
  tries: number;
  /** the `retries` setting */
  retries: number;
  /** base of the backoff in ms (`retry-delay`) */
  base: number;
  /** the failed step posts a message (confirm, or a one-step upload) */
  posts: boolean;
  /** the browser says it is online */
  online: boolean;
  /** after a 401: the host handed in credentials other than the refused ones */
  freshCredentials?: boolean;
  /** rate-limit waits already spent by this item (they use up no tries) */
  waits?: number;
  /** 0 ≤ random < 1: the jitter (Math.random() in use, a fixed value in tests) */
  random: number;
}

export type Decision =
  /** try again by itself in `ms` */
  | { action: 'retry'; ms: number }
  /** the server's rate limit (429): the route waits `ms`, then the item goes again, using no try */
  | { action: 'wait'; ms: number }
  /** a 401 with nothing new to try: the queue stops until the credentials change */
  | { action: 'credentials' }
  /** the request never left: wait for the network, using up no try */
  | { action: 'network' }
  /** an end state for the person to act on; `maybePosted`: the server may have posted it */
  | { action: 'fail'; maybePosted: boolean };

/** 401s with new credentials: tried again at most this many times, with backoff (no hot loop). */
const authTries = 3;

/** Rate-limit waits per item before it is given up (ten minutes of Rocket.Chat's 60 s windows). */
const maxWaits = 10;

/**
 * Exponential backoff with jitter: about 1 s, 2 s, 4 s (each × 0.5–1.5) for a base of 1000 ms;
 * never sooner than the server's `Retry-After`.
 */
function backoff(tries: number, base: number, random: number, retryAfter = 0): number {
  return Math.max(base * 2 ** tries * (0.5 + random), retryAfter * 1000);
}

export function decide(input: PolicyInput): Decision {
  const { error, tries, posts } = input;
  if (error.kind === 'aborted') return { action: 'fail', maybePosted: false };
  const answered = error.status !== undefined;
  // Never left the browser (or never got out whole): nothing reached the server.
  const neverLeft = !answered && error.kind === 'network' && !error.unknownOutcome;
  if (neverLeft && !input.online) return { action: 'network' };
  if (error.kind === 'unauthorized') {
    // The server refused before acting; a new token goes again, later each time.
    if (!input.freshCredentials || tries >= authTries) return { action: 'credentials' };
    return { action: 'retry', ms: tries ? backoff(tries - 1, input.base, input.random, error.retryAfter) : 0 };
  }
  // Rocket.Chat's limiter said "not now" (10 calls a minute per route): wait as long as it says
  // ("You must wait N seconds", or Retry-After), else back off; the wait uses up no try.
  if (error.status === 429 && (input.waits ?? 0) < maxWaits) {
    return { action: 'wait', ms: error.retryAfter !== undefined ? error.retryAfter * 1000 : backoff(input.waits ?? 0, input.base, input.random) };
  }
  const notDone = neverLeft || error.status === 429 || (error.status === 503 && error.retryAfter !== undefined);
  // A 5xx in the chat server's own words (S9 "File upload failed: …") says it failed; a bare one
  // (a gateway's page, an empty body) says nothing of what the server behind it did.
  const unknown = error.unknownOutcome || error.kind === 'timeout' || error.kind === 'network' || ((error.status ?? 0) >= 500 && !error.message);
  if (posts && !notDone && unknown) return { action: 'fail', maybePosted: true };
  // An answer of the wrong shape is never taken for a passing fault: the bytes would go up again.
  if (error.kind === 'unexpected') return { action: 'fail', maybePosted: posts };
  const transient = posts ? notDone : error.transient;
  if (!transient || tries >= input.retries) return { action: 'fail', maybePosted: false };
  return { action: 'retry', ms: backoff(tries, input.base, input.random, error.retryAfter) };
}
