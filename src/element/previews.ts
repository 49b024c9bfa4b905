/**
 * Image previews: one object URL per image item, made when first shown and revoked when the item
 * leaves the list or the element leaves the page. `<img>` never runs script, SVG included.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { UploadItem } from '../core/types.js';

/** Types an `<img>` can show. */
const previewable = /^image\/(png|jpe?g|gif|webp|avif|bmp|svg\+xml|x-icon|vnd\.microsoft\.icon)$/;

export class PreviewController implements ReactiveController {
  #urls = new Map<string, string>();

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** The preview URL of an item, or undefined for files that are not images. */
  url(item: UploadItem): string | undefined {
    if (!previewable.test(item.type)) return undefined;
    let url = this.#urls.get(item.id);
    if (!url) {
      url = URL.createObjectURL(item.file);
      this.#urls.set(item.id, url);
    }
    return url;
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

  hostConnected(): void {}

  hostDisconnected(): void {
    for (const url of this.#urls.values()) URL.revokeObjectURL(url);
    this.#urls.clear();
  }
}
