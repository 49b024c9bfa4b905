/**
 * A card's details: its name, its description (labelled "Alt text" for images in the rooms flow,
 * since Rocket.Chat posts it as `image_alt`), its error and Retry. A chunk of its own, loaded the
 * first time a card is opened.
 */
import { css, html, nothing } from 'lit';
import { allows } from '../core/items.js';
import type { UploadItem } from '../core/types.js';
import { joinWords, type Strings } from '../i18n/en.js';
import { enEditor } from '../i18n/en-editor.js';
import { displayName } from './display-name.js';
import type { RowsHost } from './list.js';

export interface EditorContext {
  strings: Strings;
  /** the flow posts a description with each file */
  describable: boolean;
  /** the description is the image's alt text (rooms) */
  alt: boolean;
  disabled: boolean;
  rename(name: string): boolean;
  describe(text: string): void;
  retry(): void;
  remove(): void;
  close(): void;
}


/** Escape closes; Enter in the name field keeps the name. */
const keys = (ctx: EditorContext) => (event: KeyboardEvent) => {
  if (event.key === 'Escape') {
    event.stopPropagation();
    ctx.close();
  }
};

/** Focus goes to the details once they are on screen: the name field, or a button while it cannot change. */
export function focusIn(host: Pick<RowsHost, 'updateComplete' | 'renderRoot'>): void {
  void host.updateComplete.then(() => host.renderRoot.querySelector<HTMLElement>('.editor input:not(:disabled), .editor button')?.focus());
}

/** The details' styles: the list adds them to its sheet when this code arrives. */
export const styles = css`
  .editor { display: grid; gap: var(--_gap); margin-block-start: var(--_gap); padding: var(--_gap); background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); }
  .editor label { display: grid; gap: 4px; font-size: 0.875em; }
  .editor input { padding: 4px 8px; border: 1px solid var(--_border); border-radius: 4px; background: none; min-block-size: 32px; }
  .editor p { margin: 0; color: var(--_error); overflow-wrap: anywhere; }
  .editor div { display: flex; flex-wrap: wrap; gap: var(--_gap); justify-content: flex-end; }
`;

export function renderEditor(item: UploadItem, ctx: EditorContext) {
  // The details' own English words fall back under the host's.
  const strings = joinWords(enEditor, ctx.strings);
  const label = displayName(item.name);
  const editable = !ctx.disabled && allows.describe(item);
  // The name goes with the bytes (multipart filename) or, once they are up, with the confirm.
  const renamable = editable && item.status !== 'uploading' && item.status !== 'preparing';
  const alt = ctx.alt && item.type.startsWith('image/');
  return html`<div part="editor" class="editor" role="group" aria-label=${strings.details(label)} data-id=${item.id} data-status=${item.status} @keydown=${keys(ctx)}>
    <label>${strings.fileName}
      <input part="file-name" type="text" maxlength="255" .value=${label} ?disabled=${!renamable}
        @change=${(event: Event) => {
          const input = event.target as HTMLInputElement;
          if (!ctx.rename(input.value)) input.value = displayName(item.name);
        }} @keydown=${(event: KeyboardEvent) => event.key === 'Enter' && (event.target as HTMLInputElement).blur()} />
    </label>
    ${ctx.describable
      ? html`<label>${alt ? strings.altText : strings.description}
          <input part="description" type="text" maxlength="5000" placeholder=${alt ? strings.altTextPlaceholder : strings.descriptionPlaceholder}
            .value=${item.description} ?disabled=${!editable}
            @input=${(event: Event) => ctx.describe((event.target as HTMLInputElement).value)} />
        </label>`
      : nothing}
    ${item.error ? html`<p role="alert">${item.error.message}</p>` : nothing}
    <div>
      ${allows.retry(item) && !ctx.disabled ? html`<button type="button" @click=${ctx.retry}>${strings.retry}</button>` : nothing}
      ${allows.remove(item) ? html`<button type="button" @click=${ctx.remove}>${strings.remove}</button>` : nothing}
      <button type="button" part="close-button" @click=${ctx.close}>${strings.close}</button>
    </div>
  </div>`;
}
