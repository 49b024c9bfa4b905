/**
 * The error words as the list holds them: `error-words.ts` and the English words of errors load on
 * the first failure, before it is worded (`QueueHost.failing`), since a plain upload shows none.
 */
import type { UploadError } from '../core/upload-error.js';
import { joinWords, type Strings } from '../i18n/en.js';

let words: typeof import('./error-words.js') | Promise<void> | undefined;

/** Loads the error words (once); a failed download (offline) is tried again at the next failure. */
export function loadErrorWords(): Promise<void> | undefined {
  if (words && !(words instanceof Promise)) return undefined;
  return (words ??= import('./error-words.js').then(
    (loaded) => void (words = loaded),
    () => void (words = undefined),
  )) as Promise<void>;
}

/**
 * What the person reads for `error` (`error-words.ts`), the English words under `strings`. Not
 * loaded (its download failed), the server's words, else the status's.
 */
export function errorWords(error: UploadError, strings: Strings, serverUrl?: string): string {
  if (!words || words instanceof Promise) return error.message || strings.status.error;
  return words.errorWords(error, joinWords(words.english, strings), serverUrl);
}
