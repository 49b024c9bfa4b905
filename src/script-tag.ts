/**
 * The script-tag build's entry (`dist/chat-file-upload.js`, `dist/chat-file-upload.min.js`): the
 * package entry without the English words whole (`en`), whose error words load with the list;
 * `en` and the other locales are in the npm entries (`chat-file-upload`, `chat-file-upload/locales`).
 */
export { ChatFileUpload, defineChatFileUpload, formatSize } from './index.js';
export type * from './index.js';
