/**
 * Image previews that never block. A row gets its `<img>` source (an object URL of the file) only
 * once it is in or near view, so a few dozen pictures at most are on their way at once, however
 * many files were added; the browser decodes them off the main thread (`decoding="async"`), at
 * the size they are shown, with EXIF orientation honoured. Measured against decoding to a
 * thumbnail with `createImageBitmap` (full-size decodes, 2–3× slower for 200 photos), this wins.
 * An `<img>` never runs script, SVG included. URLs are revoked when the item leaves the list or
 * the element leaves the page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { UploadItem } from '../core/types.js';

/** Types an `<img>` can show, and sound an `<audio>` replays on the card. */
const previewable = /^image\/(png|jpe?g|gif|webp|avif|bmp|svg\+xml|x-icon|vnd\.microsoft\.icon)$|^audio\//;

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: ParentNode; readonly items: readonly UploadItem[] };

export class PreviewController implements ReactiveController {
  #urls = new Map<string, string>();
  #watched = new WeakSet<Element>();
  #observer?: IntersectionObserver;

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  /** The preview URL of an image item whose row has been in view; undefined otherwise. */
  url(item: UploadItem): string | undefined {
    return this.#urls.get(item.id);
  }

  /** Revokes the URLs of items no longer in the list. */
  keep(items: readonly UploadItem[]): void {
    if (!this.#urls.size) return;
    const ids = new Set(items.map((item) => item.id));
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

  hostUpdated(): void {
    // Rows rendered since the last update: watch them come into view.
    this.#observer ??= new IntersectionObserver((entries) => this.#seen(entries), { rootMargin: '200px' });
    for (const row of this.host.renderRoot.querySelectorAll('li[data-id]')) {
      if (this.#watched.has(row)) continue;
      this.#watched.add(row);
      this.#observer.observe(row);
    }
  }

  #seen(entries: IntersectionObserverEntry[]): void {
    let changed = false;
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      this.#observer?.unobserve(entry.target);
      const id = (entry.target as HTMLElement).dataset.id!;
      const item = this.host.items.find((candidate) => candidate.id === id);
      if (!item || !previewable.test(item.type) || this.#urls.has(id)) continue;
      this.#urls.set(id, URL.createObjectURL(item.file));
      changed = true;
    }
    if (changed) this.host.requestUpdate();
  }

  hostDisconnected(): void {
    for (const url of this.#urls.values()) URL.revokeObjectURL(url);
    this.#urls.clear();
    this.#observer?.disconnect();
    this.#observer = undefined;
    this.#watched = new WeakSet();
  }
}
