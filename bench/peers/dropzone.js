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
  // Dropzone's emitter has no `once`.
  upload: () => new Promise((done) => {
    const complete = () => { dz.off('queuecomplete', complete); done(); };
    dz.on('queuecomplete', complete);
    dz.processQueue();
  }),
  clear: () => dz.removeAllFiles(true),
  previews: () => [...document.querySelectorAll('.dz-preview')].map((el) => ({ el, ready: Boolean(el.querySelector('.dz-image img')?.getAttribute('src')) })),
};
