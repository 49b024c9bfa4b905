/**
 * The retry policy as the sending code holds it: what follows a failure (`after-failure.ts`, with
 * `policy.ts`) loads with the first one, beside the error words (a plain upload decides nothing).
 * Should its download fail (offline), the decision is the cautious one: what never left waits for
 * the network, a posting step that may have reached the server is never sent again by itself
 * (R17), and the rest is shown for the person to retry.
 */
import type { Failed, FailureSteps } from './after-failure.js';
import type { Decision, PolicyInput } from './policy.js';
import { online, type QueueHost } from './queue.js';
import type { UploadError } from './upload-error.js';

let policy: typeof import('./after-failure.js') | undefined;

/** Loads the policy (once); a failed download is tried again at the next failure. */
export function loadPolicy(): Promise<void> | undefined {
  if (policy) return undefined;
  return import('./after-failure.js').then(
    (loaded) => void (policy = loaded),
    () => undefined,
  );
}

/** What happens after a failed try (`policy.ts`), or the cautious decision while it is not here. */
export function decide(input: PolicyInput): Decision {
  return policy ? policy.decide(input) : cautious(input);
}

/** The decision while the policy is not here. */
function cautious(input: Pick<PolicyInput, 'error' | 'posts' | 'online'>): Decision {
  const { error, posts } = input;
  if (error.kind === 'aborted') return { action: 'fail', maybePosted: false };
  const neverLeft = error.status === undefined && error.kind === 'network' && !error.unknownOutcome;
  if (neverLeft && !input.online) return { action: 'network' };
  return { action: 'fail', maybePosted: posts && !neverLeft };
}

/** A try failed (`refused`: the headers it went with): what follows it, done (the cautious way while the policy is not here). */
export function failed(host: QueueHost, entry: Failed, error: UploadError, refused: Record<string, string>, posts: boolean, steps: FailureSteps): void {
  if (policy) return policy.afterFailure(host, entry, error, refused, posts, steps);
  const decision = cautious({ error, posts, online: online() });
  if (decision.action === 'network') {
    steps.free();
    steps.reset();
  } else if (decision.action === 'fail') steps.fail(error.unknownOutcome === decision.maybePosted ? error : error.with({ unknownOutcome: decision.maybePosted }), !decision.maybePosted);
}
