// Uppy Dashboard (inline, with its thumbnail generator) + XHR upload.
import Uppy from '@uppy/core';
import Dashboard from '@uppy/dashboard';
import XHRUpload from '@uppy/xhr-upload';
import '@uppy/core/css/style.min.css';
import '@uppy/dashboard/css/style.min.css';

let uppy;
window.peer = {
  mount(container, { url }) {
    uppy = new Uppy({ autoProceed: false }).use(Dashboard, { inline: true, target: container, height: 600 }).use(XHRUpload, { endpoint: url, fieldName: 'file', limit: 3 });
  },
  add: (files) => uppy.addFiles(files.map((data) => ({ name: data.name, type: data.type, data, source: 'Local' }))),
  upload: () => uppy.upload(),
  clear: () => uppy.clear(),
  previews: () => [...document.querySelectorAll('.uppy-Dashboard-Item-preview')].map((el) => {
    const img = el.querySelector('img');
    return { el, ready: Boolean(img && img.complete && img.naturalWidth > 0) };
  }),
};
