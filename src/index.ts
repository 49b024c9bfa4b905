/** Package entry: the element, its types, and `defineChatFileUpload()`. */
import { ChatFileUpload } from './element/chat-file-upload.js';
import './element/events.js';

export { ChatFileUpload };
export { UploadError } from './core/upload-error.js';
export type { UploadErrorKind, UploadStep } from './core/upload-error.js';
export type { ConfirmFields, Flow, Rejection, RejectReason, Restrictions, UploadEvents, UploadItem, UploadStatus } from './core/types.js';
export type { ChatFileUploadEventMap, ChatFileUploadElementEventMap } from './element/events.js';
export type { ChatFileUploadEventProps, ChatFileUploadProperties, ChatFileUploadPropertyName, PartialStrings } from './types-public.js';
export { en, formatSize, type Strings } from './i18n/en.js';

/**
 * Defines `<chat-file-upload>` (or `tag`). Safe to call twice, and after another copy of the
 * module defined it: the first definition stays.
 */
export function defineChatFileUpload(tag = 'chat-file-upload'): void {
  if (!customElements.get(tag)) customElements.define(tag, tag === 'chat-file-upload' ? ChatFileUpload : class extends ChatFileUpload {});
}

defineChatFileUpload();
