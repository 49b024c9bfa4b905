/**
 * `chat-file-upload/react`: the element as a React component (made with @lit/react). Properties
 * pass through as props; events are `onUploadSuccess`-style props.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import type { UploadEvents } from './core/types.js';
import { ChatFileUpload as ChatFileUploadElement, defineChatFileUpload } from './index.js';

defineChatFileUpload();

const event = <K extends keyof UploadEvents>(name: K) => name as EventName<CustomEvent<UploadEvents[K]>>;

export const ChatFileUpload = createComponent({
  tagName: 'chat-file-upload',
  elementClass: ChatFileUploadElement,
  react: React,
  events: {
    onFileReject: event('file-reject'),
    onUploadBefore: event('upload-before'),
    onUploadStart: event('upload-start'),
    onUploadProgress: event('upload-progress'),
    onUploadSuccess: event('upload-success'),
    onUploadError: event('upload-error'),
    onUploadComplete: event('upload-complete'),
  },
});

export type { ChatFileUploadElement };
export type * from './index.js';
