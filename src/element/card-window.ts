/**
 * The window of cards for many files (`list.ts` loads it once more cards are shown than it renders
 * without one): only the cards in or near view are rendered — a few dozen of 5,000. A card's size
 * follows `--chat-file-upload-thumb-size` and is the same for every card, so the window is
 * arithmetic: read from one card's laid-out box once per resize of the tray, never per card.
 * Below that count every card is rendered and the styles lay them out (a grid, or one row that
 * scrolls sideways when the tray is narrow), with none of this.
 */

/** The gap between cards (px) and the width below which they stand in one row, as the list's styles lay them out (`list.ts`). */
export const gap = 8;
export const narrowWidth = 420;

/** What the window renders: the cards `start` to `end` of those shown, and the list's style. */
export interface Span {
  start: number;
  end: number;
  style: string;
}

export class CardWindow {
  /** the tray's width */
  #width: number;
  /** how far the tray is scrolled (down, or sideways when narrow) */
  scroll = 0;
  /** a card's width and height (px), read from a card's box (`#measure`) */
  #cardW = 136;
  #cardH = 184;
  /** columns of the grid (all of them in one row when narrow) */
  columns = 1;
  /** what the window was last rendered for (`#fit`) */
  #measured: string;
  /** the first card rendered, and how many cards there are */
  #start = 0;
  #count = 0;
  #tray?: HTMLElement;
  #resize?: ResizeObserver;

  /** From the tray as it is now, all its cards rendered (or the element's width, which stands for it until it is laid out). */
  constructor(
    host: HTMLElement & { readonly renderRoot: ParentNode },
    private readonly changed: () => void,
  ) {
    const tray = host.renderRoot.querySelector<HTMLElement>('.tray');
    this.#width = tray?.clientWidth || host.clientWidth || 600;
    this.#measured = this.#fit();
    if (tray) this.#read(tray);
  }

  get narrow(): boolean {
    return this.#width < narrowWidth;
  }

  /** The tray as rendered: its size is watched, and a first guess of it is put right before the first paint. */
  updated(tray: HTMLElement | undefined): void {
    if (tray === this.#tray) return;
    this.#resize?.disconnect();
    this.#tray = tray;
    if (!tray) return;
    // The next frame renders for the new width: a render inside the observer's callback would
    // change the sizes it reports within the same frame.
    this.#resize ??= new ResizeObserver(([entry]) => {
      const width = entry.contentRect.width;
      requestAnimationFrame(() => this.#measure(width) && this.changed());
    });
    this.#resize.observe(tray);
    if (this.#measure(tray.clientWidth)) this.changed();
  }

  disconnect(): void {
    this.#resize?.disconnect();
    this.#resize = this.#tray = undefined;
  }

  readonly scrolled = (event: Event): void => {
    this.#read(event.currentTarget as HTMLElement);
    if (this.#span(this.#count).start !== this.#start) this.changed();
  };

  /**
   * Takes the tray's width and a card's size as laid out (it follows the thumb size, and a resize
   * of the tray follows it): true when the cards it renders change (their columns, or how many fit
   * a narrow row, or their size).
   */
  #measure(width: number): boolean {
    const card = this.#tray?.querySelector('li');
    this.#width = width || this.#width;
    this.#cardW = card?.offsetWidth || this.#cardW;
    this.#cardH = card?.offsetHeight || this.#cardH;
    const size = this.#fit();
    return size !== this.#measured && !!(this.#measured = size);
  }

  /** What the window of cards follows: the columns (or the cards a narrow row shows) and a card's size. */
  #fit(): string {
    const step = this.#cardW + gap;
    return `${this.narrow ? -Math.ceil(this.#width / step) : Math.floor((this.#width + gap) / step)} ${this.#cardW} ${this.#cardH}`;
  }

  /** The window for `count` cards shown: those in view and a row (or a few cards) either side. */
  render(count: number): Span {
    const span = this.#span((this.#count = count));
    this.#start = span.start;
    return span;
  }

  #span(count: number): Span {
    const stepX = this.#cardW + gap;
    const stepY = this.#cardH + gap;
    if (this.narrow) {
      this.columns = Math.max(1, count);
      const start = Math.max(0, Math.floor(this.scroll / stepX) - 3);
      return { start, end: Math.min(count, start + Math.ceil(this.#width / stepX) + 6), style: `inline-size:${Math.max(0, count * stepX - gap)}px;padding-inline-start:${start * stepX}px` };
    }
    const columns = (this.columns = Math.max(1, Math.floor((this.#width + gap) / stepX)));
    const row = Math.max(0, Math.floor(this.scroll / stepY) - 1);
    const start = row * columns;
    // the two rows in view and one either side
    return {
      start,
      end: Math.min(count, start + 4 * columns),
      style: `grid-template-columns:repeat(${columns},var(--_w));block-size:${Math.max(0, Math.ceil(count / columns) * stepY - gap)}px;padding-block-start:${row * stepY}px`,
    };
  }

  /** Scrolls the card at `index` into the window when it is out of view (its card may not be rendered yet). */
  reveal(index: number): void {
    const tray = this.#tray;
    if (!tray) return;
    const stepX = this.#cardW + gap;
    const stepY = this.#cardH + gap;
    if (this.narrow) {
      const left = index * stepX;
      if (left < this.scroll || left + this.#cardW > this.scroll + tray.clientWidth) {
        tray.scrollLeft = (getComputedStyle(tray).direction === 'rtl' ? -1 : 1) * Math.max(0, left - (tray.clientWidth - this.#cardW) / 2);
      }
    } else {
      const top = Math.floor(index / this.columns) * stepY;
      if (top < tray.scrollTop || top + this.#cardH > tray.scrollTop + tray.clientHeight) tray.scrollTop = top;
    }
    this.#read(tray);
  }

  /** How far the tray is scrolled: down, or sideways (from its inline start) when narrow. */
  #read(tray: HTMLElement): void {
    this.scroll = this.narrow ? Math.abs(tray.scrollLeft) : tray.scrollTop;
  }
}
