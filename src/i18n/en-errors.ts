/**
 * The English words of failures: loaded with the first one (`error-words.ts`), since a plain
 * upload shows none. The text limit's, which Send checks, loads with the list (`en-list.ts`).
 */
import type { ErrorWords } from './en.js';

const errors: ErrorWords['errors'] = {
  network: 'The connection was lost. Check your network and try again.',
  timeout: 'The upload stopped making progress and was stopped. Try again.',
  aborted: 'The upload was canceled.',
  unauthorized: 'You are not logged in, or your session expired. Log in again and retry.',
  forbidden: 'You are not allowed to send files to this room.',
  tooLarge: 'The file is larger than the server allows.',
  invalidType: 'The server does not accept this type of file.',
  invalidFile: 'The server did not accept this file.',
  notFound: 'The server could not find this room or upload address.',
  disabled: 'File uploads are turned off on this server.',
  server: (status) => (status ? `The server had a problem (error ${status}). Try again later.` : 'The server had a problem. Try again later.'),
  confirmUnknown: 'The file was uploaded, but the answer to posting it was lost: the message may already be in the room. Check the room before you retry.',
  maybePosted: 'The file went out, but the answer was lost: it may already be in the room. Check the room before you retry.',
  unexpected: 'The server\'s answer was not what a chat server sends: the file may not be stored. Check the room before you retry.',
  badAddress: 'The upload address is not a path on the chat server, so nothing was sent.',
  unreachable: 'The chat server could not be reached from this page. Check your network; if it keeps happening, the server may not accept uploads from this website.',
  tooSmall: 'The file is empty: the server takes files of 1 byte or more.',
  notAllowed: 'This room does not take this post: threads may be off, or the room is read-only or encrypted.',
  directNotAllowed: 'Files cannot be sent in direct messages on this server.',
  impersonate: 'You may not post under another name or picture (alias, avatar) on this server.',
  customFields: 'This server does not take custom fields with messages.',
};

export const enErrors: ErrorWords = {
  errors,
  status: {
    paused: 'Waiting for you to log in again',
    retrying: (s) => `Trying again in ${s} s…`,
    rateLimited: (s) => `The server accepts only so many files a minute: the next goes in ${s} s`,
  },
  announce: {
    failed: (name, why) => `${name} not sent: ${why}`,
  },
};
