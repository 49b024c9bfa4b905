/**
 * `chat-file-upload/vue`: defines the element and types it in Vue templates (props and
 * `@upload-success`-style events, checked by `vue-tsc`). Vue itself sets every camelCase binding
 * (`:threadId`, `:maxFiles`, `:strings`) as a property, since each is an accessor of the element;
 * tell the compiler that `chat-file-upload` is a custom element (`isCustomElement`).
 */
import type { DefineComponent } from 'vue';
import type { ChatFileUploadEventProps, ChatFileUploadProperties } from './types-public.js';

export * from './index.js';

/** The props Vue templates may bind on `<chat-file-upload>`, events as `onUploadSuccess`. */
export type ChatFileUploadVueProps = ChatFileUploadProperties & ChatFileUploadEventProps;

declare module 'vue' {
  interface GlobalComponents {
    'chat-file-upload': DefineComponent<ChatFileUploadVueProps>;
  }
}
