// FilePond with its image preview plugin: manual processing, posting `file`.
import * as FilePond from 'filepond';
import 'filepond/dist/filepond.min.css';
import ImagePreview from 'filepond-plugin-image-preview';
import 'filepond-plugin-image-preview/dist/filepond-plugin-image-preview.min.css';

FilePond.registerPlugin(ImagePreview);
let pond;
window.peer = {
  mount(container, { url }) {
    const input = document.createElement('input');
    input.type = 'file';
    container.append(input);
    pond = FilePond.create(input, { name: 'file', allowMultiple: true, instantUpload: false, maxParallelUploads: 3, server: { url, process: { url: '', method: 'POST' } } });
  },
  add: (files) => pond.addFiles(files),
  upload: () => pond.processFiles(),
  clear: () => pond.removeFiles(),
  previews: () => [...document.querySelectorAll('.filepond--item')].map((el) => ({ el, ready: Boolean(el.querySelector('.filepond--image-preview canvas, .filepond--image-bitmap canvas')) })),
};
