/** The English words of a draft kept from before a reload: they load with `persist`. */
import type { DraftWords } from './en.js';

export const enDrafts: DraftWords = {
  draftFound: (n) => (n === 1 ? '1 file from before was not sent.' : `${n} files from before were not sent.`),
  restore: 'Restore',
  discard: 'Discard',
  draftNotSaved: 'The draft could not be saved in this browser (storage is full or off); the files stay in the list.',
};
