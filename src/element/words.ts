/** The words for a file refused by a client-side check (the error words load with the list: `error-words.ts`). */
import type { Rejection, RejectReason, Restrictions } from '../core/types.js';
import { formatSize, wordKey, type Strings } from '../i18n/en.js';

/** Why a file was not added. */
export function rejectWords(file: File, reason: RejectReason, rules: Restrictions, strings: Strings): Rejection['message'] {
  const say = strings.reject[wordKey(reason) as Exclude<keyof Strings['reject'], 'many'>] as (name: string, limit: string | number) => string;
  return say(file.name, reason === 'too-large' ? formatSize(rules.maxFileSize ?? 0, strings) : (rules.maxFiles ?? 0));
}
