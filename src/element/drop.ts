/**
 * Drag-and-drop and paste of files, listened for on the host: the events bubble out of the drop
 * zone, the list and the fields alike, and the first paint binds none of them in the template. A
 * larger drop area (`drop-target`) is `drop-target.ts`, loaded where the attribute is set.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement & { dragging: boolean; disabled: boolean };

/** Files of a DataTransfer, or none when it carries something else (text, a row being moved). */
export function filesOf(data: DataTransfer | null): File[] {
  return data ? [...data.files] : [];
}

/** Listened for on the host: they bubble out of the drop zone, the list and the fields alike. */
const types = ['paste', 'dragenter', 'dragover', 'dragleave', 'drop'];

export class DropController implements ReactiveController {
  #depth = 0;
  readonly #on = (event: DragEvent | ClipboardEvent) => {
    if (event.type !== 'paste') return this.#drag(event as DragEvent);
    const files = filesOf((event as ClipboardEvent).clipboardData);
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
    for (const type of types) this.host.addEventListener(type, this.#on as EventListener);
  }

  hostDisconnected(): void {
    for (const type of types) this.host.removeEventListener(type, this.#on as EventListener);
    this.#depth = 0;
    this.host.dragging = false;
  }

  /** Drag events over the element: a visible state while files are over it, and the drop. */
  #drag(event: DragEvent): void {
    if (!event.dataTransfer?.types.includes('Files') && event.type !== 'drop') return;
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
  }
}
