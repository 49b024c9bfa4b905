/**
 * The players of sound and video cards: a chunk of its own, loaded with the first such card in
 * view. A video shows its first frame (the browser reads only the file's start, `preload=metadata`)
 * and its length; a sound plays back in place with the browser's own controls, which show its
 * length.
 */
import { css, html } from 'lit';
import type { UploadItem } from '../core/types.js';

/** A video fills the card's preview, its length in a corner; a sound's controls take its width. */
export const styles = css`
  video { inline-size: 100%; block-size: 100%; object-fit: contain; }
  audio { inline-size: 100%; block-size: 32px; }
  .duration { position: absolute; inset-block-end: 2px; inset-inline-start: 4px; padding: 0 4px; border-radius: 4px; background: #000c; color: #fff; font-size: 0.75em; }
`;

/** "1:05" of 65 seconds; "1:02:05" past the hour. */
export function duration(seconds: number): string {
  const s = Math.round(seconds);
  const pad = (n: number) => String(n).padStart(2, '0');
  return s >= 3600 ? `${Math.floor(s / 3600)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}` : `${Math.floor(s / 60)}:${pad(s % 60)}`;
}

/** Writes the length beside the video once its metadata is read: no render of the card for it. */
const measured = (event: Event) => {
  const media = event.target as HTMLMediaElement;
  const label = media.nextElementSibling;
  if (label && Number.isFinite(media.duration)) label.textContent = duration(media.duration);
};

export function player(item: UploadItem, url: string) {
  return item.type.startsWith('video/')
    ? html`<video class="poster" src=${`${url}#t=0.1`} preload="metadata" muted playsinline tabindex="-1" aria-hidden="true" @loadedmetadata=${measured}></video><span part="duration" class="duration"></span>`
    : html`<audio part="replay" class="replay" controls preload="metadata" src=${url} tabindex="-1"></audio>`;
}
