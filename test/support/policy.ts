/** What the retry policy's tests hand it: an error of the upload step, no tries yet, online. */
import type { PolicyInput } from '../../src/core/policy.js';
import { UploadError, type UploadErrorInit } from '../../src/core/upload-error.js';

export const policyError = (init: Partial<UploadErrorInit>) => new UploadError({ step: 'upload', kind: 'server', message: '', ...init });

/** `init` for the error, `more` for the rest; only types come from the policy's module (it loads lazily). */
export const policyInput = (init: Partial<UploadErrorInit>, more: Partial<PolicyInput> = {}): PolicyInput => ({
  error: policyError(init),
  tries: 0,
  retries: 3,
  base: 1000,
  posts: false,
  online: true,
  random: 0.5,
  ...more,
});
