/**
 * Types that framework wrappers and apps share: the element's settable properties, its events
 * under their framework names, and the shape `strings` accepts.
 */
import type { UploadEvents } from './core/types.js';
import type { Strings } from './i18n/en.js';
import type { ChatFileUpload } from './element/chat-file-upload.js';

/**
 * What `strings` accepts: any entry left out, each group (`status`, `reject`, `errors`,
 * `announce`) partial too. Missing entries fall back to English.
 */
export type PartialStrings = {
  [K in keyof Strings]?: Strings[K] extends (...args: never[]) => unknown
    ? Strings[K]
    : Strings[K] extends readonly unknown[]
      ? Strings[K]
      : Strings[K] extends object
        ? Partial<Strings[K]>
        : Strings[K];
};

/**
 * Every property an app may set, by its camelCase name: the attributes' properties and the
 * properties without an attribute. Wrappers set each of them as a property, never as an attribute.
 */
export const properties = [
  'flow',
  'serverUrl',
  'roomId',
  'threadId',
  'userId',
  'authToken',
  'visitorToken',
  'uploadUrl',
  'accept',
  'maxFileSize',
  'maxFiles',
  'autoUpload',
  'concurrency',
  'postOrder',
  'disabled',
  'stallTimeout',
  'retries',
  'retryDelay',
  'persist',
  'keepSent',
  'imageQuality',
  'keepMetadata',
  'record',
  'capture',
  'anchor',
  'placement',
  'open',
  'dropTarget',
  'pasteTarget',
  'keepOpen',
  'theme',
  'message',
  'confirmFields',
  'strings',
  'headers',
] as const satisfies readonly (keyof ChatFileUpload)[];

export type ChatFileUploadPropertyName = (typeof properties)[number];

/** The settable properties with their types (all optional, as props of a wrapper). */
export type ChatFileUploadProperties = { [K in ChatFileUploadPropertyName]?: ChatFileUpload[K] };

/** The events under their framework names (`onUploadSuccess` for `upload-success`). */
export const eventProps = {
  onFileReject: 'file-reject',
  onUploadBefore: 'upload-before',
  onUploadStart: 'upload-start',
  onUploadProgress: 'upload-progress',
  onUploadSuccess: 'upload-success',
  onUploadError: 'upload-error',
  onUploadComplete: 'upload-complete',
} as const satisfies Record<string, keyof UploadEvents>;

/** `onUploadSuccess`-style handler props, each with its event's `detail` type. */
export type ChatFileUploadEventProps = {
  [P in keyof typeof eventProps]?: (event: CustomEvent<UploadEvents[(typeof eventProps)[P]]>) => void;
};
