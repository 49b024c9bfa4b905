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
  | 'server';

export interface UploadErrorInit {
  step: UploadStep;
  kind: UploadErrorKind;
  status?: number;
  code?: string;
  message: string;
  body?: unknown;
  /** the request may have reached the server although no answer came back */
  unknownOutcome?: boolean;
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
   * True when the request went out and no answer came back (network drop, timeout): the server
   * may have acted on it. A rooms confirm in this state is never retried by itself (R17).
   */
  readonly unknownOutcome: boolean;

  constructor(init: UploadErrorInit) {
    super(init.message);
    this.name = 'UploadError';
    this.step = init.step;
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.body = init.body;
    this.unknownOutcome = init.unknownOutcome ?? false;
  }

  /** 5xx, network and timeout failures may pass by themselves; 4xx answers will not. */
  get transient(): boolean {
    return this.kind === 'network' || this.kind === 'timeout' || (this.status !== undefined && this.status >= 500) || this.status === 429;
  }
}

