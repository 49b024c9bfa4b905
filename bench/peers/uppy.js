// Uppy: core + drag-drop + status bar + XHR upload (no previews).
import Uppy from '@uppy/core';
import DragDrop from '@uppy/drag-drop';
import StatusBar from '@uppy/status-bar';
import XHRUpload from '@uppy/xhr-upload';
import '@uppy/core/css/style.min.css';
import '@uppy/drag-drop/css/style.min.css';
import '@uppy/status-bar/css/style.min.css';

let uppy;
window.peer = {
  mount(container, { url }) {
    const drop = document.createElement('div');
    const bar = document.createElement('div');
    container.append(drop, bar);
    uppy = new Uppy({ autoProceed: false }).use(DragDrop, { target: drop }).use(StatusBar, { target: bar }).use(XHRUpload, { endpoint: url, fieldName: 'file', limit: 3 });
  },
  add: (files) => uppy.addFiles(files.map((data) => ({ name: data.name, type: data.type, data, source: 'Local' }))),
  upload: () => uppy.upload(),
  clear: () => uppy.clear(),
  previews: () => [],
};
