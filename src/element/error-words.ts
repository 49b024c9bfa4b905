/**
 * The words a person reads for an error: the core gives kinds, the element words them. Loaded on
 * the first failure, before it is worded (`QueueHost.failing`): a plain upload shows none.
 */
import { css } from 'lit';
import type { Binding } from '../core/types.js';
import type { UploadError } from '../core/upload-error.js';
import { enErrors } from '../i18n/en-errors.js';
import { wordKey, type Strings } from '../i18n/en.js';

/** The English words of failures, which load with this file. */
export const english = enErrors;

/** A failed card shows its whole error while hovered or focused: the preview gives way, the card scrolls. */
export const styles = css`
  [data-status=error]:is(:hover, :focus-within) { overflow-y: auto; scrollbar-width: thin; }
  [data-status=error]:is(:hover, :focus-within) .preview { block-size: 28px; flex: none; }
  [data-status=error]:is(:hover, :focus-within) .error { display: block; }
`;

/** Origins whose refusal the page's developer was told of (once each). */
const warned = new Set<string>();

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
 * What the person reads for `error` of an item sent to `sentTo`: what may have happened to the
 * post first (R17), then the server's own words (already cut by the core), then ours for the kind.
 */
export function errorWords(error: UploadError, strings: Strings, sentTo?: Pick<Binding, 'serverUrl' | 'uploadUrl'>): string {
  const words = strings.errors;
  if (error.code === 'unreachable' && unreachable(sentTo?.serverUrl ?? '')) return words.unreachable;
  if (error.kind === 'unexpected') return words.unexpected;
  if (error.kind === 'bad-address') {
    console.error(`chat-file-upload: upload-url must be a path on server-url (like /api/upload_file), not ${JSON.stringify(sentTo?.uploadUrl)}; nothing was sent.`);
    return words.badAddress;
  }
  if (error.unknownOutcome && error.step !== 'validate') return error.step === 'confirm' ? words.confirmUnknown : words.maybePosted;
  const fixed = always.get(error.code ?? '') ?? always.get(error.message);
  if (fixed) return words[fixed] as string;
  const coded = byCode.get(error.code ?? '');
  if (coded && !error.message) return words[coded] as string;
  if (error.message) return error.message;
  const said = error.kind === 'server' ? undefined : words[wordKey(error.kind) as keyof Strings['errors']];
  return typeof said === 'string' ? said : words.server(error.status);
}

/**
 * Nothing came back from another origin while online: most often the chat server refusing this
 * page's origin (Rocket.Chat's CORS is off by default). Said once to the page's developer; the
 * person is told the server could not be reached. From the same origin it is a lost connection.
 */
function unreachable(serverUrl: string): boolean {
  const origin = new URL(serverUrl || location.href, location.href).origin;
  if (origin === location.origin) return false;
  if (!warned.has(origin)) {
    warned.add(origin);
    console.warn(`chat-file-upload: requests to ${origin} failed before any answer. If the network is fine, the chat server refuses this page's origin: in Rocket.Chat, turn on API_Enable_CORS (Administration > Settings > General > REST API) and add ${location.origin} to API_CORS_Origin.`);
  }
  return true;
}
