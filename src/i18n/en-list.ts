/** The English words of the list and the composer: they load with the list. */
import type { ListWords } from './en.js';

export const enList: ListWords = {
  description: 'Description',
  descriptionPlaceholder: 'Add a description',
  message: 'Message',
  messagePlaceholder: 'Write a message',
  send: 'Send',
  retry: 'Retry',
  retryAll: 'Retry all',
  cancel: 'Cancel',
  remove: 'Remove',
  moveUp: 'Move earlier',
  moveDown: 'Move later',
  edit: 'Edit',
  trayKeys: 'Arrow keys move between files, Alt+Arrow moves a file, Delete removes it, Enter opens its details',
  notAdded: (names, more) => (more ? `Not added: ${names} and ${more} more.` : `Not added: ${names}.`),
  total: (done, count, sent, size) => `${done} of ${count} · ${sent} of ${size}`,
  open: 'Open',
  list: 'Files to send',
  fileCount: (n) => (n === 1 ? '1 file' : `${n} files`),
  progressOf: (name) => `Upload of ${name}`,
  status: {
    preparing: 'Preparing…',
    uploading: (p) => `Uploading… ${p}%`,
    processing: 'Server is processing…',
    uploaded: 'Uploaded, waiting to post',
    confirming: 'Posting…',
    done: 'Sent',
    error: 'Not sent',
    canceled: 'Canceled',
    checking: 'Checking the server\'s limits…',
  },
  preparingOffline: 'Waiting for the network to prepare this photo',
  errors: {
    // Send checks the text's length against the server's limit before anything goes (R16).
    tooLong: 'The description or message is longer than the server allows.',
  },
  announce: {
    done: (name) => `${name} sent`,
  },
};
