/**
 * The error words as the list holds them: `error-words.ts` and the English words of errors load on
 * the first failure, before it is worded (`QueueHost.failing`), since a plain upload shows none.
 */
import type { CSSResult } from 'lit';
import type { Binding } from '../core/types.js';
import type { UploadError } from '../core/upload-error.js';
import { joinWords, type Strings } from '../i18n/en.js';

let words: typeof import('./error-words.js') | Promise<void> | undefined;

/**
 * Loads the error words (once), and hands their styles (a failed card's whole error) to `adopt`; a
 * failed download (offline) is tried again at the next failure.
 */
export function loadErrorWords(adopt: (styles: CSSResult) => void): Promise<void> | undefined {
  if (words && !(words instanceof Promise)) return undefined;
  return (words ??= import('./error-words.js').then(
    (loaded) => {
      adopt(loaded.styles);
      words = loaded;
    },
    () => void (words = undefined),
  )) as Promise<void>;
}

/**
 * What the person reads for `error` (`error-words.ts`); `strings` holds the words of failures
 * once they are here (`withFailureWords`). Not loaded (its download failed), the server's words,
 * else the status's.
 */
export function errorWords(error: UploadError, strings: Strings, sentTo?: Pick<Binding, 'serverUrl' | 'uploadUrl'>): string {
  if (!words || words instanceof Promise) return error.message || strings.status.error;
  return words.errorWords(error, strings, sentTo);
}

/** `english` with the English words of failures under it, once the first failure brought them. */
export function withFailureWords<T extends object>(english: T): T {
  if (!words || words instanceof Promise) return english;
  let joined = withWords.get(english);
  if (!joined) withWords.set(english, (joined = joinWords(english, words.english)));
  return joined as T;
}
const withWords = new WeakMap<object, object>();
