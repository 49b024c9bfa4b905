// Dropzone: manual queue, thumbnails on (its default), posting `file`.
import Dropzone from 'dropzone';
import 'dropzone/dist/dropzone.css';

Dropzone.autoDiscover = false;
let dz;
window.peer = {
  mount(container, { url }) {
    const div = document.createElement('div');
    div.className = 'dropzone';
    container.append(div);
    dz = new Dropzone(div, { url, paramName: 'file', autoProcessQueue: false, parallelUploads: 3, maxFilesize: 4096, timeout: 0 });
  },
  add: (files) => files.forEach((file) => dz.addFile(file)),
  upload: () => new Promise((done) => { dz.once('queuecomplete', done); dz.processQueue(); }),
  clear: () => dz.removeAllFiles(true),
  previews: () => [...document.querySelectorAll('.dz-preview')].map((el) => ({ el, ready: Boolean(el.querySelector('.dz-image img')?.getAttribute('src')) })),
};
