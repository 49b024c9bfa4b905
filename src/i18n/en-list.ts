/** The English words of the list and the composer, errors included: they load with the list. */
import { enErrors } from './en-errors.js';
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
  moveUp: 'Move up',
  moveDown: 'Move down',
  open: 'Open',
  list: 'Files to send',
  fileCount: (n) => (n === 1 ? '1 file' : `${n} files`),
  progressOf: (name) => `Upload of ${name}`,
  status: {
    uploading: (p) => `Uploading… ${p}%`,
    uploaded: 'Uploaded, waiting to post',
    confirming: 'Posting…',
    done: 'Sent',
    error: 'Not sent',
    canceled: 'Canceled',
    paused: 'Waiting for you to log in again',
    retrying: (s) => `Trying again in ${s} s…`,
    rateLimited: (s) => `The server accepts only so many files a minute: the next goes in ${s} s`,
    checking: 'Checking the server\'s limits…',
  },
  errors: enErrors,
  announce: {
    done: (name) => `${name} sent`,
    failed: (name, why) => `${name} not sent: ${why}`,
  },
};
