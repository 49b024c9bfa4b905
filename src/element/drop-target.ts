/**
 * `drop-target`: a larger area (an element by id, or `document` for the whole page) that also
 * takes dropped files, with an overlay over it while files are dragged. `paste-target`: files
 * pasted there (a screenshot pasted into the page's own message box) are added. Loaded where
 * either attribute is set.
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { byId } from './by-id.js';
import { filesOf } from './drop.js';

/** The overlay over the drop area while files are dragged over it. */
export const overlayStyles = css`
  .overlay {
    position: fixed; z-index: var(--chat-file-upload-z-index, 1000); display: grid; place-items: center; pointer-events: none;
    border: 3px dashed var(--_accent); border-radius: var(--_radius); font-weight: 600; color: var(--_accent);
    background: color-mix(in srgb, var(--_surface) 80%, transparent);
  }
`;

type Host = ReactiveControllerHost &
  HTMLElement & { disabled: boolean; dropTarget?: string; pasteTarget?: string; overlay?: DOMRect | 'page' };

export class DropTarget implements ReactiveController {
  #depth = 0;
  #target?: EventTarget;
  #pasteTarget?: EventTarget;
  readonly #onDrag = (event: Event) => this.#drag(event as DragEvent);
  readonly #onPaste = (event: Event) => {
    // A paste into the element itself is its own (drop.ts); text alone stays the page's.
    const files = filesOf((event as ClipboardEvent).clipboardData);
    if (!files.length || this.host.disabled || event.composedPath().includes(this.host)) return;
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
    this.hostUpdated();
  }

  /** The overlay over the area while files are dragged over it, saying `words`. */
  render(words: string) {
    const overlay = this.host.overlay;
    return overlay
      ? html`<div class="overlay" aria-hidden="true"
          style=${overlay === 'page' ? 'inset:0' : `left:${overlay.left}px;top:${overlay.top}px;width:${overlay.width}px;height:${overlay.height}px`}>${words}</div>`
      : nothing;
  }

  hostDisconnected(): void {
    this.#bind(undefined);
    this.#bindPaste(undefined);
  }

  hostUpdated(): void {
    const target = this.#find(this.host.dropTarget);
    if (target !== this.#target) this.#bind(target);
    const paste = this.#find(this.host.pasteTarget);
    if (paste !== this.#pasteTarget) this.#bindPaste(paste);
  }

  #find(id: string | undefined): EventTarget | undefined {
    return !id || !this.host.isConnected ? undefined : id === 'document' ? document : byId(this.host, id);
  }

  #bindPaste(target: EventTarget | undefined): void {
    this.#pasteTarget?.removeEventListener('paste', this.#onPaste);
    target?.addEventListener('paste', this.#onPaste);
    this.#pasteTarget = target;
  }

  #bind(target: EventTarget | undefined): void {
    for (const type of ['dragenter', 'dragover', 'dragleave', 'drop']) {
      this.#target?.removeEventListener(type, this.#onDrag);
      target?.addEventListener(type, this.#onDrag);
    }
    this.#target = target;
    this.#depth = 0;
    this.host.overlay = undefined;
  }

  #drag(event: DragEvent): void {
    // Drops on the element itself are its drop zone's.
    if (event.composedPath().includes(this.host) || this.host.disabled) return;
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    const target = this.#target;
    if (event.type === 'dragenter' || event.type === 'dragover') {
      if (event.type === 'dragenter') this.#depth++;
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
      if (!this.host.overlay) this.host.overlay = target instanceof Element ? target.getBoundingClientRect() : 'page';
      return;
    }
    if (event.type === 'dragleave' && --this.#depth > 0) return;
    this.#depth = 0;
    this.host.overlay = undefined;
    if (event.type === 'drop') {
      const files = filesOf(event.dataTransfer);
      if (files.length) this.add(files);
    }
  }
}
