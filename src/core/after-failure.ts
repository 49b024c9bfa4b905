/**
 * What follows a failed try, done: it loads with the first failure, with the policy it follows
 * (`policy.ts`; `lazy-policy.ts` holds both). A plain upload never needs it.
 */
import { online, type QueueHost } from './queue.js';
import { decide } from './policy.js';
import { write } from './items.js';
import type { UploadError } from './upload-error.js';
import type { Binding, UploadItem } from './types.js';

export { decide };

/** What a failure may change of an item's record (`engine.ts`'s `Entry`). */
export interface Failed {
  readonly item: UploadItem;
  /** where it was sent (its words may name it) */
  readonly binding: Binding;
  tries: number;
  waits: number;
  timer?: ReturnType<typeof setTimeout>;
  fresh?: Record<string, string>;
}

/** What the sending code does for one failed try, by its own state. */
export interface FailureSteps {
  /** certainly not posted: the send's message goes with whichever post goes next */
  free(): void;
  /** back to the step to try next */
  reset(): void;
  /** an end state; `free`: certainly not posted, the message goes with whichever post goes next */
  fail(error: UploadError, free: boolean): void;
  /** the step's whole route waits `ms`: the items after this one do not start before it */
  hold(step: 'upload' | 'confirm', ms: number): void;
  /** the credentials were refused: nothing new starts until they change */
  refuse(): void;
  /** the headers of the next try as the credentials are now, before `upload-before` */
  headers(): Record<string, string>;
  /** starts what may start */
  pump(): void;
}

/** Header sets compared by lower-case name: a new token is a new set. */
function sameHeaders(a: Record<string, string>, b: Record<string, string>): boolean {
  const norm = (h: Record<string, string>) => JSON.stringify(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]).sort());
  return norm(a) === norm(b);
}

/** A try failed (`refused`: the headers it went with): the policy says what comes next. */
export function afterFailure(host: QueueHost, entry: Failed, error: UploadError, refused: Record<string, string>, posts: boolean, steps: FailureSteps): void {
  const { item } = entry;
  // A 401: ask the host (`upload-before`) for the next try's headers. New credentials — in the
  // event's headers or in the attributes — are tried (later each time, `policy.ts`); the same
  // ones stop the queue, with the error shown, until the credentials change or the person retries.
  let fresh: Record<string, string> | undefined;
  if (error.kind === 'unauthorized') {
    const headers = steps.headers();
    if (host.emit('upload-before', { item, headers }, true) && !sameHeaders(headers, refused)) fresh = headers;
  }
  const decision = decide({
    error,
    tries: entry.tries,
    retries: host.retries?.() ?? 3,
    base: host.retryDelay?.() ?? 1000,
    posts,
    online: online(),
    freshCredentials: fresh !== undefined,
    waits: entry.waits,
    random: Math.random(),
  });
  if (decision.action === 'network') {
    // Lost with the network before it left: it goes on when the network returns, using no try.
    steps.free();
    steps.reset();
  } else if (decision.action === 'retry' || decision.action === 'wait') {
    steps.free();
    if (decision.action === 'wait') {
      entry.waits++;
      steps.hold(error.step === 'confirm' ? 'confirm' : 'upload', decision.ms);
    } else entry.tries++;
    entry.fresh = fresh;
    // Going again by itself means nothing can be posted twice (policy.ts): a lost answer of a
    // step that only stages bytes is worded as what it is, not as "may already be in the room".
    const shown = error.unknownOutcome ? error.with({ unknownOutcome: false }) : error;
    write(item, { status: 'retrying', error: shown.with({ message: host.words(shown, entry.binding) }), retryAt: Date.now() + decision.ms });
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      if (item.status !== 'retrying') return;
      steps.reset();
      host.changed();
      steps.pump();
    }, decision.ms);
  } else if (decision.action === 'credentials') {
    steps.refuse();
    steps.fail(error, true);
  } else {
    // The request went out and no proof came back: the message may be in the room (R17).
    steps.fail(error.unknownOutcome === decision.maybePosted ? error : error.with({ unknownOutcome: decision.maybePosted }), !decision.maybePosted);
  }
}
