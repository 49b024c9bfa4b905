import { describe, expect, it } from 'vitest';
import { decide } from '../../src/core/policy.js';
import { policyInput as input } from '../support/policy.js';

describe('the retry policy: an error and the tries so far say what comes next, without a clock', () => {
  it('rooms.media (posts nothing) is tried again after network drops, timeouts and 5xx, 1 s, 2 s, 4 s apart, then fails', () => {
    for (const init of [{ kind: 'network', unknownOutcome: true }, { kind: 'timeout' }, { kind: 'server', status: 502 }] as const) {
      expect(decide(input(init))).toEqual({ action: 'retry', ms: 1000 });
      expect(decide(input(init, { tries: 2 }))).toEqual({ action: 'retry', ms: 4000 });
      expect(decide(input(init, { tries: 3 }))).toEqual({ action: 'fail', maybePosted: false });
    }
  });

  it('a step that posts is never tried again by itself after a gateway 502/504, a lost answer or a timeout: it may already be posted', () => {
    for (const init of [{ kind: 'server', status: 502 }, { kind: 'server', status: 504 }, { kind: 'server', status: 500 }, { kind: 'network', unknownOutcome: true }, { kind: 'timeout', unknownOutcome: true }] as const) {
      expect(decide(input({ step: 'confirm', ...init }, { posts: true }))).toEqual({ action: 'fail', maybePosted: true });
    }
  });

  it('a step that posts is tried again when the server certainly did not act: never left, 429, 503 with Retry-After', () => {
    expect(decide(input({ kind: 'network' }, { posts: true }))).toEqual({ action: 'retry', ms: 1000 });
    expect(decide(input({ status: 429 }, { posts: true }))).toEqual({ action: 'wait', ms: 1000 });
    expect(decide(input({ status: 503, retryAfter: 6 }, { posts: true }))).toEqual({ action: 'retry', ms: 6000 });
    expect(decide(input({ status: 503 }, { posts: true }))).toEqual({ action: 'fail', maybePosted: true });
  });

  it('a 5xx in the server\'s own words (it says it failed) is not "may be posted", and not tried again by itself when the step posts', () => {
    expect(decide(input({ status: 500, message: 'File upload failed: disk full' }, { posts: true }))).toEqual({ action: 'fail', maybePosted: false });
  });

  it('Retry-After is honoured: never sooner than the server asked', () => {
    expect(decide(input({ status: 429, retryAfter: 6 }))).toEqual({ action: 'wait', ms: 6000 });
    expect(decide(input({ kind: 'timeout', retryAfter: 6 }, { random: 0 }))).toEqual({ action: 'retry', ms: 6000 });
    expect(decide(input({ kind: 'timeout', retryAfter: 6 }, { tries: 3, retries: 5 }))).toEqual({ action: 'retry', ms: 8000 });
  });

  it('a 429 waits as long as the server says, using up no try even with retries 0; after ten waits it fails', () => {
    expect(decide(input({ status: 429, retryAfter: 42 }, { retries: 0, tries: 0 }))).toEqual({ action: 'wait', ms: 42_000 });
    expect(decide(input({ status: 429 }, { retries: 0, waits: 2 }))).toEqual({ action: 'wait', ms: 4000 });
    expect(decide(input({ status: 429, retryAfter: 42 }, { retries: 0, waits: 10 }))).toEqual({ action: 'fail', maybePosted: false });
  });

  it('offline, a request that never left waits for the network, using up no try', () => {
    expect(decide(input({ kind: 'network' }, { online: false, posts: true, tries: 3 }))).toEqual({ action: 'network' });
    // went out whole, then the network dropped: it may be posted
    expect(decide(input({ kind: 'network', unknownOutcome: true }, { online: false, posts: true }))).toEqual({ action: 'fail', maybePosted: true });
  });

  it('a 401 with new credentials is tried again, later each time, at most 3 times; with the same ones the queue waits for credentials', () => {
    const denied = { kind: 'unauthorized', status: 401 } as const;
    expect(decide(input(denied, { freshCredentials: true, retries: 0 }))).toEqual({ action: 'retry', ms: 0 });
    expect(decide(input(denied, { freshCredentials: true, tries: 1 }))).toEqual({ action: 'retry', ms: 1000 });
    expect(decide(input(denied, { freshCredentials: true, tries: 2 }))).toEqual({ action: 'retry', ms: 2000 });
    expect(decide(input(denied, { freshCredentials: true, tries: 3 }))).toEqual({ action: 'credentials' });
    expect(decide(input(denied))).toEqual({ action: 'credentials' });
  });

  it('an answer that is not a chat server\'s is never tried again by itself (the bytes would go up again)', () => {
    expect(decide(input({ kind: 'unexpected', unknownOutcome: true }))).toEqual({ action: 'fail', maybePosted: false });
    expect(decide(input({ kind: 'unexpected', unknownOutcome: true, step: 'confirm' }, { posts: true }))).toEqual({ action: 'fail', maybePosted: true });
  });

  it('4xx answers and aborts end at once', () => {
    expect(decide(input({ kind: 'invalid-file', status: 400 }))).toEqual({ action: 'fail', maybePosted: false });
    expect(decide(input({ kind: 'aborted' }, { posts: true }))).toEqual({ action: 'fail', maybePosted: false });
  });
});
