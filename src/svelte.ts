/**
 * `chat-file-upload/svelte`: defines the element and types it in Svelte 5 markup (its settings
 * as attributes, its events as `onupload-success`-style attributes, checked by `svelte-check`).
 * Svelte sets each setting as a property, since each has a setter on the element.
 */
import type { HTMLAttributes } from 'svelte/elements';
import type { UploadEvents } from './core/types.js';
import type { ChatFileUpload } from './element/chat-file-upload.js';
import type { ChatFileUploadProperties } from './types-public.js';

export * from './index.js';

/** The attributes Svelte markup may set on `<chat-file-upload>`, events as `onupload-success`. */
export type ChatFileUploadSvelteAttributes = ChatFileUploadProperties & {
  [K in keyof UploadEvents as `on${K}`]?: (event: CustomEvent<UploadEvents[K]>) => void;
} & Omit<HTMLAttributes<ChatFileUpload>, keyof ChatFileUploadProperties>;

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'chat-file-upload': ChatFileUploadSvelteAttributes;
  }
}
