import { describe, expect, it } from 'vitest';
import { failureError as coreToUploadError, RequestFailure, toUploadError as coreReadFailure, UploadError, expectOk, HttpFailure, type HttpAnswer, type UploadStep } from '../../src/core/errors.js';
import { httpError as coreHttpError } from '../../src/core/http-error.js';

/** Server text is cut to this many characters (and an ellipsis) before it is shown. */
const maxShown = 300;
import { en } from '../../src/i18n/en.js';
import { errorWords } from '../../src/element/error-words.js';

const words = en.errors;
// The core keeps the server's own words; the element words every kind. These read both together.
const worded = (error: UploadError) => error.with({ message: errorWords(error, en) });
const httpError = (a: HttpAnswer, step: UploadStep, _words: unknown) => worded(coreHttpError(a, step));
const toUploadError = (failure: unknown, step: UploadStep, _words: unknown) => worded(coreToUploadError(failure, step));
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

  it('a 200 HTML page, an empty 200, a JSON array and a redirect are not a chat server\'s answer: never taken for success', () => {
    for (const bad of [answer(200, '<html>Log in</html>', 'text/html'), answer(200, ''), answer(200, [1]), { ...answer(200, { success: true }), redirected: true }]) {
      let thrown: unknown;
      try {
        expectOk(bad, 'confirm');
      } catch (failure) {
        thrown = failure;
      }
      expect(worded(thrown as UploadError)).toMatchObject({ kind: 'unexpected', step: 'confirm', unknownOutcome: true, message: words.unexpected });
    }
  });

  it('a 10 MB error text is cut before it is shown', () => {
    const err = httpError(answer(400, { success: false, error: 'x'.repeat(10_000_000) }), 'upload', words);
    expect(err.message.length).toBeLessThanOrEqual(maxShown + 1);
    expect(httpError(answer(400, { success: false, error: 'short' }), 'upload', words).message).toBe('short');
  });

  // Quadratic, as the pattern of before, 1,000,000 characters would take many minutes: the test's time limit fails it.
  it('splitting a reason from its [code] is linear: a 1,000,000-character error does not freeze the page', () => {
    const said = (error: string) => coreHttpError(answer(400, { success: false, error }), 'upload');
    expect(said(`${'a '.repeat(500_000)}x]`).message.length).toBeLessThanOrEqual(maxShown + 1);
    expect(said(`${' '.repeat(1_000_000)}x [error-x]`)).toMatchObject({ message: 'x', code: 'error-x' });
    expect(said(`x${' '.repeat(1_000_000)}[`).code).toBeUndefined();
  });

  it('a 429 says how long to wait, in the body ("You must wait N seconds") or Retry-After', () => {
    const body = { success: false, error: 'Error, too many requests. Please slow down. You must wait 42 seconds before trying this endpoint again. [error-too-many-requests]' };
    expect(coreHttpError(answer(429, body), 'upload').retryAfter).toBe(42);
    expect(coreHttpError({ ...answer(429, {}), retryAfter: 6 }, 'upload').retryAfter).toBe(6);
  });

  it('network failure, timeout and abort: kind, words, and whether the server may have acted', () => {
    const lost = toUploadError(new RequestFailure('network', true), 'confirm', words);
    expect(lost).toMatchObject({ kind: 'network', message: words.confirmUnknown, unknownOutcome: true });
    expect(lost.transient).toBe(true);
    expect(toUploadError(new RequestFailure('network', false), 'upload', words).unknownOutcome).toBe(false);
    expect(toUploadError(new RequestFailure('timeout', false), 'upload', words)).toMatchObject({ kind: 'timeout', message: words.timeout });
    expect(toUploadError(new RequestFailure('aborted', true), 'upload', words)).toMatchObject({ kind: 'aborted', unknownOutcome: false });
    expect(toUploadError(new TypeError('Failed to fetch'), 'upload', words)).toMatchObject({ kind: 'network' });
    const same = new UploadError({ step: 'upload', kind: 'server', message: 'x' });
    expect(coreToUploadError(same, 'upload')).toBe(same);
  });

  it('an HTTP answer thrown by a transport is read with the code that loads with the first one', async () => {
    let thrown: unknown;
    try {
      expectOk(answer(400, { success: false, error: 'File size exceeds the allowed limit [error-file-too-large]' }), 'upload');
    } catch (failure) {
      thrown = failure;
    }
    expect(thrown).toBeInstanceOf(HttpFailure);
    expect(worded(await coreReadFailure(thrown, 'upload'))).toMatchObject({ kind: 'too-large', code: 'error-file-too-large', message: 'File size exceeds the allowed limit' });
    const lost = await coreReadFailure(new RequestFailure('timeout', false), 'upload');
    expect(lost).toMatchObject({ kind: 'timeout' });
  });

  it('4xx answers are not transient; 5xx are', () => {
    expect(httpError(answer(400, {}), 'upload', words).transient).toBe(false);
    expect(httpError(answer(503, {}), 'upload', words).transient).toBe(true);
  });

  it('Rocket.Chat 8.x refusals get words of their own in every locale: file-too-small, error-not-allowed, no files in DMs, Not enough permission, Custom fields not enabled', async () => {
    const locales = await import('../../src/i18n/index.js');
    const cases = [
      [{ success: false, error: 'File size (size = 0) is too small (min = 1) [file-too-small]', errorType: 'file-too-small' }, 'tooSmall', 'invalid-file'],
      [{ success: false, error: 'not-allowed [error-not-allowed]', errorType: 'error-not-allowed' }, 'notAllowed', 'forbidden'],
      [{ success: false, error: 'File sharing not allowed in direct messages. [error-direct-message-file-upload-not-allowed]', errorType: 'error-direct-message-file-upload-not-allowed' }, 'directNotAllowed', 'forbidden'],
      [{ success: false, error: 'Not enough permission' }, 'impersonate', 'invalid-file'],
      [{ success: false, error: 'Custom fields not enabled' }, 'customFields', 'invalid-file'],
    ] as const;
    for (const strings of [locales.en, locales.de, locales.es, locales.fr, locales.ptBR, locales.ar]) {
      for (const [body, key, kind] of cases) {
        const err = coreHttpError(answer(400, body), 'confirm');
        expect(err.kind).toBe(kind);
        expect(errorWords(err, strings)).toBe(strings.errors[key]);
        expect(strings.errors[key]).toMatch(/\S/);
      }
    }
  });

  it('a server code or text that names an Object property is still only words', () => {
    for (const text of ['constructor', 'toString', '__proto__']) {
      const err = coreHttpError(answer(400, { success: false, error: `${text} [${text}]`, errorType: text }), 'upload');
      expect(err.kind).toBe('invalid-file');
      expect(typeof errorWords(err, en)).toBe('string');
    }
  });
});
