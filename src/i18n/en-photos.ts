/** The English words of prepared photos and of the quality choice: they load with the first photo (`photos.ts`). */
import type { PhotoWords } from './en.js';

export const enPhotos: PhotoWords = {
  reducedToFit: (limit) => `Reduced to fit the server's ${limit} limit`,
  notPrepared: 'Sent as picked: this browser cannot resize photos',
  quality: 'Photo quality',
  qualityStandard: 'Standard',
  qualityHigh: 'High',
  qualityOriginal: 'Original',
};
