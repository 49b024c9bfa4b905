import { css } from 'lit';

/**
 * Custom properties with their defaults on :host; light and dark by `color-scheme` (`theme`: `auto`
 * follows the OS, `light` and `dark` hold whatever the OS says), each colour a `light-dark()` pair that
 * the page's own custom property overrides; logical properties for RTL. The
 * parts that load after the first paint bring their own (the list's, the drop area's overlay, the draft's offer, the panel's).
 */
export const styles = css`
  :host {
    color-scheme: light dark;
    --_accent: var(--chat-file-upload-accent, #0b5cca);
    --_surface: var(--chat-file-upload-surface, light-dark(#fff, #1f2329));
    --_text: var(--chat-file-upload-text, light-dark(#1f2329, #e4e7ea));
    --_muted: var(--chat-file-upload-muted, light-dark(#5f666d, #9ea2a8));
    --_border: var(--chat-file-upload-border, light-dark(#cbced1, #404754));
    --_error: var(--chat-file-upload-error, light-dark(#c41e2e, #f57685));
    --_success: var(--chat-file-upload-success, light-dark(#0f7a55, #3fb68b));
    --_radius: var(--chat-file-upload-radius, 8px);
    --_gap: var(--chat-file-upload-gap, 8px);
    --_thumb: var(--chat-file-upload-thumb-size, 64px);
    display: block;
    font: var(--chat-file-upload-font, inherit);
    color: var(--_text);
    background: var(--chat-file-upload-background, transparent);
  }
  :host([theme=light]) { color-scheme: light; }
  :host([theme=dark]) { color-scheme: dark; }
  :host([hidden]) { display: none; }
  :host([anchor]) { position: fixed; top: 0; left: 0; z-index: var(--chat-file-upload-z-index, 1000); inline-size: min(400px, calc(100vw - 16px)); }
  :host([anchor]:not([open])) .panel { display: none; }
  :host([disabled]) { opacity: 0.6; }
  * { box-sizing: border-box; }
  button, input, textarea { font: inherit; color: inherit; }
  button {
    cursor: pointer; border: 1px solid var(--_border); background: var(--_surface);
    border-radius: calc(var(--_radius) - 2px); padding: 4px 10px; min-block-size: 32px;
  }
  button:disabled { cursor: default; opacity: 0.5; }
  :focus-visible { outline: 2px solid var(--_accent); outline-offset: 2px; }
  .icon { min-inline-size: 32px; padding: 4px; border-color: transparent; background: none; }
  .dropzone {
    display: flex; flex-wrap: wrap; align-items: center; justify-content: center; gap: var(--_gap);
    padding: calc(var(--_gap) * 1.5); border: 2px dashed var(--_border); border-radius: var(--_radius);
    color: var(--_muted); text-align: center; transition: background-color 0.15s, border-color 0.15s;
  }
  :host([dragging]) .dropzone { border-color: var(--_accent); background: color-mix(in srgb, var(--_accent) 10%, transparent); color: var(--_text); }
  .browse, .send { background: var(--_accent); border-color: var(--_accent); color: #fff; font-weight: 600; }
  .notices { list-style: none; margin: var(--_gap) 0 0; padding: 0; color: var(--_error); font-size: 0.875em; }
  .notices li { display: flex; align-items: center; justify-content: space-between; gap: var(--_gap); }
  .sr-only { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  @media (prefers-reduced-motion: reduce) {
    .dropzone { transition: none; }
  }
`;
