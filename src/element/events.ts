/**
 * The element's events and their `detail` types, for typed listeners. They are typed on the
 * element only: `addEventListener('upload-success', …)` on a `ChatFileUpload` knows the detail,
 * on any other element it is a plain `Event` (no global `HTMLElementEventMap` entry).
 */
import type { UploadEvents } from '../core/types.js';
import type { ChatFileUpload } from './chat-file-upload.js';

export type ChatFileUploadEventMap = { [K in keyof UploadEvents]: CustomEvent<UploadEvents[K]> };

/** Every event a `ChatFileUpload` fires: its own, and those of any HTML element. */
export type ChatFileUploadElementEventMap = HTMLElementEventMap & ChatFileUploadEventMap;

declare module './chat-file-upload.js' {
  interface ChatFileUpload {
    addEventListener<K extends keyof ChatFileUploadElementEventMap>(
      type: K,
      listener: (this: ChatFileUpload, event: ChatFileUploadElementEventMap[K]) => unknown,
      options?: boolean | AddEventListenerOptions,
    ): void;
    addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
    removeEventListener<K extends keyof ChatFileUploadElementEventMap>(
      type: K,
      listener: (this: ChatFileUpload, event: ChatFileUploadElementEventMap[K]) => unknown,
      options?: boolean | EventListenerOptions,
    ): void;
    removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'chat-file-upload': ChatFileUpload;
  }
}
