// <vaadin-upload>: manual start, posting `file` (no image previews).
import '@vaadin/upload';

let upload;
window.peer = {
  mount(container, { url }) {
    upload = document.createElement('vaadin-upload');
    Object.assign(upload, { target: url, noAuto: true, formDataName: 'file', maxFiles: Infinity });
    container.append(upload);
  },
  add(files) {
    const data = new DataTransfer();
    for (const file of files) data.items.add(file);
    upload.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  },
  upload() {
    upload.uploadFiles();
    return new Promise((done) => {
      const check = () => (upload.files.every((file) => file.complete || file.error) ? done() : setTimeout(check, 20));
      check();
    });
  },
  clear: () => { upload.files = []; },
  previews: () => [],
};
