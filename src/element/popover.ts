/**
 * The floating panel (`anchor`): the element floats next to its anchor (a composer's attach
 * button), positioned by @floating-ui/dom — loaded on first open, so pages without `anchor`
 * never download it. Clicking the anchor toggles it; Escape and a click outside close it; focus
 * moves in on open and back to the anchor on close.
 */
import type { Placement } from '@floating-ui/dom';
import { css, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { byId } from './by-id.js';

/** The panel's look: it loads with the panel's code, asked for with the first `anchor` (`:host([anchor])` stays in the element's own styles). */
export const panelStyles = css`
  .panel {
    background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); padding: var(--_gap);
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.2); max-block-size: var(--_available, calc(100vh - 16px)); overflow: auto;
  }
`;

type Host = ReactiveControllerHost &
  HTMLElement & { anchor?: string; placement: Placement; open: boolean; hide(): void; toggle(): void; focusFirst(): void };

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
  }

  /** Called before the panel closes: focus goes back to the anchor when it was inside. */
  willClose(): void {
    this.#returnFocus = this.host.matches(':focus-within');
  }

  hostDisconnected(): void {
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
    const place = () =>
      computePosition(anchor, host, {
        placement: host.placement,
        strategy: 'fixed',
        middleware: [
          offset(8),
          flip({ padding: 8 }),
          shift({ padding: 8 }),
          // In a small livechat window the panel shrinks to stay inside the viewport.
          size({ padding: 8, apply: ({ availableHeight }) => host.style.setProperty('--_available', `${Math.max(160, availableHeight)}px`) }),
        ],
      }).then(({ x, y }) => {
        host.style.left = `${x}px`;
        host.style.top = `${y}px`;
      });
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
