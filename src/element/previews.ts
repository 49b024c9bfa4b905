/**
 * Previews that never block. A card gets its source (an object URL of the file) only once it is
 * in or near view, so a few dozen pictures at most are on their way at once, however many files
 * were added; the browser decodes them off the main thread (`decoding="async"`), at the size they
 * are shown, with EXIF orientation honoured. Measured against decoding to a thumbnail with
 * `createImageBitmap` (full-size decodes, 2–3× slower for 200 photos), this wins. An `<img>` never
 * runs script, SVG included. Only the cards the tray renders (a window) are watched, and only
 * once each; URLs are revoked when the item leaves the list or the element leaves the page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { UploadItem } from '../core/types.js';

/** Types an `<img>` can show, and sound and video the card plays. */
const previewable = /^image\/(png|jpe?g|gif|webp|avif|bmp|svg\+xml|x-icon|vnd\.microsoft\.icon)$|^audio\/|^video\//;

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: ParentNode; readonly items: readonly UploadItem[] };

export class PreviewController implements ReactiveController {
  #urls = new Map<string, string>();
  /** IDs of cards that have been in or near view */
  #seen = new Set<string>();
  #watched = new WeakSet<Element>();
  #observer?: IntersectionObserver;
  /** the list's length when URLs were last checked against it */
  #count = -1;

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  /** The preview URL of an item whose card has been in view; undefined otherwise. */
  url(item: UploadItem): string | undefined {
    let url = this.#urls.get(item.id);
    if (!url && this.#seen.has(item.id) && previewable.test(item.type)) this.#urls.set(item.id, (url = URL.createObjectURL(item.file)));
    return url;
  }

  /**
   * Revokes the URLs of items no longer in the list. Items only leave the list by making it
   * shorter, so the list is read only when its length changed.
   */
  keep(items: readonly UploadItem[]): void {
    if (items.length === this.#count) return;
    this.#count = items.length;
    if (!this.#urls.size && !this.#seen.size) return;
    const ids = new Set(items.map((item) => item.id));
    for (const id of this.#seen) if (!ids.has(id)) this.#seen.delete(id);
    for (const [id, url] of this.#urls) {
      if (ids.has(id)) continue;
      URL.revokeObjectURL(url);
      this.#urls.delete(id);
    }
  }

  /** How many object URLs are held (for tests of the lifecycle). */
  get size(): number {
    return this.#urls.size;
  }

  /** Watches the cards just rendered (the tray's window: a few dozen at most) come into view. */
  watch(cards: Iterable<Element>): void {
    this.#observer ??= new IntersectionObserver((entries) => this.#inView(entries), { rootMargin: '200px' });
    for (const card of cards) {
      if (this.#watched.has(card)) continue;
      this.#watched.add(card);
      this.#observer.observe(card);
    }
  }

  #inView(entries: IntersectionObserverEntry[]): void {
    let changed = false;
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      this.#observer?.unobserve(entry.target);
      const id = (entry.target as HTMLElement).dataset.id!;
      if (this.#seen.has(id)) continue;
      this.#seen.add(id);
      changed = true;
    }
    if (changed) this.host.requestUpdate();
  }

  hostDisconnected(): void {
    for (const url of this.#urls.values()) URL.revokeObjectURL(url);
    this.#urls.clear();
    this.#seen.clear();
    this.#count = -1;
    this.#observer?.disconnect();
    this.#observer = undefined;
    this.#watched = new WeakSet();
  }
}
