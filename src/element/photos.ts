/**
 * The composer's part for photos (issue 15), loaded with the first photo added: the code that
 * makes photos ready to send (`media/prepare.ts`) and the quality choice beside Send, once for
 * the whole send. A send of other files loads neither.
 */
import { html } from 'lit';
import { enPhotos } from '../i18n/en-photos.js';
import type { Strings } from '../i18n/en.js';
import type { RowsHost } from './list.js';

export { prepare } from '../media/prepare.js';

/** The English words of a prepared photo's note and of the quality choice: the list's, once this code is here. */
export const english = enPhotos;

/** The quality choice: standard, high, or the photos as picked. */
export function quality(host: RowsHost, strings: Strings) {
  return html`<select part="quality" class="quality" aria-label=${strings.quality} title=${strings.quality} .value=${host.imageQuality} ?disabled=${host.disabled}
      @change=${(event: Event) => (host.imageQuality = (event.target as HTMLSelectElement).value as RowsHost['imageQuality'])}>
      <option value="standard">${strings.qualityStandard}</option><option value="high">${strings.qualityHigh}</option><option value="original">${strings.qualityOriginal}</option>
    </select>`;
}
