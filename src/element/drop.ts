/**
 * Drag-and-drop and paste of files. The drop zone's drag events come through `handle`; paste is
 * listened for on the host (it bubbles from the message and description fields too).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost &
  HTMLElement & { dragging: boolean; disabled: boolean; dropTarget?: string; overlay?: DOMRect | 'page' };

/** Files of a DataTransfer, or none when it carries something else (text, a row being moved). */
export function filesOf(data: DataTransfer | null): File[] {
  return data ? [...data.files] : [];
}

export class DropController implements ReactiveController {
  #depth = 0;
  #targetDepth = 0;
  #target?: EventTarget;
  readonly #onTarget = (event: Event) => this.#targetDrag(event as DragEvent);
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
    this.#bindTarget(undefined);
  }

  hostUpdated(): void {
    const id = this.host.dropTarget;
    const root = this.host.getRootNode() as Document | ShadowRoot;
    const target = !id || !this.host.isConnected ? undefined : id === 'document' ? document : (root.getElementById?.(id) ?? document.getElementById(id)) ?? undefined;
    if (target !== this.#target) this.#bindTarget(target);
  }

  /** `drop-target`: a larger area (or the whole page) that also takes dropped files. */
  #bindTarget(target: EventTarget | undefined): void {
    for (const type of ['dragenter', 'dragover', 'dragleave', 'drop']) {
      this.#target?.removeEventListener(type, this.#onTarget);
      target?.addEventListener(type, this.#onTarget);
    }
    this.#target = target;
    this.#targetDepth = 0;
    this.host.overlay = undefined;
  }

  #targetDrag(event: DragEvent): void {
    // Drops on the element itself are its drop zone's.
    if (event.composedPath().includes(this.host) || this.host.disabled) return;
    if (!Array.from(event.dataTransfer?.types ?? []).includes('Files')) return;
    event.preventDefault();
    const target = this.#target;
    if (event.type === 'dragenter' || event.type === 'dragover') {
      if (event.type === 'dragenter') this.#targetDepth++;
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
      if (!this.host.overlay) this.host.overlay = target instanceof Element ? target.getBoundingClientRect() : 'page';
      return;
    }
    if (event.type === 'dragleave' && --this.#targetDepth > 0) return;
    this.#targetDepth = 0;
    this.host.overlay = undefined;
    if (event.type === 'drop') {
      const files = filesOf(event.dataTransfer);
      if (files.length) this.add(files);
    }
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
