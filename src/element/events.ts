/** The element's events and their `detail` types, for typed listeners. */
import type { UploadEvents } from '../core/types.js';
import type { ChatFileUpload } from './chat-file-upload.js';

export type ChatFileUploadEventMap = { [K in keyof UploadEvents]: CustomEvent<UploadEvents[K]> };

declare global {
  interface HTMLElementEventMap extends ChatFileUploadEventMap {}
  interface HTMLElementTagNameMap {
    'chat-file-upload': ChatFileUpload;
  }
}
