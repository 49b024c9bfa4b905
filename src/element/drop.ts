/**
 * Drag-and-drop and paste of files. The drop zone's drag events come through `handle`; paste is
 * listened for on the host (it bubbles from the message and description fields too). A larger
 * drop area (`drop-target`) is `drop-target.ts`, loaded where the attribute is set.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement & { dragging: boolean; disabled: boolean };

/** Files of a DataTransfer, or none when it carries something else (text, a row being moved). */
export function filesOf(data: DataTransfer | null): File[] {
  return data ? [...data.files] : [];
}

export class DropController implements ReactiveController {
  #depth = 0;
  readonly #onPaste = (event: ClipboardEvent) => {
    const files = filesOf(event.clipboardData);
    if (!files.length || this.host.disabled) return;
    event.preventDefault();
    this.add(files);
  };

  constructor(
    private readonly host: Host,
    private readonly add: (files: File[]) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('paste', this.#onPaste);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('paste', this.#onPaste);
    this.#depth = 0;
    this.host.dragging = false;
  }

  /** Drag events of the drop zone: a visible state while files are over it, and the drop. */
  readonly handle = (event: DragEvent): void => {
    const types = event.dataTransfer?.types ?? [];
    if (!Array.from(types).includes('Files') && event.type !== 'drop') return;
    event.preventDefault();
    if (this.host.disabled) {
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'none';
      return;
    }
    switch (event.type) {
      case 'dragenter':
        this.#depth++;
        this.host.dragging = true;
        break;
      case 'dragover':
        if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
        this.host.dragging = true;
        break;
      case 'dragleave':
        if (--this.#depth <= 0) {
          this.#depth = 0;
          this.host.dragging = false;
        }
        break;
      case 'drop': {
        this.#depth = 0;
        this.host.dragging = false;
        const files = filesOf(event.dataTransfer);
        if (files.length) this.add(files);
      }
    }
  };
}
