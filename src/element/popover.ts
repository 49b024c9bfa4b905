/**
 * The floating panel (`anchor`): the element floats next to its anchor (a composer's attach
 * button), positioned by @floating-ui/dom — loaded on first open, so pages without `anchor`
 * never download it. It takes the side of the anchor with room for it (the other side when the
 * preferred one is short), never covers the anchor, and is no taller than that side's room: the
 * list scrolls inside, the drop zone and Send stay in view. Clicking the anchor toggles it; its
 * close button, Escape and a click outside close it, and so does a send that went through
 * (unless `keep-open`); focus moves in on open and back to the anchor on close.
 */
import type { Placement } from '@floating-ui/dom';
import { css, html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { UploadEvents } from '../core/types.js';
import type { Strings } from '../i18n/en.js';
import { byId } from './by-id.js';

/**
 * The panel's look: it loads with the panel's code, asked for with the first `anchor` (`:host([anchor])`
 * stays in the element's own styles). The files scroll; what is around them (the drop zone, the
 * message and Send) stays in view.
 */
export const panelStyles = css`
  .panel {
    position: relative; display: flex; flex-direction: column; gap: var(--_gap);
    background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); padding: var(--_gap);
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.2); max-block-size: var(--_available, calc(100vh - 16px)); overflow: hidden;
  }
  .panel > * { flex-shrink: 0; margin-block: 0; }
  .panel > .tray { flex-shrink: 1; min-block-size: 48px; }
  .panel > [part~='dropzone'] { margin-inline-end: 36px; }
  .close { position: absolute; inset-block-start: var(--_gap); inset-inline-end: 4px; }
`;

type Host = ReactiveControllerHost &
  HTMLElement & { anchor?: string; placement: Placement; open: boolean; keepOpen: boolean; hide(): void; toggle(): void; focusFirst(): void };

export class PopoverController implements ReactiveController {
  #anchor?: HTMLElement;
  #stop?: () => void;
  #wasOpen = false;
  /** whether closing hands focus back to the anchor (not after a click elsewhere) */
  #returnFocus = false;

  readonly #onAnchorClick = () => this.host.toggle();
  readonly #onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.host.open) {
      event.stopPropagation();
      this.host.hide();
    }
  };
  /** A send that went through, every file of it, closes the panel: the conversation is what follows. */
  readonly #onComplete = (event: Event) => {
    const { items } = (event as CustomEvent<UploadEvents['upload-complete']>).detail;
    if (!this.host.open || this.host.keepOpen || !items.length || items.some((item) => item.status !== 'done')) return;
    // Send, disabled while sending, let go of the focus: it goes back to the anchor all the same.
    const lost = document.activeElement === document.body;
    this.host.hide();
    this.#returnFocus ||= lost;
  };
  readonly #onPointer = (event: PointerEvent) => {
    const path = event.composedPath();
    if (this.host.open && !path.includes(this.host) && !(this.#anchor && path.includes(this.#anchor))) {
      this.#returnFocus = false;
      this.host.open = false;
    }
  };

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#bind();
    this.host.addEventListener('upload-complete', this.#onComplete);
  }

  /** The panel's close button. */
  renderClose(strings: Strings) {
    return html`<button type="button" part="close-button" class="icon close" aria-label=${strings.close} title=${strings.close} @click=${() => this.host.hide()}>✕</button>`;
  }

  /** Called before the panel closes: focus goes back to the anchor when it was inside. */
  willClose(): void {
    this.#returnFocus = this.host.matches(':focus-within');
  }

  hostDisconnected(): void {
    this.host.removeEventListener('upload-complete', this.#onComplete);
    this.#unbind();
    this.#close(false);
  }

  hostUpdated(): void {
    const anchor = this.#find();
    if (anchor !== this.#anchor) {
      this.#unbind();
      this.#bind();
    }
    if (this.host.open && this.#anchor && !this.#wasOpen) void this.#openPanel();
    else if ((!this.host.open || !this.#anchor) && this.#wasOpen) this.#close(this.#returnFocus);
  }

  #find(): HTMLElement | undefined {
    const id = this.host.anchor;
    return id && this.host.isConnected ? byId(this.host, id) : undefined;
  }

  #bind(): void {
    this.#anchor = this.#find();
    if (!this.#anchor) return;
    this.#anchor.addEventListener('click', this.#onAnchorClick);
    this.#anchor.setAttribute('aria-haspopup', 'dialog');
    this.#anchor.setAttribute('aria-expanded', String(this.host.open));
    document.addEventListener('keydown', this.#onKey);
    document.addEventListener('pointerdown', this.#onPointer);
  }

  #unbind(): void {
    this.#anchor?.removeEventListener('click', this.#onAnchorClick);
    this.#anchor?.removeAttribute('aria-expanded');
    this.#anchor = undefined;
    document.removeEventListener('keydown', this.#onKey);
    document.removeEventListener('pointerdown', this.#onPointer);
  }

  async #openPanel(): Promise<void> {
    this.#wasOpen = true;
    const anchor = this.#anchor!;
    anchor.setAttribute('aria-expanded', 'true');
    const { autoUpdate, computePosition, flip, offset, shift, size } = await import('@floating-ui/dom');
    if (!this.#wasOpen || this.#anchor !== anchor) return;
    const host = this.host;
    const place = () => {
      // Measured at its full height, so that flip() sees what the panel needs, not what it was given last time.
      host.style.removeProperty('--_available');
      return computePosition(anchor, host, {
        placement: host.placement,
        strategy: 'fixed',
        middleware: [
          offset(8),
          // Neither side fits: the side with the most room (bestFit), where size() then shrinks it.
          flip({ padding: 8, crossAxis: false }),
          shift({ padding: 8 }),
          // No taller than the room on its side of the anchor: it never covers it (the list scrolls inside).
          size({ padding: 8, apply: ({ availableHeight }) => host.style.setProperty('--_available', `${Math.max(0, Math.floor(availableHeight))}px`) }),
        ],
      }).then(({ x, y }) => {
        host.style.left = `${x}px`;
        host.style.top = `${y}px`;
      });
    };
    this.#stop = autoUpdate(anchor, host, () => void place());
    await place();
    host.focusFirst();
  }

  #close(returnFocus: boolean): void {
    if (!this.#wasOpen) return;
    this.#wasOpen = false;
    this.#stop?.();
    this.#stop = undefined;
    this.#anchor?.setAttribute('aria-expanded', 'false');
    if (returnFocus) this.#anchor?.focus();
  }
}
