import { describe, expect, it } from 'vitest';
import { decide, loadPolicy } from '../../src/core/lazy-policy.js';
import { policyInput as input } from '../support/policy.js';

// One file, one page: the policy's code is not loaded until the second test loads it.
describe('the retry policy, loaded with the first failure', () => {
  it('before its code is here (its download failed offline), a failure is decided the cautious way', () => {
    expect(decide(input({ kind: 'network' }, { online: false }))).toEqual({ action: 'network' });
    expect(decide(input({ kind: 'network', unknownOutcome: true }, { posts: true, online: false }))).toEqual({ action: 'fail', maybePosted: true });
    expect(decide(input({ kind: 'timeout', unknownOutcome: true }, { posts: true }))).toEqual({ action: 'fail', maybePosted: true });
    expect(decide(input({ kind: 'server', status: 502 }))).toEqual({ action: 'fail', maybePosted: false });
    expect(decide(input({ kind: 'aborted' }, { posts: true }))).toEqual({ action: 'fail', maybePosted: false });
  });

  it('once loaded, it decides as policy.ts does: a 5xx of rooms.media is tried again by itself', async () => {
    await loadPolicy();
    expect(loadPolicy()).toBeUndefined();
    expect(decide(input({ kind: 'server', status: 502 }))).toEqual({ action: 'retry', ms: 1000 });
    expect(decide(input({ kind: 'network' }, { online: false }))).toEqual({ action: 'network' });
  });
});
