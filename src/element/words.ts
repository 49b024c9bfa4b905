/** The words a person reads for an error or a refusal: the core gives kinds, the element words them. */
import type { Rejection, RejectReason, Restrictions } from '../core/types.js';
import type { UploadError } from '../core/upload-error.js';
import { formatSize, wordKey, type Strings } from '../i18n/en.js';

/** Server codes whose own words say nothing to a person (servers.md R16, L3, L8), when it gave none. */
const byCode = new Map<string, keyof Strings['errors']>([
  ['error-message-size-exceeded', 'tooLong'],
  ['error-file-upload-disabled', 'disabled'],
]);

/** Server codes and texts always put in our words: technical, or not in the person's language. */
const always = new Map<string, keyof Strings['errors']>([
  ['file-too-small', 'tooSmall'],
  ['error-not-allowed', 'notAllowed'],
  ['error-direct-message-file-upload-not-allowed', 'directNotAllowed'],
  ['Not enough permission', 'impersonate'],
  ['Custom fields not enabled', 'customFields'],
]);

/**
 * What the person reads for `error`: what may have happened to the post first (R17), then the
 * server's own words (already cut by the core), then ours for the kind.
 */
export function errorWords(error: UploadError, strings: Strings): string {
  const words = strings.errors;
  if (error.kind === 'unexpected') return words.unexpected;
  if (error.kind === 'bad-address') return words.badAddress;
  if (error.code === 'unreachable') return words.unreachable;
  if (error.unknownOutcome && error.step !== 'validate') return error.step === 'confirm' ? words.confirmUnknown : words.maybePosted;
  const fixed = always.get(error.code ?? '') ?? always.get(error.message);
  if (fixed) return words[fixed] as string;
  const coded = byCode.get(error.code ?? '');
  if (coded && !error.message) return words[coded] as string;
  if (error.message) return error.message;
  const said = error.kind === 'server' ? undefined : words[wordKey(error.kind) as keyof Strings['errors']];
  return typeof said === 'string' ? said : words.server(error.status);
}

/** Why a file was not added. */
export function rejectWords(file: File, reason: RejectReason, rules: Restrictions, strings: Strings): Rejection['message'] {
  const say = strings.reject[wordKey(reason) as Exclude<keyof Strings['reject'], 'many'>] as (name: string, limit: string | number) => string;
  return say(file.name, reason === 'too-large' ? formatSize(rules.maxFileSize ?? 0, strings) : (rules.maxFiles ?? 0));
}
