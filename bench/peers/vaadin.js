// <vaadin-upload>: manual start, posting `file` (no image previews).
import '@vaadin/upload';

let upload;
window.peer = {
  mount(container, { url }) {
    upload = document.createElement('vaadin-upload');
    Object.assign(upload, { target: url, noAuto: true, formDataName: 'file', maxFiles: Infinity });
    container.append(upload);
  },
  // It marks the File objects it sent (`complete`) and skips them later: each add gets fresh ones
  // (same bytes, no copy). Its drop handler is async: wait until they are in its list.
  async add(files) {
    const fresh = files.map((file) => new File([file], file.name, { type: file.type, lastModified: file.lastModified }));
    const data = new DataTransfer();
    for (const file of fresh) data.items.add(file);
    upload.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    while (upload.files.length < fresh.length) await new Promise((r) => setTimeout(r, 5));
  },
  upload() {
    upload.uploadFiles();
    return new Promise((done) => {
      const check = () => (upload.files.every((file) => file.complete || file.error) ? done() : setTimeout(check, 5));
      check();
    });
  },
  clear: () => { upload.files = []; },
  previews: () => [],
};
