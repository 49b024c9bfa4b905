/** The English words of a card's details: they load with the details (`editor.ts`). */
import type { EditorWords } from './en.js';

export const enEditor: EditorWords = {
  details: (name) => `Details of ${name}`,
  fileName: 'Name',
  altText: 'Alt text',
  altTextPlaceholder: 'Describe the image for people who cannot see it',
};
