// Uppy with @uppy/compressor (compressorjs, on the main thread): core + XHR upload, photos
// resized to a longest side of 2048 px like the element's `standard` quality.
import Uppy from '@uppy/core';
import Compressor from '@uppy/compressor';
import XHRUpload from '@uppy/xhr-upload';

let uppy;
window.peer = {
  mount(container, { url }) {
    uppy = new Uppy({ autoProceed: false })
      .use(Compressor, { quality: 0.8, maxWidth: 2048, maxHeight: 2048 })
      .use(XHRUpload, { endpoint: url, fieldName: 'file', limit: 3 });
  },
  add: (files) => uppy.addFiles(files.map((data) => ({ name: data.name, type: data.type, data, source: 'Local' }))),
  upload: () => uppy.upload(),
  clear: () => uppy.clear(),
  previews: () => [],
  /** Resolves when the compressor has prepared every file (its `preprocess-complete` events). */
  ready: (count) => new Promise((resolve) => {
    let done = 0;
    uppy.on('preprocess-complete', () => (++done === count ? resolve() : undefined));
  }),
  /** The bytes of what goes up: each file's data after the compressor. */
  bytes: () => uppy.getFiles().reduce((sum, file) => sum + file.data.size, 0),
};
