import { describe, expect, it } from 'vitest';
import { httpError, RequestFailure, toUploadError, UploadError, expectOk, HttpFailure } from '../../src/core/errors.js';
import { en } from '../../src/i18n/en.js';

const words = en.errors;
const answer = (status: number, body: unknown, contentType = 'application/json') => ({
  status,
  text: typeof body === 'string' ? body : JSON.stringify(body),
  contentType,
});

describe('toUploadError: every error shape of servers.md becomes one UploadError', () => {
  it('a thrown error with a code: the reason is shown without its [code], the code kept', () => {
    const err = httpError(answer(400, { success: false, error: 'File size exceeds the allowed limit [error-file-too-large]', errorType: 'error-file-too-large' }), 'upload', words);
    expect(err).toMatchObject({ kind: 'too-large', status: 400, code: 'error-file-too-large', message: 'File size exceeds the allowed limit', step: 'upload' });
  });

  it('an empty reason ("[invalid-file]") is put in plain words', () => {
    const err = httpError(answer(400, { success: false, error: '[invalid-file]', errorType: 'invalid-file' }), 'confirm', words);
    expect(err).toMatchObject({ kind: 'invalid-file', code: 'invalid-file', message: words.invalidFile, step: 'confirm' });
  });

  it('the bracketed code is read when errorType is missing', () => {
    const err = httpError(answer(400, { success: false, error: 'File type is not accepted. [error-invalid-file-type]' }), 'upload', words);
    expect(err).toMatchObject({ kind: 'invalid-type', code: 'error-invalid-file-type', message: 'File type is not accepted.' });
  });

  it('a Match error (no errorType) is shown as the server wrote it', () => {
    const err = httpError(answer(400, { success: false, error: 'Match error: Unknown key in field tshow' }), 'confirm', words);
    expect(err.message).toBe('Match error: Unknown key in field tshow');
    expect(err.code).toBeUndefined();
  });

  it('a 403 "unauthorized" means no access to the room, said in plain words', () => {
    const err = httpError(answer(403, { success: false, error: 'unauthorized' }), 'upload', words);
    expect(err).toMatchObject({ kind: 'forbidden', status: 403, message: words.forbidden });
  });

  it('the 8.x and the 7.x 401 bodies both mean "log in again"', () => {
    const v8 = httpError(answer(401, { success: false, error: 'You must be logged in to do this.', status: 'error', message: 'You must be logged in to do this.' }), 'upload', words);
    const v7 = httpError(answer(401, { status: 'error', message: 'You must be logged in to do this.' }), 'upload', words);
    for (const err of [v8, v7]) expect(err).toMatchObject({ kind: 'unauthorized', status: 401, message: 'You must be logged in to do this.' });
  });

  it('livechat refusals carry only a reason code: kind from the code, words from us', () => {
    const disabled = httpError(answer(400, { reason: 'error-file-upload-disabled', success: false }), 'upload', words);
    const type = httpError(answer(400, { reason: 'error-type-not-allowed', success: false }), 'upload', words);
    expect(disabled).toMatchObject({ code: 'error-file-upload-disabled', kind: 'forbidden', message: words.disabled });
    expect(type).toMatchObject({ kind: 'invalid-type', code: 'error-type-not-allowed', message: words.invalidType });
  });

  it('single-flow bodies ({error}) are shown as written', () => {
    const err = httpError(answer(403, { error: 'You are not a member of this room' }), 'upload', words);
    expect(err).toMatchObject({ kind: 'forbidden', message: 'You are not a member of this room' });
  });

  it('a rate limit (429) is a transient server error with its words', () => {
    const err = httpError(answer(429, { success: false, error: 'Error, too many requests. Please slow down. [error-too-many-requests]' }), 'upload', words);
    expect(err).toMatchObject({ kind: 'server', code: 'error-too-many-requests', message: 'Error, too many requests. Please slow down.' });
    expect(err.transient).toBe(true);
  });

  it('a proxy HTML page (502, 413) is never shown raw: the status in plain words', () => {
    const bad = httpError(answer(502, '<html><body><h1>502 Bad Gateway</h1></body></html>', 'text/html'), 'upload', words);
    const big = httpError(answer(413, '<html><head><title>413 Request Entity Too Large</title></head></html>', 'text/html'), 'upload', words);
    expect(bad).toMatchObject({ kind: 'server', status: 502, message: words.server(502) });
    expect(big).toMatchObject({ kind: 'too-large', status: 413, message: words.tooLarge });
    expect(bad.message).not.toContain('<');
  });

  it('an empty body, a truncated JSON body and JSON of another shape are put in plain words', () => {
    expect(httpError(answer(500, ''), 'upload', words).message).toBe(words.server(500));
    expect(httpError(answer(500, '{"success":fal'), 'upload', words).message).toBe(words.server(500));
    expect(httpError(answer(500, [1, 2]), 'upload', words).message).toBe(words.server(500));
    expect(httpError(answer(404, { detail: 42 }), 'upload', words)).toMatchObject({ kind: 'not-found', message: words.notFound });
  });

  it('a 2xx answer that says success:false is a failure', () => {
    expect(() => expectOk(answer(200, { success: false, error: 'nope' }))).toThrow(HttpFailure);
    expect(expectOk(answer(200, { success: true, x: 1 }))).toEqual({ success: true, x: 1 });
  });

  it('network failure, timeout and abort: kind, words, and whether the server may have acted', () => {
    const lost = toUploadError(new RequestFailure('network', true), 'confirm', words);
    expect(lost).toMatchObject({ kind: 'network', message: words.network, unknownOutcome: true });
    expect(lost.transient).toBe(true);
    expect(toUploadError(new RequestFailure('network', false), 'upload', words).unknownOutcome).toBe(false);
    expect(toUploadError(new RequestFailure('timeout', true), 'upload', words)).toMatchObject({ kind: 'timeout', message: words.timeout });
    expect(toUploadError(new RequestFailure('aborted', true), 'upload', words)).toMatchObject({ kind: 'aborted', unknownOutcome: false });
    expect(toUploadError(new TypeError('Failed to fetch'), 'upload', words)).toMatchObject({ kind: 'network' });
    const same = new UploadError({ step: 'upload', kind: 'server', message: 'x' });
    expect(toUploadError(same, 'upload', words)).toBe(same);
  });

  it('4xx answers are not transient; 5xx are', () => {
    expect(httpError(answer(400, {}), 'upload', words).transient).toBe(false);
    expect(httpError(answer(503, {}), 'upload', words).transient).toBe(true);
  });
});
