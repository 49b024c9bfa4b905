/**
 * `persist`: staged files, their descriptions and the message survive a page reload, and are
 * offered back ("Restore" / "Discard"). Loaded only where the attribute is set.
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { clearDraft, loadDraft, saveDraft, type Draft } from '../core/persist.js';
import type { UploadItem } from '../core/types.js';
import type { Strings } from '../i18n/en.js';
import { enDrafts } from '../i18n/en-drafts.js';

/** The offer's styles, which load with it. */
export const draftStyles = css`
  .draft { display: flex; flex-wrap: wrap; align-items: center; gap: var(--_gap); margin-block-start: var(--_gap); font-size: 0.875em; }
  .draft span { flex: 1; }
`;

export interface DraftHost extends ReactiveControllerHost, HTMLElement {
  persist: boolean;
  serverUrl: string;
  flow: string;
  roomId: string;
  message: string;
  readonly items: readonly UploadItem[];
  addFiles(files: File[]): { accepted: UploadItem[] };
}

export class Drafts implements ReactiveController {
  /** the English words of the offer, which load with it */
  readonly english = enDrafts;
  /** a draft found on load, offered back until the person restores or discards it */
  #draft?: Draft;
  #key = '';
  #timer?: ReturnType<typeof setTimeout>;
  /** the last save failed (quota, private mode): said in words; the files stay in the list */
  #failed = false;

  constructor(
    private readonly host: DraftHost,
    /** sets an item's description (the queue's writer) */
    private readonly describe: (id: string, text: string) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#load();
  }

  hostUpdate(): void {
    if (this.host.isConnected) this.#load();
  }

  #keyOf(roomId: string): string {
    return `${this.host.serverUrl || location.origin}|${this.host.flow}|${roomId}`;
  }

  /** Reads the draft of this server, flow and room and offers it back. */
  #load(): void {
    const { host } = this;
    const key = this.#keyOf(host.roomId);
    if (!host.persist || key === this.#key) return;
    this.#key = key;
    this.#draft = undefined;
    void loadDraft(key).then((draft) => {
      if (key !== this.#key || !draft || !(draft.files.length || draft.message)) return;
      this.#draft = draft;
      host.requestUpdate();
    });
  }

  /**
   * Saves what is staged, shortly after the last change, under the room it was staged in. Never a
   * file that is posted or may be (a confirm in flight, an answer lost): offered back, it would
   * be posted twice.
   */
  save(): void {
    const { host } = this;
    if (!host.persist || this.#draft || !this.#key) return;
    clearTimeout(this.#timer);
    const key = this.#key;
    this.#timer = setTimeout(() => {
      if (key !== this.#key) return; // the room changed: its files were kept with `keep()`
      const files = host.items
        .filter((item) => item.status !== 'done' && item.status !== 'confirming' && !item.error?.unknownOutcome)
        .map((item) => ({ file: item.file, description: item.description }));
      this.#write(key, files, host.message);
    }, 300);
  }

  /** The room changed: what was staged in `roomId` is stored as its draft now. */
  keep(roomId: string, files: { file: File; description: string }[], message: string): void {
    if (this.host.persist) this.#write(this.#keyOf(roomId), files, message);
  }

  /** The room's draft came back from memory: the stored one is not offered as well. */
  adopt(): void {
    this.#key = this.#keyOf(this.host.roomId);
    this.#draft = undefined;
  }

  #write(key: string, files: { file: File; description: string }[], message: string): void {
    void saveDraft(key, { files, message, savedAt: Date.now() }).then((saved) => {
      if (saved === !this.#failed) return;
      this.#failed = !saved;
      this.host.requestUpdate();
    });
  }

  #restore(draft: Draft): void {
    const { host } = this;
    this.#draft = undefined;
    const { accepted } = host.addFiles(draft.files.map((entry) => entry.file));
    for (const item of accepted) {
      const entry = draft.files.find((saved) => saved.file === item.file);
      if (entry?.description) this.describe(item.id, entry.description);
    }
    if (draft.message && !host.message) host.message = draft.message;
    host.requestUpdate();
    this.save();
  }

  #discard(): void {
    this.#draft = undefined;
    this.host.requestUpdate();
    void clearDraft(this.#key);
  }

  /** The offer to restore, while there is one. */
  render(strings: Strings) {
    const draft = this.#draft;
    if (!draft) return this.#failed ? html`<p class="draft" role="status">${strings.draftNotSaved}</p>` : nothing;
    const found = strings.draftFound(draft.files.length);
    return html`<div class="draft" role="group" aria-label=${found}>
      <span>${found}</span>
      <button type="button" @click=${() => this.#restore(draft)}>${strings.restore}</button>
      <button type="button" class="secondary" @click=${() => this.#discard()}>${strings.discard}</button>
    </div>`;
  }
}
