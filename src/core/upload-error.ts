/** The one error type of every failed step, as the element shows it and events carry it. */

export type UploadStep = 'validate' | 'upload' | 'confirm';

export type UploadErrorKind =
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'unauthorized'
  | 'forbidden'
  | 'too-large'
  | 'invalid-type'
  | 'invalid-file'
  | 'not-found'
  | 'server'
  /** a 2xx answer that is not what a chat server sends (HTML, empty, another shape) or a redirect */
  | 'unexpected'
  /** `upload-url` is not a path on `server-url`: nothing was sent */
  | 'bad-address';

export interface UploadErrorInit {
  step: UploadStep;
  kind: UploadErrorKind;
  status?: number;
  code?: string;
  /**
   * What the person is shown. The core puts only the server's own words here (cut to a sane
   * length), or nothing; the element words every kind (`strings.errors`) before it is shown.
   */
  message: string;
  body?: unknown;
  /** the request may have reached the server although no answer came back */
  unknownOutcome?: boolean;
  /** seconds the server asked to wait (`Retry-After`, or "You must wait N seconds") */
  retryAfter?: number;
}

export class UploadError extends Error implements UploadErrorInit {
  readonly step: UploadStep;
  readonly kind: UploadErrorKind;
  /** HTTP status, when there was one */
  readonly status?: number;
  /** the server's error / errorType, verbatim */
  readonly code?: string;
  /** the server's parsed body */
  readonly body?: unknown;
  /**
   * True when the request went out and no proof of the outcome came back (network drop, timeout,
   * a gateway's 5xx on a step that posts, an answer of the wrong shape): the server may have
   * acted on it. A step that posts in this state is never tried again by itself (R17).
   */
  readonly unknownOutcome: boolean;
  /** seconds the server asked to wait before the next try */
  readonly retryAfter?: number;

  constructor(init: UploadErrorInit) {
    super(init.message);
    this.name = 'UploadError';
    this.step = init.step;
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.body = init.body;
    this.unknownOutcome = init.unknownOutcome ?? false;
    this.retryAfter = init.retryAfter;
  }

  /** The same error with some fields changed (the words, or what is known of the outcome). */
  with(change: Partial<UploadErrorInit>): UploadError {
    return new UploadError({ ...this, message: this.message, ...change });
  }

  /** 5xx, network and timeout failures may pass by themselves; 4xx answers will not. */
  get transient(): boolean {
    return this.kind === 'network' || this.kind === 'timeout' || (this.status !== undefined && this.status >= 500) || this.status === 429;
  }
}
