/**
 * A non-2xx HTTP answer of the three server flows, read into an UploadError (servers.md "Reading
 * the words to show a person"): the kind from the status and code, the server's own words (cut to
 * a sane length), the wait of a 429. Loaded with the first such answer (`toUploadError`).
 */
import { isRecord, parseJson, type HttpAnswer } from './errors.js';
import { UploadError, type UploadErrorKind, type UploadStep } from './upload-error.js';

/** Server text longer than this is cut before it is shown or announced (a 10 MB error body). */
const maxShown = 300;

/** Cuts server text to `maxShown` characters. */
const cut = (text: string): string => (text.length > maxShown ? `${text.slice(0, maxShown)}…` : text);

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
