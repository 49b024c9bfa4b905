/**
 * Voice messages (`record="audio"`, issue 15), loaded on the first press of the record button:
 * the microphone is asked for only then. A timer runs while recording; Stop adds the recording
 * as a file (`voice-message-<time>.webm`, audio/webm where the browser records it), Discard drops
 * it. The recording is replayed on its card (an `<audio>` preview). A refused microphone is said
 * in plain words. Its words load with it.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { Strings } from '../i18n/en.js';
import { enRecorder } from '../i18n/en-recorder.js';

/** Container types tried in order: the first the browser records is used. */
const types = ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4'];

/** m:ss of a duration in ms. */
const clock = (ms: number) => {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
};

export class Recorder implements ReactiveController {
  /** the English words of a recording: they arrive with it */
  readonly english = enRecorder;
  /** why the last try to record failed, in the person's words */
  error = '';
  #recorder?: MediaRecorder;
  #started = 0;
  #timer?: ReturnType<typeof setInterval>;
  /** Stop (keep) or Discard (drop) */
  #keep = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly add: (file: File) => void,
  ) {
    host.addController(this);
  }

  /** A recording is under way. */
  get recording(): boolean {
    return this.#recorder !== undefined;
  }

  /** Asks for the microphone and starts recording. */
  async start(strings: Strings): Promise<void> {
    if (this.#recorder) return;
    this.error = '';
    const media = navigator.mediaDevices;
    if (!media?.getUserMedia || typeof MediaRecorder === 'undefined') {
      this.error = strings.recordUnsupported;
      return this.host.requestUpdate();
    }
    let stream: MediaStream;
    try {
      stream = await media.getUserMedia({ audio: true });
    } catch (failure) {
      const name = (failure as DOMException).name;
      this.error = name === 'NotAllowedError' || name === 'SecurityError' ? strings.microphoneDenied : strings.microphoneMissing;
      return this.host.requestUpdate();
    }
    const type = types.find((candidate) => MediaRecorder.isTypeSupported(candidate));
    const recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
    const chunks: Blob[] = [];
    recorder.ondataavailable = (event) => event.data.size && chunks.push(event.data);
    recorder.onstop = () => {
      for (const track of stream.getTracks()) track.stop();
      const base = (recorder.mimeType || type || 'audio/webm').split(';')[0];
      const extension = base === 'audio/mp4' ? 'm4a' : base.split('/')[1];
      const stamp = new Date().toISOString().slice(0, 19).replace(/:/g, '-');
      if (this.#keep && chunks.length) this.add(new File(chunks, `voice-message-${stamp}.${extension}`, { type: base }));
    };
    this.#recorder = recorder;
    this.#started = Date.now();
    recorder.start(250);
    this.#timer = setInterval(() => this.host.requestUpdate(), 500);
    this.host.requestUpdate();
  }

  /** Ends the recording: `keep` adds it as a file, else it is dropped. */
  stop(keep: boolean): void {
    const recorder = this.#recorder;
    if (!recorder) return;
    this.#keep = keep;
    this.#recorder = undefined;
    clearInterval(this.#timer);
    recorder.stop();
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.stop(false);
  }

  /** The record button, or the running recording with its timer, Stop and Discard. */
  render(strings: Strings, disabled: boolean) {
    return html`${this.#recorder
      ? html`<span class="recording" part="recording" role="timer">${strings.recording(clock(Date.now() - this.#started))}</span>
          <button type="button" part="stop-button" @click=${() => this.stop(true)}>${strings.stop}</button>
          <button type="button" part="discard-button" @click=${() => this.stop(false)}>${strings.discard}</button>`
      : html`<button type="button" part="record-button" ?disabled=${disabled} @click=${() => void this.start(strings)}>${strings.record}</button>`}
      ${this.error ? html`<p part="error" class="error" role="alert">${this.error}</p>` : nothing}`;
  }
}
